/**
 * 养老保险基金精算预测 (pure, no I/O): a cohort projection of the enterprise employees' pension fund (issue 13, R8.3).
 *
 * Contributors are kept by retirement category (male, female cadre, female worker) and birth year, pensioners by sex
 * and birth year, each moved one calendar year at a time in this order:
 *   1. mortality: every cohort loses q(sex, age) of its members (the life table, budget.projection.mortality);
 *   2. retirement: contributors whose statutory retirement month falls in the year become pensioners, at the ages of
 *      the 2024 reform (registry retirement-age.calc: 全国人大常委会关于实施渐进式延迟法定退休年龄的决定) or, in the
 *      no-reform scenario, at the former ages; birth months are taken as spread evenly over the birth year;
 *   3. new entrants: a share of last year's contributors joins, by sex and age (budget.projection.entrant_*).
 * The year's movements count from 1 January: whoever retires in the year is a pensioner for the whole year.
 *
 * Head counts are expected values (floating point, never money); they are rounded to whole persons once per year,
 * and the money of the year follows from the whole counts in bigint fen, each line rounded once (src/platform/money.ts):
 *   income of contributions = contributors × average base × 12 × contribution rate × collection rate;
 *   expense = pensioners × average pension × 12;
 *   interest = accumulated balance at the start of the year × interest rate (none on a negative balance);
 *   fiscal subsidy by its rule (none by default);
 *   balance = income − expense (income = contributions + interest + subsidy), accumulated = last year's + balance;
 *   months of payment capacity = accumulated ÷ (expense ÷ 12) (domain.md 可支付月数);
 *   the depletion year is the first year whose accumulated balance is below zero.
 */
import { divideRounded, multiplyFen, type Decimal } from '../../../platform/money.ts';
import { monthIndex, retirementSchedules, statutoryRetirementAgeMonths, type RetirementCategory } from '../../registry/index.ts';

export type Sex = 'M' | 'F';
export const retirementCategories: readonly RetirementCategory[] = ['male', 'female_cadre', 'female_worker'];
const sexOf = (category: RetirementCategory): Sex => (category === 'male' ? 'M' : 'F');

/** Gompertz–Makeham force of mortality μ(x) = A + B·c^x, per sex. */
export interface MortalityLaw { A: number; B: number; c: number }
/** From this age everybody left dies within the year (the table's end). */
export const OLDEST_AGE = 105;

/** The probability of dying between ages x and x + 1: 1 − exp(−∫ μ) with ∫ₓ^{x+1} B·c^t dt = B·c^x·(c − 1) ÷ ln c. */
export function deathProbability(law: MortalityLaw, age: number): number {
  if (age >= OLDEST_AGE) return 1;
  const gompertz = law.B === 0 ? 0 : (law.B * law.c ** age * (law.c - 1)) / Math.log(law.c);
  return 1 - Math.exp(-(law.A + gompertz));
}

/** 'reform': the statutory ages of the 2024 reform (the law); 'former': 60 / 55 / 50 (国发〔1978〕104号), for comparison. */
export type RetirementAges = 'reform' | 'former';
export type FiscalSubsidyRule = 'none' | 'current_gap' | 'share_of_expense';

/** The assumptions of one projected year (the dated parameters in force on its 1 January, with a scenario's overrides). */
export interface YearAssumptions {
  year: number;
  /** Employer plus employee rate (contribution.pension.*): all of it is the fund's 社会保险费收入. */
  contributionRate: Decimal;
  collectionRate: Decimal;
  wageGrowth: Decimal;
  pensionIndexation: Decimal;
  interestRate: Decimal;
  /** New contributors as a share of last year's (a demographic rate: a number). */
  entrantRate: number;
  fiscalSubsidyRule: FiscalSubsidyRule;
  fiscalSubsidyShare: Decimal;
}

export interface ProjectionAssumptions {
  mortality: Record<Sex, MortalityLaw>;
  /** Shares of the new entrants by sex and age, adding up to 1. */
  entrantAges: { sex: Sex; age: number; share: number }[];
  retirementAges: RetirementAges;
  /** A new retiree's monthly pension as a share of the year's average base. */
  newPensionRatio: Decimal;
  /** One per projected year, consecutive, the first the year after the starting point's. */
  years: YearAssumptions[];
}

