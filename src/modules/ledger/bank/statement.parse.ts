/**
 * Bank statements (银行对账单) as CSV and as ISO 20022 camt.053 (BankToCustomerStatement). A file is accepted
 * whole or refused whole with the line number of every problem. Amounts are signed from the fund's side:
 * + money into the account (bank credit, 贷方/收入), − money out (bank debit, 借方/支出).
 *
 * CSV columns (header row; English names or the Chinese labels most bank exports use):
 *   date 交易日期 (YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)      required
 *   credit 贷方发生额/收入金额 and debit 借方发生额/支出金额  one of them per line, or
 *   amount 金额 (signed: + in, − out)
 *   balance 余额 (running balance after the line)           required: gives the opening and closing balances
 *   valueDate 起息日, reference 业务参考号/附言, counterpartyName 对方户名, counterpartyAccount 对方账号,
 *   description 摘要, transactionId 交易流水号                   optional
 */
import crypto from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseYuan } from '../../../platform/money.ts';
import type { RowProblem } from '../../../platform/errors.ts';
import { isDate } from '../journal.calc.ts';
import { XmlError, child, children, parseXml, path, textAt, type XmlElement } from './xml.parse.ts';

export interface StatementLine {
  fileLine: number;
  bookingDate: string;
  valueDate: string | null;
  amount: bigint;
  reference: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  description: string | null;
  bankTransactionId: string | null;
}

export interface ParsedStatement {
  format: 'csv' | 'camt053';
  reference: string | null;
  accountNumber: string | null;
  fromDate: string;
  toDate: string;
  openingBalance: bigint;
  closingBalance: bigint;
  lines: StatementLine[];
  fileLine: number;
}

export type ParseResult = { ok: true; statements: ParsedStatement[] } | { ok: false; problems: RowProblem[] };

const CSV_COLUMNS: Record<string, string[]> = {
  date: ['date', 'bookingdate', '交易日期', '记账日期', '日期'],
  valueDate: ['valuedate', '起息日', '起息日期'],
  debit: ['debit', '借方发生额', '支出金额', '借方金额', '支出'],
  credit: ['credit', '贷方发生额', '收入金额', '贷方金额', '收入'],
  amount: ['amount', '金额', '交易金额'],
  balance: ['balance', '余额', '账户余额'],
  reference: ['reference', '业务参考号', '附言', '用途', '参考号'],
  counterpartyName: ['counterpartyname', 'counterparty', '对方户名', '对方名称'],
  counterpartyAccount: ['counterpartyaccount', '对方账号'],
  description: ['description', '摘要', '备注'],
  transactionId: ['transactionid', '交易流水号', '流水号'],
};

function normalizeDate(text: string | undefined): string | undefined {
  const value = (text ?? '').trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (!compact) return undefined;
  const date = `${compact[1]}-${compact[2].padStart(2, '0')}-${compact[3].padStart(2, '0')}`;
  return isDate(date) ? date : undefined;
}

/** "1,234.56" → 123456n; undefined when empty; throws on anything else. */
function money(text: string | undefined, field: string): bigint | undefined {
  const value = (text ?? '').replace(/[,\s¥￥]/g, '');
  if (!value) return undefined;
  return parseYuan(value, field);
}

const nonEmpty = (text: string | undefined) => (text && text.trim() ? text.trim() : null);

