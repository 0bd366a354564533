/**
 * The year-end settlement's input and answer as JSON (the same for `sifund medical settle-year` and
 * POST /api/medical/settlements/year-end/preview): `{rules, institutions}` — or `{region, year, institutions}` to
 * settle under the region's rule set (params/medical/year_end_settlement.yaml) — amounts as yuan strings, shares as
 * decimal strings. Every problem of the input is found at once and refused in one 400 naming each field
 * (`institutions.0.quota`) and the rule it breaks.
 */
import { invalid, invalidFields, type Said } from '../../../platform/errors.ts';
import { inputRules } from '../../../platform/http/input-checks.ts';
import { formatDecimal, formatYuan, parseDecimal, parseYuan, type Decimal } from '../../../platform/money.ts';
import { yearProblem } from '../../../platform/dates.ts';
import { parameterVersion, type ParameterStore } from '../../../platform/params/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { settleYear, type CreditFactors, type InstitutionYear, type OverrunBand, type YearEndRules } from './year-end.calc.ts';

export const YEAR_END_RULES_PARAMETER = 'medical.year_end_settlement';

/** The rules to settle with, and where they come from: the region's parameter (its reference) or the request. */
export interface YearEndCase { rules: YearEndRules; reference: string | null; institutions: InstitutionYear[] }

interface Problem { field: string; message: Said }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const DECIMAL_TEXT = /^\d{1,6}(\.\d{1,12})?$/;
const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'nothing');

/** A share as decimal text: from 0 to 1 (`fraction`), or above 0 (`bound`, a band's upper bound, which may pass 100%). */
function share(value: unknown, field: string, problems: Problem[], kind: 'fraction' | 'bound'): Decimal | undefined {
  const decimal = typeof value === 'string' && DECIMAL_TEXT.test(value) ? parseDecimal(value, field) : undefined;
  const ok = decimal !== undefined && (kind === 'fraction' ? decimal.units <= 10n ** BigInt(decimal.scale) : decimal.units > 0n);
  if (ok) return decimal;
  problems.push({ field, message: kind === 'fraction' ? said.share({ text: shown(value) }) : said.positiveShare({ text: shown(value) }) });
  return undefined;
}

function amount(value: unknown, field: string, problems: Problem[]): bigint | undefined {
  const problem = inputRules.yuan(value);
  if (problem) { problems.push({ field, message: problem }); return undefined; }
  const fen = parseYuan(value as string, field);
  if (fen < 0n) { problems.push({ field, message: said.notNegative({ text: value as string }) }); return undefined; }
  return fen;
}

function rulesOf(value: unknown, problems: Problem[]): YearEndRules | undefined {
  if (!isObject(value)) { problems.push({ field: 'rules', message: said.jsonObject() }); return undefined; }
  const before = problems.length;
  const savingRewardShare = share(value.savingRewardShare, 'rules.savingRewardShare', problems, 'fraction');
  const cap = value.savingRewardCapShareOfQuota;
  const savingRewardCapShareOfQuota = cap === undefined || cap === null ? null : share(cap, 'rules.savingRewardCapShareOfQuota', problems, 'fraction') ?? null;
  const overrunBands: OverrunBand[] = [];
  const bands = value.overrunBands ?? [];
  if (!Array.isArray(bands)) problems.push({ field: 'rules.overrunBands', message: said.list() });
  else {
    bands.forEach((band: unknown, index) => {
      const at = `rules.overrunBands.${index}`;
      if (!isObject(band)) { problems.push({ field: at, message: said.jsonObject() }); return; }
      const upToShareOfQuota = share(band.upToShareOfQuota, `${at}.upToShareOfQuota`, problems, 'bound');
      const fundShare = share(band.fundShare, `${at}.fundShare`, problems, 'fraction');
      const previous = overrunBands.at(-1)?.upToShareOfQuota;
      if (upToShareOfQuota && previous && compare(upToShareOfQuota, previous) <= 0) {
        problems.push({ field: `${at}.upToShareOfQuota`, message: said.bandsAscending({ previous: formatDecimal(previous) }) });
      } else if (upToShareOfQuota && fundShare) overrunBands.push({ upToShareOfQuota, fundShare });
    });
  }
  return problems.length === before ? { savingRewardShare: savingRewardShare!, savingRewardCapShareOfQuota, overrunBands } : undefined;
}

function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = a.units * 10n ** BigInt(scale - a.scale) - b.units * 10n ** BigInt(scale - b.scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

function institutionsOf(value: unknown, problems: Problem[]): InstitutionYear[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field: 'institutions', message: value === undefined ? fieldRules.required() : said.nonEmptyList() });
    return [];
  }
  const institutions: InstitutionYear[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const at = `institutions.${index}`;
    if (!isObject(item)) { problems.push({ field: at, message: said.jsonObject() }); return; }
    const code = typeof item.code === 'string' ? item.code.trim() : '';
    if (!code || code.length > 40) problems.push({ field: `${at}.code`, message: said.code() });
    else if (seen.has(code)) problems.push({ field: `${at}.code`, message: said.codeTwice({ code }) });
    seen.add(code);
    const quota = amount(item.quota, `${at}.quota`, problems);
    const actual = amount(item.actual, `${at}.actual`, problems);
    const prepaid = amount(item.prepaid, `${at}.prepaid`, problems);
    if (quota !== undefined && actual !== undefined && prepaid !== undefined) institutions.push({ code, quota, actual, prepaid });
  });
  return institutions;
}

