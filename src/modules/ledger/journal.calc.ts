/**
 * The journal's rules as pure functions (no I/O): accounting periods, entry validation (balanced, one side per
 * line, accounts of the fund, budget subjects), the 收支两条线 route rule, idempotency content hashes, reversals,
 * and the trial balance with the year-end carry-forward computed rather than posted.
 */
import crypto from 'node:crypto';
import type { Said } from '../../platform/messages.ts';
import type { AccountRole, EntryKind } from './ledger.tables.ts';
import { allOf, entryMessages as say, ledgerMessages } from './ledger.messages.ts';

// ── periods ─────────────────────────────────────────────────────────────────

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isPeriod = (text: unknown): text is string => typeof text === 'string' && PERIOD.test(text);

const knownDates = new Map<string, boolean>();

export function isDate(text: unknown): text is string {
  if (typeof text !== 'string' || !DATE.test(text)) return false;
  let valid = knownDates.get(text);
  if (valid === undefined) {
    const date = new Date(`${text}T00:00:00Z`);
    valid = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
    if (knownDates.size < 100_000) knownDates.set(text, valid);
  }
  return valid;
}

export const periodOfDate = (date: string) => date.slice(0, 7);
export const periodStart = (period: string) => `${period}-01`;

export function periodEnd(period: string): string {
  const [year, month] = period.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

/**
 * 凭证字号 as shown and printed: the voucher word 记 (one general 记账凭证 for every entry), the accounting period and
 * the entry's number in its fund and period, four digits at least: 记-2026-03-0001. Numbers are gap-free per fund and
 * period (《会计基础工作规范》第五十一条: 记账凭证应当连续编号; 0018_voucher_numbers.sql). The one place the form is made.
 */
export function voucherNumber(period: string, number: number): string {
  return `记-${period}-${String(number).padStart(4, '0')}`;
}

export function addMonths(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const yearStartPeriod = (period: string) => `${period.slice(0, 4)}-01`;

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A statement period: a month `2026-03`, a quarter `2026-Q1` or a year `2026` → its first and last month. */
export function reportingRange(text: string): { label: string; from: string; to: string; kind: 'month' | 'quarter' | 'year' } | undefined {
  if (isPeriod(text)) return { label: text, from: text, to: text, kind: 'month' };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { label: text, from: `${quarter[1]}-${String(first).padStart(2, '0')}`, to: `${quarter[1]}-${String(first + 2).padStart(2, '0')}`, kind: 'quarter' };
  }
  if (/^\d{4}$/.test(text)) return { label: text, from: `${text}-01`, to: `${text}-12`, kind: 'year' };
  return undefined;
}

// ── entries ─────────────────────────────────────────────────────────────────

export interface LineInput {
  account: string;
  debit?: bigint;
  credit?: bigint;
  subject?: string | null;
  reference?: string | null;
  memo?: string | null;
}

export interface EntryInput {
  /** Idempotency key, unique per fund: the same key and content posts once; the same key with other content is refused. */
  key: string;
  fund: string;
  period: string;
  date: string;
  memo?: string;
  /** The business document that caused the entry (a bill, a payment batch, a transfer). */
  source?: { type: string; id: string } | null;
  /** A late correction posts into the open month and names the closed month it corrects. */
  correctionOfPeriod?: string | null;
  lines: LineInput[];
}

export interface AccountInfo { id: bigint; code: string; name: string; role: AccountRole; subject: string | null }

export interface ResolvedLine { lineNumber: number; account: AccountInfo; debit: bigint; credit: bigint; subject: string | null; reference: string | null; memo: string | null }

export interface Problem { field: string; message: Said }

export const MAX_LINES_PER_ENTRY = 10_000;
const roleLabel: Record<AccountRole, Said> = {
  income_bank: say.roleIncomeBank(), special_bank: say.roleSpecialBank(), expense_bank: say.roleExpenseBank(),
  receivable: say.roleReceivable(), payable: say.rolePayable(), revenue: say.roleRevenue(), expense: say.roleExpense(), fund_balance: say.roleFundBalance(),
  investment: say.roleInvestment(),
};

/** Account roles named in a message: "收入户、财政专户" / "收入户 income account, 财政专户 fiscal special account". */
const rolesSaid = (roles: Iterable<AccountRole>) => allOf([...roles].map((role) => roleLabel[role]), ledgerMessages.listMore);

/**
 * 收支两条线 (社会保险基金财务制度, 财社〔2017〕144号; R5.1): money moves between a fund's bank accounts only
 * income account → fiscal special account → expense account → payees.
 *  - an entry that credits the income account is a transfer to the special account and nothing else
 *    (the income account cannot pay out);
 *  - an entry that credits the special account allocates to the expense account, or (第四十二条) remits to the
 *    higher level (上解上级支出, 5004) or buys government bonds / funds entrusted investment (investment accounts),
 *    each alone;
 *  - an entry that credits the expense account pays payees, debiting no bank account, or returns money to the
 *    special account (the expense account's interest and unspent allocations go back to it, 第四十一条).
 * Transfers up from the income account are generated by the monthly sweep, not typed: business postings and manual
 * entries may not credit the income account. Migrated history (`import`) may contain any allowed route.
 * One way out besides the route: money held as 暂收款 (2201, a receipt that paid no bill) leaves the bank account
 * holding it — 收入户 before the month's sweep, 财政专户 after it — when it is refunded (退费, 财社〔2017〕144号
 * 第三十九条: the income account pays refunds) or found to belong to another fund (划转 to that fund's account of
 * the same kind) [check]: a business entry that debits 暂收款 only and credits one bank account only.
 * A reversal mirrors an entry that passed these rules, so it is not checked again.
 */
const isBankRole = (role: AccountRole) => role === 'income_bank' || role === 'special_bank' || role === 'expense_bank';

/** 上解上级支出 in the chart (chart/2018.yaml): what the special account remits to the higher level. */
export const HIGHER_LEVEL_REMITTANCE_ACCOUNT = '5004';
/** 暂收款 in the chart (chart/2018.yaml): receipts held until they pay a bill or are refunded. */
export const HELD_RECEIPTS_ACCOUNT = '2201';

export function treasuryRouteProblem(lines: { role: AccountRole; code: string; debit: bigint; credit: bigint }[], kind: EntryKind): Said | undefined {
  if (kind === 'reversal') return undefined;
  const credited = new Set(lines.filter((l) => l.credit > 0n).map((l) => l.role));
  const debited = new Set(lines.filter((l) => l.debit > 0n).map((l) => l.role));
  const only = (set: Set<AccountRole>, role: AccountRole) => set.size === 1 && set.has(role);
  const releasesHeldReceipts = kind === 'business' && lines.every((l) => l.debit === 0n || l.code === HELD_RECEIPTS_ACCOUNT)
    && credited.size === 1 && (credited.has('income_bank') || credited.has('special_bank'));
  if (releasesHeldReceipts) return undefined;
  if (credited.has('income_bank')) {
    if (!only(debited, 'special_bank') || !only(credited, 'income_bank')) {
      return say.incomeAccountPaysOut({ debited: rolesSaid(debited) });
    }
    if (kind === 'business' || kind === 'manual') {
      return say.incomeTransferTyped();
    }
  }
  if (kind === 'sweep' && !(only(credited, 'income_bank') && only(debited, 'special_bank'))) {
    return say.sweepRoute();
  }
  const remitsUp = lines.every((l) => l.debit === 0n || l.code === HIGHER_LEVEL_REMITTANCE_ACCOUNT);
  if (credited.has('special_bank') && (!(only(debited, 'expense_bank') || only(debited, 'investment') || remitsUp) || !only(credited, 'special_bank'))) {
    return say.specialAccountRoute({ debited: rolesSaid(debited) });
  }
  if (credited.has('expense_bank') && only(credited, 'expense_bank') && only(debited, 'special_bank')) return undefined;
  if (credited.has('expense_bank')) {
    const bankDebits = [...debited].filter((r) => r === 'income_bank' || r === 'special_bank' || r === 'expense_bank');
    if (bankDebits.length) {
      return say.expenseAccountRoute({ debited: rolesSaid(bankDebits) });
    }
  }
  return undefined;
}

const addProblem = (problems: Problem[], field: string, message: Said) => { problems.push({ field, message }); };

/**
 * Checks an entry against the fund's accounts and the chart's subjects; returns the resolved lines or the problems
 * (field paths like `lines[1].credit`). Every problem is listed, not only the first.
 */
export function validateEntry(
  entry: EntryInput, accounts: Map<string, AccountInfo>, subjects: Map<string, string>, kind: EntryKind,
): { ok: true; lines: ResolvedLine[]; total: bigint } | { ok: false; problems: Problem[] } {
  // No closures created per call (addProblem is module-level): this runs for every entry posted.
  const problems: Problem[] = [];
  if (typeof entry.key !== 'string' || !entry.key.trim() || entry.key.length > 200) addProblem(problems, 'key', say.keyRequired());
  if (!isPeriod(entry.period)) addProblem(problems, 'period', ledgerMessages.periodShape({ value: String(entry.period) }));
  if (!isDate(entry.date)) addProblem(problems, 'date', say.dateShape({ value: String(entry.date) }));
  else if (isPeriod(entry.period) && periodOfDate(entry.date) !== entry.period) {
    addProblem(problems, 'date', say.dateOutsidePeriod({ date: entry.date, period: entry.period }));
  }
  if (entry.correctionOfPeriod != null) {
    if (!isPeriod(entry.correctionOfPeriod)) addProblem(problems, 'correctionOfPeriod', ledgerMessages.periodShape({ value: String(entry.correctionOfPeriod) }));
    else if (isPeriod(entry.period) && entry.correctionOfPeriod >= entry.period) addProblem(problems, 'correctionOfPeriod', say.correctionNotBefore());
  }
  if (entry.source != null && (!entry.source.type?.trim() || !entry.source.id?.trim())) addProblem(problems, 'source', say.sourceIncomplete());
  if (!Array.isArray(entry.lines) || entry.lines.length < 2) {
    addProblem(problems, 'lines', say.tooFewLines());
    return { ok: false, problems };
  }
  if (entry.lines.length > MAX_LINES_PER_ENTRY) addProblem(problems, 'lines', say.tooManyLines({ max: MAX_LINES_PER_ENTRY }));
  const lines: ResolvedLine[] = [];
  let debits = 0n;
  let credits = 0n;
  let creditsBank = false;
  // A plain loop, field paths built only for a problem: this runs once per line of every posting.
  for (let index = 0; index < entry.lines.length; index++) {
    const line = entry.lines[index];
    const account = accounts.get(line.account);
    if (!account) addProblem(problems, `lines[${index}].account`, say.noAccount({ account: String(line.account), fund: String(entry.fund) }));
    const debit = line.debit ?? 0n;
    const credit = line.credit ?? 0n;
    if (debit < 0n || credit < 0n) addProblem(problems, `lines[${index}]`, say.negativeAmount());
    else if ((debit > 0n) === (credit > 0n)) addProblem(problems, `lines[${index}]`, say.oneSide());
    let subject = line.subject ?? null;
    if (account && (account.role === 'revenue' || account.role === 'expense')) {
      if (subject !== null && subject !== account.subject) addProblem(problems, `lines[${index}].subject`, say.subjectOfAccount({ account: account.code, accountName: account.name, subject: account.subject ?? '', given: subject }));
      subject = account.subject;
    } else if (subject !== null && !subjects.has(subject)) addProblem(problems, `lines[${index}].subject`, say.unknownSubject({ subject }));
    if (debit > 0n) debits += debit;
    if (credit > 0n) { credits += credit; if (account && isBankRole(account.role)) creditsBank = true; }
    if (account) lines.push({ lineNumber: index + 1, account, debit, credit, subject, reference: line.reference ?? null, memo: line.memo ?? null });
  }
  if (debits !== credits) addProblem(problems, 'lines', say.unbalanced({ debits: formatFen(debits), credits: formatFen(credits) }));
  // The route rules concern entries that credit a bank account, and sweeps.
  if (!problems.length && (kind === 'sweep' || creditsBank)) {
    const route = treasuryRouteProblem(lines.map((l) => ({ role: l.account.role, code: l.account.code, debit: l.debit, credit: l.credit })), kind);
    if (route) addProblem(problems, 'lines', route);
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines, total: debits };
}

function formatFen(fen: bigint) {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** JSON text of a string or null (JSON.stringify of anything else, as the canonical array would hold it). */
const json = (value: unknown) => (value === null || value === undefined ? 'null' : JSON.stringify(value));

/**
 * The content an idempotency key stands for: the same key with another content is an error. The SHA-256 of the JSON
 * text of [fund, period, date, memo, source type, source id, correctionOfPeriod, reverses, [[account, debit, credit,
 * subject, reference, memo], …]], written out directly rather than through an array per line (it runs for every
 * entry posted); the value is the same (pinned by journal.calc.test.ts).
 */
export function entryContentHash(entry: EntryInput, extra: { reverses?: bigint | null } = {}): string {
  const reverses = extra.reverses ?? null;
  let text = `[${json(entry.fund)},${json(entry.period)},${json(entry.date)},${json(entry.memo ?? '')},${json(entry.source?.type ?? null)},` +
    `${json(entry.source?.id ?? null)},${json(entry.correctionOfPeriod ?? null)},${reverses === null ? 'null' : `"${reverses}"`},[`;
  for (let i = 0; i < entry.lines.length; i++) {
    const l = entry.lines[i];
    text += `${i ? ',' : ''}[${json(l.account)},"${l.debit ?? 0n}","${l.credit ?? 0n}",${json(l.subject ?? null)},${json(l.reference ?? null)},${json(l.memo ?? null)}]`;
  }
  return crypto.hash('sha256', `${text}]]`, 'hex');
}

/** A reversal swaps debit and credit on every line (红字冲销 in the opposite direction), keeping accounts and subjects. */
export function reversalLines(lines: LineInput[]): LineInput[] {
  return lines.map((l) => ({ ...l, debit: l.credit ?? 0n, credit: l.debit ?? 0n }));
}

// ── trial balance ───────────────────────────────────────────────────────────

export interface Movement { accountId: bigint; period: string; debit: bigint; credit: bigint }
export interface TrialBalanceRow { account: AccountInfo; opening: bigint; debit: bigint; credit: bigint; closing: bigint }

const nominal = (role: AccountRole) => role === 'revenue' || role === 'expense';

/**
 * Trial balance of `period` from movements per (account, period) up to and including it. Debit-positive:
 * closing = opening + debit − credit. Revenue and expense accounts open each year at zero and the fund balance
 * opens with the earlier years' result added (年终结转: 年末滚存结余 = 上年结余 + 本年收支结余, 财社〔2017〕144号),
 * computed here instead of posted, so closing a year needs no entry and history stays as it was posted.
 */
export function trialBalance(accounts: AccountInfo[], movements: Movement[], period: string): TrialBalanceRow[] {
  const yearStart = yearStartPeriod(period);
  const byAccount = new Map(accounts.map((a) => [a.id, { account: a, opening: 0n, debit: 0n, credit: 0n, closing: 0n }]));
  const fundBalance = accounts.find((a) => a.role === 'fund_balance');
  let carriedForward = 0n;
  for (const m of movements) {
    const row = byAccount.get(m.accountId);
    if (!row || m.period > period) continue;
    const net = m.debit - m.credit;
    if (m.period === period) { row.debit += m.debit; row.credit += m.credit; }
    else if (!nominal(row.account.role) || m.period >= yearStart) row.opening += net;
    else carriedForward += net;
  }
  if (fundBalance) byAccount.get(fundBalance.id)!.opening += carriedForward;
  else if (carriedForward !== 0n) throw new Error('the fund has no fund_balance account to carry the earlier years forward into');
  const rows = [...byAccount.values()];
  for (const row of rows) row.closing = row.opening + row.debit - row.credit;
  return rows.sort((a, b) => a.account.code.localeCompare(b.account.code));
}