export function parseCsvStatement(content: string): ParseResult {
  const problems: RowProblem[] = [];
  let records: string[][];
  try {
    records = parseCsv(content.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { ok: false, problems: [{ row: e.lines ?? 1, field: 'file', message: `not a readable CSV file: ${e.message}` }] };
  }
  if (records.length < 2) return { ok: false, problems: [{ row: 1, field: 'file', message: 'needs a header row and at least one transaction' }] };
  const header = records[0].map((h) => h.replace(/[\s_]/g, '').toLowerCase());
  const column: Record<string, number> = {};
  for (const [field, names] of Object.entries(CSV_COLUMNS)) {
    const index = header.findIndex((h) => names.includes(h));
    if (index >= 0) column[field] = index;
  }
  if (column.date === undefined) problems.push({ row: 1, field: 'date', message: 'the header needs a date column (date / 交易日期)' });
  if (column.balance === undefined) problems.push({ row: 1, field: 'balance', message: 'the header needs a balance column (balance / 余额): it gives the statement\'s opening and closing balances' });
  if (column.amount === undefined && column.debit === undefined && column.credit === undefined) {
    problems.push({ row: 1, field: 'amount', message: 'the header needs amount, or debit and credit (借方发生额 / 贷方发生额)' });
  }
  if (problems.length) return { ok: false, problems };
  const lines: StatementLine[] = [];
  const balances: bigint[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const cell = (field: string) => (column[field] === undefined ? undefined : record[column[field]]);
    const before = problems.length;
    const add = (field: string, message: string) => problems.push({ row, field, message });
    const bookingDate = normalizeDate(cell('date'));
    if (!bookingDate) add('date', `"${cell('date') ?? ''}" is not a date (YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)`);
    const valueText = cell('valueDate');
    const valueDate = valueText ? normalizeDate(valueText) : null;
    if (valueText && !valueDate) add('valueDate', `"${valueText}" is not a date`);
    const read = (field: string) => { try { return money(cell(field), field); } catch (error) { add(field, (error as Error).message.replace(/^[^:]*: /, '')); return undefined; } };
    let amount: bigint | undefined;
    if (column.amount !== undefined && nonEmpty(cell('amount'))) amount = read('amount');
    else {
      const debit = read('debit');
      const credit = read('credit');
      if ((debit ?? 0n) !== 0n && (credit ?? 0n) !== 0n) add('amount', 'a line has either a debit (money out) or a credit (money in), not both');
      else if ((debit ?? 0n) < 0n || (credit ?? 0n) < 0n) add('amount', 'debit and credit are written as positive amounts');
      else amount = (credit ?? 0n) - (debit ?? 0n);
    }
    if (problems.length === before && (amount === undefined || amount === 0n)) add('amount', 'is missing or zero');
    const balance = read('balance');
    if (balance === undefined && problems.length === before) add('balance', 'is required on every line');
    if (problems.length > before) return;
    balances.push(balance!);
    lines.push({
      fileLine: row, bookingDate: bookingDate!, valueDate: valueDate ?? null, amount: amount!, reference: nonEmpty(cell('reference')),
      counterpartyName: nonEmpty(cell('counterpartyName')), counterpartyAccount: nonEmpty(cell('counterpartyAccount')),
      description: nonEmpty(cell('description')), bankTransactionId: nonEmpty(cell('transactionId')),
    });
  });
  if (problems.length) return { ok: false, problems };
  // The running balance must follow from the amounts (a missing or altered line shows here).
  for (let i = 1; i < lines.length; i++) {
    if (balances[i - 1] + lines[i].amount !== balances[i]) {
      problems.push({ row: lines[i].fileLine, field: 'balance', message: `${fmt(balances[i])} does not follow from the previous balance ${fmt(balances[i - 1])} and the amount ${fmt(lines[i].amount)}` });
    }
  }
  if (problems.length) return { ok: false, problems };
  const dates = lines.map((l) => l.bookingDate).sort();
  return {
    ok: true,
    statements: [{
      format: 'csv', reference: null, accountNumber: null, fromDate: dates[0], toDate: dates[dates.length - 1],
      openingBalance: balances[0] - lines[0].amount, closingBalance: balances[balances.length - 1], lines, fileLine: 1,
    }],
  };
}

const fmt = (fen: bigint) => `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${((fen < 0n ? -fen : fen) % 100n).toString().padStart(2, '0')}`;

