/**
 * 业务数据与会计数据核对 (seed 002: 业务数据与会计数据分开, 相互核对): each month, what the collection records say
 * every fund collected — bill parts paid and 暂收款 taken in or drawn, by the day the money was booked — against
 * what the fund ledger booked from payments on the cash basis (社会保险费收入, 其他收入, 暂收款). Any difference is
 * listed per fund; a month with payments, credits and reversals reconciles to the fen.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { periodEnd } from '../../ledger/index.ts';
import { checkPeriod } from '../collection.scope.ts';
import * as repository from './reconciliation.repository.ts';

export interface FundReconciliation { fund: string; name: string; business: string; ledger: string; difference: string }
export interface CollectionReconciliation { period: string; funds: FundReconciliation[]; differences: number }

export async function reconcileCollection(database: DatabaseHandle, actor: Actor, input: { period: string }): Promise<CollectionReconciliation> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const funds = await repository.fundsInScope(tx, scopePrefix(actor.regionCode));
    const business = await repository.collectedPerFund(tx, `${period}-01`, periodEnd(period));
    const ledger = await repository.bookedPerFund(tx, period);
    const rows = funds.map((fund) => {
      const collected = business.get(fund.code) ?? 0n, booked = ledger.get(fund.code) ?? 0n;
      return { fund: fund.code, name: fund.name, business: formatYuan(collected), ledger: formatYuan(booked), difference: formatYuan(collected - booked) };
    });
    return { period, funds: rows, differences: rows.filter((row) => row.difference !== '0.00').length };
  });
}
