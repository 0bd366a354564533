/**
 * The import pipeline every import runs through (issue 9): size limit → SHA-256 → a file applied before answers with
 * its first result → read (CSV/XLSX/XML/JSON into rows, each value checked) → the module's checks against the
 * database → apply all or nothing in one transaction with the import's record, or refuse listing every problem (the
 * first ones in the answer, all of them in the error workbook, kept with the refused import's record). An import
 * that moves money is previewed first and applied on confirmation of that preview.
 */
import crypto from 'node:crypto';
import type { DatabaseHandle } from '../database.ts';
import { inScope, type Actor, type Tx } from '../actor.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import type { Language } from '../messages.ts';
import { importMessages as said, importStatus } from './imports.messages.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { TextEncoding } from './decode.ts';
import type { ImportProblem } from './check.ts';
import { fileTooLarge, importLimits, type FileFormat, type ImportLimits } from './read.ts';
import * as repository from './imports.repository.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../http/lists.ts';

/** How many problems the JSON answer carries; the error workbook has them all. */
export const ANSWERED_PROBLEMS = 100;

export interface ImportFile { fileName: string; content: Buffer; encoding?: TextEncoding }

/** What reading a file gives: its rows for the module, the problems of their values, and what the record keeps. */
export interface ReadFile<Rows> {
  fileName: string;
  format: FileFormat | 'json';
  encoding: TextEncoding | null;
  header: string[] | null;
  rows: Rows;
  rowCount: number;
  problems: ImportProblem[];
  /** The original cells of a row (for the error workbook). */
  cellsOf: (row: number) => string[];
}

export interface ImportDefinition<Rows, Prepared, Result> {
  kind: string;
  /** Reads the file (no database); long files yield to the event loop while read. */
  read(file: ImportFile, limits: ImportLimits): Promise<ReadFile<Rows>>;
  /** The actor the transaction runs as (payments book into every fund of the employer's bills: a widened scope). */
  transactionActor?: (actor: Actor) => Actor;
  /** Checks the rows against the database (references, duplicates, scope); problems refuse the file. */
  check(tx: Tx, actor: Actor, rows: Rows, read: ReadFile<Rows>): Promise<{ prepared: Prepared; problems: ImportProblem[] }>;
  /** What applying would do, for an import that moves money (rows, total, how it is applied). Writes nothing. */
  preview?(tx: Tx, actor: Actor, prepared: Prepared): Promise<Record<string, unknown>>;
  /** Applies the checked rows; returns how many rows changed something and the answer. */
  apply(tx: Tx, actor: Actor, prepared: Prepared, context: { importId: bigint; fileName: string }): Promise<{ applied: number; result: Result }>;
}

export interface ImportAnswer { importId: string; sha256: string; alreadyImported: boolean }

/** A refused file: the first problems and their count, and where the error workbook is. */
export class ImportRejected extends AppError {
  constructor(readonly importId: bigint, readonly problems: ImportProblem[], readonly rowsWithProblems: number, readonly totalRows: number) {
    const counts = { rowsWithProblems, totalRows, importId };
    super(422, 'rows_rejected',
      problems.length > ANSWERED_PROBLEMS ? said.rejectedFirstListed({ ...counts, listed: ANSWERED_PROBLEMS, problems: problems.length }) : said.rejected(counts),
      undefined, problems.slice(0, ANSWERED_PROBLEMS));
  }
  override toJSON(language: Language = 'en') {
    const base = super.toJSON(language);
    return { error: { ...base.error, importId: String(this.importId), errorCount: this.problems.length, errorRowCount: this.rowsWithProblems, errorWorkbook: `/api/imports/${this.importId}/errors.xlsx` } };
  }
}

const sha256Of = (content: Buffer) => crypto.createHash('sha256').update(content).digest('hex');

function checkSize(content: Buffer, limits: ImportLimits) {
  if (content.length > limits.fileBytes) throw fileTooLarge(limits.fileBytes);
  if (content.length === 0) throw invalid('file', said.empty());
}

function baseRecord(kind: string, actor: Actor, file: ImportFile, sha256: string, read: ReadFile<unknown>) {
  return {
    kind, region_code: actor.regionCode, file_name: file.fileName, sha256, format: read.format, encoding: read.encoding, size_bytes: BigInt(file.content.length),
    row_count: read.rowCount, header: read.header, user_id: actor.userId, username: actor.username,
  };
}

