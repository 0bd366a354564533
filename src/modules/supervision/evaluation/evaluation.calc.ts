/**
 * The performance evaluation's arithmetic, pure (no I/O): a leaf's score by its rule, a county's score as the
 * weighted sum of its tree, the ranking, and the split of the reward-in-lieu-of-subsidy pool (以奖代补) by score —
 * in whole fen by the largest remainder, so the rewards add up to the pool exactly (seed 001: 考核结果与财政资金分配
 * 直接挂钩, 以奖代补调剂基金).
 */
import type { Indicator, Measure, Scoring } from './indicator-tree.ts';
import { leavesOf, valueKey } from './indicator-tree.ts';

/**
 * A region's values by measure (and an entered leaf's by its code, indicator-tree.ts valueKey); null or absent: not
 * measured or not entered for it (the leaf does not count).
 */
export type MeasureValues = Partial<Record<string, number | null>>;
export interface RegionMeasures { region: string; values: MeasureValues }

export interface LeafResult { code: string; value: number | null; score: number | null }
export interface RegionScore { region: string; score: number; rank: number; indicators: LeafResult[] }

const round2 = (value: number) => Math.round(value * 100) / 100;
/** a ÷ b to four places; null when b is zero (nothing to measure). */
const ratio = (a: bigint | number, b: bigint | number): number | null => (Number(b) === 0 ? null : Math.round(Number(a) / Number(b) * 10_000) / 10_000);

/** What the records say of a county in a year (evaluation.repository.ts countyFacts), money in fen. */
export interface CountyRecord {
  billed: bigint; paid: bigint; paidOnTime: bigint; lines: number; assessedLines: number; insured: number;
  arrearsStart: bigint; arrearsEnd: bigint; findings: number;
  /** 社会保险费收入 of the county's approved budget of the year; null: no approved budget */
  budgetedPremium: bigint | null;
}

/**
 * The measures of a county: collection rate (paid ÷ billed, 征缴率), on-time share (paid by the due date ÷ billed),
 * declared-base share (lines on a declared base ÷ lines with a base; the rest assessed, 核定), arrears growth (the
 * change of arrears over the year ÷ billed), findings per 10,000 persons billed, and the deviation of premium income
 * from its budget (|paid − budgeted| ÷ budgeted, 财社〔2022〕65号). Each null when its denominator is zero or absent.
 */
export function measuresOf(record: CountyRecord): Record<Measure, number | null> {
  const paid = record.paid;
  return {
    collection_rate: ratio(paid, record.billed),
    on_time_share: ratio(record.paidOnTime, record.billed),
    declared_base_share: ratio(record.lines - record.assessedLines, record.lines),
    arrears_growth: ratio(record.arrearsEnd - record.arrearsStart, record.billed),
    findings_per_10000: ratio(record.findings * 10_000, record.insured),
    execution_deviation: record.budgetedPremium === null ? null : ratio(paid > record.budgetedPremium ? paid - record.budgetedPremium : record.budgetedPremium - paid, record.budgetedPremium),
  };
}

/** Competition ranks (1, 2, 2, 4) of values, best first by `better`. */
export function competitionRanks(values: number[], better: 'higher' | 'lower'): number[] {
  const beats = (a: number, b: number) => (better === 'higher' ? a > b : a < b);
  return values.map((value) => 1 + values.filter((other) => beats(other, value)).length);
}

/** A leaf's score (0–100) by a target or band rule; null when the value is missing. Rank rules are scored across counties (scoreRegions). */
export function leafScore(scoring: Exclude<Scoring, { rule: 'rank' }>, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (scoring.rule === 'target') {
    const met = scoring.better === 'higher' ? value >= scoring.target : value <= scoring.target;
    if (met) return 100;
    return round2(scoring.better === 'higher' ? Math.max(0, value) / scoring.target * 100 : scoring.target / value * 100);
  }
  const band = scoring.bands.find((b) => (scoring.better === 'lower' ? value <= b.limit : value >= b.limit));
  return band ? band.score : scoring.otherwise;
}

