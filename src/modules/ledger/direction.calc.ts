/**
 * 余额方向: a balance printed as a direction 借 (debit), 贷 (credit) or 平 (zero) and a positive amount, as the 科目余额表
 * and 明细账 of 社会保险基金会计制度 (财会〔2017〕28号) print it. The ledger keeps balances signed: trial balance, account
 * lines and bank balances debit-positive; the statement's 滚存结余 credit-positive. The exports (statement.report.ts)
 * print them through this; the web pages through their own direction.ts, which this follows.
 */
export type Side = 'debit' | 'credit';
export type Direction = Side | 'flat';

export interface DirectedBalance { direction: Direction; /** positive fen */ amount: bigint }

/** A signed balance as a direction and a positive amount; `positiveSide`: the side a positive number is on. */
export function directedBalance(signed: bigint, positiveSide: Side = 'debit'): DirectedBalance {
  if (signed === 0n) return { direction: 'flat', amount: 0n };
  const opposite: Side = positiveSide === 'debit' ? 'credit' : 'debit';
  return { direction: signed > 0n ? positiveSide : opposite, amount: signed < 0n ? -signed : signed };
}

/** The direction as a printed 科目余额表 writes it. */
export const directionWords: Record<Direction, string> = { debit: '借', credit: '贷', flat: '平' };

/** The sums of the debit balances and of the credit balances (each positive); equal when the ledger balances. */
export function balanceSums(signedDebitPositive: bigint[]): Record<Side, bigint> {
  let debit = 0n;
  let credit = 0n;
  for (const balance of signedDebitPositive) if (balance > 0n) debit += balance; else credit -= balance;
  return { debit, credit };
}
