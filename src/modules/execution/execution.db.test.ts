/**
 * Budget execution on the demo pooling structure (990100 pools medical): the report of 2025 to June against an
 * approved budget, live from the ledger (a posting shows at once), and a property: the report's actuals move by
 * exactly the ledger lines posted in its scope (the year to the month, the fund's subjects). The alert rules through
 * the job, de-duplicated, acknowledged, resolved, raised again and auto-resolved; publication signed off, the public
 * API without a session and with no personal data; the routes' permissions.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { startTestServer, addUser, type TestServer } from '../../platform/testing/http.ts';
import { signOff, testUser } from '../../platform/signoff/signoff.testing.ts';
import { chartFor, ensureFunds, fundAccounts, postEntries, type LineInput } from '../ledger/index.ts';
import { seedPoolingRegions } from '../ledger/ledger.testing.ts';
import { checkIdNumber } from '../registry/index.ts';
import { idNumberCheckCharacter } from '../registry/identifiers.calc.ts';
import { approveMedicalBudget } from './execution.testing.ts';
import { acknowledgeAlert, createDueEvaluations, evaluateAlerts, listAlerts, resolveAlert, type AlertView } from './alerts.service.ts';
import { getJob } from '../../platform/jobs/index.ts';
import { executionReport, type ExecutionReport } from './report.service.ts';
import { getPublicReport, listPublicReports, submitPublication } from './publication.service.ts';
import { executionRoutes } from './execution.routes.ts';
import { registerExecutionCommands } from './execution.cli.ts';
import { runCommand } from '../../platform/testing/cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const YEAR = 2025;
const FUND = 'medical-990100';
let server: TestServer;

const reader = systemActor('test-execution', ['execution.read']);
const manager = systemActor('test-alerts', ['alerts.manage', 'execution.read']);

/** The medical fund's account for a role and subject (chart 2018). */
function account(role: string, subject?: string): string {
  const found = fundAccounts(chartFor(YEAR), 'medical').find((a) => a.role === role && (subject === undefined || a.subject === subject));
  assert.ok(found, `an account ${role} ${subject ?? ''}`);
  return found.code;
}

let posted = 0;
/** An income (revenue, Cr) or expense (Dr) posting against the 支出户 in a period. */
async function post(period: string, subject: string, side: 'income' | 'expense', fen: bigint) {
  const bank = account('expense_bank');
  const nominal = account(side === 'income' ? 'revenue' : 'expense', subject);
  const lines: LineInput[] = side === 'income'
    ? [{ account: bank, debit: fen }, { account: nominal, credit: fen }]
    : [{ account: nominal, debit: fen }, { account: bank, credit: fen }];
  await postEntries(server.test.database, systemActor('test'), [{ key: `execution-test-${posted++}`, fund: FUND, period, date: `${period}-15`, memo: '测试', lines }]);
}

const line = (report: ExecutionReport, subject: string, fund = FUND) => report.funds.find((f) => f.fund === fund)!.lines.find((l) => l.subject === subject)!;
const report = (month = 6, region = '990100') => executionReport(server.test.database, reader, { year: YEAR, month, region });

before(async () => {
  if (skip) return;
  server = await startTestServer([executionRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  // the approved budget of 990100 for 2025: the medical fund's table (totals as the identities want them)
  await approveMedicalBudget(server.test.database, { year: YEAR, fund: FUND, firstUserId: 21 });

  // the ledger: January to June premiums of 100,000.00 and inpatient costs of 50,000.00 a month, a subsidy in March,
  // interest (no budget line amount) in February; outside the report's scope: December 2024 and July 2025
  for (let month = 1; month <= 6; month++) {
    const period = `${YEAR}-0${month}`;
    await post(period, 'premium_income', 'income', 100_000_00n);
    await post(period, 'benefit_expense.inpatient', 'expense', 50_000_00n);
  }
  await post(`${YEAR}-03`, 'fiscal_subsidy_income', 'income', 50_000_00n);
  await post(`${YEAR}-02`, 'interest_income', 'income', 1_000_00n);
  await post(`${YEAR - 1}-12`, 'premium_income', 'income', 7_000_00n);
  // money in the 支出户 for the property test's expenses (a bank account never goes below zero), booked to the fund
  // balance, which no report line sums
  await postEntries(server.test.database, systemActor('test'), [{ key: 'execution-test-funding', fund: FUND, period: `${YEAR - 1}-12`, date: `${YEAR - 1}-12-31`, memo: '测试：支出户备付',
    lines: [{ account: account('expense_bank'), debit: 10n ** 12n }, { account: account('fund_balance'), credit: 10n ** 12n }] }]);
  await post(`${YEAR}-07`, 'premium_income', 'income', 99_999_00n);
});
after(async () => { await server?.close(); });

const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as AppError; }
  assert.fail('expected a refusal');
};

