/**
 * DIP on the stored monthly settlement data: group points from the cost history of the three years before (the years
 * the budget point value weighs), each month's points with the abnormal-cost adjustment, and the live projection of
 * the year-end point value (dip.calc.ts). The year's DIP-payable fund is the sum of the hospitals' quotas for the year
 * (总额预算: the budget shared out as quotas; pharmacies are not settled by DIP); the reimbursement ratio is the
 * region's parameter medical.dip.reimbursement_ratio. A row's cases are taken at their average cost (cost ÷ cases,
 * to the fen): a case of abnormal cost comes in a row of its own.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { yearProblem } from '../../../platform/dates.ts';
import { divideRounded, formatDecimal, formatYuan, type Decimal } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import * as repository from '../medical.repository.ts';
import { casePoints, dipRulesOn, groupPoints, institutionDue, projectPointValue, sumDecimals, type GroupHistory } from './dip.calc.ts';

/** The year's DIP-payable fund: Σ the hospitals' quotas of the year (pharmacies are not settled by DIP). */
export const dipFundOf = (quotas: readonly { kind: string; annual_quota: bigint }[]) =>
  quotas.filter((quota) => quota.kind !== 'pharmacy').reduce((sum, quota) => sum + quota.annual_quota, 0n);

/**
 * A pooling region's DIP year as the stored data give it: the rules and ratio in force at the year's end, the group
 * points of the three years before, and the year's DIP rows with each row's points (its cases at their average cost,
 * adjusted for abnormal cost). Shared by the projection and the year-end settlement, so what an institution is shown
 * during the year is what it is settled on.
 */
export async function dipYear(tx: Tx, region: string, year: number) {
  const store = getParameters();
  const rules = dipRulesOn(store, `${year}-12-31`, region);
  const ratio = store.rate('medical.dip.reimbursement_ratio', `${year}-12-31`, region);
  const [from, to] = [`${year - 3}-01`, `${year - 1}-12`];
  const historyRows = await repository.dipRows(tx, region, from, to);
  if (historyRows.length === 0) throw notFound(said.dipNoHistory({ region, from, to }));
  const history = new Map<string, GroupHistory>();
  for (const row of historyRows) {
    const group = history.get(row.dip_group) ?? { group: row.dip_group, cases: 0, totalCost: 0n };
    history.set(row.dip_group, { group: row.dip_group, cases: group.cases + row.cases, totalCost: group.totalCost + row.cost });
  }
  const groups = new Map(groupPoints([...history.values()], rules).map((group) => [group.group, group]));
  const rows = (await repository.dipRows(tx, region, `${year}-01`, `${year}-12`)).map((row) => {
    const group = groups.get(row.dip_group);
    if (!group) throw invalid('dipGroup', said.dipUnknownGroup({ group: row.dip_group }));
    const averageCost = divideRounded(row.cost, BigInt(row.cases));
    const earned = casePoints(group, averageCost, rules).points;
    return { ...row, averageCost, points: { units: earned.units * BigInt(row.cases), scale: earned.scale } };
  });
  return { rules, ratio, historyFrom: from, historyTo: to, groups, rows };
}

export async function dipProjection(database: DatabaseHandle, actor: Actor, input: { year: number; region?: string }) {
  const problem = yearProblem(input.year);
  if (problem) throw invalid('year', problem);
  const year = Number(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const { rules, ratio, historyFrom: from, historyTo: to, groups, rows } = await dipYear(tx, region, year);
    if (rows.length === 0) throw notFound(said.dipNoMonths({ region, year }));
    const byMonth = new Map<string, Decimal[]>();
    const byInstitution = new Map<string, Decimal[]>();
    const add = (map: Map<string, Decimal[]>, key: string, points: Decimal) => {
      const list = map.get(key) ?? [];
      list.push(points);
      map.set(key, list);
    };
    for (const row of rows) {
      add(byMonth, row.month, row.points);
      add(byInstitution, row.code, row.points);
    }
    const dipFund = dipFundOf(await repository.quotasOfYear(tx, region, year));
    const projection = projectPointValue({
      annualDipFund: dipFund, reimbursementRatio: ratio, rules,
      months: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, points]) => ({ month, points: sumDecimals(points) })),
    });
    return {
      region, year, dipFund: formatYuan(dipFund), reimbursementRatio: formatDecimal(ratio), historyFrom: from, historyTo: to,
      monthsSettled: projection.monthsSettled, pointsSoFar: formatDecimal(projection.pointsSoFar), projectedPoints: formatDecimal(projection.projectedPoints),
      pointValue: formatDecimal(projection.pointValue), low: formatDecimal(projection.low), high: formatDecimal(projection.high),
      monthly: projection.monthly.map((month) => ({ month: month.month, points: formatDecimal(month.points), pointValue: formatDecimal(month.pointValue) })),
      groups: [...groups.values()].map((group) => ({ group: group.group, cases: group.cases, standardCost: formatYuan(group.standardCost), points: formatDecimal(group.points) })),
      // what each institution's points so far are worth at the foreseen value, and at the ends of its range
      institutions: [...byInstitution].sort(([a], [b]) => a.localeCompare(b)).map(([code, list]) => {
        const points = sumDecimals(list);
        return {
          code, points: formatDecimal(points), worth: formatYuan(institutionDue(points, projection.pointValue, ratio)),
          worthLow: formatYuan(institutionDue(points, projection.low, ratio)), worthHigh: formatYuan(institutionDue(points, projection.high, ratio)),
        };
      }),
    };
  });
}
