/** The monitoring indicators of a pooling region's institutions, month by month, against the agreed values (medical.indicators). */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { formatDecimal, parseDecimal, type Decimal } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { addMonths, isPeriod } from '../../ledger/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import * as repository from '../medical.repository.ts';
import { indicatorNames, indicatorParameterKeys, monthIndicators, type IndicatorName } from './indicators.calc.ts';

export interface IndicatorView { value: string | null; agreed: string | null; flagged: boolean }
export interface InstitutionMonthIndicators { code: string; name: string; kind: string; month: string; indicators: Record<IndicatorName, IndicatorView>; flagged: IndicatorName[] }

/** Each institution's months from `from` to `to` (default: one month) with its indicators; `flaggedOnly` keeps the flagged. */
export async function institutionIndicators(database: DatabaseHandle, actor: Actor, input: { from: string; to?: string; region?: string; institution?: string; flaggedOnly?: boolean }) {
  const to = input.to ?? input.from;
  for (const [field, month] of [['from', input.from], ['to', to]] as const) if (!isPeriod(month)) throw invalid(field, said.monthText({ text: String(month) }));
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const months = await repository.monthTotals(tx, region, addMonths(input.from, -12), to, input.institution);
    const byKey = new Map(months.map((m) => [`${m.code}/${m.month}`, m]));
    const store = getParameters();
    const items: InstitutionMonthIndicators[] = [];
    for (const month of months.filter((m) => m.month >= input.from)) {
      const agreedTable = store.table('medical.indicators', `${month.month}-01`, region)[month.kind] as Record<string, string> | undefined ?? {};
      const agreed: Partial<Record<IndicatorName, Decimal>> = {};
      for (const name of indicatorNames) {
        const limit = agreedTable[indicatorParameterKeys[name]];
        if (limit !== undefined) agreed[name] = parseDecimal(limit, `medical.indicators.${month.kind}.${indicatorParameterKeys[name]}`);
      }
      const yearBefore = byKey.get(`${month.code}/${addMonths(month.month, -12)}`);
      const computed = monthIndicators({
        cases: month.cases, dipCost: month.dip_cost, visits: month.visits, patients: month.patients, inpatientDays: month.inpatient_days,
        totalCost: month.total_cost, fundPayable: month.fund_payable, totalCostYearBefore: yearBefore ? yearBefore.total_cost : null,
      }, agreed);
      const indicators = Object.fromEntries(indicatorNames.map((name) => [name, {
        value: computed[name].value && formatDecimal(computed[name].value!), agreed: computed[name].agreed && formatDecimal(computed[name].agreed!), flagged: computed[name].flagged,
      }])) as Record<IndicatorName, IndicatorView>;
      const flagged = indicatorNames.filter((name) => computed[name].flagged);
      if (!input.flaggedOnly || flagged.length) items.push({ code: month.code, name: month.name, kind: month.kind, month: month.month, indicators, flagged });
    }
    return { region, from: input.from, to, items };
  });
}