test('the report of 2025 to June: budget against the actual of January to June, rate, time progress at the month end, deviation', { skip }, async () => {
  const found = await report();
  assert.deepEqual([found.asOf, found.timeProgressBasis, found.timeProgress], ['2025-06-30', 'month_end', '0.4959']);   // 181 / 365
  const medical = found.funds.find((f) => f.fund === FUND)!;
  assert.equal(medical.budgetApproved, true);
  const view = (subject: string) => { const l = line(found, subject); return [l.budget, l.actual, l.rate, l.deviation]; };
  assert.deepEqual(view('premium_income'), ['1200000.00', '600000.00', '0.5000', '0.0041']);
  assert.deepEqual(view('fiscal_subsidy_income'), ['200000.00', '50000.00', '0.2500', '-0.2459']);
  assert.deepEqual(view('interest_income'), ['0.00', '1000.00', null, null], 'actuals without a budget: budget 0, no rate');
  assert.deepEqual(view('benefit_expense'), ['900000.00', '300000.00', '0.3333', '-0.1626']);
  assert.deepEqual(view('benefit_expense.inpatient'), ['600000.00', '300000.00', '0.5000', '0.0041']);
  assert.deepEqual(view('benefit_expense.outpatient'), ['300000.00', '0.00', '0.0000', '-0.4959']);
  assert.equal(line(found, 'benefit_expense.inpatient').parentSubject, 'benefit_expense');
  // the funds of the region and below only; a fund without an approved budget has no rates
  assert.deepEqual(found.funds.map((f) => f.fund).sort(), ['medical-990100', 'unemployment-990100', 'work_injury-990100']);
  assert.ok(found.funds.find((f) => f.fund === 'unemployment-990100')!.lines.every((l) => l.rate === null && l.budget === '0.00'));
  // the province sees every fund below it
  assert.ok((await report(6, '990000')).funds.some((f) => f.fund === 'pension-990000'));
});

test('refusals: a month not begun, a month that is none, a region without a fund, a reader without the permission', { skip }, async () => {
  const notBegun = await refusal(executionReport(server.test.database, reader, { year: 2099, month: 1, region: '990100' }));
  assert.deepEqual([notBegun.status, notBegun.field], [400, 'month']);
  assert.equal((await refusal(report(13))).status, 400);
  const noFund = await refusal(report(6, '990102'));
  assert.equal(noFund.status, 404);
  assert.match(noFund.message, /no pooled fund in region 990102/);
  assert.equal((await refusal(executionReport(server.test.database, systemActor('nobody'), { year: YEAR, month: 6, region: '990100' }))).status, 403);
});

