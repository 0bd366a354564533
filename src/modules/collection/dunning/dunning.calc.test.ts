import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '../../../platform/messages.ts';
import { daysBetween } from '../../ledger/index.ts';
import { deadlineProblem, instalmentPlanProblem, instalmentProgress, noticeNumber } from './dunning.calc.ts';

const said = (value: ReturnType<typeof deadlineProblem>) => (value === undefined ? undefined : render(value, 'en'));

test('notice numbers: kind, year, region and a four-digit sequence', () => {
  assert.equal(noticeNumber('reminder', 2026, '990102', 7), 'CJ-2026-990102-0007');
  assert.equal(noticeNumber('order', 2026, '990102', 12345), 'XJ-2026-990102-12345');
});

test('deadlines: an order needs one at least five days on; a reminder has none', () => {
  assert.equal(said(deadlineProblem('reminder', '2026-03-01', undefined, daysBetween)), undefined);
  assert.match(said(deadlineProblem('reminder', '2026-03-01', '2026-03-20', daysBetween))!, /a reminder sets no deadline/);
  assert.match(said(deadlineProblem('order', '2026-03-01', undefined, daysBetween))!, /must set its deadline/);
  assert.match(said(deadlineProblem('order', '2026-03-01', '2026-03-05', daysBetween))!, /at least 5 days after 2026-03-01/);
  assert.equal(said(deadlineProblem('order', '2026-03-01', '2026-03-06', daysBetween)), undefined);
});

test('instalment plans: 2 to 12, each above zero, dated after the agreement and in order, adding up to the principal', () => {
  const plan = (...rows: [string, bigint][]) => rows.map(([dueDate, amount]) => ({ dueDate, amount }));
  const problem = (rows: ReturnType<typeof plan>) => said(instalmentPlanProblem('2026-03-01', 100_000n, rows));
  assert.equal(problem(plan(['2026-04-01', 50_000n], ['2026-05-01', 50_000n])), undefined);
  assert.match(problem(plan(['2026-04-01', 100_000n]))!, /2 to 12 instalments/);
  assert.match(problem(plan(['2026-04-01', 100_000n], ['2026-05-01', 0n]))!, /above zero/);
  assert.match(problem(plan(['2026-05-01', 50_000n], ['2026-04-01', 50_000n]))!, /after 2026-03-01 and in order/);
  assert.match(problem(plan(['2026-03-01', 50_000n], ['2026-04-01', 50_000n]))!, /after 2026-03-01 and in order/);
  assert.match(problem(plan(['2026-04-01', 50_000n], ['2026-05-01', 49_999n]))!, /add up to 999.99, not the principal owed \(1000.00\)/);
});

test('instalment progress: met by the due date, met late, overdue, not yet due; the agreement kept, completed or broken', () => {
  const plan = [{ dueDate: '2026-04-05', amount: 3620_00n }, { dueDate: '2026-05-05', amount: 3620_00n }];
  const payments = (paid: [string, bigint][]) => (day: string) => paid.filter(([date]) => date <= day).reduce((sum, [, amount]) => sum + amount, 0n);
  const states = (paid: [string, bigint][], today: string) => {
    const progress = instalmentProgress(plan, payments(paid), today);
    return [progress.instalments.map((instalment) => instalment.state), progress.state, progress.paidToDate];
  };
  assert.deepEqual(states([], '2026-03-10'), [['not_due', 'not_due'], 'performing', 0n]);
  assert.deepEqual(states([['2026-04-01', 3620_00n]], '2026-04-20'), [['paid', 'not_due'], 'performing', 3620_00n]);
  assert.deepEqual(states([['2026-04-01', 3620_00n]], '2026-05-05'), [['paid', 'not_due'], 'performing', 3620_00n], 'due today is not yet overdue');
  assert.deepEqual(states([['2026-04-01', 3620_00n]], '2026-05-06'), [['paid', 'overdue'], 'defaulted', 3620_00n]);
  assert.deepEqual(states([['2026-04-01', 3000_00n]], '2026-04-20'), [['overdue', 'not_due'], 'defaulted', 3000_00n], 'part of an instalment does not meet it');
  assert.deepEqual(states([['2026-04-01', 3000_00n], ['2026-04-10', 620_00n]], '2026-04-20'), [['paid_late', 'not_due'], 'performing', 3620_00n]);
  assert.deepEqual(states([['2026-04-01', 7240_00n]], '2026-04-20'), [['paid', 'paid'], 'completed', 7240_00n], 'paid ahead of the second date');
  assert.deepEqual(states([['2026-04-01', 3620_00n], ['2026-05-20', 3620_00n]], '2026-06-01'), [['paid', 'paid_late'], 'completed', 7240_00n]);
});
