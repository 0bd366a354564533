import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { readSeriesFile, seriesToForecast } from './series-file.ts';

const read = (text: string) => readSeriesFile('series.csv', Buffer.from(text, 'utf8'));

/** The refusal's rows as "line column: problem" in English. */
async function refusal(text: string): Promise<{ status: number; message: string; rows: string[] }> {
  try {
    await read(text);
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return { status: error.status, message: error.message, rows: (error.rows ?? []).map((row) => `${row.row} ${row.field}: ${render(row.message, 'en')}`) };
  }
  assert.fail('the file was accepted');
}

test('a series with drivers: observed values, the periods to forecast and every driver value', async () => {
  const file = await read('\uFEFFperiod,value,contributors\n2021,600.5,100\n2022,624,104\n\n2023,654,109\n2024,690,115\n2025,,118\n2026,,117\n');
  assert.deepEqual(file, {
    frequency: 'annual', periods: ['2021', '2022', '2023', '2024'], values: [600.5, 624, 654, 690], futurePeriods: ['2025', '2026'],
    drivers: [{ name: 'contributors', values: [100, 104, 109, 115, 118, 117] }],
  });
  const { series, futurePeriods } = seriesToForecast(file);
  assert.deepEqual(futurePeriods, ['2025', '2026']);
  assert.deepEqual(series.drivers[0].values, [100, 104, 109, 115, 118, 117]);
  assert.deepEqual(seriesToForecast(file, '1').series.drivers[0].values, [100, 104, 109, 115, 118], 'a shorter horizon drops the later driver values');
});

test('a malformed value is refused naming its line and column', async () => {
  const { status, rows } = await refusal('period,value\n2020,abc\n2021,12\n');
  assert.equal(status, 422);
  assert.deepEqual(rows, ['2 value: must be a decimal number, got "abc"']);
});

test('every problem of every row at once: periods out of order or mixed, a value after a gap, a missing or malformed driver', async () => {
  const { message, rows } = await refusal([
    'period,value,retirees',
    '2019-11,10,5', '2019-12,11,', '2020-02,12,6', '2020,13,7', '2020-04,,x', '2020-05,14,8', '20x1,,9',
  ].join('\n'));
  assert.equal(message, 'problems in the file: 7; nothing was forecast');
  assert.deepEqual(rows, [
    '3 retirees: a driver needs a value for every period, the periods to forecast included',
    '4 period: must follow 2019-12 (expected 2020-01), got "2020-02"',
    '5 period: must be a monthly period like the first row, got "2020"',
    '6 period: must follow 2020-02 (expected 2020-03), got "2020-04"',   // compared with the last monthly period
    '6 retirees: must be a decimal number, got "x"',
    '7 value: no observed value may follow a period to forecast (an empty value)',
    '8 period: must be a year (YYYY) or a month (YYYY-MM), got "20x1"',
  ]);
});

test('the header must be period,value then named, distinct driver columns', async () => {
  for (const [text, expected] of [
    ['year,amount\n2020,1\n', 'file: the header must start with period,value, then driver columns; got "year,amount"'],
    ['period,value,,x\n2020,1,2,3\n', 'file: the header must start with period,value, then driver columns; got "period,value,,x"'],
    ['period,value,Staff,staff\n2020,1,2,3\n', 'file: column "staff" appears twice'],
  ]) {
    await assert.rejects(read(text), (error: AppError) => error.status === 400 && error.message === expected, text);
  }
});

test('too short a history for a backtest is refused', async () => {
  await assert.rejects(read('period,value\n2022,1\n2023,2\n2024,3\n2025,\n'), /at least 4 observed periods are needed for a backtest; the file has 3/);
});

test('the horizon: periods after the file\'s, across a year end; not beyond the drivers given', async () => {
  const monthly = await read('period,value\n2025-08,1\n2025-09,2\n2025-10,3\n2025-11,4\n');
  assert.deepEqual(seriesToForecast(monthly).futurePeriods, ['2025-12'], 'one period when the file names none');
  assert.deepEqual(seriesToForecast(monthly, '3').futurePeriods, ['2025-12', '2026-01', '2026-02']);
  assert.throws(() => seriesToForecast(monthly, '0'), /horizon: must be an integer from 1 to 120, got 0/);
  const driven = await read('period,value,staff\n2021,1,1\n2022,2,2\n2023,3,3\n2024,4,4\n2025,,5\n');
  assert.throws(() => seriesToForecast(driven, '2'), /horizon: the drivers give values for 1 period\(s\) to forecast, fewer than the horizon 2/);
});