test('property: the actuals move by exactly the ledger lines posted in the report\'s scope, nothing outside it', { skip }, async () => {
  const subjects = [
    ['premium_income', 'income', 'premium_income'], ['other_income', 'income', 'other_income'],
    ['benefit_expense.outpatient', 'expense', 'benefit_expense'], ['other_expense', 'expense', 'other_expense'],
  ] as const;
  const posting = fc.record({ subject: fc.nat(subjects.length - 1), month: fc.integer({ min: 1, max: 12 }), fen: fc.bigInt(1n, 10n ** 9n) });
  await fc.assert(fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 12 }), async (postings, month) => {
    const before = await report(month);
    for (const p of postings) await post(`${YEAR}-${String(p.month).padStart(2, '0')}`, subjects[p.subject][0], subjects[p.subject][1], p.fen);
    const after = await report(month);
    for (const [ledgerSubject, , budgetLine] of subjects) {
      const expected = postings.filter((p) => subjects[p.subject][0] === ledgerSubject && p.month <= month).reduce((sum, p) => sum + p.fen, 0n);
      const moved = (subject: string) => BigInt(line(after, subject).actual.replace('.', '')) - BigInt(line(before, subject).actual.replace('.', ''));
      const alsoInLine = subjects.filter(([other, , lineOf]) => lineOf === budgetLine && other !== ledgerSubject).map(([other]) => other);
      const expectedLine = expected + postings.filter((p) => alsoInLine.includes(subjects[p.subject][0]) && p.month <= month).reduce((sum, p) => sum + p.fen, 0n);
      assert.equal(moved(budgetLine), expectedLine, `${budgetLine} to month ${month}`);
    }
    // the table's lines sum every income and expense posted, each once
    const total = (r: ExecutionReport, side: string) => r.funds.find((f) => f.fund === FUND)!.lines.filter((l) => l.side === side && l.parentSubject === null)
      .reduce((sum, l) => sum + BigInt(l.actual.replace('.', '')), 0n);
    for (const side of ['income', 'expense']) {
      const expected = postings.filter((p) => subjects[p.subject][1] === side && p.month <= month).reduce((sum, p) => sum + p.fen, 0n);
      assert.equal(total(after, side) - total(before, side), expected, side);
    }
  }), { numRuns: 6 });
});

const alertsOf = async (status?: string) => (await listAlerts(server.test.database, manager, { status, fund: FUND }, { limit: 200 })).items;
const keyed = (alerts: AlertView[]) => alerts.map((a) => `${a.rule}:${(a.values as { subject?: string }).subject ?? ''}:${a.severity}:${a.status}`).sort();

