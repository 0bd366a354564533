/** The dated parameters a work injury or maternity calculation uses, looked up for its date and region, each cited. */
import { parseDecimal, type Decimal } from '../../../platform/money.ts';
import type { ParameterStore, TableValue } from '../../../platform/params/index.ts';
import { chartFor, fundInsurance } from '../../ledger/index.ts';
import { cite } from '../trace.ts';
import type { MaternityParameters } from './maternity.calc.ts';
import type { AdjustedItem, WorkInjuryMonthRates, WorkInjuryParameters } from './work-injury.calc.ts';

const rates = <K extends string>(table: TableValue) =>
  Object.fromEntries(Object.entries(table).map(([key, value]) => [key, parseDecimal(String(value), key)])) as Record<K, Decimal>;

export function workInjuryParameters(store: ParameterStore, date: string, region: string): WorkInjuryParameters {
  const get = (path: string) => store.lookup(path, date, region);
  const path = (name: string) => `benefits.work_injury.${name}`;
  return {
    averageWage: cite<bigint>(get('contribution.base.average_wage')),
    minimumWage: cite<bigint>(get('wage.minimum_monthly')),
    ownWageFloor: cite(get(path('own_wage_floor_ratio')), store.rate(path('own_wage_floor_ratio'), date, region)),
    ownWageCeiling: cite(get(path('own_wage_ceiling_ratio')), store.rate(path('own_wage_ceiling_ratio'), date, region)),
    disabilityGrantMonths: cite<Record<string, number>>(get(path('disability_grant_months'))),
    disabilityAllowanceRatio: cite(get(path('disability_allowance_ratio')), rates(store.table(path('disability_allowance_ratio'), date, region))),
    nursingAllowanceRatio: cite(get(path('nursing_allowance_ratio')), rates<'full' | 'large' | 'partial'>(store.table(path('nursing_allowance_ratio'), date, region))),
    funeralGrantMonths: cite<number>(get(path('funeral_grant_months'))),
    dependantPensionRatio: cite(get(path('dependant_pension_ratio')),
      rates<'spouse' | 'other' | 'orphan_or_lone_elderly_addition'>(store.table(path('dependant_pension_ratio'), date, region))),
    deathGrantMultiple: cite<number>(get(path('death_grant_income_multiple'))),
    nationalDisposableIncome: cite<bigint>(get(path('national_urban_disposable_income'))),
  };
}

const PERIODIC_ADJUSTMENT = 'benefits.work_injury.periodic_adjustment_rate';

/**
 * What a work-injury month reads for its region (工伤保险条例 第三十四条、第四十条): the average wage in force on the
 * month's first day, and every dated adjustment that applies to the region (each date once, the value in force on it:
 * a city's own timeline replaces its province's from its first date, params.store); none where the province has published none.
 */
export function workInjuryMonthRates(store: ParameterStore, period: string, region: string): WorkInjuryMonthRates {
  const dates = [...new Set(store.history(PERIODIC_ADJUSTMENT, region).values.map((entry) => entry.since))];
  // a date whose value in force is an earlier one (a province's date inside a city's own timeline) is no adjustment there
  const adjustments = dates.map((since) => store.lookup(PERIODIC_ADJUSTMENT, since, region)).filter((found, i) => found.since === dates[i])
    .map((found) => ({ ...cite(found, rates<AdjustedItem>(found.value as TableValue)), since: found.since }));
  return {
    averageWage: cite<bigint>(store.lookup('contribution.base.average_wage', `${period}-01`, region)),
    minimumWage: cite<bigint>(store.lookup('wage.minimum_monthly', `${period}-01`, region)), adjustments,
  };
}

export function maternityParameters(store: ParameterStore, date: string, region: string): MaternityParameters {
  const get = (name: string) => store.lookup(`benefits.maternity.${name}`, date, region);
  return {
    leaveDays: cite<MaternityParameters['leaveDays']['value']>(get('leave_days')),
    extensionDays: cite<number>(get('extension_days')),
    birthMedicalLumpSum: cite<MaternityParameters['birthMedicalLumpSum']['value']>(get('birth_medical_lump_sum')),
    mergerDate: cite<string>(get('fund_merger_date')),
    mergedInto: fundInsurance(chartFor(Number(date.slice(0, 4))), 'maternity') ?? 'medical',
  };
}