/** By rank among `count` counties with a value: 100 for the first, 0 for the last, evenly between; 100 when alone. */
export const rankScore = (rank: number, count: number): number => (count <= 1 ? 100 : round2((count - rank) / (count - 1) * 100));

/** A node's score: its leaf's, or its children's weighted by the weights of those that count (null when none counts). */
function nodeScore(indicator: Indicator, leafScores: Map<string, number | null>): number | null {
  if (!indicator.children) return leafScores.get(indicator.code) ?? null;
  let weighted = 0, weights = 0;
  for (const child of indicator.children) {
    const score = nodeScore(child, leafScores);
    if (score === null) continue;
    weighted += child.weight * score;
    weights += child.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/**
 * Scores every county on the tree: each leaf by its rule (rank leaves among the counties that have the value), each
 * level the weighted sum of what counts, the total rounded to two places (0 when nothing counts); ranked by score
 * (ties share a rank), in rank order and then by region code.
 */
export function scoreRegions(indicators: Indicator[], regions: RegionMeasures[]): RegionScore[] {
  const leaves = leavesOf(indicators);
  const leafScores = regions.map(() => new Map<string, number | null>());
  for (const leaf of leaves) {
    const values = regions.map((r) => r.values[valueKey(leaf)] ?? null);
    if (leaf.scoring!.rule === 'rank') {
      const measured = values.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
      const ranks = competitionRanks(measured.map((m) => m.value), leaf.scoring!.better);
      regions.forEach((_, index) => leafScores[index].set(leaf.code, null));
      measured.forEach((m, k) => leafScores[m.index].set(leaf.code, rankScore(ranks[k], measured.length)));
    } else {
      values.forEach((value, index) => leafScores[index].set(leaf.code, leafScore(leaf.scoring as Exclude<Scoring, { rule: 'rank' }>, value)));
    }
  }
  const totals = regions.map((_, index) => {
    let weighted = 0, weights = 0;
    for (const indicator of indicators) {
      const score = nodeScore(indicator, leafScores[index]);
      if (score === null) continue;
      weighted += indicator.weight * score;
      weights += indicator.weight;
    }
    return weights === 0 ? 0 : round2(weighted / weights);
  });
  const ranks = competitionRanks(totals, 'higher');
  return regions.map((region, index) => ({
    region: region.region, score: totals[index], rank: ranks[index],
    indicators: leaves.map((leaf) => ({ code: leaf.code, value: region.values[valueKey(leaf)] ?? null, score: leafScores[index].get(leaf.code) ?? null })),
  })).sort((a, b) => a.rank - b.rank || a.region.localeCompare(b.region));
}

/**
 * Splits `total` fen by integer weights: each part its whole fen of total × weight ÷ Σ weights, the fen left over one
 * each to the largest remainders (the earlier part on a tie). All weights zero: equal parts. The parts add up to the total.
 */
export function splitByWeights(total: bigint, weights: bigint[]): bigint[] {
  if (weights.length === 0) return [];
  if (total < 0n || weights.some((w) => w < 0n)) throw new Error('splitByWeights: the total and the weights must not be negative');
  const used = weights.every((w) => w === 0n) ? weights.map(() => 1n) : weights;
  const sum = used.reduce((a, b) => a + b, 0n);
  const parts = used.map((w) => (total * w) / sum);
  const order = used.map((w, index) => ({ index, remainder: (total * w) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  for (let i = 0; left > 0n; i++, left--) parts[order[i].index] += 1n;
  return parts;
}

/** 以奖代补: the pool split by score (in hundredths of a point), in the order given (rank order: a tie in fen goes to the better rank). */
export const rewardsByScore = (pool: bigint, scored: readonly { score: number }[]): bigint[] =>
  splitByWeights(pool, scored.map((s) => BigInt(Math.round(s.score * 100))));
