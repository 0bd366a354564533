/** Replay of one line, as tables of cases: the amounts by the billing rule and rounding mode, the base against the limits, a payroll line against the award. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayBillLine, replayPayrollLine, type PeriodRules, type RecordedBillLine } from './replay.calc.ts';

// average wage 8500.00: floor 5100.00, ceiling 25500.00
const rules: PeriodRules = { rounding: 'half_up', averageWage: 850_000n, floorRatio: '0.60', ceilingRatio: '3.00' };
const line = (change: Partial<RecordedBillLine>): RecordedBillLine => ({
  employerId: 7n, billId: 70n, personId: 700n, insurance: 'pension',
  base: 600_000n, employerRate: '0.16', employeeRate: '0.08', employerAmount: 96_000n, employeeAmount: 48_000n, ...change,
});

test('a bill line: the differences the replay lists', () => {
  const cases: { name: string; line: RecordedBillLine; rules?: PeriodRules; expected: [string, string, string][] }[] = [
    { name: 'as billed', line: line({}), expected: [] },
    { name: 'employer amount one fen off', line: line({ employerAmount: 96_001n }), expected: [['employerAmount', '960.01', '960.00']] },
    { name: 'employee amount one fen short', line: line({ employeeAmount: 47_999n }), expected: [['employeeAmount', '479.99', '480.00']] },
    // 5123.45 × 0.005 = 25.61725 → 25.62 half up, 25.61 down
    { name: 'half up at the fen', line: line({ insurance: 'unemployment', base: 512_345n, employerRate: '0.005', employeeRate: '0.005', employerAmount: 2562n, employeeAmount: 2562n }), expected: [] },
    { name: 'the period rounds down', line: line({ insurance: 'unemployment', base: 512_345n, employerRate: '0.005', employeeRate: '0.005', employerAmount: 2562n, employeeAmount: 2561n }),
      rules: { ...rules, rounding: 'down' }, expected: [['employerAmount', '25.62', '25.61']] },
    // 1 yuan × 0.005 = 0.5 fen: half even → 0, half up → 1
    { name: 'half even keeps an even fen', line: line({ base: 100n, employerRate: '0.005', employeeRate: null, employerAmount: 0n, employeeAmount: null }), rules: { ...rules, rounding: 'half_even' },
      expected: [['base', '1.00', '5100.00']] },
    { name: 'an employer-only line has no employee amount', line: line({ insurance: 'work_injury', employerRate: '0.0024', employeeRate: null, employerAmount: 1440n, employeeAmount: null }), expected: [] },
    { name: 'an employee amount where the rate has none', line: line({ insurance: 'work_injury', employerRate: '0.0024', employeeRate: null, employerAmount: 1440n, employeeAmount: 5n }), expected: [['employeeAmount', '0.05', '']] },
    { name: 'base at the ceiling', line: line({ base: 2_550_000n, employerAmount: 408_000n, employeeAmount: 204_000n }), expected: [] },
    { name: 'base a fen above the ceiling', line: line({ base: 2_550_001n, employerAmount: 408_000n, employeeAmount: 204_000n }), expected: [['base', '25500.01', '25500.00']] },
    { name: 'base below the floor', line: line({ base: 509_999n, employerAmount: 81_600n, employeeAmount: 40_800n }), expected: [['base', '5099.99', '5100.00']] },
    // a credit note's reversing line: amounts by the same rule (half away from zero), no base limit
    { name: 'a reversing line', line: line({ base: -512_345n, employerRate: '0.005', employeeRate: '0.005', employerAmount: -2562n, employeeAmount: -2562n }), expected: [] },
    { name: 'a reversing line one fen off', line: line({ base: -600_000n, employerAmount: -96_000n, employeeAmount: -48_001n }), expected: [['employeeAmount', '-480.01', '-480.00']] },
    // work injury: class rate × floating factor, stored exact
    { name: 'a work-injury rate of many places', line: line({ insurance: 'work_injury', base: 733_333n, employerRate: '0.00240', employeeRate: null, employerAmount: 1760n, employeeAmount: null }), expected: [] },
  ];
  for (const c of cases) {
    const found = replayBillLine(c.line, c.rules ?? rules);
    assert.deepEqual(found.map((d) => [d.field, d.recorded, d.recomputed]), c.expected, c.name);
    for (const d of found) assert.deepEqual([d.kind, d.id], ['bill_line', `7/70/700/${c.line.insurance}`], c.name);
  }
});

test('a payroll line pays the amount in force, or is listed', () => {
  assert.deepEqual(replayPayrollLine({ reference: 'YL202610123', amount: 312_345n, amountInForce: 312_345n }), []);
  assert.deepEqual(replayPayrollLine({ reference: 'YL202610123', amount: 312_345n, amountInForce: 320_000n }),
    [{ kind: 'payroll_line', id: 'YL202610123', field: 'amount', recorded: '3123.45', recomputed: '3200.00' }]);
});
