/**
 * The read step of the bank statement import: a file → its statements, or every problem with its row (CSV/XLSX) or
 * XML line (camt.053). Tables are read and checked by the import pipeline against `statementSchema`; a camt.053
 * document (ISO 20022 BankToCustomerStatement) is read here from its XML. Either way the same statements and lines
 * go on to the same check and apply (reconciliation.service.ts). No database.
 */
import crypto from 'node:crypto';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import type { Said } from '../../../platform/messages.ts';
import { formatOf, readXmlText, tableReader, type ImportFile, type ImportLimits, type ImportProblem, type ReadFile } from '../../../platform/imports/index.ts';
import { isDate } from '../journal.calc.ts';
import { statementLineKeys, statementOfTable, statementSchema, type ParsedStatement, type StatementLine } from './statement.schema.ts';
import { XmlError, child, children, parseXml, path, textAt, type XmlElement } from './xml.parse.ts';
import { ledgerMessages, statementMessages as say } from '../ledger.messages.ts';

/** A statement file read: its statements (a camt.053 document may hold several) and each line's identity key. */
export interface StatementFile { sha256: string; statements: ParsedStatement[]; keys: string[][] }

type AddProblem = (line: number, field: string, rule: string, message: Said, value?: string) => void;

/** camt amounts: <Amt Ccy="CNY">1234.5</Amt> with CdtDbtInd CRDT (+) or DBIT (−); CNY has two decimals. */
function camtAmount(element: XmlElement, add: AddProblem): bigint | undefined {
  const amount = child(element, 'Amt');
  const indicator = textAt(element, 'CdtDbtInd');
  if (!amount) { add(element.line, 'Amt', 'required', say.required()); return undefined; }
  if (amount.attributes.Ccy && amount.attributes.Ccy !== 'CNY') { add(amount.line, 'Amt', 'currency', say.currency({ currency: amount.attributes.Ccy }), amount.attributes.Ccy); return undefined; }
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(amount.text.trim())) { add(amount.line, 'Amt', 'amount', say.amountShape({ value: amount.text.trim() }), amount.text.trim()); return undefined; }
  if (indicator !== 'CRDT' && indicator !== 'DBIT') { add(element.line, 'CdtDbtInd', 'code', say.creditDebitCode(), indicator ?? ''); return undefined; }
  const fen = parseYuan(amount.text.trim());
  return indicator === 'DBIT' ? -fen : fen;
}

const camtDate = (element: XmlElement | undefined) => {
  const text = textAt(element, 'Dt') ?? textAt(element, 'DtTm')?.slice(0, 10);
  return text && isDate(text) ? text : undefined;
};

