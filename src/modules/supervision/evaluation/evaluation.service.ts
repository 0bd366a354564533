/**
 * Performance evaluation (绩效考核, issue 15 R9.5): the counties — or the cities — in the actor's scope scored on the
 * indicator tree (indicator-tree.yaml) from the system's own records of the year and the values entered by hand for
 * what the records cannot show, ranked, and the 以奖代补 pool split by score to the fen. The evaluation itself writes
 * nothing; an entered value is kept append-only with its evidence and the evaluator's name (enterIndicator).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, provinceOf, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { checkYear } from '../../../platform/dates.ts';
import { forbidden, invalid, invalidFields, type Said } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters, isRegionCode, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { approvedBudget } from '../../budget/index.ts';
import { measuresOf, rewardsByScore, scoreRegions } from './evaluation.calc.ts';
import { leavesOf, loadIndicatorTree, type Indicator } from './indicator-tree.ts';
import { evaluationSaid as said } from './evaluation.messages.ts';
import * as repository from './evaluation.repository.ts';
import type { EvaluationLevel } from './evaluation.repository.ts';

/** Who entered a value, when, and on what evidence (null for a measured leaf, or an entered one not entered yet). */
export interface EntryView { id: string; value: number; evidence: string; enteredBy: string; enteredAt: string }
export interface IndicatorResult {
  code: string; name: string; value: number | null; score: number | null;
  /** measured from the records, or entered by hand (then `entry` when entered, and the range and hint of what to enter) */
  source: 'measured' | 'entered'; entry: EntryView | null; range: { min: number; max: number; hint: string } | null;
}
export interface RegionEvaluation { region: string; name: string; score: number; rank: number; reward: string; indicators: IndicatorResult[] }
export interface EvaluationResult { year: number; level: EvaluationLevel; pool: string; scope: string; asOf: string; tree: string; regions: RegionEvaluation[] }

const levels: readonly EvaluationLevel[] = ['county', 'city'];
function checkLevel(value: unknown): EvaluationLevel {
  if (value === undefined) return 'county';
  if (!levels.includes(value as EvaluationLevel)) throw invalid('level', said.levelUnknown({ value: String(value) }));
  return value as EvaluationLevel;
}

const entryView = (row: repository.EntryRow): EntryView => ({
  id: String(row.id), value: Number(row.value), evidence: row.evidence, enteredBy: row.entered_by, enteredAt: row.entered_at.toISOString(),
});

/** The budget's 社会保险费收入 (the income line premium_income of every fund table), or null without an approved budget. */
function budgetedPremium(lines: Awaited<ReturnType<typeof approvedBudget>>): bigint | null {
  if (!lines) return null;
  return lines.filter((line) => line.side === 'income' && line.subject === 'premium_income' && line.parentSubject === null).reduce((sum, line) => sum + line.amount, 0n);
}

export async function evaluateRegions(database: DatabaseHandle, actor: Actor, input: { year: number | string; pool?: string; level?: string }): Promise<EvaluationResult> {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  const level = checkLevel(input.level);
  const tree = loadIndicatorTree();
  const today = todayInChina();
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  const prefix = scopePrefix(actor.regionCode);
  const { counties, budgets, entries } = await inScope(database, actor, async (tx) => {
    const facts = await repository.regionFacts(tx, { prefix, level, year, start: `${year - 1}-12-31`, end });
    const budgetLines = await Promise.all(facts.map((county) => approvedBudget(tx, { year, region: county.region })));
    return { counties: facts, budgets: budgetLines.map(budgetedPremium), entries: await repository.latestEntries(tx, { year, prefix }) };
  });
  const enteredOf = new Map(entries.map((row) => [`${row.region_code}:${row.indicator}`, row]));
  const leaves = leavesOf(tree.indicators);
  const enteredLeaves = leaves.filter((leaf) => leaf.entered);
  let pool: bigint;
  if (input.pool !== undefined) {
    pool = parseYuan(input.pool, 'pool');
    if (pool < 0n) throw invalid('pool', said.poolNegative());
  } else {
    // the province's pool of the year (the counties' province; the actor's when it has no county)
    const province = provinceOf(counties[0]?.region ?? actor.regionCode ?? '000000');
    const found = getParameters().find('supervision.evaluation.reward_pool', `${year}-01-01`, province);
    if (!found) throw invalid('pool', said.poolMissing({ year }));
    pool = found.value as bigint;
  }
  const scored = scoreRegions(tree.indicators, counties.map((county, index) => ({
    region: county.region,
    values: {
      ...measuresOf({
        billed: county.billed, paid: county.paid, paidOnTime: county.paid_on_time, lines: county.lines, assessedLines: county.assessed_lines,
        insured: county.insured, arrearsStart: county.arrears_start, arrearsEnd: county.arrears_end, findings: county.findings, budgetedPremium: budgets[index],
      }),
      ...Object.fromEntries(enteredLeaves.map((leaf) => {
        const entry = enteredOf.get(`${county.region}:${leaf.code}`);
        return [leaf.code, entry ? Number(entry.value) : null];
      })),
    },
  })));
  const rewards = rewardsByScore(pool, scored);
  const names = new Map(counties.map((county) => [county.region, county.name]));
  const leafOf = new Map(leaves.map((leaf) => [leaf.code, leaf]));
  return {
    year, level, pool: formatYuan(pool), scope: prefix, asOf: end, tree: tree.title,
    regions: scored.map((region, index) => ({
      region: region.region, name: names.get(region.region) ?? region.region, score: region.score, rank: region.rank, reward: formatYuan(rewards[index]),
      indicators: region.indicators.map((result) => {
        const leaf = leafOf.get(result.code)!;
        const entry = leaf.entered ? enteredOf.get(`${region.region}:${leaf.code}`) : undefined;
        return {
          code: result.code, name: leaf.name, value: result.value, score: result.score, source: leaf.entered ? 'entered' : 'measured',
          entry: entry ? entryView(entry) : null, range: leaf.entered ? { ...leaf.entered } : null,
        };
      }),
    })),
  };
}

