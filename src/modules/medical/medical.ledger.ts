/**
 * How money leaves the medical fund for designated institutions (收支两条线, 财社〔2017〕144号): finance moves it from the
 * 财政专户 to the 支出户 (用款), and the 支出户 pays the institutions, booked Dr 社会保险待遇支出 / Cr 支出户 on the day paid
 * (cash basis, 财会〔2017〕28号). The 用款 asks only for what the 支出户 does not hold free already. A hospital's payment is booked to 住院医疗费用, a pharmacy's to 门诊医疗费用 (a pharmacy
 * has no inpatients). A year-end recovery is a receivable from the institution, 暂付款, until it repays into the 支出户.
 */
import type { Actor, Tx } from '../../platform/actor.ts';
import { conflict } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { accountBalanceNow, chartFor, expenseAccountFunding, postEntries, registerExpenseAccountCommitments } from '../ledger/index.ts';
import * as repository from './medical.repository.ts';
import { medicalMessages as said } from './medical.messages.ts';
import type { InstitutionKind } from './medical.tables.ts';

/** 暂付款 (chart/2018.yaml, role receivable): what an institution owes back after the year-end settlement. */
const RECOVERY_RECEIVABLE_ACCOUNT = '1161';

export const medicalFundOf = (poolingRegion: string) => `medical-${poolingRegion}`;

/** The accounts of the medical fund in the chart in force on `date`. */
export function medicalAccounts(date: string) {
  const chart = chartFor(Number(date.slice(0, 4)));
  const role = (name: string) => chart.accounts.find((account) => account.role === name)!.code;
  const benefit = (type: string) => chart.benefits.medical!.find((account) => account.type === type)!.code;
  return {
    specialBank: role('special_bank'), expenseBank: role('expense_bank'), recoveryReceivable: RECOVERY_RECEIVABLE_ACCOUNT,
    expenseOf: (kind: InstitutionKind) => benefit(expenseTypeOf(kind)),
  };
}

/** The benefit type an institution's payments are booked on: a pharmacy's 门诊医疗费用, a hospital's 住院医疗费用. */
export const expenseTypeOf = (kind: InstitutionKind) => (kind === 'pharmacy' ? 'outpatient' : 'inpatient');

interface Posting { fund: string; date: string; key: string; memo: string; source: { type: string; id: string } }

registerExpenseAccountCommitments('medical', repository.expenseAccountCommitments);

/**
 * 用款 for a payment of `amount`: what the 支出户 holds free pays first (ledger expense-account.service); the rest moves
 * Dr 支出户 / Cr 财政专户, refused when the 财政专户 cannot cover it. Returns the transfer's entry id, null when none was needed.
 */
export async function transferToExpenseAccount(tx: Tx, actor: Actor, posting: Posting & { amount: bigint }): Promise<bigint | null> {
  const accounts = medicalAccounts(posting.date);
  const { shortfall } = await expenseAccountFunding(tx, posting.fund, posting.amount, posting.date);
  if (shortfall === 0n) return null;
  const balance = await accountBalanceNow(tx, posting.fund, accounts.specialBank);
  if (balance < shortfall) {
    throw conflict('amount', said.specialAccountShort({ fund: posting.fund, balance: formatYuan(balance), amount: formatYuan(shortfall) }));
  }
  const [posted] = await postEntries(tx, actor, [{
    key: posting.key, fund: posting.fund, period: posting.date.slice(0, 7), date: posting.date, memo: posting.memo, source: posting.source,
    lines: [{ account: accounts.expenseBank, debit: shortfall }, { account: accounts.specialBank, credit: shortfall }],
  }]);
  return BigInt(posted.entryId);
}

/**
 * Pays institutions from the 支出户: one debit per institution on its benefit expense account, one credit of the total
 * on the 支出户, refused (naming the balance) when the 支出户 cannot cover it — it never goes below zero.
 */
export async function payFromExpenseAccount(tx: Tx, actor: Actor, posting: Posting & { lines: { kind: InstitutionKind; code: string; amount: bigint }[] }): Promise<bigint> {
  const accounts = medicalAccounts(posting.date);
  const total = posting.lines.reduce((sum, line) => sum + line.amount, 0n);
  const balance = await accountBalanceNow(tx, posting.fund, accounts.expenseBank);
  if (balance < total) throw conflict('amount', said.expenseAccountShort({ fund: posting.fund, balance: formatYuan(balance), amount: formatYuan(total) }));
  const [posted] = await postEntries(tx, actor, [{
    key: posting.key, fund: posting.fund, period: posting.date.slice(0, 7), date: posting.date, memo: posting.memo, source: posting.source,
    lines: [
      ...posting.lines.map((line) => ({ account: accounts.expenseOf(line.kind), debit: line.amount, reference: line.code })),
      { account: accounts.expenseBank, credit: total },
    ],
  }]);
  return BigInt(posted.entryId);
}

/** A year-end recovery falls due: Dr 暂付款 (the institution owes it) / Cr its benefit expense (the year cost less). */
export async function bookRecovery(tx: Tx, actor: Actor, posting: Posting & { kind: InstitutionKind; code: string; amount: bigint }): Promise<bigint> {
  const accounts = medicalAccounts(posting.date);
  const [posted] = await postEntries(tx, actor, [{
    key: posting.key, fund: posting.fund, period: posting.date.slice(0, 7), date: posting.date, memo: posting.memo, source: posting.source,
    lines: [
      { account: accounts.recoveryReceivable, debit: posting.amount, reference: posting.code },
      { account: accounts.expenseOf(posting.kind), credit: posting.amount, reference: posting.code },
    ],
  }]);
  return BigInt(posted.entryId);
}

/** The institution repays: Dr 支出户 / Cr 暂付款. */
export async function receiveRepayment(tx: Tx, actor: Actor, posting: Posting & { code: string; amount: bigint }): Promise<bigint> {
  const accounts = medicalAccounts(posting.date);
  const [posted] = await postEntries(tx, actor, [{
    key: posting.key, fund: posting.fund, period: posting.date.slice(0, 7), date: posting.date, memo: posting.memo, source: posting.source,
    lines: [{ account: accounts.expenseBank, debit: posting.amount }, { account: accounts.recoveryReceivable, credit: posting.amount, reference: posting.code }],
  }]);
  return BigInt(posted.entryId);
}
