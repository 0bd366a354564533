/**
 * What a bank statement (银行对账单) is to the import pipeline (src/platform/imports): the columns of a statement as
 * a table (CSV in UTF-8 or GB18030/GBK, or XLSX), their Chinese titles in the one import dictionary, the statement
 * read from its rows, and what makes a bank line the same line on a second import.
 *
 * Amounts are signed from the fund's side: + money into the account (bank credit, 贷方/收入), − money out (bank
 * debit, 借方/支出). Columns (English field names or the titles bank exports use):
 *   date 交易日期/记账日期 (required) · amount 金额 (signed), or debit 借方发生额 and credit 贷方发生额 (one per line)
 *   balance 余额 (required: the running balance after the line gives the opening and closing balances)
 *   valueDate 起息日 · reference 业务参考号/附言 · counterpartyName 对方户名 · counterpartyAccount 对方账号
 *   memo 摘要 · transactionId 交易流水号
 */
import { formatYuan } from '../../../platform/money.ts';
import { invalid } from '../../../platform/errors.ts';
import { statementMessages as say } from '../ledger.messages.ts';
import { moreProblems, registerFields, type CheckedTable, type ImportProblem, type ImportSchema } from '../../../platform/imports/index.ts';

registerFields({
  date: { titles: ['bookingDate'] },
  valueDate: { titles: ['起息日', '起息日期'] },
  debit: { titles: ['借方发生额', '借方金额', '借方', '支出金额', '支出'] },
  credit: { titles: ['贷方发生额', '贷方金额', '贷方', '收入金额', '收入'] },
  balance: { titles: ['余额', '账户余额'] },
  counterpartyName: { titles: ['对方户名', '对方名称', '对方单位', 'counterparty'] },
  counterpartyAccount: { titles: ['对方账号', '对方账户'] },
  memo: { titles: ['摘要', '备注', 'description'] },
});

/** Banks send their own layouts, never a template of ours: no column has an example, so no line is taken for one. */
export const statementSchema: ImportSchema = {
  kind: 'bank_statement',
  columns: [
    { field: 'date', required: true, type: 'date' },
    { field: 'valueDate', type: 'date' },
    { field: 'amount', type: 'amount' },
    { field: 'debit', type: 'amount' },
    { field: 'credit', type: 'amount' },
    { field: 'balance', required: true, type: 'amount' },
    { field: 'reference' },
    { field: 'counterpartyName' },
    { field: 'counterpartyAccount' },
    { field: 'memo' },
    { field: 'transactionId' },
  ],
};

export interface StatementLine {
  /** The row (CSV/XLSX, header = 1) or the XML line (camt.053) the line was read from. */
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
  /** The statement's layout as stored (bank_statement.format): a table of lines (a CSV or XLSX file) or camt.053. */
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

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The statement of a table's rows: each line's signed amount (amount, or credit − debit), and the running balance
 * checked from line to line (a missing or altered line shows there). Every bad row is listed.
 */
export function statementOfTable(table: CheckedTable): { statement: ParsedStatement | undefined; problems: ImportProblem[] } {
  const has = (field: string) => table.indexOf.has(field);
  if (!has('amount') && !has('debit') && !has('credit')) {
    throw invalid('file', say.headerNeedsAmount());
  }
  const problems = moreProblems(table);
  const lines: StatementLine[] = [];
  const balances: bigint[] = [];
  for (const { row, values, valid } of table.rows) {
    if (!valid) continue;
    const before = problems.size;
    let amount: bigint | undefined = values.amount as bigint | undefined;
    if (amount === undefined) {
      const debit = (values.debit as bigint | undefined) ?? 0n;
      const credit = (values.credit as bigint | undefined) ?? 0n;
      if (debit < 0n) problems.add(row, 'debit', 'positive', say.positive());
      else if (credit < 0n) problems.add(row, 'credit', 'positive', say.positive());
      else if (debit !== 0n && credit !== 0n) problems.add(row, 'credit', 'one_side', say.oneSide());
      else amount = credit - debit;
    }
    if (problems.size === before && (amount === undefined || amount === 0n)) problems.add(row, has('amount') ? 'amount' : 'credit', 'not_zero', say.notZero());
    if (problems.size > before) continue;
    balances.push(values.balance as bigint);
    lines.push({
      fileLine: row, bookingDate: values.date as string, valueDate: text(values.valueDate), amount: amount!, reference: text(values.reference),
      counterpartyName: text(values.counterpartyName), counterpartyAccount: text(values.counterpartyAccount), description: text(values.memo),
      bankTransactionId: text(values.transactionId),
    });
  }
  if (problems.size || table.problems.length) return { statement: undefined, problems: problems.list };
  for (let i = 1; i < lines.length; i++) {
    if (balances[i - 1] + lines[i].amount !== balances[i]) {
      problems.add(lines[i].fileLine, 'balance', 'running_balance',
        say.runningBalance({ balance: formatYuan(balances[i]), previous: formatYuan(balances[i - 1]), amount: formatYuan(lines[i].amount) }));
    }
  }
  if (problems.size) return { statement: undefined, problems: problems.list };
  const dates = lines.map((l) => l.bookingDate).sort();
  return {
    statement: {
      format: 'csv', reference: null, accountNumber: null, fromDate: dates[0], toDate: dates[dates.length - 1],
      openingBalance: balances[0] - lines[0].amount, closingBalance: balances[balances.length - 1], lines, fileLine: 1,
    },
    problems: [],
  };
}

/**
 * What makes a bank line the same line on a second import (bank_statement_line.dedupe_key, unique per account): the
 * bank's transaction reference (交易流水号 / AcctSvcrRef) when it gives one; else the line's date, amount and
 * counterparty with its sequence among the file's lines of the same date, amount and counterparty. Values as read,
 * never the line's raw text: a re-export with other spacing or another 摘要 wording adds nothing, and two equal
 * transfers on one day are two lines. Sequences run over the whole file (every statement of a camt.053 document).
 */
export function statementLineKeys(lines: StatementLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.bankTransactionId) return `tx:${l.bankTransactionId}`;
    const identity = `${l.bookingDate}/${l.amount}/${l.counterpartyAccount ?? ''}/${l.counterpartyName ?? ''}`;
    const sequence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, sequence);
    return `line:${identity}/${sequence}`;
  });
}
