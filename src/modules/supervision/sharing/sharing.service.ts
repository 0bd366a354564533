/**
 * Responsibility sharing of the enterprise pension fund's deficit (责任分担, issue 15 R9.6): per county in the actor's
 * scope, the year's gap from its collection and payroll records and its shares for the province, the city and the
 * county by the rule of the year (supervision.sharing.shares, supervision.sharing.collection_target). Nothing is
 * written here: the settlement of a year's shares through sign-off and the ledger is sharing-settlement.service.ts.
 *
 * The payroll belongs to the province-pooled fund: read in the province's scope (widened), kept to the pensioners
 * administered in the actor's own region.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, provinceOf, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { checkYear } from '../../../platform/dates.ts';
import { formatYuan, type RoundingMode } from '../../../platform/money.ts';
import { getParameters, parameterVersion } from '../../../platform/params/index.ts';
import { shareCountyGap, type SharingRule } from './sharing.calc.ts';
import * as repository from './sharing.repository.ts';

export const SCHEME = 'enterprise';
export const PAYROLL_ACROSS_POOLS = '责任分担需核对省级统筹基金的养老金发放 (responsibility sharing reads the payroll of the province-pooled fund)';

export interface SharingResult {
  year: number; scheme: string; scope: string;
  rule: { province: string; city: string; county: string; collectionTarget: string; references: string[] };
  regions: { region: string; name: string; billed: string; collected: string; paid: string; gap: string; ownGap: string; surplus: string; shares: { province: string; city: string; county: string } }[];
}

/** The rule of the year (in force on its first day) for the counties' province. */
function sharingRule(year: number, region: string): { rule: SharingRule; rounding: RoundingMode; references: string[] } {
  const store = getParameters(), date = `${year}-01-01`;
  const shares = store.lookup('supervision.sharing.shares', date, region), target = store.lookup('supervision.sharing.collection_target', date, region);
  const scheme = (shares.value as Record<string, Record<string, string>>)[SCHEME];
  return {
    rule: { province: scheme.province, city: scheme.city, county: scheme.county, collectionTarget: target.value as string },
    rounding: store.text('contribution.rounding', date, region) as RoundingMode,
    references: [shares, target].map(parameterVersion),
  };
}

/** The counties under `prefix` with their pension year and gap by the rule of the year, in fen (the transaction reads the province's pooled payroll). */
export async function countyShares(tx: Tx, input: { prefix: string; year: number; fallbackRegion: string }) {
  const counties = await repository.countyPensionYears(tx, { prefix: input.prefix, year: input.year });
  const { rule, rounding, references } = sharingRule(input.year, provinceOf(counties[0]?.region ?? input.fallbackRegion));
  return {
    rule, references,
    counties: counties.map((county) => ({ ...county, result: shareCountyGap({ billed: county.billed, collected: county.collected, paid: county.paid }, rule, rounding) })),
  };
}

export async function shareResponsibility(database: DatabaseHandle, actor: Actor, input: { year: number | string }): Promise<SharingResult> {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  const prefix = scopePrefix(actor.regionCode);
  const { rule, references, counties } = await inScope(database, widenToPooledFunds(actor, PAYROLL_ACROSS_POOLS),
    (tx) => countyShares(tx, { prefix, year, fallbackRegion: actor.regionCode ?? '000000' }));
  return {
    year, scheme: SCHEME, scope: prefix, rule: { ...rule, references },
    regions: counties.map(({ result, ...county }) => ({
      region: county.region, name: county.name, billed: formatYuan(county.billed), collected: formatYuan(county.collected), paid: formatYuan(county.paid),
      gap: formatYuan(result.gap), ownGap: formatYuan(result.ownGap), surplus: formatYuan(result.surplus),
      shares: { province: formatYuan(result.shares.province), city: formatYuan(result.shares.city), county: formatYuan(result.shares.county) },
    })),
  };
}
