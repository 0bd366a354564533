/**
 * The dated parameters behind the budget draft's actuarial lines: the contribution rate of each month and the pension
 * indexation taking effect in a month, read for the fund's pooling region (the most specific value in force).
 */
import { getParameters } from '../../../platform/params/index.ts';

/**
 * The contribution rate of a fund's income, employer and employee shares together (the pooled fund's 社会保险费收入
 * counts both: ../../collection/fund-accounts.ts), each a dated parameter. The medical fund adds the maternity rate
 * (maternity is billed into it; 0 after the merger, 国办发〔2019〕10号). Work injury has no single rate (per industry
 * class and float, 人社部发〔2015〕71号): no actuarial income model.
 */
export const RATE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  pension: ['contribution.pension.employer_rate', 'contribution.pension.employee_rate'],
  public_pension: ['contribution.public_pension.employer_rate', 'contribution.public_pension.employee_rate'],
  medical: ['contribution.medical.employer_rate', 'contribution.medical.employee_rate', 'contribution.maternity.employer_rate'],
  unemployment: ['contribution.unemployment.employer_rate', 'contribution.unemployment.employee_rate'],
};

/** The 其中 row of 社会保险待遇支出 that recipients × average amount make, per fund insurance. */
export const BENEFIT_ROWS: Readonly<Record<string, string>> = { pension: 'basic_pension', public_pension: 'basic_pension', unemployment: 'unemployment_benefit' };

/** 养老金调整 (benefits.adjustment.overall_rate): a value dated in a month raises the average pension from that month [check: the month it is paid]. */
const INDEXATION_PARAMETER = 'benefits.adjustment.overall_rate';

/** The rate in force on the first of each month in the fund's region; null when a share has no value then. */
export function monthlyRates(insurance: string, region: string, months: readonly string[]): number[] | null {
  const paths = RATE_PARAMETERS[insurance];
  if (!paths) return null;
  const store = getParameters();
  const rates = months.map((month) => paths.map((path) => store.find(path, `${month}-01`, region)));
  if (rates.some((shares) => shares.some((share) => share === undefined))) return null;
  // the shares are exact decimals; their sum is kept to ten decimals (0.19 + 0.08 = 0.27, not 0.27000000000000002)
  return rates.map((shares) => Number(shares.reduce((rate, share) => rate + Number(share!.value), 0).toFixed(10)));
}

/** The funds whose benefit the pension adjustment raises (the yearly 调整退休人员基本养老金的通知 covers 企业和机关事业单位退休人员). */
const INDEXED = new Set(['pension', 'public_pension']);

/** The indexation taking effect in each month: the parameter's value whose date falls in that month, else 0 (always 0 for a benefit it does not raise). */
export function monthlyIndexation(insurance: string, region: string, months: readonly string[]): number[] {
  if (!INDEXED.has(insurance)) return months.map(() => 0);
  const store = getParameters();
  return months.map((month) => {
    const found = store.find(INDEXATION_PARAMETER, `${month}-01`, region);
    return found && found.since.slice(0, 7) === month ? Number(found.value) : 0;
  });
}
