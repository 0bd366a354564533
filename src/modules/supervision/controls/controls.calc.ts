/**
 * Risk-graded controls (R9.3), pure: the register of control points read from its parameter, what each risk grade
 * requires, and the monthly audit sample — a seeded, reproducible draw over the month's high-risk operations.
 *
 * Grades (seed 004 篇7 风险分级; LD/T 05-2022 社会保险经办内部控制规范): high — 出错频率高、影响面广、挽回成本高 —
 * every sign-off level always, a second person at least, and the monthly audit sample by 稽核; medium and low — the
 * first level always, every level from the kind's amount threshold (signoff.<kind>.all_levels_from); or, for an
 * operation carried by checks that warn (次风险), its warnings stop it unless a reason to carry on is given.
 */
import type { RiskGrade } from '../../../platform/signoff/index.ts';
import type { TableValue } from '../../../platform/params/index.ts';

/**
 * One control point of the register (params/supervision/controls.yaml): an operation and what carries it — a sign-off
 * kind (the grade is the kind's own risk parameter), or checks that warn (次风险: the grade stated in the register,
 * the operation's checks kept under `checks`, platform/checks).
 */
export type ControlPoint = { operation: string; label: string; labelEn: string; basis: string }
  & ({ carrier: 'signoff'; signoffKind: string } | { carrier: 'checks'; checkPoint: string; grade: RiskGrade });

const COMMON = ['label', 'label_en', 'basis'] as const;
const grades: readonly RiskGrade[] = ['high', 'medium', 'low'];

/** The register's entries in the parameter's order; a malformed entry is a configuration error naming it. */
export function readControlRegister(table: TableValue): ControlPoint[] {
  return Object.entries(table).map(([operation, entry]) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`supervision.controls: ${operation} must be a mapping of ${COMMON.join(', ')} and signoff, or checks and grade`);
    const fields = entry as Record<string, unknown>;
    const carrierFields = 'checks' in fields ? ['checks', 'grade'] : ['signoff'];
    for (const field of [...COMMON, ...carrierFields]) {
      if (typeof fields[field] !== 'string') throw new Error(`supervision.controls: ${operation} needs ${field}`);
    }
    const unknown = Object.keys(fields).filter((field) => ![...COMMON, ...carrierFields].includes(field));
    if (unknown.length) throw new Error(`supervision.controls: ${operation} has unknown fields ${unknown.join(', ')}`);
    const common = { operation, label: fields.label as string, labelEn: fields.label_en as string, basis: fields.basis as string };
    if (carrierFields[0] === 'signoff') return { ...common, carrier: 'signoff' as const, signoffKind: fields.signoff as string };
    if (!grades.includes(fields.grade as RiskGrade)) throw new Error(`supervision.controls: ${operation}.grade must be one of ${grades.join(', ')}`);
    if (fields.grade === 'high') throw new Error(`supervision.controls: ${operation} is high risk: a high-risk operation is carried by a sign-off kind (a second person), not by checks`);
    return { ...common, carrier: 'checks' as const, checkPoint: fields.checks as string, grade: fields.grade as RiskGrade };
  });
}

export type Control = 'every_level' | 'levels_from_amount' | 'monthly_audit_sample' | 'warn_with_reason';

/**
 * What a grade requires of an operation: through sign-off, high — every level and the monthly sample, lower — every
 * level from the kind's amount (the sign-off engine's requiredLevels carries out the levels); through checks (次风险),
 * the warnings stop it unless a reason is given (platform/checks passChecks).
 */
export function controlsOfGrade(grade: RiskGrade, carrier: ControlPoint['carrier'] = 'signoff'): Control[] {
  if (carrier === 'checks') return ['warn_with_reason'];
  return grade === 'high' ? ['every_level', 'monthly_audit_sample'] : ['levels_from_amount'];
}

/** The seed when none is given: the month as a number (2026-07 → 202607), so each month has its own draw. */
export function defaultSeed(month: string): number {
  return Number(month.replace('-', ''));
}

export const MAX_SEED = 4_294_967_295;

/** Mulberry32: a 32-bit seeded generator, uniform in [0, 1); the same seed gives the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The sample: `size` of the population (ordered by id by the caller) drawn by a partial Fisher–Yates shuffle with the
 * seeded generator, answered in the population's order. The same population, seed and size give the same sample;
 * a larger size keeps every operation a smaller one drew.
 */
export function drawSample<T>(population: readonly T[], seed: number, size: number): T[] {
  const indexes = population.map((_, index) => index);
  const random = seededRandom(seed);
  const count = Math.min(size, indexes.length);
  for (let drawn = 0; drawn < count; drawn += 1) {
    const pick = drawn + Math.floor(random() * (indexes.length - drawn));
    [indexes[drawn], indexes[pick]] = [indexes[pick], indexes[drawn]];
  }
  return indexes.slice(0, count).sort((a, b) => a - b).map((index) => population[index]);
}

/**
 * 抽样核查: what the auditor found on a sampled operation — done by the rules (核查无误) or not (发现问题, with a note
 * saying what). LD/T 05-2022 社会保险经办内部控制规范 asks 稽核 to check the sampled high-risk operations and record
 * the result; a problem found is taken further as a case (cases/).
 */
export const sampleVerdicts = ['conforming', 'irregular'] as const;
export type SampleVerdict = (typeof sampleVerdicts)[number];

/** A sample's progress: how many of its operations were reviewed and how many found irregular. */
export function reviewProgress(verdicts: readonly (SampleVerdict | null)[]): { reviewed: number; irregular: number; toReview: number } {
  const reviewed = verdicts.filter((verdict) => verdict !== null).length;
  return { reviewed, irregular: verdicts.filter((verdict) => verdict === 'irregular').length, toReview: verdicts.length - reviewed };
}
