/** The medical pooling region (统筹地区) a request works in: its fund settles the institutions of its subtree. */
import { inActorScope, scopePrefix, type Actor, type Tx } from '../../platform/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { medicalMessages as said } from './medical.messages.ts';
import * as repository from './medical.repository.ts';

/** The pooling region named (it must be in the actor's scope), or the only one in the actor's scope. */
export async function poolingRegionFor(tx: Tx, actor: Actor, region?: string): Promise<string> {
  const inScope = (await repository.medicalPoolingRegions(tx)).filter((code) => inActorScope(actor, code)).sort();
  const choices = inScope.join(', ') || '—';
  if (region !== undefined) {
    if (!inScope.includes(region)) throw invalid('region', said.notAPoolingRegion({ region, choices }));
    return region;
  }
  if (inScope.length !== 1) throw invalid('region', said.poolingRegionChoice({ choices }));
  return inScope[0];
}

/** The medical pooling region whose subtree holds a region (the nearest, should pooling regions ever nest). */
export function poolingRegionOfRegion(poolingRegions: readonly string[], regionCode: string): string | undefined {
  return poolingRegions.filter((code) => regionCode.startsWith(scopePrefix(code))).sort((a, b) => scopePrefix(b).length - scopePrefix(a).length)[0];
}
