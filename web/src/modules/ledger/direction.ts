/**
 * 余额方向: a balance is printed as a positive amount with its direction 借 (debit), 贷 (credit) or 平 (zero), as the
 * 科目余额表 and 明细账 of 社会保险基金会计制度 (财会〔2017〕28号) print it. The API gives balances signed: the trial
 * balance, account lines and bank balances debit-positive (credit balances negative); the statement's 结余 and
 * 净资产 credit-positive (a deficit negative).
 */
import { fenToYuan, toFen } from '../../format.ts';

export type Side = 'debit' | 'credit';
export type Direction = Side | 'flat';

/**
 * The side an account's balance is normally on (财会〔2017〕28号, 会计科目使用说明): assets (bank deposits, receivables)
 * and expenditure carry a debit balance; liabilities, net assets (基金结余) and income a credit balance.
 */
const normalSides: Record<string, Side> = {
  income_bank: 'debit', special_bank: 'debit', expense_bank: 'debit', receivable: 'debit', investment: 'debit', expense: 'debit',
  payable: 'credit', fund_balance: 'credit', revenue: 'credit',
};

export function normalSide(role: string): Side {
  const side = normalSides[role];
  if (!side) throw new Error(`no normal side for the account role ${role}`);
  return side;
}

export interface DirectedBalance { direction: Direction; /** positive yuan, "1234.56" */ amount: string }

/** A signed balance as a direction and a positive amount; `positiveSide`: the side a positive number is on. */
export function directedBalance(signed: string, positiveSide: Side = 'debit'): DirectedBalance {
  const fen = toFen(signed);
  if (fen === 0n) return { direction: 'flat', amount: '0.00' };
  const opposite: Side = positiveSide === 'debit' ? 'credit' : 'debit';
  return { direction: fen > 0n ? positiveSide : opposite, amount: fenToYuan(fen < 0n ? -fen : fen) };
}

/** A balance on the other side than the account's kind normally carries (a payable with a debit balance …): shown, still positive, with a warning colour. */
export function isOnUnusualSide(balance: DirectedBalance, role: string): boolean {
  return balance.direction !== 'flat' && balance.direction !== normalSide(role);
}

/** The sums of the debit balances and of the credit balances (each positive); they are equal when the ledger balances. */
export function balanceSums(signedDebitPositive: string[]): Record<Side, string> {
  let debit = 0n;
  let credit = 0n;
  for (const value of signedDebitPositive) {
    const fen = toFen(value);
    if (fen > 0n) debit += fen; else credit -= fen;
  }
  return { debit: fenToYuan(debit), credit: fenToYuan(credit) };
}