/** camt amounts: <Amt Ccy="CNY">1234.5</Amt> with CdtDbtInd CRDT (+) or DBIT (−); CNY has two decimals. */
function camtAmount(element: XmlElement, add: (line: number, field: string, message: string) => void): bigint | undefined {
  const amount = child(element, 'Amt');
  const indicator = textAt(element, 'CdtDbtInd');
  if (!amount) { add(element.line, 'Amt', 'is required'); return undefined; }
  if (amount.attributes.Ccy && amount.attributes.Ccy !== 'CNY') { add(amount.line, 'Amt', `currency ${amount.attributes.Ccy}: fund accounts are in CNY`); return undefined; }
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(amount.text.trim())) { add(amount.line, 'Amt', `"${amount.text.trim()}" is not an amount with at most two decimals`); return undefined; }
  if (indicator !== 'CRDT' && indicator !== 'DBIT') { add(element.line, 'CdtDbtInd', 'must be CRDT or DBIT'); return undefined; }
  const fen = parseYuan(amount.text.trim());
  return indicator === 'DBIT' ? -fen : fen;
}

const camtDate = (element: XmlElement | undefined) => {
  const text = textAt(element, 'Dt') ?? textAt(element, 'DtTm')?.slice(0, 10);
  return text && isDate(text) ? text : undefined;
};

