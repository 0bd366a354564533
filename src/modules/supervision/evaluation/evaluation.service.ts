/**
 * Performance evaluation (绩效考核, issue 15 R9.5): the counties in the actor's scope scored on the indicator tree
 * (indicator-tree.yaml) from the system's own records of the year, ranked, and the 以奖代补 pool split by score to
 * the fen. Nothing is written: the evaluation reads the bills, payments, findings and approved budgets.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, provinceOf, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { checkYear } from '../../../platform/dates.ts';
import { invalid } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { approvedBudget } from '../../budget/index.ts';
import { measuresOf, rewardsByScore, scoreRegions } from './evaluation.calc.ts';
import { leavesOf, loadIndicatorTree } from './indicator-tree.ts';
import { evaluationSaid as said } from './evaluation.messages.ts';
import * as repository from './evaluation.repository.ts';

export interface IndicatorResult { code: string; name: string; value: number | null; score: number | null }
export interface RegionEvaluation { region: string; name: string; score: number; rank: number; reward: string; indicators: IndicatorResult[] }
export interface EvaluationResult { year: number; pool: string; scope: string; asOf: string; tree: string; regions: RegionEvaluation[] }

/** The budget's 社会保险费收入 (the income line premium_income of every fund table), or null without an approved budget. */
function budgetedPremium(lines: Awaited<ReturnType<typeof approvedBudget>>): bigint | null {
  if (!lines) return null;
  return lines.filter((line) => line.side === 'income' && line.subject === 'premium_income' && line.parentSubject === null).reduce((sum, line) => sum + line.amount, 0n);
}

export async function evaluateRegions(database: DatabaseHandle, actor: Actor, input: { year: number | string; pool?: string }): Promise<EvaluationResult> {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  const tree = loadIndicatorTree();
  const today = todayInChina();
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  const prefix = scopePrefix(actor.regionCode);
  const { counties, budgets } = await inScope(database, actor, async (tx) => {
    const facts = await repository.countyFacts(tx, { prefix, year, start: `${year - 1}-12-31`, end });
    const budgetLines = await Promise.all(facts.map((county) => approvedBudget(tx, { year, region: county.region })));
    return { counties: facts, budgets: budgetLines.map(budgetedPremium) };
  });
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
    values: measuresOf({
      billed: county.billed, paid: county.paid, paidOnTime: county.paid_on_time, lines: county.lines, assessedLines: county.assessed_lines,
      insured: county.insured, arrearsStart: county.arrears_start, arrearsEnd: county.arrears_end, findings: county.findings, budgetedPremium: budgets[index],
    }),
  })));
  const rewards = rewardsByScore(pool, scored);
  const names = new Map(counties.map((county) => [county.region, county.name]));
  const leafNames = new Map(leavesOf(tree.indicators).map((leaf) => [leaf.code, leaf.name]));
  return {
    year, pool: formatYuan(pool), scope: prefix, asOf: end, tree: tree.title,
    regions: scored.map((region, index) => ({
      region: region.region, name: names.get(region.region) ?? region.region, score: region.score, rank: region.rank, reward: formatYuan(rewards[index]),
      indicators: region.indicators.map((leaf) => ({ code: leaf.code, name: leafNames.get(leaf.code) ?? leaf.code, value: leaf.value, score: leaf.score })),
    })),
  };
}
