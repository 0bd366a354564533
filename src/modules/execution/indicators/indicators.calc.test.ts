/** The indicator accounts and the draw rules as tables: at, just under and just over each limit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraws, drawLevel, indicatorAccounts, overrunSeverity, type IndicatorAccount, type IndicatorRule } from './indicators.calc.ts';
import type { TableLine } from '../execution.calc.ts';

const table: TableLine[] = [
  { subject: 'premium_income', name: '社会保险费收入', side: 'income', parentSubject: null, ledgerSubjects: ['premium_income'] },
  { subject: 'benefit_expense', name: '社会保险待遇支出', side: 'expense', parentSubject: null, ledgerSubjects: ['benefit_expense.inpatient', 'benefit_expense.outpatient'] },
  { subject: 'benefit_expense.inpatient', name: '住院医疗费用', side: 'expense', parentSubject: 'benefit_expense', ledgerSubjects: ['benefit_expense.inpatient'] },
  { subject: 'benefit_expense.outpatient', name: '门诊医疗费用', side: 'expense', parentSubject: 'benefit_expense', ledgerSubjects: ['benefit_expense.outpatient'] },
  { subject: 'other_expense', name: '其他支出', side: 'expense', parentSubject: null, ledgerSubjects: ['other_expense'] },
];

test('accounts: approved from the first version, adjusted the latest less it, paid and committed on the line\'s ledger subjects, available what is left', () => {
  const first = [{ subject: 'benefit_expense', amount: 900n }, { subject: 'benefit_expense.inpatient', amount: 600n }, { subject: 'benefit_expense.outpatient', amount: 300n }];
  const latest = [{ subject: 'benefit_expense', amount: 950n }, { subject: 'benefit_expense.inpatient', amount: 650n }, { subject: 'benefit_expense.outpatient', amount: 300n }, { subject: 'other_expense', amount: 10n }];
  const paid = new Map([['benefit_expense.inpatient', 300n], ['benefit_expense.outpatient', 20n], ['premium_income', 999n]]);
  const committed = new Map([['benefit_expense.inpatient', 25n]]);
  // the plan's months to date, by the line's own subject: shown, not taken from available
  const allocated = new Map([['benefit_expense', 400n], ['benefit_expense.inpatient', 270n]]);
  const accounts = indicatorAccounts('medical-990100', table, first, latest, paid, committed, allocated);
  assert.deepEqual(accounts.map((a) => [a.subject, a.approved, a.adjusted, a.allocated, a.committed, a.paid, a.available]), [
    ['benefit_expense', 900n, 50n, 400n, 25n, 320n, 605n],
    ['benefit_expense.inpatient', 600n, 50n, 270n, 25n, 300n, 325n],
    ['benefit_expense.outpatient', 300n, 0n, 0n, 0n, 20n, 280n],
    ['other_expense', 0n, 10n, 0n, 0n, 0n, 10n],   // a line added by an adjustment: all of it is adjusted
  ]);
  // a line of another chart: kept, with nothing paid on it
  const other = indicatorAccounts('medical-990100', table, [], [{ subject: 'old_line', amount: 5n }], paid, committed);
  assert.deepEqual(other.map((a) => [a.subject, a.paid, a.available]), [['old_line', 0n, 5n]]);
});

const account = (available: bigint, approved = 1000_00n, adjusted = 0n): IndicatorAccount => ({
  fund: 'f', subject: 's', name: 'n', parentSubject: null, ledgerSubjects: ['s'], approved, adjusted, allocated: 0n, committed: 0n, paid: approved + adjusted - available, available,
});

test('a draw: over available is red where the rule blocks, orange where it warns; leaving less than the warning share is yellow', () => {
  const block: IndicatorRule = { warningPercent: 10, overrun: 'block' };
  const warn: IndicatorRule = { warningPercent: 10, overrun: 'warn' };
  // budget 1,000.00, available 500.00: the yellow line is a remainder below 100.00
  const cases: [bigint, IndicatorRule, string | null][] = [
    [400_00n, block, null],          // leaves exactly 100.00: not below the line
    [400_01n, block, 'yellow'],      // leaves 99.99
    [500_00n, block, 'yellow'],      // at the limit: leaves 0
    [500_01n, block, 'red'],         // just over
    [500_01n, warn, 'orange'],
    [0n, block, null],
  ];
  for (const [requested, rule, level] of cases) assert.equal(drawLevel(account(500_00n), requested, rule), level, `${requested} fen with ${rule.overrun}`);
  // adjusted counts in the share: budget 800 + 200 = 1,000, available 150 → a draw of 50.01 leaves 99.99
  assert.equal(drawLevel(account(150_00n, 800_00n, 200_00n), 50_00n, block), null);
  assert.equal(drawLevel(account(150_00n, 800_00n, 200_00n), 50_01n, block), 'yellow');
});

test('draws are summed per line; a 其中 row\'s draw also draws on its line', () => {
  const accounts = indicatorAccounts('m', table,
    [{ subject: 'benefit_expense', amount: 1000n }, { subject: 'benefit_expense.inpatient', amount: 100n }, { subject: 'benefit_expense.outpatient', amount: 900n }], [
      { subject: 'benefit_expense', amount: 1000n }, { subject: 'benefit_expense.inpatient', amount: 100n }, { subject: 'benefit_expense.outpatient', amount: 900n }],
    new Map(), new Map());
  const findings = checkDraws(accounts, [{ subject: 'benefit_expense.inpatient', amountFen: 60n }, { subject: 'benefit_expense.inpatient', amountFen: 41n }], { warningPercent: 10, overrun: 'block' });
  assert.deepEqual(findings.map((f) => [f.account.subject, f.requested, f.level]), [['benefit_expense.inpatient', 101n, 'red']]);
  const line = checkDraws(accounts, [{ subject: 'benefit_expense.outpatient', amountFen: 850n }], { warningPercent: 10, overrun: 'block' });
  assert.deepEqual(line.map((f) => [f.account.subject, f.requested, f.level]), [['benefit_expense.outpatient', 850n, 'yellow']], 'the line keeps 150 of 1,000: above its 10 %');
});

test('the alert condition: below the warning share is a warning, overdrawn critical', () => {
  assert.equal(overrunSeverity(account(100_00n), 10), null);
  assert.equal(overrunSeverity(account(99_99n), 10), 'warning');
  assert.equal(overrunSeverity(account(0n), 10), 'warning');
  assert.equal(overrunSeverity(account(-1n), 10), 'critical');
  assert.equal(overrunSeverity(account(0n, 0n), 10), null, 'a line with no budget and nothing spent');
});