export function parseCamt053(content: string): ParseResult {
  const problems: RowProblem[] = [];
  const add = (row: number, field: string, message: string) => problems.push({ row, field, message });
  let root: XmlElement;
  try { root = parseXml(content); } catch (error) {
    if (error instanceof XmlError) return { ok: false, problems: [{ row: error.line, field: 'xml', message: error.message.replace(/^line \d+: /, '') }] };
    throw error;
  }
  const statementRoot = root.name === 'Document' ? child(root, 'BkToCstmrStmt') : undefined;
  if (!statementRoot) return { ok: false, problems: [{ row: root.line, field: 'Document', message: 'not a camt.053 document (Document/BkToCstmrStmt)' }] };
  const statements: ParsedStatement[] = [];
  const stmts = children(statementRoot, 'Stmt');
  if (!stmts.length) add(statementRoot.line, 'Stmt', 'the document has no statement');
  for (const stmt of stmts) {
    const before = problems.length;
    let opening: { amount: bigint; date?: string } | undefined;
    let closing: { amount: bigint; date?: string } | undefined;
    for (const balance of children(stmt, 'Bal')) {
      const code = textAt(balance, 'Tp', 'CdOrPrtry', 'Cd');
      const amount = camtAmount(balance, add);
      if (amount === undefined) continue;
      // OPBD opening booked, PRCD previously closed booked (= opening), CLBD closing booked
      if (code === 'OPBD' || (code === 'PRCD' && !opening)) opening = { amount, date: camtDate(child(balance, 'Dt')) };
      if (code === 'CLBD') closing = { amount, date: camtDate(child(balance, 'Dt')) };
    }
    if (!opening) add(stmt.line, 'Bal', 'an opening balance (OPBD or PRCD) is required');
    if (!closing) add(stmt.line, 'Bal', 'a closing balance (CLBD) is required');
    const currency = textAt(stmt, 'Acct', 'Ccy');
    if (currency && currency !== 'CNY') add(path(stmt, 'Acct', 'Ccy')!.line, 'Ccy', `account currency ${currency}: fund accounts are in CNY`);
    const lines: StatementLine[] = [];
    for (const entry of children(stmt, 'Ntry')) {
      const status = textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts');
      if (status && status !== 'BOOK') continue; // pending and information-only entries are not on the account yet
      const amount = camtAmount(entry, add);
      const bookingDate = camtDate(child(entry, 'BookgDt'));
      if (!bookingDate) add(entry.line, 'BookgDt', 'a booked entry needs a booking date');
      if (amount === undefined || !bookingDate) continue;
      if (amount === 0n) { add(entry.line, 'Amt', 'is zero'); continue; }
      const details = path(entry, 'NtryDtls', 'TxDtls');
      const endToEnd = textAt(details, 'Refs', 'EndToEndId');
      const incoming = amount > 0n;
      const party = path(details, 'RltdPties', incoming ? 'Dbtr' : 'Cdtr');
      const partyAccount = path(details, 'RltdPties', incoming ? 'DbtrAcct' : 'CdtrAcct', 'Id');
      const unstructured = children(path(details, 'RmtInf'), 'Ustrd').map((u) => u.text.trim()).filter(Boolean).join(' ');
      lines.push({
        fileLine: entry.line, bookingDate, valueDate: camtDate(child(entry, 'ValDt')) ?? null, amount,
        reference: (endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : undefined) ?? textAt(details, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref') ?? (unstructured || undefined) ?? textAt(entry, 'NtryRef') ?? null,
        counterpartyName: textAt(party, 'Nm') ?? textAt(party, 'Pty', 'Nm') ?? null,
        counterpartyAccount: textAt(partyAccount, 'IBAN') ?? textAt(partyAccount, 'Othr', 'Id') ?? null,
        description: textAt(entry, 'AddtlNtryInf') ?? (unstructured || null),
        bankTransactionId: textAt(entry, 'AcctSvcrRef') ?? textAt(details, 'Refs', 'AcctSvcrRef') ?? textAt(details, 'Refs', 'TxId') ?? null,
      });
    }
    if (problems.length > before) continue;
    const sum = lines.reduce((s, l) => s + l.amount, 0n);
    if (opening!.amount + sum !== closing!.amount) {
      add(stmt.line, 'Bal', `opening ${fmt(opening!.amount)} + entries ${fmt(sum)} ≠ closing ${fmt(closing!.amount)}: the statement is incomplete`);
      continue;
    }
    const dates = lines.map((l) => l.bookingDate).sort();
    const dayOf = (text: string | undefined) => (text && isDate(text.slice(0, 10)) ? text.slice(0, 10) : undefined);
    const fromDate = dayOf(textAt(stmt, 'FrToDt', 'FrDtTm')) ?? opening!.date ?? dates[0] ?? closing!.date;
    const toDate = dayOf(textAt(stmt, 'FrToDt', 'ToDtTm')) ?? closing!.date ?? dates[dates.length - 1] ?? fromDate;
    if (!fromDate || !toDate) { add(stmt.line, 'FrToDt', 'the statement period cannot be told (no FrToDt, balance dates or entries)'); continue; }
    if (dates.length && (dates[0] < fromDate || dates[dates.length - 1] > toDate)) {
      add(stmt.line, 'FrToDt', `entries from ${dates[0]} to ${dates[dates.length - 1]} fall outside the statement period ${fromDate}–${toDate}`);
      continue;
    }
    statements.push({
      format: 'camt053', reference: textAt(stmt, 'Id') ?? null,
      accountNumber: textAt(stmt, 'Acct', 'Id', 'IBAN') ?? textAt(stmt, 'Acct', 'Id', 'Othr', 'Id') ?? null,
      fromDate, toDate, openingBalance: opening!.amount, closingBalance: closing!.amount, lines, fileLine: stmt.line,
    });
  }
  problems.sort((a, b) => a.row - b.row);
  return problems.length ? { ok: false, problems } : { ok: true, statements };
}

/** CSV or camt.053, told apart by the content (XML starts with "<"). */
export function parseStatementFile(content: Buffer | string): ParseResult {
  const text = (typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, '');
  return text.trimStart().startsWith('<') ? parseCamt053(text) : parseCsvStatement(text);
}

/**
 * What makes a bank line the same line on a second import: the bank's transaction id when it gives one, else its
 * content and how many identical lines came before it in the same file.
 */
export function dedupeKeys(lines: StatementLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.bankTransactionId) return `tx:${l.bankTransactionId}`;
    const content = crypto.createHash('sha256').update(JSON.stringify([l.bookingDate, l.amount.toString(), l.reference, l.counterpartyName, l.counterpartyAccount, l.description])).digest('hex').slice(0, 32);
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return `h:${content}#${occurrence}`;
  });
}
