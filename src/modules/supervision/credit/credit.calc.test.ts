/** Credit grading by the shipped scheme (each threshold at, below and above it), the blacklist rule, the listing's term. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { blacklistGrounds, gradeOf, listingInForce, listingUntil, readBlacklistRule, readGradingScheme, yearsBefore, type CreditFacts } from './credit.calc.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
const scheme = readGradingScheme(store.table('supervision.credit.grades', '2026-01-01'), store.table('supervision.credit.grade_thresholds', '2026-01-01'));
const rule = readBlacklistRule(store.table('supervision.credit.blacklist_rule', '2026-01-01'));

const clean: CreditFacts = { concludedCases: 0, concludedAmount: 0n, openFindings: 0, outstanding: 0n, listed: false };
const yuan = (amount: number) => BigInt(amount) * 100n;

test('the shipped scheme: A to D, best first, the best without thresholds', () => {
  assert.deepEqual(scheme.map((g) => [g.grade, g.label]), [['A', '信用良好'], ['B', '信用较好'], ['C', '信用较差'], ['D', '严重失信']]);
  assert.deepEqual(scheme[0].thresholds, {});
  assert.deepEqual(scheme[3].thresholds, { concluded_cases: 3, concluded_amount_yuan: 100000, outstanding_yuan: 50000 });
});

test('each threshold at, just below and above it (the worst grade met wins)', () => {
  const cases: [string, Partial<CreditFacts>, string][] = [
    ['nothing on record', {}, 'A'],
    ['one open finding', { openFindings: 1 }, 'B'],
    ['four open findings', { openFindings: 4 }, 'B'],
    ['five open findings', { openFindings: 5 }, 'C'],
    ['one concluded case', { concludedCases: 1 }, 'B'],
    ['two concluded cases', { concludedCases: 2 }, 'C'],
    ['three concluded cases', { concludedCases: 3 }, 'D'],
    ['a concluded amount a fen below 10,000 yuan', { concludedCases: 1, concludedAmount: yuan(10000) - 1n }, 'B'],
    ['a concluded amount of 10,000 yuan', { concludedCases: 1, concludedAmount: yuan(10000) }, 'C'],
    ['a concluded amount a fen below 100,000 yuan', { concludedCases: 1, concludedAmount: yuan(100000) - 1n }, 'C'],
    ['a concluded amount of 100,000 yuan', { concludedCases: 1, concludedAmount: yuan(100000) }, 'D'],
    ['99 fen outstanding', { concludedCases: 1, outstanding: 99n }, 'B'],
    ['one yuan outstanding', { concludedCases: 1, outstanding: yuan(1) }, 'C'],
    ['a fen below 50,000 yuan outstanding', { outstanding: yuan(50000) - 1n }, 'C'],
    ['50,000 yuan outstanding', { outstanding: yuan(50000) }, 'D'],
    ['listed with a clean record', { listed: true }, 'D'],
  ];
  for (const [name, facts, expected] of cases) assert.equal(gradeOf(scheme, { ...clean, ...facts }).grade, expected, name);
});

test('the reasons name each threshold met of the grade given, with the figure and the bar in fen', () => {
  assert.deepEqual(gradeOf(scheme, { ...clean, concludedCases: 2, outstanding: 150n, openFindings: 1 }).reasons, [
    { threshold: 'concluded_cases', value: '2', bar: '2' },
    { threshold: 'outstanding_yuan', value: '150', bar: '100' },
  ]);
  assert.deepEqual(gradeOf(scheme, { ...clean, listed: true, concludedCases: 3 }).reasons, [{ threshold: 'listed' }, { threshold: 'concluded_cases', value: '3', bar: '3' }]);
  assert.deepEqual(gradeOf(scheme, clean).reasons, []);
});

test('a malformed scheme is refused naming the parameter and the entry', () => {
  const grades = { A: '好', B: '差' };
  assert.throws(() => readGradingScheme(grades, { C: { open_findings: 1 } }), /grade_thresholds: C is not a grade/);
  assert.throws(() => readGradingScheme(grades, { A: { open_findings: 1 } }), /A is the best grade/);
  assert.throws(() => readGradingScheme(grades, { B: { penalties: 1 } }), /B\.penalties is not one of/);
  assert.throws(() => readGradingScheme(grades, { B: { open_findings: 0 } }), /B\.open_findings must be a whole number from 1/);
  assert.throws(() => readGradingScheme({ A: '好' }, {}), /at least two grades/);
});

test('the blacklist rule: two established cases in the years, or one of at least 100,000 yuan', () => {
  assert.deepEqual(rule, { cases: 2, withinYears: 3, singleCaseAmount: yuan(100000) });
  assert.deepEqual(blacklistGrounds(rule, { cases: 1, largestCase: yuan(100000) - 1n }), []);
  assert.deepEqual(blacklistGrounds(rule, { cases: 1, largestCase: yuan(100000) }), ['large_case']);
  assert.deepEqual(blacklistGrounds(rule, { cases: 2, largestCase: 1n }), ['repeat_cases']);
  assert.deepEqual(blacklistGrounds(rule, { cases: 2, largestCase: yuan(200000) }), ['repeat_cases', 'large_case']);
  assert.deepEqual(blacklistGrounds(rule, { cases: 0, largestCase: 0n }), []);
});

test('a listing is on the list from its day until the day before the anniversary; removed, it is off', () => {
  assert.equal(listingUntil('2026-03-15', 3), '2029-03-15');
  assert.equal(listingUntil('2024-02-29', 3), '2027-03-01');
  const listing = { status: 'listed', listedOn: '2026-03-15', listedUntil: '2029-03-15' };
  assert.equal(listingInForce(listing, '2026-03-14'), false);
  assert.equal(listingInForce(listing, '2026-03-15'), true);
  assert.equal(listingInForce(listing, '2029-03-14'), true);
  assert.equal(listingInForce(listing, '2029-03-15'), false);
  assert.equal(listingInForce({ ...listing, status: 'removed' }, '2027-01-01'), false);
  assert.equal(listingInForce({ status: 'proposed', listedOn: null, listedUntil: null }, '2027-01-01'), false);
  assert.equal(yearsBefore('2026-12-06', 3), '2023-12-06');
});
