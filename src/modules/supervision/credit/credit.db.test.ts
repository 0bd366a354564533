/**
 * Credit grades and the blacklist on seeded cases and findings: a grading run gives each subject the grade its record
 * earns and writes a history row only when a grade changes; a listing goes through its two sign-offs and shows on the
 * list for its term, the listed subject graded the worst; an early removal (信用修复) takes it off; an expired listing
 * is off the list by its dates; a subject not meeting the rule, or input out of shape, is refused naming the field;
 * the findings carry their subject's grade; the inspection plan puts each subject its grade's interval after its last
 * case; the CLI answers in JSON.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../../platform/actor.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { listFindings } from '../detection.service.ts';
import { registerSupervisionCommands } from '../supervision.cli.ts';
import { yearsBefore } from './credit.calc.ts';
import { getSubjectCredit, inspectionPlan, listBlacklist, listGrades, proposeListing, requestRemoval, runGrading } from './credit.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const REGION = '990102';
const today = todayInChina();
const recent = yearsBefore(today, 1), old = yearsBefore(today, 5);
let db: TestDatabase;
const previousUrl = process.env.DATABASE_URL;

/** A case of the subject, concluded 违规成立 on the day with the amount to recover (fen) and what was recovered of it. */
const concludedCase = (id: number, kind: string, subject: string, concludedOn: string, amount: number, recovered = 0) => `
  insert into supervision_case (id, number, region_code, subject_kind, subject, kind, amount_involved, reason, status, opening_item_id, violation, legal_basis, opened_by, concluded_at)
    values (${id}, 'JC2026-${String(id).padStart(4, '0')}', '${REGION}', '${kind}', '${subject}', 'other', ${amount}, '稽核立案', '${recovered ? 'recovering' : 'concluded'}', 0, 'established',
            '社会保险法 第八十八条', 'fixture', '${concludedOn}');
  insert into supervision_case_amount (case_id, fund_code, region_code, amount) values (${id}, 'medical-990100', '${REGION}', ${amount});
  ${recovered ? `insert into supervision_case_recovery (id, case_id, region_code, fund_code, amount, recovered_on, bank_reference, entry_id, recorded_by)
    values (${id}, ${id}, '${REGION}', 'medical-990100', ${recovered}, '${concludedOn}', 'B${id}', '1', 'fixture');` : ''}`;

const finding = (id: number, subject: string) => `
  insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id)
    values (${id}, 'paid-after-death', 'k${id}', '${subject}', '${REGION}', '2026-01', 1000, '{}', '社会保险法 第八十八条', 1);`;

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await db.owner.query([
    // three established cases of the employer in the look-back years: D
    concludedCase(1, 'employer', 'EMP1', recent, 100_00), concludedCase(2, 'employer', 'EMP1', recent, 200_00), concludedCase(3, 'employer', 'EMP1', recent, 300_00),
    // two of the institution, 600 yuan still outstanding: C, and on the blacklist rule (two cases)
    concludedCase(4, 'institution', 'H1', recent, 20_000_00, 19_400_00), concludedCase(5, 'institution', 'H1', recent, 500_00, 500_00),
    // one case five years ago: outside the look-back, and nothing outstanding: A
    concludedCase(6, 'employer', 'EMP2', old, 900_00, 900_00),
    // one open finding of a person: B
    finding(11, 'P1'),
  ].join('\n'));
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await db?.drop();
});

const auditor: Actor = { userId: 880_101n, username: 'audit.credit-test', role: 'auditor', regionCode: '990100' };
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as Error & { status: number; field?: string }; }
  assert.fail('not refused');
};
const historyRows = async () => Number((await db.owner.query<{ n: string }>('select count(*) as n from supervision_credit_grade_history')).rows[0].n);

