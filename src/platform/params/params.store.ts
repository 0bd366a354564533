/**
 * Looking parameters up by (path, date, region). A region's override replaces the national timeline from its
 * first date: the most specific ancestor with a value in force wins (county → city → province → national).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, invalid, notFound } from '../errors.ts';
import { paramsMessages as said } from './params.messages.ts';
import { formatYuan, parseDecimal, type Decimal } from '../money.ts';
import { loadConfig } from '../config.ts';
import type { Language } from '../messages.ts';
import { decodeCursor, encodeCursor, type ListAnswer, type ListRequest } from '../http/lists.ts';
import {
  isRealDate, isRegionCode, readParameterDefinitions,
  type DatedValue, type ParameterDefinition, type ParameterUnit, type ParameterValue, type TableValue,
} from './params.loader.ts';

export interface ParameterLookup {
  path: string;
  /** rate: decimal string; money: bigint fen; integer: number; text: string; table: object. */
  value: ParameterValue;
  since: string;
  reference: string;
  /** The region whose override applied; null for the national value. */
  region: string | null;
}

/** Which version of a parameter a lookup found, as records cite it: `path@since`, `/region` when a regional override applied. */
export const parameterVersion = (found: ParameterLookup): string => `${found.path}@${found.since}${found.region ? `/${found.region}` : ''}`;

export interface ParameterListItem {
  path: string;
  /** In the language asked for (descriptionIn). */
  description: string;
  unit: ParameterUnit;
  /** null when no value is in force on that date for that region. */
  value: ParameterValue | null;
  since: string | null;
  reference: string | null;
  region: string | null;
}

export interface ParameterHistory {
  path: string;
  /** In the language asked for (descriptionIn). */
  description: string;
  unit: ParameterUnit;
  /** Text only: the allowed values. */
  choices?: string[];
  /** Every dated value that can apply to the region (its own, its ancestors', national), newest first. */
  values: (DatedValue & { region: string | null })[];
}

/** County 990102 → [990102, 990100, 990000]; city 990100 → [990100, 990000]; province → [990000]. */
export function regionChain(regionCode: string): string[] {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return chain.filter((code, index) => chain.indexOf(code) === index);
}

function checkDate(date: string): string {
  if (!isRealDate(date)) throw invalid('date', said.realDateGot({ date }));
  return date;
}

function checkRegion(regionCode: string | null | undefined): string | null {
  if (regionCode === undefined || regionCode === null || regionCode === '') return null;
  if (!isRegionCode(regionCode)) throw invalid('region', said.regionCodeGot({ regionCode }));
  return regionCode;
}

/** The parameter's description in a language: the file's `description` (Chinese) or `description_en` (English). */
export const descriptionIn = (definition: ParameterDefinition, language: Language): string =>
  (language === 'en' ? definition.descriptionEn : definition.description);

/** The error code of a parameter with no value on the date (or for the region) asked. */
export const PARAMETER_MISSING = 'parameter_missing';

/** The value in force on `date` in a newest-first list. */
const inForce = (values: DatedValue[], date: string) => values.find((entry) => entry.since <= date);

/** A value approved in the UI for a region (parameter_value, regional-values.ts), already read by the files' parser. */
export interface RegionalValue { path: string; regionCode: string; since: string; value: ParameterValue; reference: string }

export class ParameterStore {
  private readonly byPath: Map<string, ParameterDefinition>;

  constructor(definitions: ParameterDefinition[]) {
    this.byPath = new Map(definitions.map((definition) => [definition.path, definition]));
  }

  get paths(): string[] { return [...this.byPath.keys()]; }
  get size(): number { return this.byPath.size; }
  has(path: string): boolean { return this.byPath.has(path); }

  definition(path: string): ParameterDefinition {
    const definition = this.byPath.get(path);
    if (!definition) throw notFound(said.parameter({ path }));
    return definition;
  }

  /** The value in force, or undefined when none is (no throw). */
  find(path: string, date: string, regionCode?: string | null): ParameterLookup | undefined {
    const definition = this.definition(path);
    checkDate(date);
    const region = checkRegion(regionCode);
    for (const code of region ? regionChain(region) : []) {
      const override = definition.regions.get(code);
      const entry = override && inForce(override.values, date);
      if (entry) return { path, value: entry.value, since: entry.since, reference: entry.reference, region: code };
    }
    const entry = inForce(definition.values, date);
    return entry && { path, value: entry.value, since: entry.since, reference: entry.reference, region: null };
  }