export interface EntryRequest { year: unknown; region: unknown; indicator: unknown; value: unknown; evidence: unknown }

/** An entered leaf of the tree by its code, or undefined. */
const enteredLeaf = (code: unknown): Indicator | undefined =>
  leavesOf(loadIndicatorTree().indicators).find((leaf) => leaf.entered && leaf.code === code);

/**
 * 指标录入: the value of an entered leaf for a county or city and a year that has begun, with its evidence — every bad
 * field named at once, nothing kept. Kept append-only (a correction is a later entry; the evaluation reads the
 * latest) under the evaluator's own name, and audited.
 */
export async function enterIndicator(database: DatabaseHandle, actor: Actor, input: EntryRequest): Promise<EntryView & { year: number; region: string; indicator: string }> {
  requirePermission(actor, 'supervision.evaluate');
  const problems: { field: string; message: Said }[] = [];
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) problems.push({ field: 'year', message: said.yearShape({ value: String(input.year) }) });
  else if (year > Number(todayInChina().slice(0, 4))) problems.push({ field: 'year', message: said.yearNotBegun({ year }) });
  const region = typeof input.region === 'string' ? input.region : '';
  if (!isRegionCode(region)) problems.push({ field: 'region', message: said.regionShape({ value: String(input.region) }) });
  const leaf = enteredLeaf(input.indicator);
  if (!leaf) {
    const codes = leavesOf(loadIndicatorTree().indicators).filter((l) => l.entered).map((l) => l.code).join(', ');
    problems.push({ field: 'indicator', message: said.indicatorNotEntered({ value: String(input.indicator), codes }) });
  }
  const value = input.value;
  if (leaf?.entered) {
    const { min, max } = leaf.entered;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) problems.push({ field: 'value', message: said.valueRange({ min, max }) });
    else if (Math.round(value * 10_000) !== value * 10_000) problems.push({ field: 'value', message: said.valuePlaces() });
  }
  const evidence = typeof input.evidence === 'string' ? input.evidence.trim() : '';
  if (evidence.length < 4 || evidence.length > 500) problems.push({ field: 'evidence', message: said.evidenceLength() });
  if (problems.length) throw invalidFields(problems);
  if (!inActorScope(actor, region)) throw forbidden(said.regionOutOfScope({ region }));
  return inScope(database, actor, async (tx) => {
    const found = await repository.regionOf(tx, region);
    if (!found || (found.level !== 'county' && found.level !== 'city')) throw invalid('region', said.regionNotEvaluated({ region }));
    const row = { id: newId(), year, region_code: region, indicator: leaf!.code, value: (value as number).toFixed(4), evidence, entered_by: actor.username };
    const enteredAt = await repository.insertEntry(tx, row);
    await recordAudit(tx, actor, { action: 'supervision.evaluation.enter', entityType: 'evaluation_indicator_entry', entityId: row.id, regionCode: region,
      after: { year, region, indicator: leaf!.code, value, evidence } });
    return { ...entryView({ ...row, entered_at: enteredAt }), year, region, indicator: leaf!.code };
  });
}

/** Every value entered for a region's year, newest first, with the indicator's name. */
export async function entryHistory(database: DatabaseHandle, actor: Actor, input: { year: unknown; region: string }) {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  if (!isRegionCode(input.region)) throw invalid('region', said.regionShape({ value: input.region }));
  if (!inActorScope(actor, input.region)) throw forbidden(said.regionOutOfScope({ region: input.region }));
  const names = new Map(leavesOf(loadIndicatorTree().indicators).map((leaf) => [leaf.code, leaf.name]));
  const rows = await inScope(database, actor, (tx) => repository.entryHistory(tx, { year, region: input.region }));
  return { year, region: input.region, items: rows.map((row) => ({ ...entryView(row), indicator: row.indicator, indicatorName: names.get(row.indicator) ?? row.indicator })) };
}
