/**
 * Arrears (欠费) and late fees (滞纳金, 社会保险法 art. 86) of an employer on a date, the ageing of arrears in a
 * region and the dunning list (催缴清单: employers in arrears, biggest first). Everything is computed from bills and
 * allocations on the date asked, so a report can be re-run for any past date.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { formatYuan, type RoundingMode } from '../../../platform/money.ts';
import { getParameters, todayInChina, type ParameterStore } from '../../../platform/params/index.ts';
import { addDays } from '../../ledger/index.ts';
import { checkDate } from '../../../platform/dates.ts';
import { resolveRegionSubtree } from '../collection.scope.ts';
import { ageBucket, ageBuckets, billArrears, lessWaivedLateFee, type AgeBucket, type BillArrears, type BillState } from './arrears.calc.ts';
import type { DailyRate } from './late-fee.calc.ts';
import { billsNotPaidOnTime, employersByIds, lateFeeWaivers, waivedBy, type EmployerRow, type Waiver } from './arrears.repository.ts';
import { visibleEmployer } from './employer.access.ts';
import { collectionSaid } from '../collection.messages.ts';

const LATE_FEE_RATE = 'contribution.late_fee.daily_rate';

/** The late-fee rates in force from `from` to `to` in a region (each change a new stretch) and the rounding rule on `to`. */
export function lateFeeRules(store: ParameterStore, regionCode: string, from: string, to: string): { rates: DailyRate[]; rounding: RoundingMode } {
  const changes = new Set([from, ...store.history(LATE_FEE_RATE, regionCode).values.map((v) => v.since).filter((since) => since > from && since <= to)]);
  const rates = [...changes].sort().map((since) => ({ since, rate: store.lookup(LATE_FEE_RATE, since, regionCode).value as string }));
  return { rates, rounding: store.text('contribution.rounding', to, regionCode) as RoundingMode };
}

/**
 * Each bill's arrears on `asOf`, counting the allocations the states carry and, per employer, the late fee waived by
 * waivers dated up to `asOf` (lessWaivedLateFee). The bills come back in the order given.
 */
export function arrearsOn(bills: BillState[], asOf: string, waivers: Map<bigint, Waiver[]> = new Map(), store: ParameterStore = getParameters()): BillArrears[] {
  const rules = new Map<string, ReturnType<typeof lateFeeRules>>();
  const arrears = bills.map((bill) => {
    const key = `${bill.regionCode}/${bill.dueDate}`;
    let rule = rules.get(key);
    if (!rule) { rule = lateFeeRules(store, bill.regionCode, addDays(bill.dueDate, 1), asOf); rules.set(key, rule); }
    return billArrears(bill, asOf, rule.rates, rule.rounding);
  });
  if (!waivers.size) return arrears;
  const byEmployer = new Map<bigint, BillArrears[]>();
  for (const bill of arrears) byEmployer.set(bill.bill.employerId, [...(byEmployer.get(bill.bill.employerId) ?? []), bill]);
  const net = new Map<BillArrears, BillArrears>();
  for (const [employerId, employerBills] of byEmployer) {
    lessWaivedLateFee(employerBills, waivedBy(waivers.get(employerId), asOf)).forEach((bill, index) => net.set(employerBills[index], bill));
  }
  return arrears.map((bill) => net.get(bill)!);
}

/** The arrears on `asOf` of the bills not paid on time of an employer or a region subtree, late fees net of waivers. */
export async function arrearsAsOf(tx: Tx, filter: { employerId?: bigint; regionPrefix?: string }, asOf: string): Promise<BillArrears[]> {
  return arrearsOn(await billsNotPaidOnTime(tx, { ...filter, asOf }), asOf, await lateFeeWaivers(tx, filter));
}

export interface PeriodArrearsView { period: string; principal: string; dueDate: string; daysOverdue: number; lateFee: string }
export interface EmployerArrearsView { creditCode: string; employerName: string; asOf: string; principal: string; lateFee: string; periods: PeriodArrearsView[] }

function employerArrearsView(employer: EmployerRow, asOf: string, bills: BillArrears[]): EmployerArrearsView {
  const periods = new Map<string, { principal: bigint; lateFee: bigint; dueDate: string; daysOverdue: number }>();
  for (const bill of bills) {
    if (bill.principal === 0n && bill.lateFee === 0n) continue;
    const period = periods.get(bill.bill.period) ?? { principal: 0n, lateFee: 0n, dueDate: bill.bill.dueDate, daysOverdue: 0 };
    period.principal += bill.principal;
    period.lateFee += bill.lateFee;
    if (bill.bill.dueDate < period.dueDate) period.dueDate = bill.bill.dueDate;
    period.daysOverdue = Math.max(period.daysOverdue, bill.daysOverdue);
    periods.set(bill.bill.period, period);
  }
  const list = [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    creditCode: employer.credit_code, employerName: employer.name, asOf,
    principal: formatYuan(list.reduce((sum, [, p]) => sum + p.principal, 0n)),
    lateFee: formatYuan(list.reduce((sum, [, p]) => sum + p.lateFee, 0n)),
    periods: list.map(([period, p]) => ({ period, principal: formatYuan(p.principal), dueDate: p.dueDate, daysOverdue: p.daysOverdue, lateFee: formatYuan(p.lateFee) })),
  };
}

