/** Typed SQL of the import records (migration 0014): the file imported, previewed or refused, and its problems. */
import { sql, type Generated } from 'kysely';
import { render } from '../messages.ts';
import type { Tx } from '../actor.ts';
import type { ImportProblem } from './check.ts';

export type ImportStatus = 'previewed' | 'applied' | 'rejected';

declare module '../database.ts' {
  interface Tables {
    import_file: {
      id: bigint; kind: string; region_code: string | null; file_name: string; sha256: string; format: string; encoding: string | null;
      size_bytes: bigint; status: ImportStatus; row_count: Generated<number>; applied_count: Generated<number>; error_count: Generated<number>;
      error_row_count: Generated<number>; header: string[] | null; result: unknown; content: Buffer | null; user_id: bigint | null; username: string;
      created_at: Generated<Date>; applied_at: Date | null;
    };
    import_error: {
      import_id: bigint; seq: number; region_code: string | null; row_number: number; field: string; rule: string; column_title: string;
      value: string; message: string; cells: string[];
    };
  }
}

export interface NewImportRecord {
  id: bigint; kind: string; region_code: string | null; file_name: string; sha256: string; format: string; encoding: string | null;
  size_bytes: bigint; status: ImportStatus; row_count: number; applied_count: number; error_count: number; error_row_count: number;
  header: string[] | null; result: unknown; content: Buffer | null; user_id: bigint | null; username: string; applied_at: Date | null;
}

const recordColumns = ['id', 'kind', 'region_code', 'file_name', 'sha256', 'format', 'encoding', 'size_bytes', 'status', 'row_count', 'applied_count',
  'error_count', 'error_row_count', 'header', 'result', 'user_id', 'username', 'created_at', 'applied_at'] as const;

export async function insertImportRecord(tx: Tx, record: NewImportRecord): Promise<void> {
  await tx.insertInto('import_file').values({ ...record, result: record.result === null ? null : JSON.stringify(record.result) }).execute();
}

/** The applied import of these bytes of this kind visible in the scope (its result answers a second import). */
export async function findAppliedImport(tx: Tx, kind: string, sha256: string) {
  return tx.selectFrom('import_file').select(recordColumns).where('kind', '=', kind).where('sha256', '=', sha256).where('status', '=', 'applied')
    .orderBy('created_at').limit(1).executeTakeFirst();
}

export async function findImport(tx: Tx, id: bigint) {
  return tx.selectFrom('import_file').select(recordColumns).where('id', '=', id).executeTakeFirst();
}

/** A previewed import with its stored bytes, locked until its confirmation commits. */
export async function lockPreviewedImport(tx: Tx, id: bigint) {
  return tx.selectFrom('import_file').select([...recordColumns, 'content']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markImportApplied(tx: Tx, id: bigint, counts: { applied_count: number; result: unknown }): Promise<void> {
  await tx.updateTable('import_file').set({ status: 'applied', applied_count: counts.applied_count, result: JSON.stringify(counts.result), content: null, applied_at: new Date() })
    .where('id', '=', id).where('status', '=', 'previewed').execute();
}

export const importStatuses: readonly ImportStatus[] = ['previewed', 'applied', 'rejected'];
export interface ImportFilter { kind?: string; status?: ImportStatus }

/** Import records of a kind and a status (the previews waiting for a second person …); the caller orders and pages them. */
export function importsQuery(tx: Tx, filter: ImportFilter) {
  let query = tx.selectFrom('import_file').select(recordColumns);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

/** Stores a refused file's problems with their rows' cells, in chunks (unnest of arrays); the messages in Chinese, as the error workbook shows them to the office that wrote the file. */
export async function insertImportErrors(tx: Tx, importId: bigint, regionCode: string | null, problems: (ImportProblem & { cells: string[] })[]): Promise<void> {
  for (let start = 0; start < problems.length; start += 5000) {
    const chunk = problems.slice(start, start + 5000);
    // text[][] cannot be unnested row by row, so the cells travel as one JSON array per problem.
    await sql`insert into import_error (import_id, seq, region_code, row_number, field, rule, column_title, value, message, cells)
      select ${importId}, t.seq, ${regionCode}, t.row_number, t.field, t.rule, t.column_title, t.value, t.message, array(select jsonb_array_elements_text(t.cells))
        from unnest(${chunk.map((_, k) => start + k + 1)}::int[], ${chunk.map((p) => p.row)}::int[], ${chunk.map((p) => p.field)}::text[], ${chunk.map((p) => p.rule)}::text[],
          ${chunk.map((p) => p.column)}::text[], ${chunk.map((p) => p.value)}::text[], ${chunk.map((p) => render(p.message, 'zh-CN'))}::text[], ${chunk.map((p) => JSON.stringify(p.cells))}::jsonb[])
          as t(seq, row_number, field, rule, column_title, value, message, cells)`.execute(tx);
  }
}

export async function importErrors(tx: Tx, importId: bigint) {
  return tx.selectFrom('import_error').select(['row_number', 'field', 'rule', 'column_title', 'value', 'message', 'cells'])
    .where('import_id', '=', importId).orderBy('seq').execute();
}
