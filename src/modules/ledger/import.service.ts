/**
 * `sifund ledger import`: opening balances and history migrated from the old system, as a JSON array of entries
 * `{key, fund, period, date, memo, lines: [{account, debit?, credit?, subject?, reference?, memo?}], source?}` with
 * money in yuan strings. All or nothing: every problem of every entry is listed and nothing is applied; a
 * re-import of the same file changes nothing (idempotent by key).
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor } from '../../platform/actor.ts';
import { invalid, rejectedRows, type RowProblem } from '../../platform/errors.ts';
import { parseYuan } from '../../platform/money.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { postPrepared, validateEntries, type PreparedEntry } from './posting.service.ts';
import type { EntryInput, LineInput } from './journal.calc.ts';

export interface ImportSummary { entries: number; posted: number; existing: number; lines: number }

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Turns one JSON entry into an EntryInput, or lists what is wrong with its shape. */
export function parseImportedEntry(raw: unknown, row: number, problems: RowProblem[]): EntryInput | undefined {
  const add = (field: string, message: string) => problems.push({ row, field, message });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) { add('entry', 'must be an object'); return undefined; }
  const item = raw as Record<string, unknown>;
  const before = problems.length;
  for (const field of ['key', 'fund', 'period', 'date'] as const) if (!text(item[field])) add(field, 'is required (a string)');
  if (item.memo !== undefined && typeof item.memo !== 'string') add('memo', 'must be a string');
  let source: EntryInput['source'] = null;
  if (item.source !== undefined && item.source !== null) {
    const s = item.source as Record<string, unknown>;
    if (!text(s?.type) || !text(s?.id)) add('source', 'must be {type, id} strings');
    else source = { type: String(s.type), id: String(s.id) };
  }
  if (!Array.isArray(item.lines)) { add('lines', 'must be an array of {account, debit | credit}'); return undefined; }
  const lines: LineInput[] = [];
  item.lines.forEach((rawLine, i) => {
    const line = rawLine as Record<string, unknown>;
    const at = `lines[${i}]`;
    if (!line || typeof line !== 'object') { add(at, 'must be an object'); return; }
    if (!text(line.account)) add(`${at}.account`, 'is required (an account code from `sifund ledger accounts`)');
    const amount = (field: 'debit' | 'credit') => {
      if (line[field] === undefined || line[field] === null) return undefined;
      if (typeof line[field] !== 'string') { add(`${at}.${field}`, 'must be a yuan string like "1000.00"'); return undefined; }
      try { return parseYuan(line[field] as string, `${at}.${field}`); } catch (error) { add(`${at}.${field}`, (error as Error).message.replace(/^[^:]*: /, '')); return undefined; }
    };
    const debit = amount('debit');
    const credit = amount('credit');
    if (line.subject !== undefined && line.subject !== null && typeof line.subject !== 'string') add(`${at}.subject`, 'must be a budget subject code');
    lines.push({ account: String(line.account ?? ''), debit, credit, subject: text(line.subject) ?? null, reference: text(line.reference) ?? null, memo: text(line.memo) ?? null });
  });
  if (problems.length > before) return undefined;
  return {
    key: String(item.key), fund: String(item.fund), period: String(item.period), date: String(item.date), memo: text(item.memo) ?? '',
    source, correctionOfPeriod: text(item.correctionOfPeriod) ?? null, lines,
  };
}

export function parseImportFile(content: string): unknown[] {
  let parsed: unknown;
  try { parsed = JSON.parse(content); } catch (error) { throw invalid('file', `is not JSON: ${(error as Error).message}`); }
  if (!Array.isArray(parsed)) throw invalid('file', 'must be a JSON array of entries');
  return parsed;
}

export async function importLedgerEntries(database: DatabaseHandle, actor: Actor, rawEntries: unknown[], fileName = 'entries.json'): Promise<ImportSummary> {
  const problems: RowProblem[] = [];
  const parsed: { row: number; input: EntryInput }[] = [];
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
      throw rejectedRows(`${rows} of ${rawEntries.length} entries have problems; nothing was imported (共 ${rows} 笔分录有误，未导入任何数据)`, problems);
    }
    const results = await postPrepared(tx, actor, prepared);
    const posted = results.filter((r) => r.status === 'posted').length;
    await recordAudit(tx, actor, { action: 'ledger.import', entityType: 'accounting_entry', entityId: fileName, after: { entries: rawEntries.length, posted, existing: results.length - posted } });
    return { entries: rawEntries.length, posted, existing: results.length - posted, lines: prepared.reduce((s, p) => s + p.input.lines.length, 0) };
  });
}