/** An employer's arrears on a date: per period the principal still owed and the late fee accrued and not paid. */
export async function employerArrears(database: DatabaseHandle, actor: Actor, input: { creditCode: string; asOf?: string }): Promise<EmployerArrearsView> {
  const asOf = checkDate(input.asOf ?? todayInChina(), 'asOf');
  return inScope(database, actor, async (tx) => {
    const employer = await visibleEmployer(tx, actor, input.creditCode);
    return employerArrearsView(employer, asOf, await arrearsAsOf(tx, { employerId: employer.id }, asOf));
  });
}

/** Bills overdue on `asOf` that still owe principal or late fee, in a region subtree. */
async function overdueBills(tx: Tx, regionCode: string, asOf: string): Promise<BillArrears[]> {
  const bills = await arrearsAsOf(tx, { regionPrefix: scopePrefix(regionCode) }, asOf);
  return bills.filter((bill) => bill.daysOverdue > 0 && (bill.principal > 0n || bill.lateFee > 0n));
}

export interface AgeingView { bucket: AgeBucket; employers: number; principal: string }

/** 账龄分析: each overdue bill in the bucket of its days overdue; an employer counts once per bucket it has bills in. */
function ageing(bills: BillArrears[]): AgeingView[] {
  return ageBuckets.map((bucket) => {
    const inBucket = bills.filter((bill) => ageBucket(bill.daysOverdue) === bucket);
    return { bucket, employers: new Set(inBucket.map((bill) => bill.bill.employerId)).size, principal: formatYuan(inBucket.reduce((sum, bill) => sum + bill.principal, 0n)) };
  });
}

/** The ageing of arrears on `asOf` in a region subtree (also a KPI). */
export async function arrearsByAge(tx: Tx, regionCode: string, asOf: string): Promise<AgeingView[]> {
  return ageing(await overdueBills(tx, regionCode, asOf));
}

export interface DunningItem {
  creditCode: string; employerName: string; regionCode: string; principal: string; lateFee: string;
  oldestPeriod: string; daysOverdue: number; bucket: AgeBucket;
}
export interface DunningView { asOf: string; regionCode: string; items: DunningItem[]; total: number; totalCapped: false; buckets: AgeingView[] }

/**
 * 催缴清单: employers with overdue contributions or unpaid late fees on `asOf`, the biggest amount first; the first
 * `limit` of them (100 by default) from `offset`, or every one with `limit: 'all'` (the exports); `total` counts them all.
 */
export async function dunningList(database: DatabaseHandle, actor: Actor, input: { asOf?: string; region?: string; limit?: number | 'all'; offset?: number }): Promise<DunningView> {
  const asOf = checkDate(input.asOf ?? todayInChina(), 'asOf');
  const limit = input.limit ?? 100;
  if (limit !== 'all' && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) throw invalid('limit', collectionSaid.limitRange({ min: 1, max: 10_000 }));
  const offset = input.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', collectionSaid.offsetRange());
  return inScope(database, actor, async (tx) => {
    const regionCode = await resolveRegionSubtree(tx, actor, input.region);
    const bills = await overdueBills(tx, regionCode, asOf);
    const byEmployer = new Map<bigint, { principal: bigint; lateFee: bigint; oldest: BillArrears }>();
    for (const bill of bills) {
      const entry = byEmployer.get(bill.bill.employerId) ?? { principal: 0n, lateFee: 0n, oldest: bill };
      entry.principal += bill.principal;
      entry.lateFee += bill.lateFee;
      if (bill.bill.period < entry.oldest.bill.period) entry.oldest = bill;
      byEmployer.set(bill.bill.employerId, entry);
    }
    const employers = await employersByIds(tx, [...byEmployer.keys()]);
    const ranked = [...byEmployer.entries()]
      .sort(([idA, a], [idB, b]) => {
        const difference = b.principal + b.lateFee - (a.principal + a.lateFee);
        return difference !== 0n ? (difference > 0n ? 1 : -1) : employers.get(idA)!.credit_code < employers.get(idB)!.credit_code ? -1 : 1;
      });
    const items = ranked
      .slice(offset, limit === 'all' ? undefined : offset + limit)
      .map(([id, entry]) => {
        const employer = employers.get(id)!;
        return {
          creditCode: employer.credit_code, employerName: employer.name, regionCode: employer.region_code,
          principal: formatYuan(entry.principal), lateFee: formatYuan(entry.lateFee), oldestPeriod: entry.oldest.bill.period,
          daysOverdue: entry.oldest.daysOverdue, bucket: ageBucket(entry.oldest.daysOverdue)!,
        };
      });
    return { asOf, regionCode, items, total: ranked.length, totalCapped: false, buckets: ageing(bills) };
  });
}