  /**
   * The value in force; 404 naming the path when it is unknown; 422 parameter_missing naming the path, the date (and
   * region) when nothing is in force on that date there — the rules have no value for that period, so whatever asked
   * (an employer's arrears from 1998, a bill of a region without its own values) cannot be worked out: the request
   * was right and the thing it names exists, so never a 404 that would read as "employer not found".
   */
  lookup(path: string, date: string, regionCode?: string | null): ParameterLookup {
    const found = this.find(path, date, regionCode);
    if (found) return found;
    const definition = this.definition(path);
    const region = checkRegion(regionCode);
    const applicable = [...(region ? regionChain(region).flatMap((code) => definition.regions.get(code)?.values ?? []) : []), ...definition.values];
    if (applicable.length === 0) {
      const overrides = [...definition.regions.keys()].join(', ');
      throw new AppError(422, PARAMETER_MISSING, region ? said.noRegionValue({ path, region, overrides }) : said.noNationalValue({ path, overrides }), 'region');
    }
    const first = applicable.map((entry) => entry.since).sort()[0];
    throw new AppError(422, PARAMETER_MISSING, region ? said.noValueBeforeInRegion({ path, first, date, region }) : said.noValueBefore({ path, first, date }), 'date');
  }

  /** Typed helpers: the unit is checked, so a caller cannot read a rate as money by mistake. */
  rate(path: string, date: string, regionCode?: string | null): Decimal {
    return parseDecimal(this.typed(path, date, regionCode, 'rate') as string, path);
  }
  money(path: string, date: string, regionCode?: string | null): bigint {
    return this.typed(path, date, regionCode, 'money') as bigint;
  }
  integer(path: string, date: string, regionCode?: string | null): number {
    return this.typed(path, date, regionCode, 'integer') as number;
  }
  text(path: string, date: string, regionCode?: string | null): string {
    return this.typed(path, date, regionCode, 'text') as string;
  }
  table(path: string, date: string, regionCode?: string | null): TableValue {
    return this.typed(path, date, regionCode, 'table') as TableValue;
  }

  private typed(path: string, date: string, regionCode: string | null | undefined, unit: ParameterUnit): ParameterValue {
    const definition = this.definition(path);
    if (definition.unit !== unit) throw new Error(`parameter ${path} has unit ${definition.unit}, not ${unit}`);
    return this.lookup(path, date, regionCode).value;
  }

  /**
   * This store with the values approved in the UI added to the regions' timelines; on the same region and date an
   * approved value takes the place of the file's, and of an earlier approved one (`values` in approval order).
   */
  withRegionalValues(values: readonly RegionalValue[]): ParameterStore {
    if (values.length === 0) return this;
    const definitions = [...this.byPath.values()].map((definition) => {
      const added = values.filter((value) => value.path === definition.path);
      if (added.length === 0) return definition;
      const regions = new Map(definition.regions);
      for (const value of added) {
        const override = regions.get(value.regionCode);
        const timeline = (override?.values ?? []).filter((entry) => entry.since !== value.since);
        timeline.push({ since: value.since, value: value.value, reference: value.reference });
        timeline.sort((a, b) => (a.since < b.since ? 1 : -1));
        regions.set(value.regionCode, { ...override, values: timeline });
      }
      return { ...definition, regions };
    });
    return new ParameterStore(definitions);
  }

  /**
   * Every parameter, in path order, with its value on `date` for the region (null where none is in force), described
   * in `language`; with `q`, those whose path or description (Chinese or English, whichever language lists them) holds it, in any case.
   */
  list(date: string, regionCode?: string | null, language: Language = 'zh-CN', q?: string): ParameterListItem[] {
    checkDate(date);
    const region = checkRegion(regionCode);
    const needle = q?.trim().toLowerCase();
    const matches = (definition: ParameterDefinition) => !needle || [definition.path, definition.description, definition.descriptionEn].some((text) => text.toLowerCase().includes(needle));
    return [...this.byPath.values()].filter(matches).sort((a, b) => (a.path < b.path ? -1 : 1)).map((definition) => {
      const found = this.find(definition.path, date, region);
      return {
        path: definition.path, description: descriptionIn(definition, language), unit: definition.unit,
        value: found?.value ?? null, since: found?.since ?? null, reference: found?.reference ?? null, region: found?.region ?? null,
      };
    });
  }

