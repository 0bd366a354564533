/** The focus list's ranking and the responsible staff of a fund, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeProgressOf, type ExecutionLine } from '../execution.calc.ts';
import { regionCovers } from '../../../platform/access/staff.ts';
import { rankFocus, responsibleFor } from './duty.calc.ts';

// 2025 to June, seen later: time progress 181 / 365 = 0.49589…
const progress = timeProgressOf(2025, 6, '2026-01-10');

/** A line with a budget and an actual in fen; the rate and deviation text are not what the ranking reads. */
const line = (subject: string, budget: bigint, actual: bigint, parentSubject: string | null = null): ExecutionLine =>
  ({ subject, name: subject, side: 'expense', parentSubject, budget, actual, rate: null, deviation: null });

const candidates = [
  // −0.1959; its 其中 row at −0.4959 is inside the line and not ranked
  { region: '990200', fund: 'medical-990200', lines: [line('benefit_expense', 1000n, 300n), line('benefit_expense.outpatient', 100n, 0n, 'benefit_expense')] },
  { region: '990100', fund: 'medical-990100', lines: [line('premium_income', 1000n, 700n)] },                      // +0.2041
  { region: '990300', fund: 'medical-990300', lines: [line('premium_income', 1000n, 500n), line('other_expense', 200n, 0n)] },   // +0.0041, −0.4959
  { region: '990000', fund: 'pension-990000', lines: [line('premium_income', 0n, 500n)] },                        // no budget: last
  { region: '990050', fund: 'medical-990050', lines: [line('premium_income', 1000n, 700n)] },                     // +0.2041, the same as 990100
  // +0.20411059… against +0.20410959…: the same four places, larger exactly
  { region: '990900', fund: 'medical-990900', lines: [line('premium_income', 1_000_000n, 700_001n)] },
  { region: '990100', fund: 'unemployment-990100', lines: [line('premium_income', 1_000_000n, 700_000n)] },       // +0.2041 exactly as 990100's medical
];

test('funds ranked by the largest |deviation| of a budget line, exactly; ties by region then fund; no budget last', () => {
  const ranked = rankFocus(candidates, progress, 10);
  assert.deepEqual(ranked.map((entry) => [entry.candidate.fund, entry.worstLine?.subject ?? null]), [
    ['medical-990300', 'other_expense'],
    ['medical-990900', 'premium_income'],
    ['medical-990050', 'premium_income'],
    ['medical-990100', 'premium_income'],
    ['unemployment-990100', 'premium_income'],
    ['medical-990200', 'benefit_expense'],
    ['pension-990000', null],
  ]);
});

test('the top N only; a size of 0 lists none', () => {
  const cases: [number, string[]][] = [
    [3, ['medical-990300', 'medical-990900', 'medical-990050']],
    [1, ['medical-990300']],
    [0, []],
  ];
  for (const [size, funds] of cases) assert.deepEqual(rankFocus(candidates, progress, size).map((entry) => entry.candidate.fund), funds, `size ${size}`);
  assert.equal(rankFocus(candidates, progress, 20).length, 7, 'fewer funds than the size: all of them');
});

test('the responsible staff: the scheme\'s own assignment before the one for all schemes, of the fund\'s own region only', () => {
  const assignments = [
    { region: '990100', scheme: 'all', username: 'zhang.san', name: '张三' },
    { region: '990100', scheme: 'medical', username: 'li.si', name: '李四' },
    { region: '990000', scheme: 'all', username: 'wang.wu', name: '王五' },
  ];
  const cases: [string, string, string | null][] = [
    ['990100', 'medical', 'li.si'],
    ['990100', 'unemployment', 'zhang.san'],
    ['990000', 'pension', 'wang.wu'],
    ['990200', 'medical', null],      // the province's assignment does not answer for a city
  ];
  for (const [region, insurance, username] of cases) assert.equal(responsibleFor(assignments, region, insurance)?.username ?? null, username, `${region} ${insurance}`);
});

test('a user\'s region covers its own region and the regions below it, not above or beside', () => {
  const cases: [string, string, boolean][] = [
    ['990100', '990100', true], ['990100', '990102', true], ['990000', '990102', true],
    ['990102', '990100', false], ['990100', '990200', false], ['990102', '990103', false],
  ];
  for (const [user, region, covers] of cases) assert.equal(regionCovers(user, region), covers, `${user} → ${region}`);
});
