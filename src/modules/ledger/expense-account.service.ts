/**
 * What a payment still needs from the 财政专户 (收支两条线, 财社〔2017〕144号: the 支出户 receives from the 财政专户 only,
 * on the agency's 用款申请). Money the 支出户 already holds beyond the payments signed off and not yet paid — a
 * go-live balance (期初建账), an institution's repayment — pays the next payment first; the 用款申请 asks finance
 * only for the rest, so that no money is moved that the fund does not need moved.
 *
 * Each module that pays from the 支出户 registers what its signed-off, unpaid payments still take from it, net of the
 * transfers requested for them and not yet approved (that money is not in the 支出户 yet). The payment being funded
 * is not among them when its shortfall is asked for.
 */
import type { Tx } from '../../platform/actor.ts';
import { accountBalanceNow } from './balance.service.ts';
import { chartFor } from './chart.ts';

type Commitments = (tx: Tx, fund: string) => Promise<bigint>;
const commitmentSources = new Map<string, Commitments>();

/** A module that pays from the 支出户 says, once, what its signed-off payments not yet paid still take from it. */
export function registerExpenseAccountCommitments(source: string, commitments: Commitments) {
  if (commitmentSources.has(source) && commitmentSources.get(source) !== commitments) throw new Error(`expense account commitments ${source} registered twice`);
  commitmentSources.set(source, commitments);
}

export interface Funding {
  /** The 支出户's balance less what signed-off, unpaid payments still take from it (never below zero). */
  free: bigint;
  /** The part of the payment the free balance pays. */
  fromExpenseAccount: bigint;
  /** The part a 用款申请 must bring from the 财政专户. */
  shortfall: bigint;
}

/** How a payment of `amount` from the fund's 支出户 is funded, as the books stand now (chart of `date`'s year). */
export async function expenseAccountFunding(tx: Tx, fund: string, amount: bigint, date: string): Promise<Funding> {
  const expenseBank = chartFor(Number(date.slice(0, 4))).accounts.find((account) => account.role === 'expense_bank')!.code;
  let free = await accountBalanceNow(tx, fund, expenseBank);
  for (const commitments of commitmentSources.values()) free -= await commitments(tx, fund);
  if (free < 0n) free = 0n;
  const fromExpenseAccount = free < amount ? free : amount;
  return { free, fromExpenseAccount, shortfall: amount - fromExpenseAccount };
}