test('alerts: raised by the job, never twice while open, acknowledged, resolved, raised again, escalated and auto-resolved', { skip }, async (t) => {
  // a fund of its own history: the property test above posted into the 990100 medical fund; evaluate what is there now
  // and steer the figures of June 2026 of the work-injury fund instead, whose ledger is untouched
  const WORK_INJURY = 'work_injury-990100';
  const postTo = async (fund: string, period: string, subject: string, side: 'income' | 'expense', fen: bigint) => {
    const accounts = fundAccounts(chartFor(2026), 'work_injury');
    const bank = accounts.find((a) => a.role === 'expense_bank')!.code;
    const nominal = accounts.find((a) => a.role === (side === 'income' ? 'revenue' : 'expense') && a.subject === subject)!.code;
    await postEntries(server.test.database, systemActor('test'), [{
      key: `alerts-test-${posted++}`, fund, period, date: `${period}-10`, memo: '测试',
      lines: side === 'income' ? [{ account: bank, debit: fen }, { account: nominal, credit: fen }] : [{ account: nominal, debit: fen }, { account: bank, credit: fen }],
    }]);
  };
  const evaluate = () => evaluateAlerts(server.test.database, manager, { year: 2026, month: 6 });
  const workInjury = async (status?: string) => (await listAlerts(server.test.database, manager, { status, fund: WORK_INJURY }, { limit: 200 })).items;

  await t.test('a healthy fund raises nothing', async () => {
    await postTo(WORK_INJURY, '2026-01', 'premium_income', 'income', 1_200_000_00n);
    await postTo(WORK_INJURY, '2026-01', 'benefit_expense.medical_treatment', 'expense', 100_000_00n);
    const result = await evaluate();
    assert.equal(result.period, '2026-06');
    assert.deepEqual(await workInjury(), []);
  });

  await t.test('a deficit and a short balance: two alerts; evaluated again, still two, refreshed', async () => {
    // a subsidy of 300,000.00 (not contribution income) and benefits of 1,400,000.00 more: contributions 1,200,000.00
    // against benefits 1,500,000.00, a deficit of 300,000.00; the balance is 0 (critical)
    await postTo(WORK_INJURY, '2026-01', 'fiscal_subsidy_income', 'income', 300_000_00n);
    await postTo(WORK_INJURY, '2026-02', 'benefit_expense.disability', 'expense', 1_400_000_00n);
    await evaluate();
    const raised = await workInjury();
    assert.deepEqual(keyed(raised), ['current_deficit::warning:raised', 'payment_capacity::critical:raised']);
    const deficit = raised.find((a) => a.rule === 'current_deficit')!;
    assert.deepEqual([deficit.region, deficit.period, deficit.values], ['990100', '2026-06', { contributionIncome: '1200000.00', benefitExpense: '1500000.00', gap: '300000.00' }]);
    await evaluate();
    assert.deepEqual(keyed(await workInjury()), keyed(raised), 'no second open alert for the same condition');
  });

  await t.test('the database keeps one open alert per condition', async () => {
    const open = (await workInjury('open'))[0];
    await assert.rejects(server.test.owner.query(`insert into execution_alert (id, rule, condition_key, fund_code, region_code, severity, period, figures)
      values (1, '${open.rule}', '${WORK_INJURY}', '${WORK_INJURY}', '990100', 'warning', '2026-06', '{}')`), /execution_alert_open/);
  });

  await t.test('acknowledged with a note, resolved with the action; a condition still there is raised again', async () => {
    const deficit = (await workInjury('open')).find((a) => a.rule === 'current_deficit')!;
    const acknowledged = await acknowledgeAlert(server.test.database, manager, BigInt(deficit.id), '已通知工伤科核查伤残待遇支出');
    assert.deepEqual([acknowledged.status, acknowledged.acknowledgedBy, acknowledged.acknowledgeNote], ['acknowledged', manager.username, '已通知工伤科核查伤残待遇支出']);
    assert.equal((await refusal(acknowledgeAlert(server.test.database, manager, BigInt(deficit.id), '再次确认'))).status, 409);
    assert.equal((await refusal(resolveAlert(server.test.database, manager, BigInt(deficit.id), ' '))).status, 400, 'a note is required');
    assert.equal((await refusal(resolveAlert(server.test.database, systemActor('reader', ['execution.read']), BigInt(deficit.id), '办结'))).status, 403);
    const resolved = await resolveAlert(server.test.database, manager, BigInt(deficit.id), '已申请上级调剂资金');
    assert.deepEqual([resolved.status, resolved.resolutionNote], ['resolved', '已申请上级调剂资金']);
    assert.equal((await refusal(resolveAlert(server.test.database, manager, BigInt(deficit.id), '再办结'))).status, 409);
    await evaluate();
    const deficits = (await workInjury()).filter((a) => a.rule === 'current_deficit');
    assert.deepEqual(deficits.map((a) => a.status).sort(), ['raised', 'resolved']);
  });

  await t.test('the capacity recovers to a warning, then clears: escalation follows, then auto-resolved', async () => {
    // premiums of 1,400,000.00 more: balance 1,400,000.00 over 1,500,000.00 of expense in 6 months → 5.6 months (warning), no deficit
    await postTo(WORK_INJURY, '2026-03', 'premium_income', 'income', 1_400_000_00n);
    await evaluate();
    assert.deepEqual(keyed(await workInjury('open')), ['payment_capacity::warning:raised']);
    assert.deepEqual(keyed(await workInjury('auto_resolved')), ['current_deficit::warning:auto_resolved']);
    // 300,000.00 more: 1,700,000.00 → 6.8 months
    await postTo(WORK_INJURY, '2026-04', 'premium_income', 'income', 300_000_00n);
    await evaluate();
    assert.deepEqual(await workInjury('open'), []);
    assert.deepEqual(keyed(await workInjury('auto_resolved')), ['current_deficit::warning:auto_resolved', 'payment_capacity::warning:auto_resolved']);
  });

  await t.test('the medical fund: its budget lines off the time progress are raised, its 其中 rows are not', async () => {
    await evaluateAlerts(server.test.database, manager, { year: YEAR, month: 6 });
    const deviations = (await alertsOf('open')).filter((a) => a.rule === 'execution_deviation');
    assert.ok(deviations.length > 0);
    assert.ok(deviations.every((a) => !String((a.values as { subject: string }).subject).includes('.')), 'no 其中 row');
    for (const alert of deviations) {
      const values = alert.values as { deviation: string; thresholdPoints: number };
      assert.ok(Math.abs(Number(values.deviation)) > values.thresholdPoints / 100, `${alert.id} is beyond the threshold`);
    }
  });
});

