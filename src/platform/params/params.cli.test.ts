import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../testing/cli.ts';
import { registerParamsCommands } from './params.cli.ts';
import { parameterDir, rateFile, removeDir } from './params.testing.ts';

/** Runs `sifund …` in-process, capturing stdout, stderr and the exit code (then restoring them). */
const sifund = (...args: string[]) => runCommand(registerParamsCommands, args);

const bad = parameterDir({
  'contribution/pension/employer_rate.yaml': rateFile('  2019-13-01: {value: 0.16, reference: r}\n  2005-01-01: {value: abc, reference: r}'),
  'contribution/base/average_wage.yaml': 'description: d\nunit: money\nregions:\n  "9900":\n    values:\n      2020-01-01: {value: 5000, reference: r}\n',
});
after(() => removeDir(bad));

test('params check: the shipped parameters are OK (exit 0)', async () => {
  const result = await sifund('params', 'check');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^\d+ parameters OK\n$/);
});

test('params check --dir: every problem with its file and key, exit 1', async () => {
  const result = await sifund('params', 'check', '--dir', bad);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 4, result.stderr);
  assert.match(lines[0], /contribution\/base\/average_wage\.yaml: regions\.9900: region code must be a six-digit/);
  assert.match(lines[1], /contribution\/pension\/employer_rate\.yaml: values\.2019-13-01: not a real date \(line 4\)/);
  assert.match(lines[2], /contribution\/pension\/employer_rate\.yaml: values\.2005-01-01\.value: must be a decimal rate/);
  assert.equal(lines[3], '3 problems in 2 files');
});

test('params show: text and json, with region and date', async () => {
  const text = await sifund('params', 'show', 'contribution.pension.employer_rate', '--date', '2019-04-30');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^contribution\.pension\.employer_rate = 0\.19\n/);
  assert.match(text.stdout, /since 2016-05-01, national/);
  assert.match(text.stdout, /reference: 人社部发〔2016〕36号/);

  const json = await sifund('params', 'show', 'contribution.base.average_wage', '--date', '2024-05-01', '--region', '990102', '--format', 'json');
  assert.equal(json.code, 0, json.stderr);
  const body = JSON.parse(json.stdout);
  assert.deepEqual([body.value, body.since, body.region, body.unit], ['7950.00', '2024-01-01', '990000', 'money']);

  const history = await sifund('params', 'show', 'contribution.late_fee.daily_rate', '--history', '--format', 'json');
  assert.deepEqual(JSON.parse(history.stdout).values.map((entry: { value: string }) => entry.value), ['0.0005', '0.002']);
});

test('params show and list: the description in the language of LANG', async () => {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  const inLocale = async (lang: string, ...args: string[]) => {
    Object.assign(process.env, { LANG: lang, LC_ALL: '', LC_MESSAGES: '' });
    try { return await sifund(...args); } finally {
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
  };
  const chinese = '企业职工基本养老保险单位缴费比例（占工资总额）';
  const english = 'Employer pension contribution rate, of the wage bill';
  assert.match((await inLocale('zh_CN.UTF-8', 'params', 'show', 'contribution.pension.employer_rate', '--date', '2024-01-01')).stdout, new RegExp(`^  ${chinese} \\(rate\\)$`, 'm'));
  assert.match((await inLocale('en_US.UTF-8', 'params', 'show', 'contribution.pension.employer_rate', '--date', '2024-01-01')).stdout, new RegExp(`^  ${english} \\(rate\\)$`, 'm'));
  assert.equal(JSON.parse((await inLocale('zh_CN.UTF-8', 'params', 'show', 'contribution.pension.employer_rate', '--history', '--format', 'json')).stdout).description, chinese);
  const list = JSON.parse((await inLocale('C', 'params', 'list', '--date', '2024-01-01', '--format', 'json')).stdout);
  assert.equal(list.items.find((item: { path: string }) => item.path === 'contribution.pension.employer_rate').description, english);
});

test('params show: unknown path, bad date, date before the first value → error on stderr, exit 1', async () => {
  const cases: [string[], RegExp][] = [
    [['no.such.parameter'], /error: parameter no\.such\.parameter not found/],
    [['contribution.pension.employer_rate', '--date', '2024-02-30'], /error: date: must be a real date/],
    [['contribution.pension.employer_rate', '--date', '1997-12-31'], /error: parameter contribution\.pension\.employer_rate has no value before 1998-01-01/],
    [['contribution.pension.employer_rate', '--region', '12'], /error: region: must be a six-digit/],
  ];
  for (const [args, message] of cases) {
    const result = await sifund('params', 'show', ...args);
    assert.equal(result.code, 1, args.join(' '));
    assert.match(result.stderr, message);
  }
});

test('params list: one line per parameter', async () => {
  const result = await sifund('params', 'list', '--date', '2024-05-01', '--region', '990000');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^contribution\.base\.average_wage = 7950\.00 {2}\(since 2024-01-01, region 990000\)$/m);
  assert.match(result.stdout, /^contribution\.late_fee\.daily_rate = 0\.0005 {2}\(since 2011-07-01\)$/m);
});
