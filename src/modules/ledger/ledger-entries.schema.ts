/**
 * What a ledger entry file (migrated opening balances and history, `sifund ledger import`) is to the import pipeline
 * (src/platform/imports), and how its rows become entries. Two layouts:
 *  - a table (CSV in UTF-8 or GB18030/GBK, or XLSX), one row per line, the rows of an entry sharing its key:
 *      key 凭证号 · fund 基金代码 · period 会计期间 (default: the date's month) · date 记账日期 · memo 摘要 ·
 *      account 科目代码 · debit 借方金额 · credit 贷方金额 · subject 预算科目 · reference 业务参考号 ·
 *      lineMemo 分录摘要 · sourceType 来源类型 · sourceId 来源单号 · correctionOfPeriod 更正期间
 *    The entry's own columns (fund, period, date, memo, source, correctionOfPeriod) may be written on its first row
 *    only; a later row that writes another value is refused.
 *  - a JSON array of entries `{key, fund, period, date, memo, lines: [{account, debit?, credit?, subject?,
 *    reference?, memo?}], source?, correctionOfPeriod?}` with money in yuan strings (row = the entry's position).
 */
import { fieldSaid, invalid, type RowProblem } from '../../platform/errors.ts';
import type { Said } from '../../platform/messages.ts';
import { parseYuan } from '../../platform/money.ts';
import {
  decodeText, moreProblems, registerFields, tableReader, type CheckedTable, type ImportFile, type ImportLimits, type ImportProblem, type ImportSchema, type ReadFile,
} from '../../platform/imports/index.ts';
import type { EntryInput, LineInput } from './journal.calc.ts';
import { allOf, entryMessages as say, ledgerMessages, ruleOfEntryProblem } from './ledger.messages.ts';

registerFields({
  entryKey: { titles: ['key', '凭证号', '凭证编号', '分录号'] },
  fund: { titles: ['基金代码', '基金'] },
  period: { titles: ['会计期间', '期间'] },
  account: { titles: ['科目代码', '会计科目', '科目'] },
  debit: { titles: ['借方金额', '借方'] },
  credit: { titles: ['贷方金额', '贷方'] },
  subject: { titles: ['预算科目', '预算科目代码'] },
  memo: { titles: ['摘要', '备注'] },
  lineMemo: { titles: ['分录摘要', '明细摘要'] },
  sourceType: { titles: ['来源类型', '业务类型'] },
  sourceId: { titles: ['来源单号', '业务单号'] },
  correctionOfPeriod: { titles: ['更正期间'] },
});

/** No template of ours yet: no column has an example, so no row is ever taken for a template's example row. */
export const ledgerEntrySchema: ImportSchema = {
  kind: 'ledger_entries',
  columns: [
    { field: 'entryKey', required: true },
    { field: 'fund' },
    { field: 'period' },
    { field: 'date', type: 'date' },
    { field: 'memo' },
    { field: 'account', required: true },
    { field: 'debit', type: 'amount' },
    { field: 'credit', type: 'amount' },
    { field: 'subject' },
    { field: 'reference' },
    { field: 'lineMemo' },
    { field: 'sourceType' },
    { field: 'sourceId' },
    { field: 'correctionOfPeriod' },
  ],
};

