/**
 * Credit grades (信用等级) and the blacklist rule (严重失信人名单), pure: the grading scheme read from its dated
 * parameters, a subject's grade from its supervision facts, whether it may be proposed for the blacklist, and whether
 * a listing is in force on a day.
 *
 * Legal basis: 医疗保障基金使用监督管理条例 (2021) 第十六条 (信用管理) and 第三十八条至第四十一条 (失信惩戒) [check];
 * 社会保险经办条例 (2023) on 信用管理 [check: article]; 人社部《社会保险领域严重失信人名单管理暂行办法》(人社部规〔2019〕2号):
 * listing after notice, a term of three years, removal and 信用修复 [check: articles].
 */
import type { TableValue } from '../../../platform/params/index.ts';

/** What a subject is graded on (fen for money). */
export interface CreditFacts {
  /** cases concluded with an established violation (违规成立) within the look-back years */
  concludedCases: number;
  /** the amounts to recover of those cases */
  concludedAmount: bigint;
  /** findings not yet taken up or dismissed */
  openFindings: number;
  /** what its concluded cases still have to recover */
  outstanding: bigint;
  /** on the blacklist (a listing in force) */
  listed: boolean;
}

export type Threshold = 'concluded_cases' | 'concluded_amount_yuan' | 'open_findings' | 'outstanding_yuan';
const THRESHOLDS: readonly Threshold[] = ['concluded_cases', 'concluded_amount_yuan', 'open_findings', 'outstanding_yuan'];

/** One grade of the scheme, best first; `thresholds` empty for the best grade. */
export interface Grade { grade: string; label: string; thresholds: Partial<Record<Threshold, number>> }

/** A reason for a grade: the threshold met with the subject's figure and the grade's bar (money in fen), or `listed`. */
export type GradeReason = { threshold: Threshold; value: string; bar: string } | { threshold: 'listed' };

export interface Graded { grade: string; reasons: GradeReason[] }

const YUAN = 100n;

/**
 * The grading scheme from `supervision.credit.grades` (grade → label, best first) and `.grade_thresholds` (grade →
 * thresholds): every grade but the best has at least one threshold, the best has none; a malformed scheme is a
 * configuration error naming the parameter.
 */
export function readGradingScheme(grades: TableValue, thresholds: TableValue): Grade[] {
  const scheme = Object.entries(grades).map(([grade, label]) => {
    if (typeof label !== 'string') throw new Error(`supervision.credit.grades: ${grade} must be a label`);
    return { grade, label, thresholds: {} as Partial<Record<Threshold, number>> };
  });
  if (scheme.length < 2) throw new Error('supervision.credit.grades: at least two grades');
  for (const [grade, entry] of Object.entries(thresholds)) {
    const target = scheme.find((g) => g.grade === grade);
    if (!target) throw new Error(`supervision.credit.grade_thresholds: ${grade} is not a grade of supervision.credit.grades`);
    if (target === scheme[0]) throw new Error(`supervision.credit.grade_thresholds: ${grade} is the best grade and takes no threshold`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`supervision.credit.grade_thresholds: ${grade} must be a mapping`);
    for (const [name, value] of Object.entries(entry)) {
      if (!(THRESHOLDS as readonly string[]).includes(name)) throw new Error(`supervision.credit.grade_thresholds: ${grade}.${name} is not one of ${THRESHOLDS.join(', ')}`);
      if (typeof value !== 'number' || value < 1) throw new Error(`supervision.credit.grade_thresholds: ${grade}.${name} must be a whole number from 1`);
      target.thresholds[name as Threshold] = value;
    }
  }
  return scheme;
}

const figure = (facts: CreditFacts, threshold: Threshold): bigint => {
  switch (threshold) {
    case 'concluded_cases': return BigInt(facts.concludedCases);
    case 'open_findings': return BigInt(facts.openFindings);
    case 'concluded_amount_yuan': return facts.concludedAmount;
    case 'outstanding_yuan': return facts.outstanding;
  }
};
const bar = (threshold: Threshold, value: number) => threshold.endsWith('_yuan') ? BigInt(value) * YUAN : BigInt(value);

/**
 * The worst grade any of whose thresholds the facts reach (at or above); the best grade when none. A listed subject
 * has the worst grade, with the thresholds it also meets among its reasons: provincial 医疗保障信用管理办法 grade a
 * subject on the 严重失信主体名单 directly at the lowest grade (e.g. 广东: "纳入严重失信主体名单的，其信用等级直接判定为E级")
 * [local]; 人社部规〔2019〕2号 makes the listing the gravest credit record [check].
 */
export function gradeOf(scheme: readonly Grade[], facts: CreditFacts): Graded {
  for (let index = scheme.length - 1; index > 0; index -= 1) {
    const grade = scheme[index];
    const met: GradeReason[] = Object.entries(grade.thresholds)
      .filter(([threshold, value]) => figure(facts, threshold as Threshold) >= bar(threshold as Threshold, value))
      .map(([threshold, value]) => ({ threshold: threshold as Threshold, value: String(figure(facts, threshold as Threshold)), bar: String(bar(threshold as Threshold, value)) }));
    if (facts.listed && index === scheme.length - 1) return { grade: grade.grade, reasons: [{ threshold: 'listed' }, ...met] };
    if (met.length) return { grade: grade.grade, reasons: met };
  }
  return { grade: scheme[0].grade, reasons: [] };
}

/** The blacklist rule (`supervision.credit.blacklist_rule`): so many established cases within the years, or one of at least the amount. */
export interface BlacklistRule { cases: number; withinYears: number; singleCaseAmount: bigint }

export function readBlacklistRule(table: TableValue): BlacklistRule {
  const read = (name: string) => {
    const value = table[name];
    if (typeof value !== 'number' || value < 1) throw new Error(`supervision.credit.blacklist_rule: ${name} must be a whole number from 1`);
    return value;
  };
  return { cases: read('cases'), withinYears: read('within_years'), singleCaseAmount: BigInt(read('single_case_amount_yuan')) * YUAN };
}

/** A subject's established cases within the rule's years: how many, and the largest amount to recover of one (fen). */
export interface BlacklistFacts { cases: number; largestCase: bigint }

/** Which of the rule's conditions the facts meet (empty: the subject may not be proposed). */
export function blacklistGrounds(rule: BlacklistRule, facts: BlacklistFacts): ('repeat_cases' | 'large_case')[] {
  const grounds: ('repeat_cases' | 'large_case')[] = [];
  if (facts.cases >= rule.cases) grounds.push('repeat_cases');
  if (facts.largestCase >= rule.singleCaseAmount) grounds.push('large_case');
  return grounds;
}

/** The last day of a term of `years` from `listedOn` is the day before its anniversary: off the list from `until`. */
export function listingUntil(listedOn: string, years: number): string {
  const [year, month, day] = listedOn.split('-').map(Number);
  // 29 February listed: the term ends on 1 March of a year without it (Date rolls over)
  const until = new Date(Date.UTC(year + years, month - 1, day));
  return until.toISOString().slice(0, 10);
}

/** A listing is on the list from its listing day until the day before `until`, unless removed. */
export function listingInForce(listing: { status: string; listedOn: string | null; listedUntil: string | null }, today: string): boolean {
  return listing.status === 'listed' && listing.listedOn !== null && listing.listedUntil !== null && listing.listedOn <= today && today < listing.listedUntil;
}

/** The date `years` before `today` (the start of a look-back window), on the same rollover as listingUntil. */
export function yearsBefore(today: string, years: number): string {
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year - years, month - 1, day)).toISOString().slice(0, 10);
}
