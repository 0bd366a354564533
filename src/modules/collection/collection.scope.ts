/** Shared checks of the collection module: a contribution period, and the region subtree a run or report covers. */
import { invalid, notFound } from '../../platform/errors.ts';
import { scopePrefix, type Actor, type Tx } from '../../platform/actor.ts';
import { checkPeriod as checkInputPeriod } from '../../platform/dates.ts';
import { onlyProvince } from '../../platform/regions.ts';
import { findRegionCode } from '../../platform/regions.repository.ts';
import { collectionSaid, subjects } from './collection.messages.ts';

/** A month YYYY-MM within the input range (src/platform/dates.ts), else a 400 naming `field`. */
export function checkPeriod(period: unknown, field = 'period'): string {
  return checkInputPeriod(period, field);
}

/** The region subtree a run or a report covers: the given region (must exist and be in scope), else the actor's own, else the only province. */
export async function resolveRegionSubtree(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<string> {
  if (regionCode) {
    const region = await findRegionCode(tx, regionCode);
    if (!region || !region.code.startsWith(scopePrefix(actor.regionCode))) throw notFound(subjects.region({ regionCode }));
    return region.code;
  }
  const code = actor.regionCode ?? await onlyProvince(tx);
  if (!code) throw invalid('region', collectionSaid.regionRequired());
  return code;
}

/**
 * Why collection work widens the operator's scope (recorded in the audit trail): 一个基数, 一单征收, 分别记账 —
 * one bill per employer, but each insurance books into its own fund at its pooling level (pension at the
 * province, 社会保险法 art. 64: 基本养老保险基金逐步实行全国统筹, 其他各项社会保险基金逐步实行省级统筹), above the county's data scope.
 */
export const BILLING_ACROSS_POOLS = '缴费核定记入统筹地区基金 billing books each insurance into its pooled fund';
export const PAYMENTS_ACROSS_POOLS = '缴费到账记入统筹地区基金 payment allocation books each insurance into its pooled fund';