/** The rule set a region's parameter gives for a settlement year (in force on 31 December of that year). */
export function yearEndRulesOf(store: ParameterStore, region: string, year: number): { rules: YearEndRules; reference: string } {
  const found = store.lookup(YEAR_END_RULES_PARAMETER, `${year}-12-31`, region);
  const table = found.value as Record<string, unknown>;
  const bands = (table.overrun_bands ?? {}) as Record<string, string>;
  const overrunBands = Object.entries(bands)
    .map(([upTo, fundShare]) => ({ upToShareOfQuota: parseDecimal(upTo, YEAR_END_RULES_PARAMETER), fundShare: parseDecimal(fundShare, YEAR_END_RULES_PARAMETER) }))
    .sort((a, b) => compare(a.upToShareOfQuota, b.upToShareOfQuota));
  const cap = table.saving_reward_cap_share_of_quota as string | undefined;
  return {
    rules: {
      savingRewardShare: parseDecimal(table.saving_reward_share as string, YEAR_END_RULES_PARAMETER),
      savingRewardCapShareOfQuota: cap === undefined ? null : parseDecimal(cap, YEAR_END_RULES_PARAMETER),
      overrunBands,
    },
    reference: found.reference,
  };
}

/** 年终清算方式: total_budget, or the hospitals by DIP (params/medical/year_end_method.yaml). */
export const YEAR_END_METHOD_PARAMETER = 'medical.year_end_method';

export const YEAR_END_CREDIT_FACTORS_PARAMETER = 'medical.year_end_credit_factors';

/** The factors per credit grade the region's year is settled with (in force on the year's last day), and their source. */
export function yearEndCreditFactorsOf(store: ParameterStore, region: string, year: number): { factors: Map<string, CreditFactors>; reference: string } {
  const found = store.lookup(YEAR_END_CREDIT_FACTORS_PARAMETER, `${year}-12-31`, region);
  const table = found.value as Record<string, Record<string, string>>;
  const factors = new Map(Object.entries(table).map(([grade, factor]) => [grade, {
    savingReward: parseDecimal(factor.saving_reward, YEAR_END_CREDIT_FACTORS_PARAMETER), overrunPaid: parseDecimal(factor.overrun_paid, YEAR_END_CREDIT_FACTORS_PARAMETER),
  }]));
  return { factors, reference: `${parameterVersion(found)}: ${found.reference}` };
}

/** Reads the input; `parameters` gives the regional rules when the input names a region and a year instead of rules. */
export function readYearEndInput(input: unknown, parameters: () => ParameterStore): YearEndCase {
  if (!isObject(input)) throw invalid('input', said.jsonObject());
  const problems: Problem[] = [];
  let rules: YearEndRules | undefined;
  let reference: string | null = null;
  let region: string | undefined;
  let year: number | undefined;
  if (input.rules !== undefined) rules = rulesOf(input.rules, problems);
  else if (input.region === undefined || input.year === undefined) problems.push({ field: 'rules', message: said.rulesOrRegion() });
  else {
    if (typeof input.region === 'string' && /^\d{6}$/.test(input.region)) region = input.region;
    else problems.push({ field: 'region', message: said.regionCode({ text: shown(input.region) }) });
    const problem = yearProblem(input.year);
    if (problem) problems.push({ field: 'year', message: problem });
    else year = Number(input.year);
  }
  const institutions = institutionsOf(input.institutions, problems);
  if (problems.length) throw invalidFields(problems);
  if (!rules) ({ rules, reference } = yearEndRulesOf(parameters(), region!, year!));
  return { rules, reference, institutions };
}

const shareText = (decimal: Decimal | null) => (decimal === null ? null : formatDecimal(decimal));

/** The answer: each institution's figures in yuan, and the rules applied (with the parameter's reference, if any). */
export function yearEndAnswer(settled: YearEndCase) {
  const { rules, reference } = settled;
  return {
    rules: {
      savingRewardShare: formatDecimal(rules.savingRewardShare),
      savingRewardCapShareOfQuota: shareText(rules.savingRewardCapShareOfQuota),
      overrunBands: rules.overrunBands.map((band) => ({ upToShareOfQuota: formatDecimal(band.upToShareOfQuota), fundShare: formatDecimal(band.fundShare) })),
      reference,
    },
    institutions: settleYear(settled).institutions.map((institution) => ({
      code: institution.code,
      quota: formatYuan(institution.quota),
      actual: formatYuan(institution.actual),
      allowed: formatYuan(institution.allowed),
      prepaid: formatYuan(institution.prepaid),
      settlement: formatYuan(institution.settlement),
      savingReward: formatYuan(institution.savingReward),
      overrunPaid: formatYuan(institution.overrunPaid),
    })),
  };
}
export type YearEndAnswer = ReturnType<typeof yearEndAnswer>;
