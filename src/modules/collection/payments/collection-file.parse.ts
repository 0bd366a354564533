/**
 * The bank's collection file (代收明细): CSV, UTF-8 (BOM allowed), header `date,creditCode,amount,reference`
 * (reference optional), one payment per line. Rows are numbered as the file's lines (header = 1). Every problem of
 * every row is reported, so one refusal lists them all. Each line gets an import key: a hash of the line's text and
 * its occurrence among identical lines, so importing the file again records nothing twice while two genuinely
 * identical payments in one file both count.
 */
import crypto from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { invalid, type RowProblem } from '../../../platform/errors.ts';
import { parseYuan } from '../../../platform/money.ts';
import { dateProblem } from '../../../platform/dates.ts';

const collectionFileColumns = ['date', 'creditCode', 'amount', 'reference'] as const;
const requiredColumns = ['date', 'creditCode', 'amount'];

export interface CollectionRow { row: number; date: string; creditCode: string; amount: bigint; reference: string | null; importKey: string }

/** A payment amount: yuan with at most two decimals, above zero. */
export function paymentAmount(text: string, field = 'amount'): bigint {
  const amount = parseYuan(text, field);
  if (amount <= 0n) throw invalid(field, `must be above zero, got "${text}"`);
  return amount;
}

export function parseCollectionFile(content: Buffer | string): { rows: CollectionRow[]; problems: RowProblem[] } {
  let records: { record: string[]; raw: string }[];
  try {
    records = parseCsv(content, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw invalid('file', `is not a readable CSV file: ${(error as Error).message}`);
  }
  if (records.length === 0) throw invalid('file', 'is empty');
  const header = records[0].record.map((cell) => cell.trim());
  const unknown = header.filter((name) => !(collectionFileColumns as readonly string[]).includes(name));
  const missing = requiredColumns.filter((name) => !header.includes(name));
  if (unknown.length || missing.length) {
    throw invalid('file', `the header must be ${collectionFileColumns.join(',')} (reference optional)${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`);
  }
  const rows: CollectionRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach(({ record, raw }, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    const problem = (field: string, message: string) => problems.push({ row, field, message });
    if (record.length !== header.length) problem('line', `has ${record.length} columns, the header has ${header.length}`);
    const cell = (name: string) => (record[header.indexOf(name)] ?? '').trim();
    const date = cell('date');
    const dateRule = date ? dateProblem(date) : undefined;
    if (!date) problem('date', 'is required'); else if (dateRule) problem('date', `${dateRule}, got "${date}"`);
    const creditCode = cell('creditCode').toUpperCase();
    if (!creditCode) problem('creditCode', 'is required');
    let amount = 0n;
    const amountText = cell('amount');
    if (!amountText) problem('amount', 'is required');
    else {
      try { amount = paymentAmount(amountText); } catch { problem('amount', `must be an amount in yuan above zero with at most two decimals, got "${amountText}"`); }
    }
    const line = raw.replace(/\r?\n$/, '');
    const occurrence = (seen.get(line) ?? 0) + 1;
    seen.set(line, occurrence);
    const importKey = `bank:${crypto.createHash('sha256').update(`${line}\n${occurrence}`).digest('hex')}`;
    rows.push({ row, date, creditCode, amount, reference: cell('reference') || null, importKey });
  });
  if (rows.length === 0 && problems.length === 0) throw invalid('file', 'has a header but no payments');
  return { rows, problems };
}