  /**
   * Every dated value that can apply to the region, newest first; on the same date the most specific region first.
   * The description in `language` (a calculation reading the values needs none: Chinese, the agency's).
   */
  history(path: string, regionCode?: string | null, language: Language = 'zh-CN'): ParameterHistory {
    const definition = this.definition(path);
    const region = checkRegion(regionCode);
    const levels: (string | null)[] = [...(region ? regionChain(region) : []), null];
    const values = levels.flatMap((code, level) => {
      const list = code === null ? definition.values : definition.regions.get(code)?.values ?? [];
      return list.map((entry) => ({ ...entry, region: code, level }));
    });
    values.sort((a, b) => (a.since === b.since ? a.level - b.level : a.since < b.since ? 1 : -1));
    return { path, description: descriptionIn(definition, language), unit: definition.unit, ...(definition.choices ? { choices: definition.choices } : {}), values: values.map(({ level: _level, ...entry }) => entry) };
  }
}

/**
 * A page of 参数一览 (a list in memory, not in SQL: the store holds a few dozen parameters): the answer of every list,
 * its count exact, its cursor the last path of the page as the list kernel writes one (../http/lists.ts), so a page
 * past it is the parameters after that path — the same page however the files are read.
 */
export function parameterPage(items: ParameterListItem[], request: ListRequest): ListAnswer<ParameterListItem> {
  const [lastPath] = request.after === undefined ? [] : decodeCursor(request.after, 1);
  const past = (lastPath === undefined ? items : items.filter((item) => item.path > lastPath)).slice(request.offset ?? 0);
  const page = past.slice(0, request.limit);
  return { items: page, total: items.length, totalCapped: false, nextCursor: past.length > request.limit ? encodeCursor([page[page.length - 1].path]) : null };
}

/** For JSON (API, CLI): money as a yuan string "1234.56", everything else as is (rates are already strings). */
export function jsonValue(value: ParameterValue | null): unknown {
  if (typeof value === 'bigint') return formatYuan(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonValue(item as ParameterValue)]));
  return value;
}

export function loadParameters(dir: string): ParameterStore {
  return new ParameterStore(readParameterDefinitions(dir));
}

let cached: ParameterStore | undefined;
let regionalValues: readonly RegionalValue[] = [];

/** The installation's parameters (`SIFUND_PARAMS_DIR` or ./params) with the regional values approved in the UI, loaded once. */
export function getParameters(): ParameterStore {
  cached ??= loadParameters(loadConfig().paramsDir).withRegionalValues(regionalValues);
  return cached;
}

/** The regional values approved in the UI (regional-values.ts loads them from the database): in force from the next lookup. */
export function setRegionalValues(values: readonly RegionalValue[]): void {
  regionalValues = values;
  cached = undefined;
}

/** Forgets the cached parameters, so the next getParameters() reads the files again. */
export function reloadParameters(): ParameterStore {
  cached = undefined;
  return getParameters();
}

const businessDay = new AsyncLocalStorage<string>();

/**
 * Runs `work` as on `day` (YYYY-MM-DD): every todayInChina() without an argument inside it answers `day`. For replaying
 * past months through the services as an agency worked them (`sifund demo --history-months`); nothing else sets it.
 */
export function onBusinessDay<T>(day: string, work: () => Promise<T>): Promise<T> {
  return businessDay.run(day, work);
}

/** Built once: a formatter costs far more to make than to use (it was ~9 % of a busy server's time, made per call: ~59 µs against ~1.3 µs to use). */
const chinaDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in China (policy dates are Beijing dates, whatever the server's time zone), or the business day set by onBusinessDay. */
export function todayInChina(now?: Date): string {
  if (now === undefined) {
    const day = businessDay.getStore();
    if (day !== undefined) return day;
    now = new Date();
  }
  return chinaDateFormat.format(now);
}