async function reject<Rows>(database: DatabaseHandle, actor: Actor, kind: string, file: ImportFile, sha256: string, read: ReadFile<Rows>, problems: ImportProblem[]): Promise<never> {
  problems.sort((a, b) => a.row - b.row);
  const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
  const id = newId();
  await inScope(database, actor, async (tx) => {
    await repository.insertImportRecord(tx, {
      ...baseRecord(kind, actor, file, sha256, read), id, status: 'rejected', applied_count: 0, error_count: problems.length, error_row_count: rowsWithProblems,
      result: null, content: null, applied_at: null,
    });
    await repository.insertImportErrors(tx, id, actor.regionCode, problems.map((p) => ({ ...p, cells: read.cellsOf(p.row) })));
  });
  throw new ImportRejected(id, problems, rowsWithProblems, read.rowCount);
}

/** An applied file of this kind with these bytes: its first result, marked as a repeat. */
async function earlierImport(database: DatabaseHandle, actor: Actor, kind: string, sha256: string) {
  const earlier = await inScope(database, actor, (tx) => repository.findAppliedImport(tx, kind, sha256));
  return earlier && { ...(earlier.result as Record<string, unknown>), importId: String(earlier.id), sha256, alreadyImported: true };
}

/**
 * Imports a file all or nothing (mode apply), or previews it (mode preview: checked, nothing applied, the file kept
 * until `confirmImport`). A file applied before answers with its first result and changes nothing.
 */
export async function runImport<Rows, Prepared, Result extends object>(
  database: DatabaseHandle, actor: Actor, definition: ImportDefinition<Rows, Prepared, Result>, file: ImportFile, mode: 'apply' | 'preview' = 'apply',
): Promise<ImportAnswer & Result> {
  const limits = importLimits();
  checkSize(file.content, limits);
  const sha256 = sha256Of(file.content);
  const earlier = await earlierImport(database, actor, definition.kind, sha256);
  if (earlier) return earlier as ImportAnswer & Result;
  const read = await definition.read(file, limits);
  const working = definition.transactionActor?.(actor) ?? actor;
  let problems: ImportProblem[] = [];
  const answer = await inScope(database, working, async (tx) => {
    const checked = await definition.check(tx, working, read.rows, read);
    problems = [...read.problems, ...checked.problems];
    if (problems.length) return undefined;
    const id = newId();
    if (mode === 'preview') {
      if (!definition.preview) throw invalid('mode', said.noPreview({ kind: definition.kind }));
      const preview = await definition.preview(tx, working, checked.prepared);
      await repository.insertImportRecord(tx, {
        ...baseRecord(definition.kind, actor, file, sha256, read), id, status: 'previewed', applied_count: 0, error_count: 0, error_row_count: 0,
        result: preview, content: file.content, applied_at: null,
      });
      return { ...preview, importId: String(id), sha256, alreadyImported: false } as unknown as ImportAnswer & Result;
    }
    const { applied, result } = await definition.apply(tx, working, checked.prepared, { importId: id, fileName: file.fileName });
    await repository.insertImportRecord(tx, {
      ...baseRecord(definition.kind, actor, file, sha256, read), id, status: 'applied', applied_count: applied, error_count: 0, error_row_count: 0,
      result, content: null, applied_at: new Date(),
    });
    await recordAudit(tx, working, { action: `import.${definition.kind}`, entityType: 'import', entityId: id, after: { fileName: file.fileName, sha256, rows: read.rowCount, applied } });
    return { ...result, importId: String(id), sha256, alreadyImported: false };
  });
  if (answer) return answer;
  return reject(database, actor, definition.kind, file, sha256, read, problems);
}

