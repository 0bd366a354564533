/**
 * Ledger entry import (`sifund ledger import`, POST /api/ledger/imports): opening balances and history migrated
 * from the old system, read by the import pipeline (ledger-entries.schema.ts: CSV/XLSX one row per line, or a JSON
 * array of entries). All or nothing: every problem of every row is listed and nothing is posted; the same file again
 * answers with its first import; an entry posted before (same key, same content) is not posted twice. It moves money,
 * so the API previews first (entries, lines, totals per fund) and posts on confirmation by someone else.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../platform/actor.ts';
import { AppError, rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { confirmImport, getImport, runImport, type ImportDefinition, type ImportFile, type ImportProblem } from '../../platform/imports/index.ts';
import { postPrepared, validateEntries, type PreparedEntry } from './posting.service.ts';
import { parseImportedEntry, readEntryFile, type EntryFile, type FileEntry } from './ledger-entries.schema.ts';
import { ledgerMessages as say, ruleOfEntryProblem } from './ledger.messages.ts';

export interface ImportSummary { entries: number; posted: number; existing: number; lines: number }

/** What confirming a ledger entry file would post: per fund and in total, and the first entries. */
export interface LedgerImportPreview {
  fileName: string; entries: number; toPost: number; alreadyPosted: number; lines: number; amount: string;
  funds: { fund: string; entries: number; toPost: number; lines: number; amount: string }[];
  /** The first 100 entries of the file, in file order. */
  sample: { key: string; fund: string; period: string; date: string; memo: string; lines: number; amount: string; status: 'post' | 'already_posted' }[];
}

const SAMPLE = 100;

/** Posts checked entries as migrated history (kind import) in the caller's transaction, audited. */
async function postImported(tx: Tx, actor: Actor, prepared: PreparedEntry[], fileName: string): Promise<ImportSummary> {
  const results = await postPrepared(tx, actor, prepared);
  const posted = results.filter((r) => r.status === 'posted').length;
  await recordAudit(tx, actor, { action: 'ledger.import', entityType: 'accounting_entry', entityId: fileName, after: { entries: prepared.length, posted, existing: results.length - posted } });
  return { entries: prepared.length, posted, existing: results.length - posted, lines: prepared.reduce((s, p) => s + p.input.lines.length, 0) };
}

/** A ledger problem (row = the entry's position) at the file's rows: a line's problem on its row, an entry's on each of its rows. */
function fileProblems(file: EntryFile, problems: RowProblem[], titleOf: (field: string) => string, valueOf: (row: number, field: string) => string): ImportProblem[] {
  return problems.flatMap((p) => {
    const entry = file.entries[p.row - 1];
    const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(p.field);
    const rule = ruleOfEntryProblem(p.field, p.message);
    if (file.layout === 'json') return [{ ...p, row: entry.rows[0], rule, column: p.field, value: '' }];
    if (line) {
      const row = entry.rows[Number(line[1])];
      const field = line[2] ?? 'debit';
      return [{ row, field, rule, column: titleOf(field), value: valueOf(row, field), message: p.message }];
    }
    const field = p.field === 'key' ? 'entryKey' : p.field === 'source' ? 'sourceType' : p.field;
    const rows = p.field === 'lines' ? entry.rows : [entry.rows[0]];
    const where = entry.rows.length > 1 ? say.rows({ first: entry.rows[0], last: entry.rows[entry.rows.length - 1] }) : say.row({ row: entry.rows[0] });
    return rows.map((row) => ({ row, field, rule, column: titleOf(field), value: valueOf(row, field), message: say.entryProblem({ key: entry.input.key, where, problem: p.message }) }));
  });
}

interface PreparedImport { fileName: string; entries: FileEntry[]; prepared: PreparedEntry[]; alreadyPosted: Set<number> }

