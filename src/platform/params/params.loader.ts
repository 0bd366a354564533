/**
 * Dated policy parameters (OpenFisca style): one YAML file per parameter, validated strictly, into an exact model.
 * Numbers are read from the scalar's source text, never through a JS float, so 0.0005 stays "0.0005".
 * Parsing is pure (`parseParameterFile`); `readParameterDefinitions` walks a directory and reports every
 * problem of every file at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseYuan } from '../money.ts';

export const parameterUnits = ['rate', 'money', 'integer', 'text', 'table'] as const;
export type ParameterUnit = (typeof parameterUnits)[number];
/** The unit of a table's leaves. */
export type LeafUnit = Exclude<ParameterUnit, 'table'>;
const leafUnits: readonly LeafUnit[] = ['rate', 'money', 'integer', 'text'];

/** rate: exact decimal string; money: bigint fen; integer: number; text: string. */
export type LeafValue = string | bigint | number;
export interface TableValue { [key: string]: LeafValue | LeafValue[] | TableValue }
export type ParameterValue = LeafValue | TableValue;

export interface DatedValue { since: string; value: ParameterValue; reference: string }
export interface RegionOverride { name?: string; values: DatedValue[] }

export interface ParameterDefinition {
  /** `contribution.pension.employer_rate` for `contribution/pension/employer_rate.yaml`. */
  path: string;
  file: string;
  /** The Chinese description (`description`): what the agency's staff read. */
  description: string;
  /** The English description (`description_en`); the Chinese one when the file gives none. */
  descriptionEn: string;
  unit: ParameterUnit;
  /** Tables only: the unit of every leaf. */
  valueUnit?: LeafUnit;
  /** Text only: the allowed values. */
  choices?: string[];
  /** National values, newest first (may be empty when the parameter is set only per region). */
  values: DatedValue[];
  /** GB/T 2260 code → override; the most specific ancestor of a region wins. */
  regions: Map<string, RegionOverride>;
}

export interface ParameterProblem { file: string; key: string; message: string; line?: number }

export const formatProblem = (problem: ParameterProblem) =>
  `${problem.file}: ${problem.key ? `${problem.key}: ` : ''}${problem.message}${problem.line ? ` (line ${problem.line})` : ''}`;

/** Every problem found while loading parameters; the message lists them all, one per line. */
export class ParameterError extends Error {
  constructor(readonly problems: ParameterProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ParameterError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isRealDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** GB/T 2260: province XX0000, city XXYY00, county XXYYZZ (never a county under a "00" city). */
export function isRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code) || code.startsWith('00')) return false;
  return code.endsWith('0000') || code.slice(2, 4) !== '00';
}

const SEGMENT = /^[a-z][a-z0-9_]*$/;
const RATE = /^\d+(?:\.\d+)?$/;
const MONEY = /^\d{1,13}(?:\.\d{1,2})?$/;
const INTEGER = /^-?\d+$/;

const MAX_SYNTAX_ERRORS = 5;
const TOP_KEYS = ['description', 'description_en', 'unit', 'value_unit', 'choices', 'values', 'regions'];
const ENTRY_KEYS = ['value', 'reference'];
const REGION_KEYS = ['name', 'values'];

