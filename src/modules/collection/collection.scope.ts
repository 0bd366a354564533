/** Shared checks of the collection module: a contribution period, and the region subtree a run or report covers. */
import { invalid, notFound } from '../../platform/errors.ts';
import { scopePrefix, type Actor, type Tx } from '../../platform/actor.ts';
import { isPeriod } from '../ledger/index.ts';
import { onlyProvince } from '../../platform/regions.ts';

export function checkPeriod(period: unknown): string {
  if (!isPeriod(period)) throw invalid('period', `must be a month YYYY-MM, got "${String(period)}"`);
  return period;
}

/** The region subtree a run or a report covers: the given region (must exist and be in scope), else the actor's own, else the only province. */
export async function resolveRegionSubtree(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<string> {
  if (regionCode) {
    const region = await tx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
    if (!region || !region.code.startsWith(scopePrefix(actor.regionCode))) throw notFound(`region ${regionCode}`);
    return region.code;
  }
  const code = actor.regionCode ?? await onlyProvince(tx);
  if (!code) throw invalid('region', 'is required: there is more than one province');
  return code;
}