/** One entry of a file and the rows it was read from (a table: one row per line; JSON: the entry's position). */
export interface FileEntry { input: EntryInput; rows: number[] }
export interface EntryFile {
  layout: 'table' | 'json'; entries: FileEntry[];
  /** A table's columns: field → the title as the file writes it, and its index. */
  columns?: { titles: Map<string, string>; indexOf: Map<string, number> };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Turns one JSON entry into an EntryInput, or lists what is wrong with its shape. Also reads a drafted manual entry. */
export function parseImportedEntry(raw: unknown, row: number, problems: RowProblem[]): EntryInput | undefined {
  const add = (field: string, message: Said) => problems.push({ row, field, message });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) { add('entry', say.mustBeObject()); return undefined; }
  const item = raw as Record<string, unknown>;
  const before = problems.length;
  for (const field of ['key', 'fund', 'period', 'date'] as const) if (!text(item[field])) add(field, say.requiredString());
  if (item.memo !== undefined && typeof item.memo !== 'string') add('memo', say.mustBeString());
  let source: EntryInput['source'] = null;
  if (item.source !== undefined && item.source !== null) {
    const s = item.source as Record<string, unknown>;
    if (!text(s?.type) || !text(s?.id)) add('source', say.sourceShape({ shape: '{type, id}' }));
    else source = { type: String(s.type), id: String(s.id) };
  }
  if (!Array.isArray(item.lines)) { add('lines', say.linesShape({ shape: '{account, debit | credit}' })); return undefined; }
  const lines: LineInput[] = [];
  item.lines.forEach((rawLine, i) => {
    const line = rawLine as Record<string, unknown>;
    const at = `lines[${i}]`;
    if (!line || typeof line !== 'object') { add(at, say.mustBeObject()); return; }
    if (!text(line.account)) add(`${at}.account`, say.accountRequired());
    const amount = (field: 'debit' | 'credit') => {
      if (line[field] === undefined || line[field] === null) return undefined;
      if (typeof line[field] !== 'string') { add(`${at}.${field}`, say.yuanString()); return undefined; }
      try { return parseYuan(line[field] as string, `${at}.${field}`); } catch { add(`${at}.${field}`, say.yuanShape({ value: line[field] as string })); return undefined; }
    };
    const debit = amount('debit');
    const credit = amount('credit');
    if (line.subject !== undefined && line.subject !== null && typeof line.subject !== 'string') add(`${at}.subject`, say.subjectCode());
    lines.push({ account: String(line.account ?? ''), debit, credit, subject: text(line.subject) ?? null, reference: text(line.reference) ?? null, memo: text(line.memo) ?? null });
  });
  if (problems.length > before) return undefined;
  return {
    key: String(item.key), fund: String(item.fund), period: String(item.period), date: String(item.date), memo: text(item.memo) ?? '',
    source, correctionOfPeriod: text(item.correctionOfPeriod) ?? null, lines,
  };
}

/** "2026-01", "202601", "2026/1", "2026.01", "2026年1月" → 2026-01; anything else as written (validation names it). */
export function periodText(value: string): string {
  const match = /^(\d{4})[-/.]?(\d{1,2})$/.exec(value) ?? /^(\d{4})年(\d{1,2})月$/.exec(value);
  return match && Number(match[2]) >= 1 && Number(match[2]) <= 12 ? `${match[1]}-${match[2].padStart(2, '0')}` : value;
}

const ENTRY_FIELDS = ['fund', 'period', 'date', 'memo', 'sourceType', 'sourceId', 'correctionOfPeriod'] as const;