/** Where the projection starts: the fund's people and money at the end of `baseYear`. */
export interface StartingPoint {
  baseYear: number;
  contributors: { category: RetirementCategory; birthYear: number; count: number }[];
  /** Pensioners with the sum of their monthly pensions (fen). */
  pensioners: { sex: Sex; birthYear: number; count: number; monthlyTotal: bigint }[];
  averageBase: bigint;
  accumulatedBalance: bigint;
}

export interface ProjectedYear {
  year: number;
  contributors: number;
  pensioners: number;
  /** 制度抚养比: pensioners per contributor; null without contributors. */
  dependencyRatio: number | null;
  averageBase: bigint;
  averagePension: bigint;
  contributionIncome: bigint;
  interestIncome: bigint;
  fiscalSubsidy: bigint;
  income: bigint;
  expense: bigint;
  balance: bigint;
  accumulatedBalance: bigint;
  /** null when nothing is paid out. */
  monthsOfPaymentCapacity: number | null;
}

export interface Projection { depletionYear: number | null; years: ProjectedYear[] }

const one = (rate: Decimal): Decimal => ({ units: rate.units + 10n ** BigInt(rate.scale), scale: rate.scale });

/** The retirement years of a birth year's twelve birth months, under the chosen ages. */
function retirementYears(category: RetirementCategory, birthYear: number, ages: RetirementAges): number[] {
  return Array.from({ length: 12 }, (_, month) => {
    const birthMonth = `${birthYear}-${String(month + 1).padStart(2, '0')}`;
    const ageMonths = ages === 'reform' ? statutoryRetirementAgeMonths(`${birthMonth}-01`, category) : retirementSchedules[category].formerAge * 12;
    return Math.floor((monthIndex(birthMonth) + ageMonths) / 12);
  });
}

/** Mutable cohort arrays indexed by birth year − firstBirthYear. */
interface Population {
  contributors: Record<RetirementCategory, Float64Array>;
  pensioners: Record<Sex, Float64Array>;
  /** Σ monthly pension of each pensioner cohort, in fen (a float: only an average is drawn from it). */
  pensionTotals: Record<Sex, Float64Array>;
}

const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);

