/**
 * The performance evaluation's indicator tree (绩效考核指标体系) as data (indicator-tree.yaml), validated strictly at
 * load: levels of indicators with weights adding up to 1 among siblings, each leaf naming a measure the system
 * computes — or the range of a value entered by hand with its evidence — and its scoring rule (target, band or rank).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** What the system measures per county and year (evaluation.repository.ts), each a ratio or a count per 10,000. */
export const measures = ['collection_rate', 'on_time_share', 'declared_base_share', 'arrears_growth', 'findings_per_10000', 'execution_deviation'] as const;
export type Measure = (typeof measures)[number];

export type Direction = 'higher' | 'lower';
export interface Band { limit: number; score: number }
export type Scoring =
  | { rule: 'target'; target: number; better: Direction }
  | { rule: 'band'; better: Direction; bands: readonly Band[]; otherwise: number }
  | { rule: 'rank'; better: Direction };

/** A leaf the system cannot measure: its value is entered for a region and year with the evidence (evaluation.service.ts enterIndicator). */
export interface Entered { min: number; max: number; /** what to enter and on what evidence (shown beside the form) */ hint: string }

export interface Indicator { code: string; name: string; weight: number; children?: Indicator[]; measure?: Measure; entered?: Entered; scoring?: Scoring }
export interface IndicatorTree { title: string; reference: string; indicators: Indicator[] }

const CODE = /^[a-z][a-z0-9_]*$/;
const isScore = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 100;

/** Parses and checks an indicator tree; throws naming every problem. */
export function parseIndicatorTree(text: string, fileName = 'indicator tree'): IndicatorTree {
  const raw = YAML.parse(text) as Record<string, any> | null;
  const problems: string[] = [];
  const need = (ok: unknown, message: string) => { if (!ok) problems.push(message); };
  need(typeof raw?.title === 'string' && raw.title.length > 0, 'title is required');
  need(typeof raw?.reference === 'string' && raw.reference.length > 0, 'reference (the legal source) is required');
  const codes = new Set<string>();

  const scoringOf = (value: any, at: string): Scoring | undefined => {
    const better = value?.better;
    need(better === 'higher' || better === 'lower', `${at}.better must be higher or lower`);
    if (value?.rule === 'target') {
      need(typeof value.target === 'number' && value.target > 0, `${at}.target must be a number above 0`);
      return { rule: 'target', target: value.target, better };
    }
    if (value?.rule === 'band') {
      const bands: Band[] = Array.isArray(value.bands) ? value.bands : [];
      need(bands.length > 0 && bands.every((b) => typeof b?.limit === 'number' && isScore(b?.score)), `${at}.bands must be a list of {limit, score 0–100}`);
      const ordered = bands.every((b, i) => i === 0 || (better === 'lower' ? b.limit > bands[i - 1].limit : b.limit < bands[i - 1].limit));
      need(ordered, `${at}.bands: limits must ${better === 'lower' ? 'rise' : 'fall'} from band to band`);
      need(isScore(value.otherwise), `${at}.otherwise must be a score 0–100`);
      return { rule: 'band', better, bands: bands.map((b) => ({ limit: b.limit, score: b.score })), otherwise: value.otherwise };
    }
    if (value?.rule === 'rank') return { rule: 'rank', better };
    problems.push(`${at}.rule must be target, band or rank`);
    return undefined;
  };

  const level = (list: unknown, at: string): Indicator[] => {
    if (!Array.isArray(list) || list.length === 0) { problems.push(`${at} must be a list of indicators`); return []; }
    // weights in millionths, so that 0.6 + 0.4 is exactly 1
    const total = list.reduce((sum: number, entry: any) => sum + Math.round(Number(entry?.weight) * 1e6), 0);
    need(total === 1e6, `${at}: the weights must add up to 1`);
    return list.map((entry: any, index: number) => {
      const where = `${at}[${index}]`;
      need(typeof entry?.code === 'string' && CODE.test(entry.code) && !codes.has(entry.code), `${where}.code must be lower_case words, used once`);
      codes.add(entry?.code);
      need(typeof entry?.name === 'string' && entry.name.length > 0, `${where}.name is required`);
      need(typeof entry?.weight === 'number' && entry.weight > 0 && entry.weight <= 1, `${where}.weight must be above 0 and at most 1`);
      const leaf = entry?.children === undefined;
      if (!leaf) {
        need(entry.measure === undefined && entry.scoring === undefined, `${where}: an indicator with children has no measure or scoring of its own`);
        return { code: entry.code, name: entry.name, weight: entry.weight, children: level(entry.children, `${where}.children`) };
      }
      const scoring = scoringOf(entry?.scoring, `${where}.scoring`);
      if (entry?.entered !== undefined) {
        const { min, max, hint } = entry.entered ?? {};
        need(entry.measure === undefined, `${where}: an entered indicator has no measure`);
        need(typeof min === 'number' && typeof max === 'number' && min < max, `${where}.entered: min and max must be numbers, min below max`);
        need(typeof hint === 'string' && hint.length > 0, `${where}.entered.hint (what to enter, on what evidence) is required`);
        return { code: entry.code, name: entry.name, weight: entry.weight, entered: { min, max, hint }, scoring };
      }
      need(measures.includes(entry?.measure), `${where}.measure must be one of ${measures.join(', ')} (or the leaf is entered: {min, max, hint})`);
      return { code: entry.code, name: entry.name, weight: entry.weight, measure: entry.measure, scoring };
    });
  };
  const indicators = level(raw?.indicators, 'indicators');
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return { title: raw!.title, reference: raw!.reference, indicators };
}

let cache: IndicatorTree | undefined;

/** The indicator tree shipped beside this file. */
export function loadIndicatorTree(): IndicatorTree {
  cache ??= parseIndicatorTree(fs.readFileSync(path.join(import.meta.dirname, 'indicator-tree.yaml'), 'utf8'), 'indicator-tree.yaml');
  return cache;
}

/** Where a leaf's value is kept among a region's values: its measure, or for an entered leaf its own code. */
export const valueKey = (leaf: Indicator): string => leaf.measure ?? leaf.code;

/** The leaves of a tree, depth first. */
export const leavesOf = (indicators: Indicator[]): Indicator[] => indicators.flatMap((indicator) => (indicator.children ? leavesOf(indicator.children) : [indicator]));
