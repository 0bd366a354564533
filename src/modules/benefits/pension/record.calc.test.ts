/** The pension record's figures as tables of cases: which months count, the index exact and rounded once, the outside part. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cited } from '../trace.ts';
import { contributionRecordFigures, formatIndex, quoteHistory, type PensionMonthLine } from './record.calc.ts';

/** W by period: 6000.00 until 2023-06, 8000.00 after (a change within the year). */
const wages = (period: string, regionCode: string): Cited<bigint> => period < '2023-07'
  ? { value: 600_000n, reference: 'test', parameter: `contribution.base.average_wage@2023-01-01/${regionCode}` }
  : { value: 800_000n, reference: 'test', parameter: `contribution.base.average_wage@2023-07-01/${regionCode}` };
/** The index's places (pension.average_index_scale). */
const places = (value: number): Cited<number> => ({ value, reference: 'test', parameter: `pension.average_index_scale@2006-01-01` });
const FOUR = places(4);
const line = (period: string, base: bigint, paid = true, creditCode = 'A', regionCode = '990000'): PensionMonthLine => ({ period, creditCode, regionCode, base, paid });

test('which months count: paid, a base above zero, up to the last period; a month of two employers once at the higher base', () => {
  const record = contributionRecordFigures([
    line('2023-05', 600_000n), line('2023-05', 900_000n, true, 'B'), // twice: once, 9000/6000 = 1.5
    line('2023-06', 600_000n, false),                                // unpaid
    line('2023-07', 0n),                                             // reversed in full
    line('2023-08', 1_000_000n),                                     // 10000/8000 = 1.25
    line('2023-09', 1_000_000n),                                     // after the last period
  ], '2023-08', wages, FOUR);
  assert.equal(record.months, 2);
  assert.deepEqual(record.periods.map((month) => [month.period, month.base, month.employers]), [['2023-05', 900_000n, ['A', 'B']], ['2023-08', 1_000_000n, ['A']]]);
  // (1.5 + 1.25) ÷ 2 = 1.375
  assert.equal(formatIndex(record.averageIndex!), '1.3750');
  assert.deepEqual(record.years[0].averageWages.map((wage) => wage.months), [1, 1], 'one month under each version of W');
});

test('the index is rounded once: from the exact sum, not from the rounded yearly indices', () => {
  // 2022: 1 fen ÷ 200.00 = 0.00005 (shown 0.0001); 2023: 1 fen ÷ 10,000,000.00 = 0.000000001 (shown 0.0000)
  // exact: (0.00005 + 0.000000001) ÷ 2 = 0.0000250005 → 0.0000; the shown years would give 0.00005 → 0.0001
  const record = contributionRecordFigures([line('2022-01', 1n), line('2023-01', 1n)], '2023-12',
    (period) => ({ value: period < '2023' ? 20_000n : 1_000_000_000n, reference: 'test', parameter: 'w' }), FOUR);
  assert.deepEqual(record.years.map((year) => formatIndex(year.averageIndex)), ['0.0001', '0.0000']);
  assert.equal(formatIndex(record.averageIndex!), '0.0000');
});

test('no month: no index; the outside part alone makes the history', () => {
  const record = contributionRecordFigures([line('2023-01', 600_000n, false)], '2023-12', wages, FOUR);
  assert.deepEqual([record.months, record.averageIndex], [0, null]);
  const history = quoteHistory(record, 0n, { months: 180, averageIndex: { units: 9n, scale: 1 }, accountBalance: 500_000n });
  assert.deepEqual([history.contributionMonths, formatIndex(history.averageIndex), history.accountBalance], [180, '0.9000', 500_000n]);
});

test('the outside part weighted by its months with the record\'s exact sum', () => {
  // record: 2023-01 … 2023-03 at 6000/6000 = 1 and 2023-07 at 7000/8000 = 0.875 → Σ 3.875 over 4 months (0.96875 → 0.9688)
  const record = contributionRecordFigures([line('2023-01', 600_000n), line('2023-02', 600_000n), line('2023-03', 600_000n), line('2023-07', 700_000n)], '2023-12', wages, FOUR);
  assert.equal(formatIndex(record.averageIndex!), '0.9688');
  // with 6 outside months at 1.2: (3.875 + 7.2) ÷ 10 = 1.1075
  const history = quoteHistory(record, 123_456n, { months: 6, averageIndex: { units: 12n, scale: 1 }, accountBalance: 100n });
  assert.deepEqual([history.contributionMonths, formatIndex(history.averageIndex), history.accountBalance], [10, '1.1075', 123_556n]);
  // no outside months: the record's index as it is
  assert.equal(formatIndex(quoteHistory(record, 0n, { months: 0, averageIndex: null, accountBalance: 0n }).averageIndex), '0.9688');
});

test('the index\'s places are the parameter\'s: Σ 3.875 over 4 months (0.96875) to 3, 4 and 5 places, rounded once half up', () => {
  const lines = [line('2023-01', 600_000n), line('2023-02', 600_000n), line('2023-03', 600_000n), line('2023-07', 700_000n)];
  const shown = [3, 4, 5].map((scale) => {
    const record = contributionRecordFigures(lines, '2023-12', wages, places(scale));
    return [formatIndex(record.averageIndex!), formatIndex(quoteHistory(record, 0n, { months: 0, averageIndex: null, accountBalance: 0n }).averageIndex)];
  });
  assert.deepEqual(shown, [['0.969', '0.969'], ['0.9688', '0.9688'], ['0.96875', '0.96875']]);
  const traced = contributionRecordFigures(lines, '2023-12', wages, places(3)).trace.find((step) => step.step === 'recordIndex')!;
  assert.deepEqual([traced.value, traced.parameter], ['0.969', 'pension.average_index_scale@2006-01-01']);
  assert.throws(() => contributionRecordFigures(lines, '2023-12', wages, places(0)), /1–8/);
});
