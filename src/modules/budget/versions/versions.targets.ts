/**
 * The performance indicators every fund table of a version starts with (performance-targets.yaml, 财社〔2022〕65号),
 * validated strictly at load.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const dimensions = ['decision', 'process', 'output', 'effect'] as const;
export type Dimension = (typeof dimensions)[number];
export type Comparison = 'at_least' | 'at_most';

export interface PerformanceIndicator { indicator: string; dimension: Dimension; name: string; unit: string; comparison: Comparison; value: string }

/** A target value: a decimal with at most two places (numeric(12, 2)). */
export const TARGET_VALUE = /^-?[0-9]{1,10}(\.[0-9]{1,2})?$/;

export function parsePerformanceTargets(text: string, fileName = 'performance targets'): { reference: string; indicators: PerformanceIndicator[] } {
  const raw = YAML.parse(text) as { reference?: unknown; indicators?: unknown };
  const problems: string[] = [];
  if (typeof raw?.reference !== 'string' || !raw.reference) problems.push('reference is required');
  if (!Array.isArray(raw?.indicators) || raw.indicators.length === 0) problems.push('indicators must be a list');
  const seen = new Set<string>();
  const indicators = (Array.isArray(raw?.indicators) ? raw.indicators : []).map((entry: any, index: number): PerformanceIndicator => {
    const at = `indicators[${index}]`;
    if (!/^[a-z][a-z_]*$/.test(entry?.indicator ?? '') || seen.has(entry.indicator)) problems.push(`${at}.indicator must be lower_case words, used once`);
    seen.add(entry?.indicator);
    if (!dimensions.includes(entry?.dimension)) problems.push(`${at}.dimension must be one of ${dimensions.join(', ')}`);
    if (typeof entry?.name !== 'string' || !entry.name) problems.push(`${at}.name is required`);
    if (typeof entry?.unit !== 'string' || !entry.unit) problems.push(`${at}.unit is required`);
    if (entry?.comparison !== 'at_least' && entry?.comparison !== 'at_most') problems.push(`${at}.comparison must be at_least or at_most`);
    if (!TARGET_VALUE.test(String(entry?.value))) problems.push(`${at}.value must be a number with at most two decimals`);
    return { indicator: entry?.indicator, dimension: entry?.dimension, name: entry?.name, unit: entry?.unit, comparison: entry?.comparison, value: String(entry?.value) };
  });
  for (const dimension of dimensions) if (!indicators.some((indicator) => indicator.dimension === dimension)) problems.push(`no indicator of the dimension ${dimension}`);
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return { reference: raw.reference as string, indicators };
}

let loaded: ReturnType<typeof parsePerformanceTargets> | undefined;

/** The standard indicators, read once. */
export function performanceTargets() {
  const file = path.join(import.meta.dirname, 'performance-targets.yaml');
  loaded ??= parsePerformanceTargets(fs.readFileSync(file, 'utf8'), file);
  return loaded;
}