const ledgerImport: ImportDefinition<EntryFile, PreparedImport, ImportSummary & { fileName: string }> = {
  kind: 'ledger_entries',
  read: readEntryFile,
  async check(tx, actor, file, read) {
    const prepared: PreparedEntry[] = file.entries.map((e) => ({ input: e.input, kind: 'import' }));
    const checked = await validateEntries(tx, actor, prepared);
    const titleOf = (field: string) => file.columns?.titles.get(field) ?? field;
    const valueOf = (row: number, field: string) => {
      const index = file.columns?.indexOf.get(field);
      return index === undefined ? '' : (read.cellsOf(row)[index] ?? '').trim();
    };
    // Entries posted before with the same content (key and content checked by validateEntries) are not posted again.
    const seen = new Set<string>();
    const alreadyPosted = new Set<number>();
    for (const entry of checked.valid) {
      const id = `${entry.fund.id}|${entry.input.key}`;
      if (checked.existing.has(id) || seen.has(id)) alreadyPosted.add(entry.index);
      seen.add(id);
    }
    return { prepared: { fileName: read.fileName, entries: file.entries, prepared, alreadyPosted }, problems: fileProblems(file, checked.problems, titleOf, valueOf) };
  },
  async preview(_tx, _actor, { fileName, entries, alreadyPosted }) {
    const amountOf = (entry: FileEntry) => entry.input.lines.reduce((sum, l) => sum + (l.debit ?? 0n), 0n);
    const funds = new Map<string, { entries: number; toPost: number; lines: number; amount: bigint }>();
    let toPost = 0, lines = 0, amount = 0n;
    entries.forEach((entry, index) => {
      const total = funds.get(entry.input.fund) ?? { entries: 0, toPost: 0, lines: 0, amount: 0n };
      const posting = !alreadyPosted.has(index);
      funds.set(entry.input.fund, {
        entries: total.entries + 1, toPost: total.toPost + (posting ? 1 : 0), lines: total.lines + (posting ? entry.input.lines.length : 0), amount: total.amount + (posting ? amountOf(entry) : 0n),
      });
      if (posting) { toPost++; lines += entry.input.lines.length; amount += amountOf(entry); }
    });
    const preview: LedgerImportPreview = {
      fileName, entries: entries.length, toPost, alreadyPosted: entries.length - toPost, lines, amount: formatYuan(amount),
      funds: [...funds].sort(([a], [b]) => a.localeCompare(b)).map(([fund, t]) => ({ fund, entries: t.entries, toPost: t.toPost, lines: t.lines, amount: formatYuan(t.amount) })),
      sample: entries.slice(0, SAMPLE).map((entry, index) => ({
        key: entry.input.key, fund: entry.input.fund, period: entry.input.period, date: entry.input.date, memo: entry.input.memo ?? '', lines: entry.input.lines.length,
        amount: formatYuan(amountOf(entry)), status: alreadyPosted.has(index) ? 'already_posted' : 'post',
      })),
    };
    return { ...preview };
  },
  async apply(tx, actor, { fileName, prepared }) {
    const summary = await postImported(tx, actor, prepared, fileName);
    return { applied: summary.posted, result: { fileName, ...summary } };
  },
};

/**
 * Imports a ledger entry file: `apply` posts it at once (the CLI, run by the operator at the server), `preview`
 * checks it and shows what would be posted, keeping the file for `confirmLedgerImport`.
 */
export async function importLedgerFile(database: DatabaseHandle, actor: Actor, file: ImportFile, mode: 'apply' | 'preview' = 'apply') {
  return runImport(database, actor, ledgerImport, file, mode);
}

/**
 * Posts a previewed ledger entry file (checked again). Migrated history posts without the sign-off of a manual entry,
 * so it is confirmed by someone else than the person who previewed it, holding the approval permission
 * (社会保险基金财务制度: 不相容岗位相互分离).
 */
export async function confirmLedgerImport(database: DatabaseHandle, actor: Actor, importId: bigint, sha256?: string) {
  requirePermission(actor, 'ledger.entry.approve');
  const record = await getImport(database, actor, importId);
  if (record.kind === 'ledger_entries' && record.status === 'previewed' && record.by === actor.username) {
    throw new AppError(403, 'separation_of_duties', say.separationOfDuties({ importId }));
  }
  return confirmImport(database, actor, ledgerImport, importId, sha256);
}

/**
 * Posts entries already read (tests, the demo city, the bench): the JSON entry shape, checked all or nothing like a
 * file, without a file's import record. Files go through `importLedgerFile`.
 */
export async function importLedgerEntries(database: DatabaseHandle, actor: Actor, rawEntries: unknown[], fileName = 'entries.json'): Promise<ImportSummary> {
  const problems: RowProblem[] = [];
  const parsed: { row: number; input: NonNullable<ReturnType<typeof parseImportedEntry>> }[] = [];
  rawEntries.forEach((raw, i) => {
    const input = parseImportedEntry(raw, i + 1, problems);
    if (input) parsed.push({ row: i + 1, input });
  });
  return inScope(database, actor, async (tx) => {
    const prepared: PreparedEntry[] = parsed.map((p) => ({ input: p.input, kind: 'import' }));
    const checked = await validateEntries(tx, actor, prepared);
    for (const p of checked.problems) problems.push({ ...p, row: parsed[p.row - 1].row });
    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      const rows = new Set(problems.map((p) => p.row)).size;
      throw rejectedRows(say.importRejected({ rows, total: rawEntries.length }), problems);
    }
    return postImported(tx, actor, prepared, fileName);
  });
}
