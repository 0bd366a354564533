import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { ParameterError, readParameterDefinitions, parseParameterFile, type ParameterProblem } from './params.loader.ts';
import { parameterDir, rateFile, removeDir } from './params.testing.ts';

const NATIONAL = `  2019-05-01: {value: 0.16, reference: 国办发〔2019〕13号}\n  2005-01-01: {value: 0.20, reference: 国发〔2005〕38号}`;

function problemsOf(files: Record<string, string>): ParameterProblem[] {
  const dir = parameterDir(files);
  try {
    readParameterDefinitions(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    return error.problems;
  } finally {
    removeDir(dir);
  }
}

/** Each bad file gives (at least) the expected problem: which key, and what the message says. */
const badFiles: { name: string; file?: string; text: string; key: string; message: RegExp }[] = [
  { name: 'unknown top-level key', text: rateFile(NATIONAL, 'source: somewhere'), key: 'source', message: /unknown key/ },
  { name: 'unknown key in a dated value', text: rateFile('  2019-05-01: {value: 0.16, reference: r, note: n}'), key: 'values.2019-05-01.note', message: /unknown key/ },
  { name: 'impossible date 2023-02-30', text: rateFile('  2023-02-30: {value: 0.16, reference: r}'), key: 'values.2023-02-30', message: /not a real date/ },
  { name: 'month 13', text: rateFile('  2019-13-01: {value: 0.16, reference: r}'), key: 'values.2019-13-01', message: /not a real date/ },
  { name: 'not a date at all', text: rateFile('  2019/05/01: {value: 0.16, reference: r}'), key: 'values.2019/05/01', message: /must be a date YYYY-MM-DD/ },
  { name: 'dates oldest first', text: rateFile('  2005-01-01: {value: 0.20, reference: r}\n  2019-05-01: {value: 0.16, reference: r}'), key: 'values.2019-05-01', message: /newest first/ },
  { name: 'duplicate date', text: rateFile('  2019-05-01: {value: 0.16, reference: r}\n  2019-05-01: {value: 0.15, reference: r}'), key: 'values.2019-05-01', message: /given twice/ },
  { name: 'rate given as a word', text: rateFile('  2019-05-01: {value: sixteen, reference: r}'), key: 'values.2019-05-01.value', message: /unit rate/ },
  { name: 'rate given as quoted text', text: rateFile('  2019-05-01: {value: "0.16", reference: r}'), key: 'values.2019-05-01.value', message: /unit rate.*quoted/ },
  { name: 'negative rate', text: rateFile('  2019-05-01: {value: -0.16, reference: r}'), key: 'values.2019-05-01.value', message: /unit rate/ },
  { name: 'rate in exponent notation', text: rateFile('  2019-05-01: {value: 5e-4, reference: r}'), key: 'values.2019-05-01.value', message: /unit rate/ },
  { name: 'money with three decimals', text: 'description: d\nunit: money\nvalues:\n  2020-01-01: {value: 1234.567, reference: r}', key: 'values.2020-01-01.value', message: /unit money/ },
  { name: 'integer with a fraction', text: 'description: d\nunit: integer\nvalues:\n  2020-01-01: {value: 15.5, reference: r}', key: 'values.2020-01-01.value', message: /unit integer/ },
  { name: 'text given a number', text: 'description: d\nunit: text\nvalues:\n  2020-01-01: {value: 15, reference: r}', key: 'values.2020-01-01.value', message: /unit text/ },
  { name: 'text outside its choices', text: 'description: d\nunit: text\nchoices: [half_up, down]\nvalues:\n  2020-01-01: {value: ceiling, reference: r}', key: 'values.2020-01-01.value', message: /one of half_up, down/ },
  { name: 'table given a number', text: 'description: d\nunit: table\nvalue_unit: rate\nvalues:\n  2020-01-01: {value: 0.1, reference: r}', key: 'values.2020-01-01.value', message: /unit table/ },
  { name: 'table leaf of the wrong unit', text: 'description: d\nunit: table\nvalue_unit: rate\nvalues:\n  2020-01-01:\n    value: {"1": 0.002, "2": two}\n    reference: r', key: 'values.2020-01-01.value.2', message: /unit rate/ },
  { name: 'table list item of the wrong unit', text: 'description: d\nunit: table\nvalue_unit: integer\nvalues:\n  2020-01-01:\n    value: {"1": [1, 2.5]}\n    reference: r', key: 'values.2020-01-01.value.1.1', message: /unit integer/ },
  { name: 'table without value_unit', text: 'description: d\nunit: table\nvalues:\n  2020-01-01: {value: {"1": 1}, reference: r}', key: 'value_unit', message: /is required/ },
  { name: 'value_unit on a rate', text: rateFile(NATIONAL, 'value_unit: rate'), key: 'value_unit', message: /only a table/ },
  { name: 'choices on a rate', text: rateFile(NATIONAL, 'choices: [a]'), key: 'choices', message: /only a text/ },
  { name: 'missing reference', text: rateFile('  2019-05-01: {value: 0.16}'), key: 'values.2019-05-01.reference', message: /is required/ },
  { name: 'empty reference', text: rateFile('  2019-05-01: {value: 0.16, reference: ""}'), key: 'values.2019-05-01.reference', message: /non-empty text/ },
  { name: 'missing value', text: rateFile('  2019-05-01: {reference: r}'), key: 'values.2019-05-01.value', message: /is required/ },
  { name: 'dated value not a mapping', text: rateFile('  2019-05-01: 0.16'), key: 'values.2019-05-01', message: /\{value: …, reference: …\}/ },
  { name: 'unknown unit', text: 'description: d\nunit: percent\nvalues:\n  2019-05-01: {value: 16, reference: r}', key: 'unit', message: /must be one of rate, money/ },
  { name: 'missing unit', text: 'description: d\nvalues:\n  2019-05-01: {value: 0.16, reference: r}', key: 'unit', message: /is required/ },
  { name: 'missing description', text: 'unit: rate\nvalues:\n  2019-05-01: {value: 0.16, reference: r}', key: 'description', message: /is required/ },
  { name: 'English description given as a number', text: rateFile(NATIONAL, 'description_en: 16'), key: 'description_en', message: /non-empty text/ },
  { name: 'English description given as a list', text: rateFile(NATIONAL, 'description_en: [employer, rate]'), key: 'description_en', message: /non-empty text/ },
  { name: 'English description left empty', text: rateFile(NATIONAL, 'description_en:'), key: 'description_en', message: /is required/ },
  { name: 'neither values nor regions', text: 'description: d\nunit: rate', key: 'values', message: /is required/ },
  { name: 'empty values', text: 'description: d\nunit: rate\nvalues: {}', key: 'values', message: /mapping of dates/ },
  { name: 'region code of five digits', text: rateFile(NATIONAL, 'regions:\n  "99000":\n    values:\n      2020-01-01: {value: 0.15, reference: r}'), key: 'regions.99000', message: /six-digit GB\/T 2260/ },
  { name: 'region code with letters', text: rateFile(NATIONAL, 'regions:\n  "99000A":\n    values:\n      2020-01-01: {value: 0.15, reference: r}'), key: 'regions.99000A', message: /six-digit GB\/T 2260/ },
  { name: 'county under a 00 city', text: rateFile(NATIONAL, 'regions:\n  "990002":\n    values:\n      2020-01-01: {value: 0.15, reference: r}'), key: 'regions.990002', message: /six-digit GB\/T 2260/ },
  { name: 'region listed twice (quoted and not)', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    values:\n      2020-01-01: {value: 0.15, reference: r}\n  990000:\n    values:\n      2021-01-01: {value: 0.14, reference: r}'), key: 'regions.990000', message: /listed twice/ },
  { name: 'override with a duplicate date', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    values:\n      2020-01-01: {value: 0.15, reference: r}\n      2020-01-01: {value: 0.14, reference: r}'), key: 'regions.990000.values.2020-01-01', message: /given twice/ },
  { name: 'override dates oldest first', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    values:\n      2020-01-01: {value: 0.15, reference: r}\n      2021-01-01: {value: 0.14, reference: r}'), key: 'regions.990000.values.2021-01-01', message: /newest first/ },
  { name: 'override with an impossible date', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    values:\n      2021-02-29: {value: 0.15, reference: r}'), key: 'regions.990000.values.2021-02-29', message: /not a real date/ },
  { name: 'override of the wrong unit', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    values:\n      2020-01-01: {value: 15%, reference: r}'), key: 'regions.990000.values.2020-01-01.value', message: /unit rate/ },
  { name: 'override without values', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    name: 示范省'), key: 'regions.990000.values', message: /is required/ },
  { name: 'override with an unknown key', text: rateFile(NATIONAL, 'regions:\n  "990000":\n    rate: 0.15\n    values:\n      2020-01-01: {value: 0.15, reference: r}'), key: 'regions.990000.rate', message: /unknown key/ },
  { name: 'YAML syntax error', text: 'description: d\nunit: rate\nvalues:\n  2019-05-01: {value: 0.16, reference: [law}', key: '', message: /^YAML: / },
  { name: 'empty file', text: '', key: '', message: /empty/ },
  { name: 'file name not lower-case', file: 'contribution/Employer-Rate.yaml', text: rateFile(NATIONAL), key: '', message: /lower-case/ },
  { name: '.yml extension', file: 'contribution/rate.yml', text: rateFile(NATIONAL), key: '', message: /\.yaml, not \.yml/ },
];

for (const bad of badFiles) {
  test(`rejects: ${bad.name}`, () => {
    const file = bad.file ?? 'contribution/pension/employer_rate.yaml';
    const problems = problemsOf({ [file]: bad.text });
    const match = problems.find((problem) => problem.key === bad.key && bad.message.test(problem.message));
    assert.ok(match, `expected a problem at "${bad.key}" matching ${bad.message}, got:\n${problems.map((p) => `${p.key}: ${p.message}`).join('\n')}`);
    assert.ok(match.file.endsWith(file), `the problem names the file (${match.file})`);
  });
}

test('the message names the file and the key, like params/…/employer_rate.yaml: values.2019-13-01: not a real date', () => {
  const dir = parameterDir({ 'contribution/pension/employer_rate.yaml': rateFile('  2019-13-01: {value: 0.16, reference: r}') });
  try {
    assert.throws(() => readParameterDefinitions(dir), (error: Error) => {
      assert.ok(error instanceof ParameterError);
      assert.match(error.message, /contribution\/pension\/employer_rate\.yaml: values\.2019-13-01: not a real date \(line 4\)/);
      return true;
    });
  } finally { removeDir(dir); }
});

test('reports every problem of every file, not just the first', () => {
  const problems = problemsOf({
    'a/one.yaml': 'description: d\nunit: rate\nextra: 1\nvalues:\n  2023-02-30: {value: 0.1, reference: r}\n  2019-05-01: {value: x, reference: r}\n  2018-01-01: {value: 0.1}',
    'b/two.yaml': 'description: d\nunit: money\nregions:\n  "12345":\n    values:\n      2020-01-01: {value: 1, reference: r}',
    'b/fine.yaml': rateFile(NATIONAL),
  });
  const keys = problems.map((problem) => `${problem.file.split(/[\\/]/).slice(-2).join('/')} ${problem.key}`);
  assert.deepEqual(keys, [
    'a/one.yaml extra',
    'a/one.yaml values.2023-02-30',
    'a/one.yaml values.2019-05-01.value',
    'a/one.yaml values.2018-01-01.reference',
    'b/two.yaml regions.12345',
  ]);
});

test('a parameter cannot also be the folder of another', () => {
  const problems = problemsOf({ 'contribution/base.yaml': rateFile(NATIONAL), 'contribution/base/floor_ratio.yaml': rateFile(NATIONAL) });
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /contribution\.base\.floor_ratio sits under contribution\.base/);
});

test('a missing or empty directory is an error, other files are ignored', () => {
  assert.throws(() => readParameterDefinitions('/nonexistent/params-dir'), /parameters directory not found/);
  assert.deepEqual(problemsOf({ 'README.md': '# notes' }).map((problem) => problem.message), ['no parameter files (*.yaml) found']);
});

test('values keep their exact source text: rates as decimal strings, money as bigint fen, integers as numbers', () => {
  const cases: { unit: string; written: string; expected: unknown }[] = [
    { unit: 'rate', written: '0.0005', expected: '0.0005' },
    { unit: 'rate', written: '0.16', expected: '0.16' },
    { unit: 'rate', written: '0.1', expected: '0.1' },
    { unit: 'rate', written: '3.00', expected: '3.00' },
    { unit: 'rate', written: '0.123456789012345678901234567890', expected: '0.123456789012345678901234567890' },
    { unit: 'rate', written: '0', expected: '0' },
    { unit: 'money', written: '1234.56', expected: 123456n },
    { unit: 'money', written: '0.1', expected: 10n },
    { unit: 'money', written: '99999999999.99', expected: 9999999999999n },
    { unit: 'integer', written: '15', expected: 15 },
    { unit: 'text', written: 'half_up', expected: 'half_up' },
    { unit: 'text', written: '"15"', expected: '15' },
  ];
  for (const { unit, written, expected } of cases) {
    const result = parseParameterFile(`description: d\nunit: ${unit}\nvalues:\n  2020-01-01: {value: ${written}, reference: r}`, 'a.b', 'a/b.yaml');
    assert.deepEqual(result.problems, [], `${unit} ${written}`);
    assert.deepEqual(result.definition!.values[0].value, expected, `${unit} ${written}`);
  }
});

test('tables: nested mappings and lists, leaves in the declared unit', () => {
  const result = parseParameterFile([
    'description: d', 'unit: table', 'value_unit: rate', 'values:', '  2015-10-01:', '    value:',
    '      "1": {min: 1.00, max: 1.50}', '      "2": [0.50, 0.80]', '      3: 0.007', '    reference: r',
  ].join('\n'), 'a.b', 'a/b.yaml');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.definition!.values[0].value, { 1: { min: '1.00', max: '1.50' }, 2: ['0.50', '0.80'], 3: '0.007' });
  const money = parseParameterFile('description: d\nunit: table\nvalue_unit: money\nvalues:\n  2020-01-01: {value: {low: 100.5, high: 200}, reference: r}', 'a.b', 'a/b.yaml');
  assert.deepEqual(money.definition!.values[0].value, { low: 10050n, high: 20000n });
});

test('descriptions: the Chinese one is description, the English one description_en (the Chinese one when none is given)', () => {
  const both = parseParameterFile(rateFile(NATIONAL, 'description_en: " Employer pension contribution rate "'), 'a.b', 'a/b.yaml');
  assert.deepEqual(both.problems, []);
  assert.deepEqual([both.definition!.description, both.definition!.descriptionEn], ['test rate', 'Employer pension contribution rate']);
  const chineseOnly = parseParameterFile('description: 单位缴费比例\nunit: rate\nvalues:\n  2019-05-01: {value: 0.16, reference: r}', 'a.b', 'a/b.yaml');
  assert.deepEqual([chineseOnly.definition!.description, chineseOnly.definition!.descriptionEn], ['单位缴费比例', '单位缴费比例']);
});

// Issue 10: each description in one language, so a Chinese user reads no English and an English user no Chinese.
test('the shipped parameters: description in Chinese without English words, description_en in English without Chinese', () => {
  for (const definition of readParameterDefinitions(loadConfig().paramsDir)) {
    assert.match(definition.description, /\p{Script=Han}/u, definition.path);
    // identifiers (choices such as annual_1083, a permission code) may stand in the Chinese text; English words may not
    assert.doesNotMatch(definition.description, /[A-Za-z]{2,}\s+[A-Za-z]{2,}/, definition.path);
    assert.notEqual(definition.descriptionEn, definition.description, `${definition.path}: no description_en`);
    assert.doesNotMatch(definition.descriptionEn, /[\p{Script=Han}（）：；，]/u, definition.path);
  }
});

test('the shipped parameters load clean, every reference carries a confidence tag', () => {
  const definitions = readParameterDefinitions(loadConfig().paramsDir);
  assert.ok(definitions.length >= 30, `${definitions.length} parameters`);
  for (const definition of definitions) {
    const entries = [...definition.values, ...[...definition.regions.values()].flatMap((region) => region.values)];
    assert.ok(entries.length > 0, definition.path);
    for (const entry of entries) assert.match(entry.reference, /\[(law|common|local|check)\b/, `${definition.path} ${entry.since}: ${entry.reference}`);
  }
});