test('a grading run grades each subject by its record; a re-run writes history only for a grade that changed', { skip }, async () => {
  const first = await runGrading(db.database, auditor);
  assert.deepEqual([first.subjects, first.changed], [4, 4]);
  const grades = (await listGrades(db.database, auditor, {}, { limit: 50 })).items.map((g) => [g.subjectKind, g.subject, g.grade]);
  assert.deepEqual(grades, [['employer', 'EMP1', 'D'], ['institution', 'H1', 'C'], ['person', 'P1', 'B'], ['employer', 'EMP2', 'A']]);
  // worst first by the grade's place in the scheme, page after page by the cursor
  const firstPage = await listGrades(db.database, auditor, {}, { limit: 3 });
  const secondPage = await listGrades(db.database, auditor, {}, { limit: 3, after: firstPage.nextCursor! });
  assert.deepEqual([...firstPage.items, ...secondPage.items].map((g) => g.subject), ['EMP1', 'H1', 'P1', 'EMP2']);
  assert.deepEqual([firstPage.total, secondPage.nextCursor], [4, null]);
  const institution = await getSubjectCredit(db.database, auditor, { subject: 'h1' });
  assert.deepEqual(institution.facts, { concludedCases: 2, concludedAmount: '20500.00', openFindings: 0, outstanding: '600.00', listed: false });
  assert.deepEqual(institution.reasons, [{ threshold: 'concluded_cases', value: '2', bar: '2' }, { threshold: 'concluded_amount_yuan', value: '2050000', bar: '1000000' },
    { threshold: 'outstanding_yuan', value: '60000', bar: '100' }]);
  assert.deepEqual([institution.subjectKind, institution.gradeLabel, institution.blacklistGrounds, institution.establishedCases], ['institution', '信用较差', ['repeat_cases'], 2]);
  assert.equal(await historyRows(), 4);

  const again = await runGrading(db.database, auditor);
  assert.deepEqual([again.subjects, again.changed], [4, 0]);
  assert.equal(await historyRows(), 4, 'nothing changed: no history row');

  // four more open findings of the person: five reach C
  await db.owner.query([12, 13, 14, 15].map((id) => finding(id, 'P1')).join('\n'));
  const third = await runGrading(db.database, auditor);
  assert.deepEqual([third.subjects, third.changed], [4, 1]);
  const person = await getSubjectCredit(db.database, auditor, { subjectKind: 'person', subject: 'P1' });
  assert.deepEqual(person.history.map((h) => [h.previousGrade, h.grade, h.facts.openFindings]), [['B', 'C', 5], [null, 'B', 1]]);
  assert.deepEqual(third.counts.find((c) => c.subjectKind === 'person'), { subjectKind: 'person', grade: 'C', gradeLabel: '信用较差', subjects: 1 });

  // the findings show their subject's grade
  const found = (await listFindings(db.database, auditor, {}, { limit: 10 })).items;
  assert.deepEqual(found.map((f) => [f.subject, f.credit?.grade, f.credit?.watched]), Array(5).fill(['P1', 'C', false]));

  const filtered = await listGrades(db.database, auditor, { subjectKind: 'employer', grade: 'D' }, { limit: 50 });
  assert.deepEqual(filtered.items.map((g) => g.subject), ['EMP1']);
});