export function projectPensionFund(start: StartingPoint, assumptions: ProjectionAssumptions): Projection {
  const lastYear = start.baseYear + assumptions.years.length;
  const firstBirthYear = start.baseYear - OLDEST_AGE - 1;
  const size = lastYear - firstBirthYear + 1;
  const index = (birthYear: number) => birthYear - firstBirthYear;
  const cohorts = (): Float64Array => new Float64Array(size);
  const population: Population = {
    contributors: { male: cohorts(), female_cadre: cohorts(), female_worker: cohorts() },
    pensioners: { M: cohorts(), F: cohorts() },
    pensionTotals: { M: cohorts(), F: cohorts() },
  };
  for (const row of start.contributors) if (row.birthYear >= firstBirthYear) population.contributors[row.category][index(row.birthYear)] += row.count;
  for (const row of start.pensioners) {
    if (row.birthYear < firstBirthYear) continue;
    population.pensioners[row.sex][index(row.birthYear)] += row.count;
    population.pensionTotals[row.sex][index(row.birthYear)] += Number(row.monthlyTotal);
  }
  const women = sum(population.contributors.female_cadre) + sum(population.contributors.female_worker);
  const femaleWorkerShare = women > 0 ? sum(population.contributors.female_worker) / women : 0.5;

  // the share of a birth year's cohort still working at the end of a year, from its twelve retirement months
  const retiring = new Map<string, number[]>();
  const stillWorking = (category: RetirementCategory, birthYear: number, year: number) => {
    const key = `${category}|${birthYear}`;
    let years = retiring.get(key);
    if (!years) retiring.set(key, (years = retirementYears(category, birthYear, assumptions.retirementAges)));
    return years.filter((retirementYear) => retirementYear > year).length / 12;
  };

  const years: ProjectedYear[] = [];
  let averageBase = start.averageBase;
  let accumulated = start.accumulatedBalance;
  let depletionYear: number | null = null;
  for (const assumed of assumptions.years) {
    const year = assumed.year;
    const contributorsBefore = retirementCategories.reduce((total, category) => total + sum(population.contributors[category]), 0);
    const pensionFactor = 1 + Number(assumed.pensionIndexation.units) / 10 ** assumed.pensionIndexation.scale;
    averageBase = multiplyFen(averageBase, one(assumed.wageGrowth));
    const newPension = Number(multiplyFen(averageBase, assumptions.newPensionRatio));

    for (let birthYear = firstBirthYear; birthYear < year; birthYear++) {
      const at = index(birthYear), age = year - 1 - birthYear;
      for (const sex of ['M', 'F'] as const) {
        const survival = 1 - deathProbability(assumptions.mortality[sex], age);
        population.pensioners[sex][at] *= survival;
        population.pensionTotals[sex][at] *= survival * pensionFactor;
      }
      for (const category of retirementCategories) {
        const contributors = population.contributors[category];
        if (contributors[at] === 0) continue;
        const survivors = contributors[at] * (1 - deathProbability(assumptions.mortality[sexOf(category)], age));
        const before = stillWorking(category, birthYear, year - 1), after = stillWorking(category, birthYear, year);
        // a cohort past its age (working on, or an 延长缴费) retires in the first year
        const staying = before > 0 ? survivors * (after / before) : 0;
        contributors[at] = staying;
        population.pensioners[sexOf(category)][at] += survivors - staying;
        population.pensionTotals[sexOf(category)][at] += (survivors - staying) * newPension;
      }
    }
    const entrants = contributorsBefore * assumed.entrantRate;
    for (const { sex, age, share } of assumptions.entrantAges) {
      const at = index(year - age);
      if (at < 0) continue;
      if (sex === 'M') population.contributors.male[at] += entrants * share;
      else {
        population.contributors.female_worker[at] += entrants * share * femaleWorkerShare;
        population.contributors.female_cadre[at] += entrants * share * (1 - femaleWorkerShare);
      }
    }

    const contributors = Math.round(retirementCategories.reduce((total, category) => total + sum(population.contributors[category]), 0));
    const pensionerCount = sum(population.pensioners.M) + sum(population.pensioners.F);
    const pensioners = Math.round(pensionerCount);
    const averagePension = pensionerCount > 0 ? BigInt(Math.round((sum(population.pensionTotals.M) + sum(population.pensionTotals.F)) / pensionerCount)) : 0n;

    const rate = assumed.contributionRate, collection = assumed.collectionRate;
    const contributionIncome = divideRounded(BigInt(contributors) * averageBase * 12n * rate.units * collection.units, 10n ** BigInt(rate.scale + collection.scale));
    const expense = BigInt(pensioners) * averagePension * 12n;
    const interestIncome = accumulated > 0n ? multiplyFen(accumulated, assumed.interestRate) : 0n;
    const fiscalSubsidy = assumed.fiscalSubsidyRule === 'share_of_expense' ? multiplyFen(expense, assumed.fiscalSubsidyShare)
      : assumed.fiscalSubsidyRule === 'current_gap' && expense > contributionIncome + interestIncome ? expense - contributionIncome - interestIncome
        : 0n;
    const income = contributionIncome + interestIncome + fiscalSubsidy;
    const balance = income - expense;
    accumulated += balance;
    if (accumulated < 0n && depletionYear === null) depletionYear = year;
    years.push({
      year, contributors, pensioners,
      dependencyRatio: contributors > 0 ? Number((pensioners / contributors).toFixed(4)) : null,
      averageBase, averagePension, contributionIncome, interestIncome, fiscalSubsidy, income, expense, balance, accumulatedBalance: accumulated,
      monthsOfPaymentCapacity: expense > 0n ? Number(divideRounded(accumulated * 12n * 10n, expense)) / 10 : null,
    });
  }
  return { depletionYear, years };
}
