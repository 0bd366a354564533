/**
 * 法定退休年龄 (pure, no I/O): the month a person reaches the statutory retirement age under the gradual reform of
 * 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13, in force 2025-01-01) and its annexed
 * tables: men 60 → 63 and women cadres 55 → 58, one month later for every 4 months of birth from 1965-01 / 1970-01;
 * women workers 50 → 55, one month later for every 2 months of birth from 1975-01. Delay in months =
 * min(cap, floor(months since the first affected birth month ÷ step) + 1).
 *
 * The schedule is a law with fixed tables, not a dated policy parameter, and the same rule runs in SQL as
 * `statutory_retirement_month(birth_date, gender, occupation)` (migrations/0022_who_is_billed.sql), an immutable
 * function billing calls per row: so the numbers are constants here and there, and a test checks that both answer
 * the same for every birth month from 1950 to 1990.
 */

export type RetirementCategory = 'male' | 'female_cadre' | 'female_worker';

interface RetirementSchedule {
  /** The age before the reform, in years (国发〔1978〕104号). */
  formerAge: number;
  /** The first birth month the reform delays, 'YYYY-MM'. */
  firstAffectedBirthMonth: string;
  /** Months of birth per month of delay. */
  stepMonths: number;
  /** The largest delay, in months. */
  capMonths: number;
}

export const retirementSchedules: Record<RetirementCategory, RetirementSchedule> = {
  male: { formerAge: 60, firstAffectedBirthMonth: '1965-01', stepMonths: 4, capMonths: 36 },
  female_cadre: { formerAge: 55, firstAffectedBirthMonth: '1970-01', stepMonths: 4, capMonths: 36 },
  female_worker: { formerAge: 50, firstAffectedBirthMonth: '1975-01', stepMonths: 2, capMonths: 60 },
};

/**
 * The occupations that make a woman a worker (女职工, 50-based) rather than a cadre (女干部, 55-based): the worker major
 * groups of the occupation classification (GB/T 6565-2015 职业分类与代码, 大类 4–6) as the registry and the demo write
 * them, and any occupation that says 工人. [check] The law distinguishes by post (工人岗位 / 管理和专业技术岗位), which
 * the registry does not record; an occupation that says neither (blank, or a job title such as 会计) counts as a
 * cadre post, the later of the two ages, so nobody stops paying before the law lets them.
 */
export const workerOccupations = ['社会生产服务和生活服务人员', '农林牧渔业生产及辅助人员', '生产制造及有关人员'];

/** 、，, and spaces are dropped before comparing, so 农、林、牧、渔业生产及辅助人员 matches 农林牧渔业生产及辅助人员. */
const occupationNoise = /[、，,\s]/g;

export function retirementCategory(gender: 'M' | 'F', occupation: string | null | undefined): RetirementCategory {
  if (gender === 'M') return 'male';
  const plain = (occupation ?? '').replace(occupationNoise, '');
  return workerOccupations.includes(plain) || plain.includes('工人') ? 'female_worker' : 'female_cadre';
}

/** 'YYYY-MM' (or a date) → months since year 0, and back: month arithmetic without time zones. */
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthOfIndex = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The months of delay for a birth month: 0 before the first affected birth month. */
export function retirementDelayMonths(birthMonth: string, category: RetirementCategory): number {
  const schedule = retirementSchedules[category];
  const since = monthIndex(birthMonth) - monthIndex(schedule.firstAffectedBirthMonth);
  return since < 0 ? 0 : Math.min(schedule.capMonths, Math.floor(since / schedule.stepMonths) + 1);
}

/** The statutory retirement age of a person born on `birthDate`, in months (60 years 2 months → 722). */
export function statutoryRetirementAgeMonths(birthDate: string, category: RetirementCategory): number {
  return retirementSchedules[category].formerAge * 12 + retirementDelayMonths(birthDate.slice(0, 7), category);
}

/** The month ('YYYY-MM') in which a person born on `birthDate` reaches the statutory retirement age. */
export function statutoryRetirementMonth(birthDate: string, gender: 'M' | 'F', category?: RetirementCategory): string {
  const chosen = category ?? retirementCategory(gender, null);
  return monthOfIndex(monthIndex(birthDate) + statutoryRetirementAgeMonths(birthDate, chosen));
}