/** A table's rows grouped into entries by key (in the order keys first appear); every problem of a row listed. */
export function entriesOfTable(table: CheckedTable): { entries: FileEntry[]; problems: ImportProblem[] } {
  const absent = (['fund', 'date'] as const).filter((field) => !table.indexOf.has(field));
  const column = { fund: ledgerMessages.columnFund(), date: ledgerMessages.columnDate() };
  if (absent.length) throw invalid('file', ledgerMessages.missingColumns({ columns: allOf(absent.map((field) => column[field]), ledgerMessages.listMore) }));
  const problems = moreProblems(table);
  const byKey = new Map<string, CheckedTable['rows']>();
  for (const row of table.rows) {
    const key = row.values.entryKey as string | undefined;
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const entries: FileEntry[] = [];
  for (const [key, rows] of byKey) {
    const own = new Map<string, { value: string; row: number }>();
    for (const { row, values } of rows) {
      for (const field of ENTRY_FIELDS) {
        const value = values[field] as string | undefined;
        if (value === undefined) continue;
        const first = own.get(field);
        if (!first) own.set(field, { value, row });
        else if (first.value !== value) problems.add(row, field, 'same_in_entry', ledgerMessages.differsFromRow({ key, row: first.row, value: first.value, field: fieldSaid(field) }));
      }
    }
    for (const required of ['fund', 'date'] as const) {
      if (!own.has(required)) problems.add(rows[0].row, required, 'required', ledgerMessages.requiredOnFirstRow({ key }));
    }
    if (rows.some((r) => !r.valid) || !own.has('fund') || !own.has('date')) continue;
    const field = (name: (typeof ENTRY_FIELDS)[number]) => own.get(name)?.value;
    const date = field('date')!;
    const sourceType = field('sourceType'), sourceId = field('sourceId');
    entries.push({
      rows: rows.map((r) => r.row),
      input: {
        key, fund: field('fund')!, period: periodText(field('period') ?? date.slice(0, 7)), date, memo: field('memo') ?? '',
        source: sourceType || sourceId ? { type: sourceType ?? '', id: sourceId ?? '' } : null,
        correctionOfPeriod: field('correctionOfPeriod') === undefined ? null : periodText(field('correctionOfPeriod')!),
        lines: rows.map(({ values }) => ({
          account: values.account as string, debit: values.debit as bigint | undefined, credit: values.credit as bigint | undefined,
          subject: (values.subject as string | undefined) ?? null, reference: (values.reference as string | undefined) ?? null, memo: (values.lineMemo as string | undefined) ?? null,
        })),
      },
    });
  }
  return { entries, problems: problems.list };
}

/** A JSON file by its name or its first character ("[" after spaces or a BOM). */
export function isJsonFile(file: ImportFile): boolean {
  if (/\.json$/i.test(file.fileName)) return true;
  let i = file.content[0] === 0xef && file.content[1] === 0xbb && file.content[2] === 0xbf ? 3 : 0;
  while (i < file.content.length && [0x20, 0x09, 0x0a, 0x0d].includes(file.content[i])) i++;
  return file.content[i] === 0x5b;
}

const MAX_CELL = 32_000; // an XLSX cell holds at most 32,767 characters

function readJsonEntries(file: ImportFile): ReadFile<EntryFile> {
  const { text: source, encoding } = decodeText(file.content, file.encoding);
  let parsed: unknown;
  try { parsed = JSON.parse(source); } catch (error) { throw invalid('file', ledgerMessages.notJson({ detail: (error as Error).message })); }
  if (!Array.isArray(parsed)) throw invalid('file', ledgerMessages.notJsonArray());
  if (parsed.length === 0) throw invalid('file', ledgerMessages.noEntries());
  const raw = parsed as unknown[];
  const found: RowProblem[] = [];
  const entries: FileEntry[] = [];
  raw.forEach((item, i) => {
    const input = parseImportedEntry(item, i + 1, found);
    if (input) entries.push({ input, rows: [i + 1] });
  });
  return {
    fileName: file.fileName, format: 'json', encoding, header: ['entry (JSON)'], rows: { layout: 'json', entries }, rowCount: raw.length,
    problems: found.map((p) => ({ ...p, rule: ruleOfEntryProblem(p.field, p.message), column: p.field, value: '' })),
    cellsOf: (row) => [JSON.stringify(raw[row - 1] ?? null).slice(0, MAX_CELL)],
  };
}

const readTable = tableReader(ledgerEntrySchema);

/** The read step of the ledger entry import: a JSON array, or a CSV/XLSX table through the pipeline's table reader. */
export async function readEntryFile(file: ImportFile, limits: ImportLimits): Promise<ReadFile<EntryFile>> {
  if (isJsonFile(file)) return readJsonEntries(file);
  const table = await readTable(file, limits);
  const { entries, problems } = entriesOfTable(table.rows);
  return { ...table, rows: { layout: 'table', entries, columns: { titles: table.rows.titles, indexOf: table.rows.indexOf } }, problems: [...table.problems, ...problems] };
}
