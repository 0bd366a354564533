/**
 * Supervision cases on a small demo city (its funds and open ledger periods), with planted findings: a case opened
 * from two findings of one subject goes 立案 → 调查中 → 已结论 → 追回中 → 已结案 through its two sign-offs; a finding is in
 * at most one open case (the service names the case, the database's index refuses a second open link); each recovery
 * posts a balanced entry Dr 收入户存款 / Cr 其他收入 into the fund and takes the outstanding down to the fen; more than is
 * outstanding is refused naming it; a case with money outstanding cannot close; a cancelled opening withdraws the
 * case and opens its findings again; a violation not established closes with nothing to recover; a penalty decided with
 * the conclusion lies within its provision's range, is recorded with the approval and posts nothing; the CLI answers in
 * JSON; a case is worked by the inspector it is assigned to (承办人), whom the head may change with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { drafterAction, getApproval } from '../../../platform/signoff/signoff.service.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { listFindings, runDetection } from '../detection.service.ts';
import { useDemoCity } from '../supervision.testing.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { registerSupervisionCommands } from '../supervision.cli.ts';
import { assignCase, caseAssignees, closeCase, concludeCase, getCase, listCases, openCase, penaltyProvisions, recordRecovery } from './cases.service.ts';
import { createUser } from '../../../platform/auth/auth.service.ts';

const REGION = '990102';
const person = buildIdNumber(REGION, '1958-03-04', 21), other = buildIdNumber(REGION, '1961-07-08', 22), third = buildIdNumber(REGION, '1963-01-02', 23);
const funds = { pension: '', medical: '' };

const { skip, db } = useDemoCity({ persons: 120, employers: 6, years: 1, seed: 31, password: 'demo-pass-2024' }, async ({ owner }) => {
  const evidence = (id: string) => JSON.stringify({ idNumber: id, dateOfDeath: '2026-01-15' });
  await owner.query(`insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id) values
    (9001, 'paid-after-death', 'a', $1, $4, '2026-02', 60000, $5, '社会保险法 第八十八条', 1),
    (9002, 'paid-after-death', 'b', $1, $4, '2026-03', 60001, $5, '社会保险法 第八十八条', 1),
    (9003, 'paid-after-death', 'c', $2, $4, '2026-02', 50000, $6, '社会保险法 第八十八条', 1),
    (9004, 'paid-after-death', 'd', $3, $4, '2026-02', 40000, $7, '社会保险法 第八十八条', 1)`,
  [person, other, third, REGION, evidence(person), evidence(other), evidence(third)]);
  const { rows } = await owner.query<{ insurance: string; code: string }>(`select insurance, code from fund where insurance in ('pension', 'medical') order by code`);
  funds.pension = rows.find((r) => r.insurance === 'pension')!.code;
  funds.medical = rows.find((r) => r.insurance === 'medical')!.code;
});

const auditor: Actor = { userId: 880_001n, username: 'audit.case-test', role: 'auditor', regionCode: '990100' };
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as Error & { status: number; field?: string }; }
  assert.fail('not refused');
};
const rows = async <T>(text: string, parameters: unknown[] = []) => (await db.owner.query(text, parameters)).rows as T[];

test('a case from two findings: opened, concluded, recovered to the fen through balanced postings, closed; one open case per finding', { skip }, async () => {
  const today = todayInChina();
  const opened = await openCase(db.database, auditor, { findingIds: ['9001', '9002'], reason: '死亡后仍领取养老金，立案调查' });
  assert.deepEqual([opened.status, opened.subject, opened.kind, opened.amountInvolved, opened.regionCode], ['filing', person, 'paid-after-death', '1200.01', REGION]);
  assert.match(opened.number, new RegExp(`^JC${today.slice(0, 4)}-0001$`));
  assert.deepEqual(opened.findings.map((f) => f.id), ['9001', '9002']);
  const found = (await listFindings(db.database, auditor, { rule: 'paid-after-death' }, { limit: 10 })).items;
  assert.deepEqual(found.map((f) => [f.id, f.status, f.case?.number ?? null]).sort(),
    [['9001', 'case', opened.number], ['9002', 'case', opened.number], ['9003', 'open', null], ['9004', 'open', null]]);

  // one open case per finding: the service names the case; the database refuses a second open link by itself
  const again = await refusal(openCase(db.database, auditor, { findingIds: ['9002'], reason: '重复立案' }));
  assert.deepEqual([again.status, again.field], [409, 'findingIds']);
  assert.match(again.message, new RegExp(`finding 9002 is in the open case ${opened.number}`));
  await db.owner.query(`insert into supervision_case (id, number, region_code, subject_kind, subject, kind, amount_involved, reason, opening_item_id, opened_by)
    values (77, 'JC2000-0001', $1, 'person', $2, 'other', 0, '另一案件', 0, 'test')`, [REGION, person]);
  await assert.rejects(db.owner.query(`insert into supervision_case_finding (case_id, finding_id, region_code) values (77, 9001, $1)`, [REGION]),
    (error: Error & { code?: string; constraint?: string }) => error.code === '23505' && error.constraint === 'supervision_case_finding_open');
  await db.owner.query(`delete from supervision_case where id = 77`);
  const twoSubjects = await refusal(openCase(db.database, auditor, { findingIds: ['9003', '9004'], reason: '两个对象' }));
  assert.deepEqual([twoSubjects.status, twoSubjects.field], [400, 'findingIds']);

  // nothing is concluded before the opening is approved
  const early = await refusal(concludeCase(db.database, auditor, BigInt(opened.id), { violation: 'not_established', legalBasis: '社会保险法 第八十八条' }));
  assert.deepEqual([early.status, early.field], [409, 'caseId']);
  const openingItem = await signOff(db.database, opened.openingItemId);
  assert.deepEqual([openingItem.status, openingItem.kind, openingItem.levels.map((l) => l.label)], ['approved', 'supervision_case', ['复核', '审批']]);
  assert.equal((await getCase(db.database, auditor, BigInt(opened.id))).status, 'investigating');

  const missing = await refusal(concludeCase(db.database, auditor, BigInt(opened.id), { violation: 'established', legalBasis: '社会保险法 第八十八条' }));
  assert.deepEqual([missing.status, missing.field], [400, 'amounts']);
  const submitted = await concludeCase(db.database, auditor, BigInt(opened.id), {
    violation: 'established', amounts: [{ fund: funds.pension, amount: '1000.01' }, { fund: funds.medical, amount: '200.00' }],
    legalBasis: '社会保险法 第八十八条；社会保险经办条例 第四十六条', note: '家属承认冒领',
  });
  assert.equal(submitted.status, 'investigating', 'the conclusion waits for its sign-off');
  const conclusionItem = await signOff(db.database, submitted.conclusionItemId!);
  assert.equal(conclusionItem.amount, '1200.01');
  const concluded = await getCase(db.database, auditor, BigInt(opened.id));
  assert.deepEqual([concluded.status, concluded.conclusion?.violation, concluded.toRecover, concluded.outstanding], ['concluded', 'established', '1200.01', '1200.01']);

  const earlyClose = await refusal(closeCase(db.database, auditor, BigInt(opened.id)));
  assert.deepEqual([earlyClose.status, earlyClose.field], [409, 'caseId']);
  assert.match(earlyClose.message, /1200\.01 is still to recover/);

  // recoveries: each a balanced entry Dr 1002 收入户存款 / Cr 4009 其他收入 in the fund, the outstanding down to the fen
  const first = await recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.pension, amount: '500.00', recoveredOn: today, bankReference: 'B20260001' });
  assert.deepEqual([first.status, first.outstanding, first.funds.map((f) => [f.fund, f.outstanding])],
    ['recovering', '700.01', [[funds.medical, '200.00'], [funds.pension, '500.01']]]);
  const over = await refusal(recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.pension, amount: '500.02', recoveredOn: today, bankReference: 'B20260002' }));
  assert.deepEqual([over.status, over.field], [409, 'amount']);
  assert.match(over.message, new RegExp(`500\\.02 is more than the 500\\.01 outstanding for the fund ${funds.pension}`));
  const notOwed = await refusal(recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.medical.replace('medical', 'unemployment'), amount: '1.00', recoveredOn: today, bankReference: 'B1' }));
  assert.deepEqual([notOwed.status, notOwed.field], [400, 'fund']);
  await recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.pension, amount: '500.01', recoveredOn: today, bankReference: 'B20260003' });
  const recovered = await recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.medical, amount: '200.00', recoveredOn: today, bankReference: 'B20260004' });
  assert.deepEqual([recovered.recovered, recovered.outstanding, recovered.canClose], ['1200.01', '0.00', true]);
  assert.deepEqual(recovered.recoveries.map((r) => [r.fund, r.amount, r.bankReference]),
    [[funds.pension, '500.00', 'B20260001'], [funds.pension, '500.01', 'B20260003'], [funds.medical, '200.00', 'B20260004']]);
  const lines = await rows<{ fund: string; code: string; debit: string; credit: string }>(`
    select f.code as fund, a.code, l.debit::text, l.credit::text from accounting_entry e
      join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id
      join fund_account a on a.id = l.account_id join fund f on f.id = e.fund_id
     where e.source_type = 'supervision_case' and e.source_id = $1 order by e.posted_at, e.id, l.line_number`, [opened.id]);
  assert.deepEqual(lines.map((l) => [l.fund, l.code, l.debit, l.credit]), [
    [funds.pension, '1002', '50000', '0'], [funds.pension, '4009', '0', '50000'],
    [funds.pension, '1002', '50001', '0'], [funds.pension, '4009', '0', '50001'],
    [funds.medical, '1002', '20000', '0'], [funds.medical, '4009', '0', '20000'],
  ]);
  assert.deepEqual(recovered.recoveries.map((r) => r.entryId).length, new Set(recovered.recoveries.map((r) => r.entryId)).size, 'one entry per recovery');

  const closed = await closeCase(db.database, auditor, BigInt(opened.id), { note: '已全额追回' });
  assert.deepEqual([closed.status, closed.closedBy], ['closed', auditor.username]);
  assert.deepEqual(closed.steps.map((s) => s.step), ['opened', 'opening_approved', 'conclusion_submitted', 'concluded', 'recovered', 'recovered', 'recovered', 'closed']);
  const released = await rows<{ released: boolean }>(`select released_at is not null as released from supervision_case_finding where case_id = $1`, [opened.id]);
  assert.deepEqual(released.map((r) => r.released), [true, true], 'a closed case releases its findings');
  const afterClose = await refusal(recordRecovery(db.database, auditor, BigInt(opened.id), { fund: funds.pension, amount: '0.01', recoveredOn: today, bankReference: 'B9' }));
  assert.deepEqual([afterClose.status, afterClose.field], [409, 'caseId']);
});

test('a cancelled opening withdraws the case and opens its finding again; a violation not established closes with nothing to recover', { skip }, async () => {
  const opened = await openCase(db.database, auditor, { findingIds: ['9003'], reason: '疑似冒领' });
  await drafterAction(db.database, auditor, BigInt(opened.openingItemId), 'cancel', '线索不足，撤回');
  const withdrawn = await getCase(db.database, auditor, BigInt(opened.id));
  assert.deepEqual([withdrawn.status, withdrawn.steps.map((s) => s.step)], ['withdrawn', ['opened', 'withdrawn']]);
  const finding = (await listFindings(db.database, auditor, { rule: 'paid-after-death', status: 'open' }, { limit: 10 })).items.find((f) => f.id === '9003');
  assert.equal(finding?.status, 'open');
  // a re-run replaces the open findings, but keeps one a case names (the withdrawn case still links it)
  await runDetection(db.database, systemActor('case-test', ['supervision.run', 'supervision.read']), { rule: 'paid-after-death' });
  const afterRun = (await listFindings(db.database, auditor, { rule: 'paid-after-death', status: 'open' }, { limit: 10 })).items.map((f) => f.id);
  assert.ok(afterRun.includes('9003') && !afterRun.includes('9004'), `open after the re-run: ${afterRun.join(', ')}`);

  const byHand = await openCase(db.database, auditor, { subjectKind: 'employer', subject: '91990102MA0000001X', kind: 'other', amountInvolved: '0.00', region: REGION, reason: '群众举报' });
  assert.deepEqual([byHand.subjectKind, byHand.findings.length, byHand.status], ['employer', 0, 'filing']);
  await signOff(db.database, byHand.openingItemId);
  const notEstablished = await concludeCase(db.database, auditor, BigInt(byHand.id), { violation: 'not_established', legalBasis: '社会保险基金行政监督办法 第二十九条' });
  const item = await signOff(db.database, notEstablished.conclusionItemId!);
  assert.equal(item.status, 'approved');
  const recovery = await refusal(recordRecovery(db.database, auditor, BigInt(byHand.id), { fund: funds.pension, amount: '1.00', recoveredOn: todayInChina(), bankReference: 'B1' }));
  assert.deepEqual([recovery.status, recovery.field], [409, 'caseId']);
  const closed = await closeCase(db.database, auditor, BigInt(byHand.id));
  assert.deepEqual([closed.status, closed.conclusion?.violationLabel, closed.toRecover], ['closed', '违规不成立', '0.00']);

  const withdrawnList = await listCases(db.database, auditor, { status: 'withdrawn' }, { limit: 10 });
  assert.deepEqual(withdrawnList.items.map((c) => [c.id, c.subject, c.amountInvolved]), [[opened.id, other, '500.00']]);
  assert.ok((await listCases(db.database, auditor, { status: 'closed' }, { limit: 10 })).items.some((c) => c.id === byHand.id));
  const badInput = await refusal(openCase(db.database, auditor, { findingIds: [], subjectKind: 'someone', subject: 'x', kind: 'nonsense', amountInvolved: '1.00', reason: 'x' }));
  assert.deepEqual([badInput.status, badInput.field], [400, 'reason'], 'every problem listed, the first named');
  assert.match(badInput.message, /subject kind: must be one of person, employer, institution/);
  assert.equal((await getApproval(db.database, auditor, BigInt(byHand.openingItemId))).title, `稽核立案 ${byHand.number}：91990102MA0000001X`);
});

test('a penalty (罚款) decided with the conclusion: within its provision\'s range, the amount rounded once, recorded by the approval, posted to no fund', { skip }, async () => {
  const provisions = penaltyProvisions(auditor);
  assert.match(provisions.parameter, /^supervision\.penalty_multiples@2021-05-01$/);
  assert.deepEqual(provisions.provisions.map((p) => [p.provision, p.min, p.max]), [
    ['social_insurance_law_86', '1', '3'], ['social_insurance_law_87', '2', '5'], ['social_insurance_law_88', '2', '5'],
    ['medical_fund_regulation_38', '1', '2'], ['medical_fund_regulation_40', '2', '5'],
  ]);
  const opened = await openCase(db.database, auditor, { subjectKind: 'institution', subject: 'H990102002', kind: 'repeat-charging', amountInvolved: '1000.01', region: REGION, reason: '重复收费' });
  await signOff(db.database, opened.openingItemId);
  const conclusion = { violation: 'established', amounts: [{ fund: funds.medical, amount: '1000.01' }], legalBasis: '医疗保障基金使用监督管理条例 第四十条' };
  const cases: [Parameters<typeof concludeCase>[3], string, RegExp][] = [
    [{ ...conclusion, penaltyProvision: 'medical_fund_regulation_40' }, 'penaltyMultiple', /penalty multiple: a penalty names both its provision and its multiple/],
    [{ ...conclusion, violation: 'not_established', amounts: [], penaltyProvision: 'social_insurance_law_88', penaltyMultiple: '2' }, 'penaltyProvision', /no penalty when the violation is not established/],
    [{ ...conclusion, penaltyProvision: 'social_insurance_law_99', penaltyMultiple: '2' }, 'penaltyProvision', /must be one of the provisions in force: social_insurance_law_86, .*medical_fund_regulation_40/],
    [{ ...conclusion, penaltyProvision: 'medical_fund_regulation_40', penaltyMultiple: '5.01' }, 'penaltyMultiple', /Medical Security Fund Regulation art\. 40 \(fund expenditure obtained by fraud\) sets a multiple from 2 to 5/],
    [{ ...conclusion, penaltyProvision: 'medical_fund_regulation_38', penaltyMultiple: '0.99' }, 'penaltyMultiple', /art\. 38 \(loss caused to the fund\) sets a multiple from 1 to 2/],
    [{ ...conclusion, penaltyProvision: 'medical_fund_regulation_40', penaltyMultiple: 'twice' }, 'penaltyMultiple', /penalty multiple/],
  ];
  for (const [input, field, message] of cases) {
    const refused = await refusal(concludeCase(db.database, auditor, BigInt(opened.id), input));
    assert.deepEqual([refused.status, refused.field], [400, field], JSON.stringify(input));
    assert.match(refused.message, message);
  }
  const entries = async () => Number((await rows<{ n: string }>('select count(*) as n from accounting_entry'))[0].n);
  const before = await entries();
  const submitted = await concludeCase(db.database, auditor, BigInt(opened.id), { ...conclusion, penaltyProvision: 'medical_fund_regulation_40', penaltyMultiple: '2.50' });
  assert.equal(submitted.conclusion, null, 'nothing is decided before the sign-off');
  const item = await signOff(db.database, submitted.conclusionItemId!);
  assert.deepEqual((item.payload as { penalty: unknown }).penalty,
    { provision: 'medical_fund_regulation_40', multiple: '2.5', amount: '2500.03', parameter: 'supervision.penalty_multiples@2021-05-01' });
  const concluded = await getCase(db.database, auditor, BigInt(opened.id));
  // 1,000.01 × 2.5 = 2,500.025 yuan: rounded once, half up, to the fen
  assert.deepEqual(concluded.conclusion?.penalty,
    { provision: 'medical_fund_regulation_40', provisionLabel: '医疗保障基金使用监督管理条例 第四十条（骗取医保基金支出）', multiple: '2.5', amount: '2500.03' });
  assert.deepEqual([concluded.toRecover, concluded.outstanding], ['1000.01', '1000.01'], 'the penalty is not money to recover for the fund');
  assert.equal(await entries(), before, 'a fine is paid to the treasury: no fund posts it');
  // the database keeps a penalty to an established violation
  await assert.rejects(db.owner.query(`update supervision_case set violation = 'not_established' where id = $1`, [opened.id]),
    (error: Error & { code?: string; constraint?: string }) => error.code === '23514' && error.constraint === 'supervision_case_penalty');
});

test('the CLI: open by hand, list and show as JSON; a conclusion before the opening is signed refused with the rule', { skip }, async () => {
  const opened = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'open', '--subject-kind', 'institution', '--subject', 'H990102001', '--kind', 'split-admission',
    '--amount', '3000.50', '--region', REGION, '--reason', '医保智能监控提示分解住院', '--format', 'json']);
  assert.equal(opened.code, 0, opened.stderr);
  const view = JSON.parse(opened.stdout) as { id: string; number: string; status: string; amountInvolved: string; subjectKind: string };
  assert.deepEqual([view.status, view.amountInvolved, view.subjectKind], ['filing', '3000.50', 'institution']);
  const listed = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'list', '--status', 'filing', '--format', 'json']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok((JSON.parse(listed.stdout) as { id: string; subject: string }[]).some((c) => c.id === view.id && c.subject === 'H990102001'));
  const shown = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'show', view.id, '--format', 'json']);
  assert.equal(JSON.parse(shown.stdout).number, view.number);
  const early = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'conclude', view.id, '--violation', 'not_established', '--legal-basis', '医疗保障基金使用监督管理条例 第十五条']);
  assert.equal(early.code, 1);
  assert.match(early.stderr, new RegExp(`case ${view.number} is filing: only a case under investigation can be concluded`));
  await signOff(db.database, (JSON.parse(shown.stdout) as { openingItemId: string }).openingItemId);
  const outside = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'conclude', view.id, '--violation', 'established', '--amount', `${funds.medical}=3000.50`,
    '--legal-basis', '医疗保障基金使用监督管理条例 第三十八条', '--penalty', 'medical_fund_regulation_38=3']);
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /penalty multiple: .*art\. 38 .*sets a multiple from 1 to 2/);
  const concluded = await runCommand(registerSupervisionCommands, ['supervision', 'cases', 'conclude', view.id, '--violation', 'established', '--amount', `${funds.medical}=3000.50`,
    '--legal-basis', '医疗保障基金使用监督管理条例 第三十八条', '--penalty', 'medical_fund_regulation_38=1.5', '--format', 'json']);
  assert.equal(concluded.code, 0, concluded.stderr);
  const item = await signOff(db.database, (JSON.parse(concluded.stdout) as { conclusionItemId: string }).conclusionItemId);
  assert.deepEqual((item.payload as { penalty: { amount: string } }).penalty.amount, '4500.75');
});

test('承办人: the opener investigates; the head gives the case to another inspector of its region with a reason; only the assigned inspector concludes it', { skip }, async () => {
  const users = systemActor('case-test', ['user.manage']);
  await createUser(db.database, users, { username: 'audit.east', displayName: '东区稽核员', role: 'auditor', regionCode: REGION, password: 'Case-Test-Pass-2026' });
  await createUser(db.database, users, { username: 'audit.west', displayName: '西区稽核员', role: 'auditor', regionCode: '990103', password: 'Case-Test-Pass-2026' });
  await createUser(db.database, users, { username: 'op.east', displayName: '东区经办员', role: 'operator', regionCode: REGION, password: 'Case-Test-Pass-2026' });
  const userId = async (username: string) => BigInt((await rows<{ id: string }>(`select id from app_user where username = $1`, [username]))[0].id);
  const east: Actor = { userId: await userId('audit.east'), username: 'audit.east', role: 'auditor', regionCode: REGION };
  const head: Actor = { userId: 880_002n, username: 'approve.case-test', role: 'approver', regionCode: '990100' };

  const opened = await openCase(db.database, auditor, { subjectKind: 'person', subject: third, kind: 'other', amountInvolved: '0.00', region: REGION, reason: '群众举报，冒领待遇' });
  assert.equal(opened.assignedTo, 'audit.case-test', 'the opener investigates');
  await signOff(db.database, opened.openingItemId);
  const options = await caseAssignees(db.database, head, BigInt(opened.id));
  assert.deepEqual(options.items.map((staff) => staff.username).sort(), ['audit.990100', 'audit.east'], 'the active inspectors of the county and above it, not the other county\'s nor an operator');

  const refused = async (assignee: string) => refusal(assignCase(db.database, head, BigInt(opened.id), { assignee, reason: '工作调整' }));
  for (const [assignee, rule] of [['audit.west', /belongs to 990103, which does not cover 990102/], ['op.east', /does not hold supervision\.case/], ['nobody', /does not exist/]] as const) {
    const answer = await refused(assignee);
    assert.deepEqual([answer.status, answer.field], [400, 'assignee'], assignee);
    assert.match(answer.message, rule, assignee);
  }
  const noReason = await refusal(assignCase(db.database, head, BigInt(opened.id), { assignee: 'audit.east', reason: '' }));
  assert.deepEqual([noReason.status, noReason.field], [400, 'reason']);
  assert.equal((await refusal(assignCase(db.database, auditor, BigInt(opened.id), { assignee: 'audit.east', reason: '自行转交' }))).status, 403, 'an inspector does not reassign');

  const given = await assignCase(db.database, head, BigInt(opened.id), { assignee: 'audit.east', reason: '属地办理，东区稽核员承办' });
  assert.equal(given.assignedTo, 'audit.east');
  const twice = await refused('audit.east');
  assert.deepEqual([twice.status, twice.field], [409, 'assignee'], 'already theirs');
  assert.deepEqual(given.steps.filter((s) => s.step === 'assigned').map((s) => [s.username, s.assignee, s.note]), [['approve.case-test', 'audit.east', '属地办理，东区稽核员承办']]);
  const [audit] = await rows<{ actor_username: string; before: { assignedTo: string }; after: { assignedTo: string } }>(
    `select actor_username, before, after from audit_log where action = 'supervision.case.assign' and entity_id = $1`, [opened.id]);
  assert.deepEqual([audit.actor_username, audit.before.assignedTo, audit.after.assignedTo], ['approve.case-test', 'audit.case-test', 'audit.east']);

  // the opener no longer concludes it; the assigned inspector does; the list finds it by its inspector
  const other = await refusal(concludeCase(db.database, auditor, BigInt(opened.id), { violation: 'not_established', legalBasis: '社会保险基金行政监督办法 第二十九条' }));
  assert.equal(other.status, 403);
  assert.match(other.message, /is assigned to audit\.east/);
  const concluded = await concludeCase(db.database, east, BigInt(opened.id), { violation: 'not_established', legalBasis: '社会保险基金行政监督办法 第二十九条' });
  assert.equal(concluded.steps.at(-1)?.username, 'audit.east');
  assert.deepEqual((await listCases(db.database, auditor, { assignedTo: 'audit.east' }, { limit: 10 })).items.map((c) => [c.id, c.assignedTo]), [[opened.id, 'audit.east']]);
  await signOff(db.database, concluded.conclusionItemId!);
  assert.equal((await refusal(closeCase(db.database, auditor, BigInt(opened.id)))).status, 403);
  assert.equal((await closeCase(db.database, east, BigInt(opened.id))).status, 'closed');
  const late = await refusal(assignCase(db.database, head, BigInt(opened.id), { assignee: 'audit.case-test', reason: '结案后改派' }));
  assert.deepEqual([late.status, late.field], [409, 'caseId'], 'a closed case is not reassigned');
});