test('the inspection plan: each graded subject due its grade\'s interval after its last case, never inspected due at once; over HTTP\'s service and the CLI', { skip }, async () => {
  // the fixture's cases were opened today (China); P1 has a finding but no case: never inspected
  const months = async (n: number) => (await db.owner.query<{ day: string }>(`select ($1::date + make_interval(months => $2))::date::text as day`, [today, n])).rows[0].day;
  const plan = await inspectionPlan(db.database, auditor, {}, { limit: 50 });
  assert.deepEqual(plan.items.map((i) => [i.subject, i.grade, i.intervalMonths, i.lastInspected, i.dueOn, i.overdue]), [
    ['P1', 'C', 6, null, today, true], // graded C by the run above (five open findings)
    ['EMP1', 'D', 3, today, await months(3), false],
    ['H1', 'C', 6, today, await months(6), false],
    ['EMP2', 'A', 24, today, await months(24), false],
  ]);
  assert.equal(plan.parameter, 'supervision.credit.inspection_interval_months@2024-01-01');
  assert.deepEqual((await inspectionPlan(db.database, auditor, { due: true }, { limit: 50 })).items.map((i) => i.subject), ['P1']);
  assert.deepEqual((await inspectionPlan(db.database, auditor, { subjectKind: 'employer' }, { limit: 1 })).items.map((i) => i.subject), ['EMP1']);
  const second = await inspectionPlan(db.database, auditor, { subjectKind: 'employer' }, { limit: 1, after: (await inspectionPlan(db.database, auditor, { subjectKind: 'employer' }, { limit: 1 })).nextCursor! });
  assert.deepEqual(second.items.map((i) => i.subject), ['EMP2'], 'the next page along the due day');
  const cli = await runCommand(registerSupervisionCommands, ['supervision', 'credit', 'plan', '--due', '--format', 'json']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual((JSON.parse(cli.stdout) as { subject: string; overdue: boolean }[]).map((i) => [i.subject, i.overdue]), [['P1', true]]);
});

test('a listing goes through its sign-off and shows on the list; the listed subject is graded the worst; removal takes it off', { skip }, async () => {
  const proposed = await proposeListing(db.database, auditor, { subject: 'H1', reason: '两年内两次违规，拟列入严重失信人名单', notifiedOn: today });
  assert.deepEqual([proposed.status, proposed.subjectKind, proposed.inForce, proposed.steps.map((s) => s.step)], ['proposed', 'institution', false, ['proposed']]);
  assert.equal((await listBlacklist(db.database, auditor, 'in_force', { limit: 10 })).total, 0, 'not on the list before its approval');
  const twice = await refusal(proposeListing(db.database, auditor, { subject: 'H1', reason: '再次提请', notifiedOn: today }));
  assert.deepEqual([twice.status, twice.field], [409, 'subject']);

  const item = await signOff(db.database, proposed.listingItemId);
  assert.deepEqual([item.status, item.kind, item.levels.map((l) => l.label)], ['approved', 'supervision.blacklist', ['复核', '审批']]);
  const listed = (await listBlacklist(db.database, auditor, 'in_force', { limit: 10 })).items;
  assert.deepEqual(listed.map((l) => [l.id, l.subject, l.status, l.listedOn, l.listedUntil]), [[proposed.id, 'H1', 'listed', today, `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`]]);
  const already = await refusal(proposeListing(db.database, auditor, { subject: 'H1', reason: '再次提请', notifiedOn: today }));
  assert.deepEqual([already.status, already.field], [409, 'subject']);

  await runGrading(db.database, auditor);
  const graded = await getSubjectCredit(db.database, auditor, { subject: 'H1' });
  assert.deepEqual([graded.grade, graded.listed, graded.reasons[0], graded.history.map((h) => h.grade)], ['D', true, { threshold: 'listed' }, ['D', 'C']]);

  const removal = await requestRemoval(db.database, auditor, BigInt(proposed.id), { reason: '已全额退回违规金额并完成整改，申请信用修复' });
  assert.equal(removal.status, 'listed', 'still listed while the removal waits');
  const waiting = await refusal(requestRemoval(db.database, auditor, BigInt(proposed.id), { reason: '重复申请' }));
  assert.deepEqual([waiting.status, waiting.field], [409, 'listingId']);
  await signOff(db.database, removal.removalItemId!);
  assert.equal((await listBlacklist(db.database, auditor, 'in_force', { limit: 10 })).total, 0);
  const all = (await listBlacklist(db.database, auditor, 'all', { limit: 10 })).items;
  assert.deepEqual(all.map((l) => [l.id, l.status, l.removedOn, l.removalReason]), [[proposed.id, 'removed', today, '已全额退回违规金额并完成整改，申请信用修复']]);
});

test('an expired listing is off the list by its dates', { skip }, async () => {
  const listedOn = yearsBefore(today, 4), until = yearsBefore(today, 1);
  await db.owner.query(`insert into supervision_blacklist (id, subject_kind, subject, region_code, reason, notified_on, status, listing_item_id, listed_on, listed_until, proposed_by)
    values (501, 'employer', 'EMP1', $1, '四年前列入', $2, 'listed', 0, $2, $3, 'fixture')`, [REGION, listedOn, until]);
  const inForce = (await listBlacklist(db.database, auditor, 'in_force', { limit: 10 })).items;
  assert.ok(!inForce.some((l) => l.id === '501'));
  const expired = (await listBlacklist(db.database, auditor, 'all', { limit: 10 })).items.find((l) => l.id === '501')!;
  assert.deepEqual([expired.status, expired.statusLabel, expired.inForce], ['expired', '期满移出', false]);
  assert.equal((await getSubjectCredit(db.database, auditor, { subject: 'EMP1' })).listed, false);
});

test('bad input and a subject not meeting the rule are refused naming the field', { skip }, async () => {
  const short = await refusal(proposeListing(db.database, auditor, { subject: 'EMP2', reason: '短', notifiedOn: today }));
  assert.deepEqual([short.status, short.field], [400, 'reason']);
  const future = await refusal(proposeListing(db.database, auditor, { subject: 'EMP2', reason: '列入理由', notifiedOn: '2099-01-01' }));
  assert.deepEqual([future.status, future.field], [400, 'notifiedOn']);
  const kind = await refusal(proposeListing(db.database, auditor, { subjectKind: 'company', subject: 'EMP2', reason: '列入理由', notifiedOn: today }));
  assert.deepEqual([kind.status, kind.field], [400, 'subjectType']);
  const shape = await refusal(proposeListing(db.database, auditor, { subject: 'EMP-2', reason: '列入理由', notifiedOn: today }));
  assert.deepEqual([shape.status, shape.field], [400, 'subject']);
  const unknown = await refusal(getSubjectCredit(db.database, auditor, { subject: 'NOBODY' }));
  assert.equal(unknown.status, 404);
  // the employer's only established case is five years old: the rule (two in three years, or one of 100,000 yuan) is not met
  const notEligible = await refusal(proposeListing(db.database, auditor, { subject: 'EMP2', reason: '列入理由', notifiedOn: today }));
  assert.deepEqual([notEligible.status, notEligible.field], [409, 'subject']);
  assert.match(notEligible.message, /0 established cases within 3 years, the largest 0\.00 to recover/);
  const notListed = await refusal(requestRemoval(db.database, auditor, 501n, { reason: '信用修复' }));
  assert.deepEqual([notListed.status, notListed.field], [409, 'listingId']);
});

test('the CLI: a run, a subject, the blacklist and a proposal in JSON; an unknown --show refused', { skip }, async () => {
  const run = await runCommand(registerSupervisionCommands, ['supervision', 'credit', 'run', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).subjects, 4);
  const show = await runCommand(registerSupervisionCommands, ['supervision', 'credit', 'show', '--subject', 'EMP1', '--format', 'json']);
  assert.equal(show.code, 0, show.stderr);
  assert.deepEqual([JSON.parse(show.stdout).grade, JSON.parse(show.stdout).subjectKind], ['D', 'employer']);
  const list = await runCommand(registerSupervisionCommands, ['supervision', 'blacklist', '--show', 'all', '--format', 'json']);
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(JSON.parse(list.stdout).map((l: { status: string }) => l.status).sort(), ['expired', 'removed']);
  // removed early, the institution still meets the rule: it may be proposed again
  const proposed = await runCommand(registerSupervisionCommands, ['supervision', 'blacklist', 'propose', '--subject', 'H1', '--reason', '信用修复后再次违规', '--format', 'json']);
  assert.equal(proposed.code, 0, proposed.stderr);
  assert.deepEqual([JSON.parse(proposed.stdout).status, JSON.parse(proposed.stdout).notifiedOn], ['proposed', today]);
  const bad = await runCommand(registerSupervisionCommands, ['supervision', 'blacklist', '--show', 'later']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /show/);
});