test('publication: signed off, then public without a session, fund-level figures only, a second one supersedes the first', { skip }, async () => {
  // persons in the register, whose ID numbers and names must never reach the public API
  const idNumber = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
  await server.test.owner.query(`insert into person (id, id_number, name, gender, birth_date, region_code) values
    (7001, '${idNumber('99010219900101123')}', '张三丰', 'M', '1990-01-01', '990102'), (7002, '${idNumber('99010219850505432')}', '李秀英', 'F', '1985-05-05', '990102')`);
  assert.ok(checkIdNumber(idNumber('99010219900101123')).ok, 'the scan below would find a real ID number');
  const publisher = testUser('reviewer', 31);
  const item = await submitPublication(server.test.database, publisher, { year: YEAR, month: 6, region: '990100' });
  assert.equal(item.title, '示范市2025年1—6月社会保险基金收支情况');
  assert.deepEqual(await listPublicReports(server.test.database), [], 'nothing public before the approval');
  await refusal(signOff(server.test.database, item, [publisher]));
  const approved = await signOff(server.test.database, item, [testUser('approver', 32)]);
  assert.equal(approved.status, 'approved');

  const [summary] = await listPublicReports(server.test.database);
  const published = await getPublicReport(server.test.database, BigInt(summary.id));
  const medical = published.body.funds.find((f) => f.fund === FUND)!;
  const current = await report();
  const total = (side: string) => current.funds.find((f) => f.fund === FUND)!.lines.filter((l) => l.side === side && l.parentSubject === null)
    .reduce((sum, l) => sum + BigInt(l.actual.replace('.', '')), 0n);
  assert.deepEqual([medical.income, medical.expense], [total('income'), total('expense')].map((fen) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`));
  assert.equal(BigInt(medical.surplus.replace('.', '')), total('income') - total('expense'));

  const again = await submitPublication(server.test.database, publisher, { year: YEAR, month: 6, region: '990100' });
  await signOff(server.test.database, again, [testUser('approver', 32)]);
  const reports = await listPublicReports(server.test.database);
  assert.equal(reports.length, 2);
  assert.equal(reports.find((r) => r.id === summary.id)!.supersededBy, reports.find((r) => r.id !== summary.id)!.id);

  // over HTTP, with no cookie at all
  const list = await server.app.inject({ method: 'GET', url: '/api/public/reports' });
  assert.equal(list.statusCode, 200);
  const one = await server.app.inject({ method: 'GET', url: `/api/public/reports/${summary.id}` });
  assert.equal(one.statusCode, 200);
  assert.equal(JSON.parse(one.body).body.funds.find((f: { fund: string }) => f.fund === FUND).income, medical.income);
  const { rows: persons } = await server.test.owner.query<{ id_number: string; name: string }>('select id_number, name from person');
  assert.ok(persons.length >= 2);
  // the ids of the reports are 18 digits too: everything else is scanned for the shape of a resident ID number
  const withoutIds = (body: string) => JSON.stringify(JSON.parse(body), (key, value) => (['id', 'supersedes', 'supersededBy'].includes(key) ? undefined : value));
  for (const text of [list.body, one.body].map(withoutIds)) {
    assert.ok(text.includes(FUND) || text.includes('示范市'));
    assert.deepEqual([...text.matchAll(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g)].map((match) => match[0]).filter((found) => checkIdNumber(found).ok), [], 'no ID number');
    for (const person of persons) {
      assert.ok(!text.includes(person.id_number) && !text.includes(person.name), `no ${person.name}`);
    }
  }
});

test('routes: the report and the alerts with their permissions, acknowledging over HTTP', { skip }, async () => {
  const operator = await addUser(server, 'exec-operator', 'operator', '990100');
  const answer = await operator.json('GET', `/api/execution/report?year=${YEAR}&month=6&region=990100`);
  assert.equal(answer.status, 200);
  assert.equal(answer.body.funds.find((f: { fund: string }) => f.fund === FUND).lines[0].subject, 'premium_income');
  assert.equal((await operator.json('GET', `/api/execution/report?year=${YEAR}&month=13&region=990100`)).status, 400);
  const alerts = await operator.json('GET', '/api/alerts?status=open&limit=5');
  assert.equal(alerts.status, 200);
  assert.ok(alerts.body.items.length > 0);
  const id = alerts.body.items[0].id;
  assert.equal((await operator.json('POST', `/api/alerts/${id}/acknowledge`, { note: '经办查看' })).status, 403, 'an operator reads alerts, does not handle them');
  const supervisor = await addUser(server, 'exec-supervisor', 'supervisor', '990000');
  const acknowledged = await supervisor.json('POST', `/api/alerts/${id}/acknowledge`, { note: '已安排核查' });
  assert.deepEqual([acknowledged.status, acknowledged.body.status, acknowledged.body.acknowledgedBy], [200, 'acknowledged', 'exec-supervisor']);
  const securityAuditor = await addUser(server, 'exec-security', 'security_auditor', '990000');
  assert.equal((await securityAuditor.json('GET', `/api/execution/report?year=${YEAR}&month=6&region=990100`)).status, 403);
  assert.equal((await server.app.inject({ method: 'GET', url: '/api/alerts' })).statusCode, 401, 'alerts need a session');
});

test('the commands: the report and the alerts as JSON, a mistyped month refused with its field', { skip }, async () => {
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  try {
    const run = (...args: string[]) => runCommand(registerExecutionCommands, args);
    const reported = await run('execution', 'report', '--year', String(YEAR), '--month', '6', '--region', '990100', '--format', 'json');
    assert.equal(reported.code, 0, reported.stderr);
    const json = JSON.parse(reported.stdout);
    assert.deepEqual([json.year, json.month, json.timeProgress], [YEAR, 6, '0.4959']);
    assert.equal(json.funds.find((f: { fund: string }) => f.fund === FUND).lines.find((l: { subject: string }) => l.subject === 'fiscal_subsidy_income').actual, '50000.00');
    const listed = await run('alerts', 'list', '--region', '990100', '--status', 'open', '--format', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    const alerts = JSON.parse(listed.stdout);
    assert.ok(Array.isArray(alerts) && alerts.length > 0 && alerts.every((a: { status: string; region: string }) => ['raised', 'acknowledged'].includes(a.status) && a.region.startsWith('9901')));
    assert.deepEqual(Object.keys(alerts[0]).filter((key) => ['id', 'rule', 'severity', 'region', 'fund', 'status', 'values', 'raisedAt'].includes(key)).length, 8);
    const wrong = await run('execution', 'report', '--year', String(YEAR), '--month', 'six', '--region', '990100', '--format', 'json');
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /month/);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});

test('the daily evaluation: due from the hour of the parameter (China time), one job a day', { skip }, async () => {
  assert.deepEqual(await createDueEvaluations(server.test.database, new Date('2026-07-01T21:00:00Z')), [], '05:00 on 2 July in China: not yet');
  const [job] = await createDueEvaluations(server.test.database, new Date('2026-07-01T23:00:00Z'));
  assert.ok(job, '07:00: the day\'s evaluation is created');
  assert.deepEqual(await createDueEvaluations(server.test.database, new Date('2026-07-02T01:00:00Z')), [job], 'the same job for the rest of the day');
  const view = await getJob(server.test.database, manager, job);
  const { rows: [funds] } = await server.test.owner.query<{ count: number }>('select count(*)::int as count from fund');
  assert.deepEqual([view.kind, view.key, view.progress.total], ['execution.alerts', 'daily/2026-07-02', funds.count], 'one chunk per fund');
  assert.ok(funds.count >= 5);
});