/** Validates one file's text. `parameterPath` comes from the file's place in the directory. */
export function parseParameterFile(text: string, parameterPath: string, file: string): { definition?: ParameterDefinition; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const lines = new LineCounter();
  const lineOf = (node: unknown) => (isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined);
  const problem: Report = (key, message, node) => { problems.push({ file, key, message, line: lineOf(node) }); };

  // uniqueKeys off: duplicates are reported below with the key path instead of a parser message.
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  // One syntax error cascades into many: keep the first per line, at most MAX_SYNTAX_ERRORS per file.
  const syntaxLines = new Set<number | undefined>();
  const syntax = [...document.errors, ...document.warnings];
  for (const error of syntax) {
    const line = error.linePos?.[0].line;
    if (syntaxLines.has(line)) continue;
    if (syntaxLines.size === MAX_SYNTAX_ERRORS) { problem('', `YAML: more syntax errors after line ${[...syntaxLines].at(-1)}; fix these first`); break; }
    syntaxLines.add(line);
    problems.push({ file, key: '', message: `YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, line });
  }
  if (problems.length) return { problems };
  const root = document.contents;
  if (!isMap(root)) { problem('', root ? 'must be a mapping of description, unit, values…' : 'file is empty'); return { problems }; }

  const top = entries(root, '', TOP_KEYS, problem);
  const description = stringOf(top.get('description'), 'description', problem, true, root);
  const descriptionEn = top.has('description_en') ? stringOf(top.get('description_en'), 'description_en', problem, true, root) : undefined;
  const unitNode = top.get('unit');
  const unit = stringOf(unitNode, 'unit', problem, true, root) as ParameterUnit | undefined;
  if (unit !== undefined && !parameterUnits.includes(unit)) problem('unit', `must be one of ${parameterUnits.join(', ')}, got "${unit}"`, unitNode);

  let valueUnit: LeafUnit | undefined;
  const valueUnitNode = top.get('value_unit');
  if (unit === 'table') {
    valueUnit = stringOf(valueUnitNode, 'value_unit', problem, true, root) as LeafUnit | undefined;
    if (valueUnit !== undefined && !leafUnits.includes(valueUnit)) { problem('value_unit', `must be one of ${leafUnits.join(', ')}, got "${valueUnit}"`, valueUnitNode); valueUnit = undefined; }
  } else if (valueUnitNode !== undefined) problem('value_unit', 'only a table has a value_unit', valueUnitNode);

  let choices: string[] | undefined;
  const choicesNode = top.get('choices');
  if (choicesNode !== undefined) {
    if (unit !== 'text') problem('choices', 'only a text parameter has choices', choicesNode);
    else if (!isSeq(choicesNode) || choicesNode.items.length === 0) problem('choices', 'must be a non-empty list of words', choicesNode);
    else {
      choices = [];
      choicesNode.items.forEach((item, index) => {
        const choice = isScalar(item) && typeof item.value === 'string' ? item.value.trim() : '';
        if (!choice) problem(`choices.${index}`, 'must be a word', item);
        else choices!.push(choice);
      });
    }
  }

  const unitKnown = unit !== undefined && parameterUnits.includes(unit) && (unit !== 'table' || valueUnit !== undefined);
  const readValue = (node: unknown, key: string): ParameterValue | undefined =>
    unitKnown ? (unit === 'table' ? tableValue(node, key, valueUnit!, problem) : leafValue(node, key, unit as LeafUnit, problem, choices)) : undefined;

  const valuesNode = top.get('values');
  const values = valuesNode === undefined ? [] : datedValues(valuesNode, 'values', readValue, problem);

  const regions = new Map<string, RegionOverride>();
  const regionsNode = top.get('regions');
  if (regionsNode !== undefined) {
    if (!isMap(regionsNode) || regionsNode.items.length === 0) problem('regions', 'must be a mapping of six-digit region codes to overrides', regionsNode);
    else {
      for (const pair of regionsNode.items) {
        const code = keyText(pair);
        const key = `regions.${code}`;
        if (!isRegionCode(code)) { problem(key, 'region code must be a six-digit GB/T 2260 code (province XX0000, city XXYY00, county XXYYZZ)', pair.key); continue; }
        if (regions.has(code)) { problem(key, 'region listed twice', pair.key); continue; }
        if (!isMap(pair.value)) { problem(key, 'must be a mapping with values (and an optional name)', pair.value); continue; }
        const fields = entries(pair.value, key, REGION_KEYS, problem);
        const name = fields.has('name') ? stringOf(fields.get('name'), `${key}.name`, problem, true) : undefined;
        const regionValues = fields.has('values') ? datedValues(fields.get('values'), `${key}.values`, readValue, problem) : [];
        if (!fields.has('values')) problem(`${key}.values`, 'is required', pair.value);
        regions.set(code, { ...(name ? { name } : {}), values: regionValues });
      }
    }
  }
  if (valuesNode === undefined && regionsNode === undefined) problem('values', 'is required (or regions, when the parameter is set only per region)', root);

  for (const segment of parameterPath.split('.')) {
    if (!SEGMENT.test(segment)) { problem('', `"${segment}" in the file path must be lower-case letters, digits and _ (it becomes the parameter path ${parameterPath})`); break; }
  }

  if (problems.length) return { problems };
  return {
    problems,
    definition: { path: parameterPath, file, description: description!, descriptionEn: descriptionEn ?? description!, unit: unit!, ...(valueUnit ? { valueUnit } : {}), ...(choices ? { choices } : {}), values, regions },
  };
}

/** Records a problem at `key`; `node` (any YAML node) gives the line. */
type Report = (key: string, message: string, node?: unknown) => void;

const keyText = (pair: Pair): string => (isScalar(pair.key) ? String((pair.key as Scalar).source ?? (pair.key as Scalar).value) : String(pair.key));

/** The pairs of a mapping by key, reporting unknown and duplicate keys. */
function entries(map: YAMLMap, prefix: string, allowed: string[], problem: Report): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const pair of map.items) {
    const key = keyText(pair);
    const where = prefix ? `${prefix}.${key}` : key;
    if (!allowed.includes(key)) problem(where, `unknown key (allowed: ${allowed.join(', ')})`, pair.key);
    else if (found.has(key)) problem(where, 'key given twice', pair.key);
    else found.set(key, pair.value);
  }
  return found;
}

/** `at` locates a missing key (its parent mapping) for the line number. */
function stringOf(node: unknown, key: string, problem: Report, required: boolean, at?: Node): string | undefined {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
    if (required) problem(key, 'is required', (node ?? at));
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) { problem(key, 'must be non-empty text', node); return undefined; }
  return node.value.trim();
}

/** `{YYYY-MM-DD: {value, reference}}`, strictly newest first, every date real and given once. */
function datedValues(node: unknown, key: string, readValue: (node: unknown, key: string) => ParameterValue | undefined, problem: Report): DatedValue[] {
  if (!isMap(node) || node.items.length === 0) { problem(key, 'must be a mapping of dates (YYYY-MM-DD) to {value, reference}', node); return []; }
  const values: DatedValue[] = [];
  let previous: string | undefined;
  const seen = new Set<string>();
  for (const pair of node.items) {
    const since = keyText(pair);
    const where = `${key}.${since}`;
    if (!DATE.test(since)) { problem(where, 'must be a date YYYY-MM-DD', pair.key); continue; }
    if (!isRealDate(since)) { problem(where, 'not a real date', pair.key); continue; }
    if (seen.has(since)) { problem(where, 'date given twice', pair.key); continue; }
    if (previous !== undefined && since > previous) problem(where, `dates must be listed newest first, but ${since} comes after the older ${previous}`, pair.key);
    seen.add(since);
    previous = since;
    if (!isMap(pair.value)) { problem(where, 'must be {value: …, reference: …}', (pair.value ?? pair.key)); continue; }
    const fields = entries(pair.value, where, ENTRY_KEYS, problem);
    if (!fields.has('value')) problem(`${where}.value`, 'is required', pair.value);
    const value = fields.has('value') ? readValue(fields.get('value'), `${where}.value`) : undefined;
    const reference = stringOf(fields.get('reference'), `${where}.reference`, problem, true, pair.value);
    if (value !== undefined && reference !== undefined) values.push({ since, value, reference });
  }
  return values.sort((a, b) => (a.since < b.since ? 1 : -1));
}

function leafValue(node: unknown, key: string, unit: LeafUnit, problem: Report, choices?: string[]): LeafValue | undefined {
  const scalar = isScalar(node) ? node : undefined;
  // Numbers must be written plainly: a quoted "0.16" is text, and text where a number belongs is a mistake.
  const plain = scalar && scalar.type === 'PLAIN' ? String(scalar.source ?? scalar.value) : undefined;
  switch (unit) {
    case 'rate':
      if (plain === undefined || !RATE.test(plain)) { problem(key, `must be a decimal rate like 0.16 (unit rate), got ${describe(node)}`, node); return undefined; }
      return plain;
    case 'money':
      if (plain === undefined || !MONEY.test(plain)) { problem(key, `must be an amount in yuan with at most two decimals like 1234.56 (unit money), got ${describe(node)}`, node); return undefined; }
      return parseYuan(plain, key);
    case 'integer': {
      if (plain === undefined || !INTEGER.test(plain) || !Number.isSafeInteger(Number(plain))) { problem(key, `must be a whole number (unit integer), got ${describe(node)}`, node); return undefined; }
      return Number(plain);
    }
    case 'text': {
      if (!scalar || typeof scalar.value !== 'string' || !scalar.value.trim()) { problem(key, `must be text (unit text), got ${describe(node)}`, node); return undefined; }
      const text = scalar.value.trim();
      if (choices && !choices.includes(text)) { problem(key, `must be one of ${choices.join(', ')}, got "${text}"`, node); return undefined; }
      return text;
    }
  }
}

/** A mapping (string keys) whose leaves are all of `unit`; a leaf may also be a list of such values. */
function tableValue(node: unknown, key: string, unit: LeafUnit, problem: Report): TableValue | undefined {
  if (!isMap(node) || node.items.length === 0) { problem(key, `must be a non-empty mapping (unit table), got ${describe(node)}`, node); return undefined; }
  const table: TableValue = {};
  let ok = true;
  for (const pair of node.items) {
    const entryKey = keyText(pair);
    const where = `${key}.${entryKey}`;
    if (!isScalar(pair.key) || !entryKey.trim()) { problem(where, 'table keys must be plain words or numbers', pair.key); ok = false; continue; }
    if (Object.hasOwn(table, entryKey)) { problem(where, 'key given twice', pair.key); ok = false; continue; }
    let value: LeafValue | LeafValue[] | TableValue | undefined;
    if (isMap(pair.value)) value = tableValue(pair.value, where, unit, problem);
    else if (isSeq(pair.value)) {
      const items = pair.value.items.map((item, index) => leafValue(item, `${where}.${index}`, unit, problem));
      value = pair.value.items.length && items.every((item) => item !== undefined) ? (Object.freeze(items) as LeafValue[]) : undefined;
      if (!pair.value.items.length) problem(where, 'must not be an empty list', pair.value);
    } else value = leafValue(pair.value, where, unit, problem);
    if (value === undefined) ok = false;
    else table[entryKey] = value;
  }
  // Frozen: the store hands the same object to every caller.
  return ok ? Object.freeze(table) : undefined;
}

function describe(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isScalar(node)) return node.value === null ? 'nothing' : node.type === 'PLAIN' ? `"${node.source ?? node.value}"` : `quoted text "${node.value}"`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'an alias or other YAML node';
}

/** Relative to the working directory when inside it (`params/…`), else absolute, so messages stay short. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Reads every `*.yaml` under `dir`; throws a ParameterError listing every problem in every file. */
export function readParameterDefinitions(dir: string): ParameterDefinition[] {
  const problems: ParameterProblem[] = [];
  const definitions: ParameterDefinition[] = [];
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new ParameterError([{ file: displayPath(root), key: '', message: 'parameters directory not found' }]);

  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) { walk(full); continue; }
      if (entry.name.endsWith('.yml')) { problems.push({ file: displayPath(full), key: '', message: 'parameter files end in .yaml, not .yml' }); continue; }
      if (!entry.name.endsWith('.yaml')) continue; // README.md and the like
      const parameterPath = path.relative(root, full).slice(0, -'.yaml'.length).split(path.sep).join('.');
      const result = parseParameterFile(fs.readFileSync(full, 'utf8'), parameterPath, displayPath(full));
      problems.push(...result.problems);
      if (result.definition) definitions.push(result.definition);
    }
  };
  walk(root);

  // `a.b` cannot be both a parameter and the folder of `a.b.c`.
  const paths = new Set(definitions.map((definition) => definition.path));
  for (const definition of definitions) {
    const segments = definition.path.split('.');
    for (let length = 1; length < segments.length; length++) {
      const prefix = segments.slice(0, length).join('.');
      if (paths.has(prefix)) problems.push({ file: definition.file, key: '', message: `${definition.path} sits under ${prefix}, which is itself a parameter file` });
    }
  }
  if (definitions.length === 0 && problems.length === 0) problems.push({ file: displayPath(root), key: '', message: 'no parameter files (*.yaml) found' });
  if (problems.length) throw new ParameterError(problems);
  return definitions.sort((a, b) => a.path.localeCompare(b.path));
}
