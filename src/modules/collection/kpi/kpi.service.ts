/**
 * Collection KPIs (R3.7): per month of the range the principal billed, paid and paid on time with the collection
 * rate (paid ÷ billed) and the on-time rate (paid on or before the due date ÷ billed); the same per region one level
 * below the region asked; and the ageing of arrears at the end of the range (or today, when that is earlier).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { divideRounded, formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { addMonths, periodEnd } from '../../ledger/index.ts';
import { checkPeriod, resolveRegionSubtree } from '../collection.scope.ts';
import { arrearsByAge, type AgeingView } from '../arrears/arrears.service.ts';
import * as repository from './kpi.repository.ts';
import { collectionSaid } from '../collection.messages.ts';

const MAX_MONTHS = 120;

/** paid ÷ billed as a decimal with four places, rounded half up ("0.9731"); null when nothing was billed. */
export function collectionRate(paid: bigint, billed: bigint): string | null {
  if (billed === 0n) return null;
  const units = divideRounded(paid * 10_000n, billed, 'half_up');
  return `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}`;
}

export interface MonthKpi { period: string; billed: string; paid: string; collectionRate: string | null; paidOnTime: string; onTimeRate: string | null }
export interface RegionKpi { regionCode: string; regionName: string; billed: string; paid: string; collectionRate: string | null }
export interface CollectionKpis { from: string; to: string; regionCode: string; asOf: string; months: MonthKpi[]; regions: RegionKpi[]; arrearsByAge: AgeingView[] }

export async function collectionKpis(database: DatabaseHandle, actor: Actor, query: { from: string; to: string; region?: string }): Promise<CollectionKpis> {
  const from = checkPeriod(query.from, 'from'), to = checkPeriod(query.to, 'to');
  if (from > to) throw invalid('to', collectionSaid.notBeforeFrom({ from }));
  const months: string[] = [];
  for (let period = from; period <= to; period = addMonths(period, 1)) {
    months.push(period);
    if (months.length > MAX_MONTHS) throw invalid('to', collectionSaid.rangeTooLong({ months: MAX_MONTHS }));
  }
  const today = todayInChina();
  const asOf = periodEnd(to) < today ? periodEnd(to) : today;
  return inScope(database, actor, async (tx) => {
    const regionCode = await resolveRegionSubtree(tx, actor, query.region);
    const prefix = scopePrefix(regionCode);
    // One row per bill with its principal paid (ever) and paid by its due date; grouped twice below.
    const rows = await repository.billedAndPaidByPeriodAndChild(tx, prefix, from, to);
    const children = [...new Set(rows.map((r) => r.child))].sort();
    const names = new Map(children.length ? (await repository.regionNames(tx, children)).map((r) => [r.code, r.name]) : []);
    const total = (list: typeof rows, pick: (r: (typeof rows)[number]) => bigint) => list.reduce((sum, r) => sum + pick(r), 0n);
    return {
      from, to, regionCode, asOf,
      months: months.map((period) => {
        const list = rows.filter((r) => r.period === period);
        const billed = total(list, (r) => r.billed), paid = total(list, (r) => r.paid), onTime = total(list, (r) => r.on_time);
        return { period, billed: formatYuan(billed), paid: formatYuan(paid), collectionRate: collectionRate(paid, billed), paidOnTime: formatYuan(onTime), onTimeRate: collectionRate(onTime, billed) };
      }),
      regions: children.map((child) => {
        const list = rows.filter((r) => r.child === child);
        const billed = total(list, (r) => r.billed), paid = total(list, (r) => r.paid);
        return { regionCode: child, regionName: names.get(child) ?? child, billed: formatYuan(billed), paid: formatYuan(paid), collectionRate: collectionRate(paid, billed) };
      }),
      arrearsByAge: await arrearsByAge(tx, regionCode, asOf),
    };
  });
}
