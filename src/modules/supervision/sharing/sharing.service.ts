/**
 * Responsibility sharing of a pooled pension fund's deficit (责任分担, issue 15 R9.6) — the enterprise employees' fund
 * (企业职工基本养老保险) or the public institutions' (机关事业单位基本养老保险, 国发〔2015〕2号) —: per county in the
 * actor's scope, the year's gap from its collection and payroll records and its shares for the province, the city and
 * the county by the scheme's rule of the year (supervision.sharing.shares, supervision.sharing.collection_target).
 * Nothing is written here: the settlement of a year's shares through sign-off and the ledger is
 * sharing-settlement.service.ts.
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
import { AppError, invalid } from '../../../platform/errors.ts';
import { sharingSaid as said } from './sharing.messages.ts';
import { shareCountyGap, type SharingRule } from './sharing.calc.ts';
import * as repository from './sharing.repository.ts';

/**
 * The pension schemes whose deficit is shared: each with the pension award scheme of its pensioners, the ledger
 * insurance of its funds (public institutions' contributions are billed as pension items into public_pension-… funds).
 */
export const SHARING_SCHEMES = {
  enterprise: { awardScheme: 'enterprise', fundInsurance: 'pension', name: '企业职工基本养老保险' },
  public: { awardScheme: 'public', fundInsurance: 'public_pension', name: '机关事业单位基本养老保险' },
} as const;
export type SharingScheme = keyof typeof SHARING_SCHEMES;
export const sharingSchemes = Object.keys(SHARING_SCHEMES) as SharingScheme[];
const SHARES_PARAMETER = 'supervision.sharing.shares';
export const PAYROLL_ACROSS_POOLS = '责任分担需核对省级统筹基金的养老金发放 (responsibility sharing reads the payroll of the province-pooled fund)';

export interface SharingResult {
  year: number; scheme: string; scope: string;
  rule: { province: string; city: string; county: string; collectionTarget: string; references: string[] };
  regions: { region: string; name: string; billed: string; collected: string; paid: string; gap: string; ownGap: string; surplus: string; shares: { province: string; city: string; county: string } }[];
}

/** The scheme's rule of the year (in force on its first day) for the counties' province; a year the shares do not name the scheme is refused (422 naming the parameter). */
function sharingRule(scheme: SharingScheme, year: number, region: string): { rule: SharingRule; rounding: RoundingMode; references: string[] } {
  const store = getParameters(), date = `${year}-01-01`;
  const shares = store.lookup(SHARES_PARAMETER, date, region), target = store.lookup('supervision.sharing.collection_target', date, region);
  const ofScheme = (shares.value as Record<string, Record<string, string>>)[scheme];
  if (!ofScheme) throw new AppError(422, 'parameter_missing', said.noSharesOfScheme({ scheme: SHARING_SCHEMES[scheme].name, year, parameter: parameterVersion(shares) }), 'scheme');
  return {
    rule: { province: ofScheme.province, city: ofScheme.city, county: ofScheme.county, collectionTarget: target.value as string },
    rounding: store.text('contribution.rounding', date, region) as RoundingMode,
    references: [shares, target].map(parameterVersion),
  };
}

/** The counties under `prefix` with their pension year and gap by the rule of the year, in fen (the transaction reads the province's pooled payroll). */
export async function countyShares(tx: Tx, input: { scheme: SharingScheme; prefix: string; year: number; fallbackRegion: string }) {
  const counties = await repository.countyPensionYears(tx, { ...SHARING_SCHEMES[input.scheme], prefix: input.prefix, year: input.year });
  const { rule, rounding, references } = sharingRule(input.scheme, input.year, provinceOf(counties[0]?.region ?? input.fallbackRegion));
  return {
    rule, references,
    counties: counties.map((county) => ({ ...county, result: shareCountyGap({ billed: county.billed, collected: county.collected, paid: county.paid }, rule, rounding) })),
  };
}

/** The scheme asked for (default: the enterprise employees'), refused naming `scheme` when unknown. */
export function checkScheme(scheme: string | undefined): SharingScheme {
  if (scheme === undefined) return 'enterprise';
  if (!(sharingSchemes as string[]).includes(scheme)) throw invalid('scheme', said.schemeUnknown({ value: scheme, choices: sharingSchemes.join(', ') }));
  return scheme as SharingScheme;
}

export async function shareResponsibility(database: DatabaseHandle, actor: Actor, input: { year: number | string; scheme?: string }): Promise<SharingResult> {
  requirePermission(actor, 'supervision.read');
  const year = checkYear(input.year);
  const scheme = checkScheme(input.scheme);
  const prefix = scopePrefix(actor.regionCode);
  const { rule, references, counties } = await inScope(database, widenToPooledFunds(actor, PAYROLL_ACROSS_POOLS),
    (tx) => countyShares(tx, { scheme, prefix, year, fallbackRegion: actor.regionCode ?? '000000' }));
  return {
    year, scheme, scope: prefix, rule: { ...rule, references },
    regions: counties.map(({ result, ...county }) => ({
      region: county.region, name: county.name, billed: formatYuan(county.billed), collected: formatYuan(county.collected), paid: formatYuan(county.paid),
      gap: formatYuan(result.gap), ownGap: formatYuan(result.ownGap), surplus: formatYuan(result.surplus),
      shares: { province: formatYuan(result.shares.province), city: formatYuan(result.shares.city), county: formatYuan(result.shares.county) },
    })),
  };
}