/** Applies a previewed import (its stored bytes, checked again: the database may have changed since the preview). */
export async function confirmImport<Rows, Prepared, Result extends object>(
  database: DatabaseHandle, actor: Actor, definition: ImportDefinition<Rows, Prepared, Result>, importId: bigint, expectedSha256?: string,
): Promise<ImportAnswer & Result> {
  // The record must be the actor's own scope's, not only visible in the widened scope its transaction may run in.
  if (!await inScope(database, actor, (tx) => repository.findImport(tx, importId))) throw notFound(said.importOfKind({ kind: definition.kind, importId }));
  const working = definition.transactionActor?.(actor) ?? actor;
  let refused: { file: ImportFile; sha256: string; read: ReadFile<Rows>; problems: ImportProblem[] } | undefined;
  const answer = await inScope(database, working, async (tx) => {
    const record = await repository.lockPreviewedImport(tx, importId);
    if (!record || record.kind !== definition.kind) throw notFound(said.importOfKind({ kind: definition.kind, importId }));
    if (expectedSha256 !== undefined && expectedSha256 !== record.sha256) throw conflict('sha256', said.previewedOtherFile({ importId, previewed: record.sha256, expected: expectedSha256 }));
    if (record.status === 'applied') return { ...(record.result as Result), importId: String(record.id), sha256: record.sha256, alreadyImported: true };
    if (record.status !== 'previewed' || !record.content) throw conflict('importId', said.notPreviewed({ importId, status: importStatus(record.status) }));
    const applied = await repository.findAppliedImport(tx, definition.kind, record.sha256);
    if (applied) return { ...(applied.result as Result), importId: String(applied.id), sha256: record.sha256, alreadyImported: true };
    const file: ImportFile = { fileName: record.file_name, content: record.content, encoding: (record.encoding ?? undefined) as TextEncoding | undefined };
    const read = await definition.read(file, importLimits());
    const checked = await definition.check(tx, working, read.rows, read);
    const problems = [...read.problems, ...checked.problems];
    if (problems.length) { refused = { file, sha256: record.sha256, read, problems }; return undefined; }
    const { applied: count, result } = await definition.apply(tx, working, checked.prepared, { importId, fileName: record.file_name });
    await repository.markImportApplied(tx, importId, { applied_count: count, result });
    await recordAudit(tx, working, { action: `import.${definition.kind}`, entityType: 'import', entityId: importId, after: { fileName: record.file_name, sha256: record.sha256, rows: read.rowCount, applied: count, confirmedBy: actor.username } });
    return { ...result, importId: String(importId), sha256: record.sha256, alreadyImported: false };
  });
  if (answer) return answer;
  return reject(database, actor, definition.kind, refused!.file, refused!.sha256, refused!.read, refused!.problems);
}

export interface ImportRecordView {
  id: string; kind: string; fileName: string; sha256: string; format: string; encoding: string | null; sizeBytes: number; status: string;
  rows: number; applied: number; errors: number; errorRows: number; by: string; userId: string | null; at: string; appliedAt: string | null; result: unknown;
}

const view = (r: NonNullable<Awaited<ReturnType<typeof repository.findImport>>>): ImportRecordView => ({
  id: String(r.id), kind: r.kind, fileName: r.file_name, sha256: r.sha256, format: r.format, encoding: r.encoding, sizeBytes: Number(r.size_bytes), status: r.status,
  rows: r.row_count, applied: r.applied_count, errors: r.error_count, errorRows: r.error_row_count, by: r.username, userId: r.user_id === null ? null : String(r.user_id),
  at: r.created_at.toISOString(), appliedAt: r.applied_at?.toISOString() ?? null, result: r.result,
});

/** Newest first; the id breaks ties. */
const newestFirst: SortKey[] = [{ by: 'created_at', direction: 'desc' }, { by: 'id', direction: 'desc' }];

/** A page of the imports in the actor's scope, newest first, with their count. */
export async function listImports(database: DatabaseHandle, actor: Actor, filter: repository.ImportFilter, request: ListRequest): Promise<ListAnswer<ImportRecordView>> {
  return inScope(database, actor, (tx) => listPage(tx, repository.importsQuery(tx, filter), newestFirst, request, (rows) => rows.map(view)));
}

/** The imports past the cursor, uncounted (an export walks them page by page). */
export async function importRows(database: DatabaseHandle, actor: Actor, filter: repository.ImportFilter, request: ListRequest) {
  const page = await inScope(database, actor, (tx) => keysetPage(repository.importsQuery(tx, filter), newestFirst, request));
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function getImport(database: DatabaseHandle, actor: Actor, id: bigint): Promise<ImportRecordView> {
  const record = await inScope(database, actor, (tx) => repository.findImport(tx, id));
  if (!record) throw notFound(said.importById({ importId: id }));
  return view(record);
}

/** The error workbook of a refused import: the file's rows that have problems, as they were, with a reason column. */
export async function importErrorRows(database: DatabaseHandle, actor: Actor, id: bigint) {
  return inScope(database, actor, async (tx) => {
    const record = await repository.findImport(tx, id);
    if (!record) throw notFound(said.importById({ importId: id }));
    if (record.status !== 'rejected') throw conflict('id', said.noErrorRows({ importId: id, status: importStatus(record.status) }));
    return { record: view(record), header: record.header ?? [], errors: await repository.importErrors(tx, id) };
  });
}