/** The statements of a camt.053 document, or every problem with its XML line. */
export function camt053Statements(text: string): { statements: ParsedStatement[]; problems: ImportProblem[]; entries: number } {
  const problems: ImportProblem[] = [];
  const add: AddProblem = (row, field, rule, message, value = '') => problems.push({ row, field, rule, column: field, value, message });
  let root: XmlElement;
  try { root = parseXml(text); } catch (error) {
    if (error instanceof XmlError) return { statements: [], problems: [{ row: error.line, field: 'xml', rule: 'xml', column: 'XML', value: '', message: error.said }], entries: 0 };
    throw error;
  }
  const statementRoot = root.name === 'Document' ? child(root, 'BkToCstmrStmt') : undefined;
  if (!statementRoot) return { statements: [], problems: [{ row: root.line, field: 'Document', rule: 'camt053', column: 'Document', value: root.name, message: say.notCamt053() }], entries: 0 };
  const statements: ParsedStatement[] = [];
  const stmts = children(statementRoot, 'Stmt');
  if (!stmts.length) add(statementRoot.line, 'Stmt', 'required', say.noStatement());
  let entries = 0;
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
    if (!opening) add(stmt.line, 'Bal', 'opening_balance', say.openingRequired());
    if (!closing) add(stmt.line, 'Bal', 'closing_balance', say.closingRequired());
    const currency = textAt(stmt, 'Acct', 'Ccy');
    if (currency && currency !== 'CNY') add(path(stmt, 'Acct', 'Ccy')!.line, 'Ccy', 'currency', say.accountCurrency({ currency }), currency);
    const lines: StatementLine[] = [];
    for (const entry of children(stmt, 'Ntry')) {
      const status = textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts');
      if (status && status !== 'BOOK') continue; // pending and information-only entries are not on the account yet
      entries++;
      const amount = camtAmount(entry, add);
      const bookingDate = camtDate(child(entry, 'BookgDt'));
      if (!bookingDate) add(entry.line, 'BookgDt', 'required', say.bookingDateRequired());
      if (amount === undefined || !bookingDate) continue;
      if (amount === 0n) { add(entry.line, 'Amt', 'not_zero', say.zero(), '0'); continue; }
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
      add(stmt.line, 'Bal', 'balances', say.incomplete({ opening: formatYuan(opening!.amount), entries: formatYuan(sum), closing: formatYuan(closing!.amount) }));
      continue;
    }
    const dates = lines.map((l) => l.bookingDate).sort();
    const dayOf = (value: string | undefined) => (value && isDate(value.slice(0, 10)) ? value.slice(0, 10) : undefined);
    const fromDate = dayOf(textAt(stmt, 'FrToDt', 'FrDtTm')) ?? opening!.date ?? dates[0] ?? closing!.date;
    const toDate = dayOf(textAt(stmt, 'FrToDt', 'ToDtTm')) ?? closing!.date ?? dates[dates.length - 1] ?? fromDate;
    if (!fromDate || !toDate) { add(stmt.line, 'FrToDt', 'period', say.periodUnknown()); continue; }
    if (dates.length && (dates[0] < fromDate || dates[dates.length - 1] > toDate)) {
      add(stmt.line, 'FrToDt', 'period', say.entriesOutsidePeriod({ first: dates[0], last: dates[dates.length - 1], from: fromDate, to: toDate }));
      continue;
    }
    statements.push({
      format: 'camt053', reference: textAt(stmt, 'Id') ?? null,
      accountNumber: textAt(stmt, 'Acct', 'Id', 'IBAN') ?? textAt(stmt, 'Acct', 'Id', 'Othr', 'Id') ?? null,
      fromDate, toDate, openingBalance: opening!.amount, closingBalance: closing!.amount, lines, fileLine: stmt.line,
    });
  }
  problems.sort((a, b) => a.row - b.row);
  return { statements, problems, entries };
}

/** Each statement's line keys; a bank transaction reference given twice in one file is a problem of its second line. */
function keysOf(statements: ParsedStatement[], where: 'row' | 'line', columnOf: (field: string) => string): { keys: string[][]; problems: ImportProblem[] } {
  const flat = statementLineKeys(statements.flatMap((s) => s.lines));
  const lines = statements.flatMap((s) => s.lines);
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  flat.forEach((key, k) => {
    const earlier = first.get(key);
    if (earlier === undefined) { first.set(key, lines[k].fileLine); return; }
    problems.push({ row: lines[k].fileLine, field: 'transactionId', rule: 'unique_in_file', column: columnOf('transactionId'), value: lines[k].bankTransactionId ?? '',
      message: say.transactionAgain({ id: lines[k].bankTransactionId ?? '', where: where === 'row' ? ledgerMessages.row({ row: earlier }) : ledgerMessages.line({ line: earlier }) }) });
  });
  const keys: string[][] = [];
  let at = 0;
  for (const statement of statements) { keys.push(flat.slice(at, at + statement.lines.length)); at += statement.lines.length; }
  return { keys, problems };
}

const readTable = tableReader(statementSchema);

/** Reads a statement file: CSV or XLSX through the pipeline's table reader, camt.053 from its XML. */
export async function readStatementFile(file: ImportFile, limits: ImportLimits): Promise<ReadFile<StatementFile>> {
  const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
  if (formatOf(file.fileName, file.content) === 'xml') {
    const { text, encoding } = readXmlText(file.content, { encoding: file.encoding, limits });
    const camt = camt053Statements(text);
    const { keys, problems } = keysOf(camt.statements, 'line', () => 'AcctSvcrRef');
    const sourceLines = text.split('\n');
    return {
      fileName: file.fileName, format: 'xml', encoding, header: ['XML'], rows: { sha256, statements: camt.statements, keys }, rowCount: camt.entries,
      problems: [...camt.problems, ...problems], cellsOf: (line) => [(sourceLines[line - 1] ?? '').trim()],
    };
  }
  const table = await readTable(file, limits);
  const { statement, problems } = statementOfTable(table.rows);
  const statements = statement ? [statement] : [];
  const keyed = keysOf(statements, 'row', (field) => table.rows.titles.get(field) ?? field);
  return { ...table, rows: { sha256, statements, keys: keyed.keys }, problems: [...table.problems, ...problems, ...keyed.problems] };
}
