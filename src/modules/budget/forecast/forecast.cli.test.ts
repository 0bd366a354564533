import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../../platform/testing/cli.ts';
import { amountText, registerForecastCommand } from './forecast.cli.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-forecast-'));
test.after(() => fs.rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const where = path.join(folder, name);
  fs.writeFileSync(where, text);
  return where;
}
const forecast = (...args: string[]) => runCommand(registerForecastCommand, ['forecast', ...args]);

// the acceptance script's (../shared/acceptance/budget.sh) series, built the same way
const lineCsv = file('line.csv', `period,value\n${Array.from({ length: 18 }, (_, t) => `${2008 + t},${(1000 + 55 * t + (((2008 + t) * 7919) % 13 - 6) * 0.4).toFixed(2)}`).join('\n')}\n2026,\n`);
const contributors = [100, 104, 109, 115, 118, 117, 121, 128, 136, 140, 139, 145, 152, 160, 158];
const driverCsv = file('driver.csv', `period,value,contributors\n${contributors.map((count, i) => `${2010 + i},${(count * 6).toFixed(2)},${count}`).join('\n')}\n2025,,171\n2026,,150\n`);

test('sifund forecast --backtest --format json: the noisy line within 2%, every model\'s errors, naive among them, an interval', async () => {
  const run = await forecast('--input', lineCsv, '--backtest', '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.equal(answer.frequency, 'annual');
  assert.equal(answer.metric, 'mase');
  assert.equal(answer.backtestFrom, '2015');
  const [next] = answer.forecast;
  assert.equal(next.period, '2026');
  assert.match(next.value, /^\d+\.\d{2}$/);
  assert.ok(Math.abs(Number(next.value) - 1990) / 1990 < 0.02, next.value);
  assert.ok(Number(next.lower) < Number(next.value) && Number(next.value) < Number(next.upper));
  assert.deepEqual(answer.models.map((model: { name: string }) => model.name), ['naive', 'drift', 'linear-trend', 'ets']);
  const naive = answer.models[0];
  assert.deepEqual([naive.backtest.origins, naive.beatsNaive, naive.forecast], [11, false, [{ period: '2026', value: '1935.40' }]]);
  const chosen = answer.models.find((model: { name: string }) => model.name === answer.chosen);
  assert.ok(chosen.beatsNaive && chosen.backtest.mase < naive.backtest.mase);
  assert.equal(chosen.forecast[0].value, next.value);
});

test('the driver series: 2025 and 2026 follow the contributors', async () => {
  const answer = JSON.parse((await forecast('--input', driverCsv, '--format', 'json')).stdout);
  assert.equal(answer.chosen, 'driver-regression');
  assert.deepEqual(answer.forecast.map((point: { value: string }) => point.value), ['1026.00', '900.00']);
  assert.equal(answer.models, undefined, 'the models only with --backtest');
});

test('the table for people, in Chinese', async () => {
  const run = await forecast('--input', driverCsv, '--backtest');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^选用模型：驱动因素回归（回测 MASE 最小，优于朴素预测）\n预测区间：80%，回测覆盖率 100\.0%\n/);
  assert.match(run.stdout, /2026 +900\.00 +900\.00 +900\.00\n/);
  assert.match(run.stdout, /朴素预测（取上期值） +8 +3\.7421 +3\.8280 +1\.1402 +否\n/);
});

test('a malformed series is refused with its line and column, exit code 1', async () => {
  const run = await forecast('--input', file('bad.csv', 'period,value\n2020,abc\n2021,12\n'), '--format', 'json');
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'error: problems in the file: 1; nothing was forecast\n  row 2, value: must be a decimal number, got "abc"\n');
});

test('amounts to two decimals, half away from zero, without binary surprises', () => {
  assert.deepEqual([1.005, -2.345, 0.004, -0.004, 1989.9084967, 1e9 / 3].map(amountText), ['1.01', '-2.35', '0.00', '0.00', '1989.91', '333333333.33']);
});
