import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { projectRoot } from '../../../platform/config.ts';
import { formatDecimal, formatYuan, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { addMonths, getTrialBalance } from '../../ledger/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { contributionBase, lineAmount, workInjuryRate, type RegionParameters } from './billing.calc.ts';
import { billingSummary, startBilling, runBilling } from './billing.service.ts';
import { listBills } from './bills.service.ts';
import { requestReassessment, type ReassessmentResult } from './reassessment.service.ts';
import { decide } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { employerArrears } from '../arrears/arrears.service.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const DEMO = { persons: 3000, employers: 120, years: 2, seed: 5, password: 'demo-pass-2024', endMonth: '2026-06' };
const PERIOD = '2026-06';
const actor = systemActor('test');
/** The 经办 who asks for a reassessment (补缴/冲减); 复核 and 审批 sign it in the inbox. */
const requester = systemActor('test', ['billing.reassess.request']);

let clean: TestDatabase, killed: TestDatabase;

before(async () => {
  if (skip) return;
  [clean, killed] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await generateDemo(clean.database, DEMO);
  await generateDemo(killed.database, DEMO);
});
after(async () => { await Promise.all([clean?.drop(), killed?.drop()]); });

const query = async <T>(db: TestDatabase, text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows as T[];

/** Every bill and line by business keys (ids differ between databases), as one comparable text. */
async function billingContent(db: TestDatabase): Promise<string> {
  const rows = await query<{ row: string }>(db, `
    select concat_ws('|', e.credit_code, b.period, b.kind, b.due_date, b.persons, b.lines, b.total, p.id_number, l.insurance, l.base,
      l.employer_rate, l.employee_rate, l.employer_amount, l.employee_amount) as row
    from bill b join employer e on e.id = b.employer_id
      join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id join person p on p.id = l.person_id
    order by 1`);
  return rows.map((r) => r.row).join('\n');
}

test('a period bills every enrolled person once per insurance, exactly, and posts nothing to the fund ledger (cash basis)', { skip }, async () => {
  const result = await runBilling(clean.database, actor, { period: PERIOD });
  assert.equal(result.job.status, 'completed');
  assert.equal(result.job.kind, 'billing.run');
  assert.equal(result.job.key, `${PERIOD}/990000`);
  assert.ok(result.job.progress.total >= 20, `chunks ${result.job.progress.total}`);
  assert.equal(result.job.progress.done, result.job.progress.total);
  // the run ends by analyzing the bill tables: the next queries plan on the month just billed, not on empty tables
  const analyzed = await query<{ relname: string; analyzed: boolean }>(clean, `select relname, last_analyze is not null as analyzed
    from pg_stat_user_tables where relname in ('bill', 'bill_item', 'bill_line') order by relname`);
  assert.deepEqual(analyzed.map((r) => `${r.relname} ${r.analyzed}`), ['bill true', 'bill_item true', 'bill_line true']);
  const summary = result.summary;
  assert.ok(summary.persons > 500, `persons ${summary.persons}`);
  assert.ok(summary.lines >= summary.persons * 4 - 10, 'four insurances per person (pension, medical, unemployment, work injury)');

  // Who is billed: enrollments whose employment and enrollment cover the cut-off day (the 15th), at active employers.
  const [expected] = await query<{ n: number }>(clean, `
    select count(*)::int as n from (select distinct n.employer_id, n.person_id, n.insurance
      from enrollment n join employment m on m.employer_id = n.employer_id and m.id = n.employment_id join employer e on e.id = n.employer_id
      where e.status = 'active' and n.insurance <> 'maternity' and e.work_injury_class is not null
        and n.valid_from <= '2026-06-15' and coalesce(n.valid_to, '2026-06-15') >= '2026-06-15'
        and m.hired_on <= '2026-06-15' and coalesce(m.separated_on, '2026-06-15') >= '2026-06-15') t`);
  // and 职业年金 beside each public pension line (示范省 bills it, 国办发〔2015〕18号)
  const [annuity] = await query<{ lines: number; public_pension: number }>(clean, `
    select count(*) filter (where l.insurance = 'occupational_annuity')::int as lines,
      count(*) filter (where l.insurance = 'pension' and e.employer_type in ('government', 'institution_full', 'institution_partial', 'institution_self'))::int as public_pension
    from bill_line l join employer e on e.id = l.employer_id`);
  assert.ok(annuity.public_pension > 0, 'the demo has public employers');
  assert.equal(annuity.lines, annuity.public_pension);
  assert.equal(summary.lines, expected.n + annuity.lines);

  // Every line recomputed in TypeScript from the run's parameters and the declared wage.
  const [run] = await query<{ parameters: { regions: Record<string, RegionParameters> } }>(clean, `select parameters->'billing' as parameters from job where kind = 'billing.run'`);
  const lines = await query<{ region_code: string; insurance: string; base: string; base_assessed: boolean; declared: string | null; declared_year: number | null; employer_rate: string; employee_rate: string | null; employer_amount: string; employee_amount: string | null; float: string; class: number }>(clean, `
    select l.region_code, l.insurance, l.base, l.base_assessed, l.employer_rate::text, l.employee_rate::text, l.employer_amount, l.employee_amount,
      e.work_injury_float::text as float, e.work_injury_class as class,
      (select d.monthly_wage from base_declaration d where d.employer_id = l.employer_id and d.person_id = l.person_id and d.year <= 2026
        order by d.year desc, d.version desc limit 1) as declared,
      (select max(d.year) from base_declaration d where d.employer_id = l.employer_id and d.person_id = l.person_id and d.year <= 2026)::int as declared_year
    from bill_line l join employer e on e.id = l.employer_id`);
  let checked = 0;
  for (const line of lines) {
    const region = run.parameters.regions[line.region_code];
    // declared for 2026; else assessed (核定): 110% of the last declared base, or the average wage (社会保险法 第六十二条)
    const wage = line.declared_year === 2026 ? BigInt(line.declared!)
      : line.declared !== null ? lineAmount(BigInt(line.declared), region.undeclaredAssessmentRatio!, region.rounding) : BigInt(region.averageWage);
    const base = contributionBase(wage, BigInt(region.floor), BigInt(region.ceiling));
    assert.equal(BigInt(line.base), base);
    assert.equal(line.base_assessed, line.declared_year !== 2026);
    const employerRate = line.insurance === 'work_injury' ? workInjuryRate(region.workInjuryClassRates[line.class], line.float)
      : line.insurance === 'occupational_annuity' ? region.occupationalAnnuity!.employerRate : region.insurances[line.insurance as 'pension']!.employerRate;
    const exact = (rate: string) => formatDecimal(parseDecimal(rate)); // 0.00480 → 0.0048
    assert.equal(exact(line.employer_rate), exact(employerRate), `rate of ${line.insurance}`);
    assert.equal(BigInt(line.employer_amount), lineAmount(base, line.employer_rate, region.rounding));
    if (line.employee_rate === null) assert.equal(line.employee_amount, null);
    else assert.equal(BigInt(line.employee_amount!), lineAmount(base, line.employee_rate, region.rounding));
    checked++;
  }
  assert.equal(checked, summary.lines);

  // Bills add up: lines → items → bill total; the funds book nothing until money arrives (财会〔2017〕28号, cash basis).
  const mismatches = await query(clean, `
    select b.id from bill b
    where b.total <> (select sum(employer_amount + coalesce(employee_amount, 0)) from bill_line l where l.employer_id = b.employer_id and l.bill_id = b.id)
       or b.total <> (select sum(employer_amount + employee_amount) from bill_item i where i.employer_id = b.employer_id and i.bill_id = b.id)
       or b.lines <> (select count(*) from bill_line l where l.employer_id = b.employer_id and l.bill_id = b.id)`);
  assert.deepEqual(mismatches, []);
  const perFund = await query<{ fund_code: string; amount: string }>(clean, `select fund_code, sum(employer_amount + employee_amount)::text as amount from bill_item group by 1 order by 1`);
  assert.deepEqual(perFund.map((f) => f.fund_code), ['medical-990100', 'occupational_annuity-990000', 'pension-990000', 'public_pension-990000', 'unemployment-990100', 'work_injury-990100']);
  for (const fund of perFund) {
    const balance = await getTrialBalance(clean.database, actor, fund.fund_code, PERIOD);
    assert.ok(BigInt(fund.amount) > 0n, fund.fund_code);
    for (const code of ['1131', '4001']) {
      const account = balance.accounts.find((a) => a.code === code)!;
      assert.deepEqual([parseYuan(account.debit), parseYuan(account.credit)], [0n, 0n], `${fund.fund_code} ${code}`);
    }
  }
  const totalOfItems = perFund.reduce((sum, f) => sum + BigInt(f.amount), 0n);
  assert.equal(parseYuan(summary.total), totalOfItems);

  // The API shape: rates as decimal strings, amounts as yuan, references to the dated parameters.
  const { items: bills } = await listBills(clean.database, actor, { period: PERIOD }, { limit: 200 });
  assert.equal(bills.length, summary.employers);
  // an enterprise's bill (its pension in the enterprise fund), and a public institution's (机关事业单位 fund, own rates' references)
  const enterprise = bills.find((bill) => bill.items.some((item) => item.fund === 'pension-990000'))!;
  const pension = enterprise.lines!.find((l) => l.insurance === 'pension')!;
  assert.equal(pension.employerRate, '0.16');
  assert.equal(pension.employeeRate, '0.08');
  assert.ok(pension.parameterRefs.includes('contribution.pension.employer_rate@2019-05-01'));
  const institution = bills.find((bill) => bill.items.some((item) => item.fund === 'public_pension-990000'));
  assert.ok(institution, 'the demo city has public institutions');
  assert.ok(institution.lines!.find((l) => l.insurance === 'pension')!.parameterRefs.includes('contribution.public_pension.employer_rate@2019-05-01'));
  const injury = enterprise.lines!.find((l) => l.insurance === 'work_injury')!;
  assert.equal(injury.employeeRate, null);
  assert.ok(injury.parameterRefs.some((r) => r.startsWith('employer.work_injury_class=')));
  assert.equal(bills[0].dueDate, '2026-07-15');
});

test('re-running a billed period adds nothing', { skip }, async () => {
  const before = await billingContent(clean);
  const [entries] = await query<{ n: number }>(clean, `select count(*)::int as n from accounting_entry`);
  const again = await runBilling(clean.database, actor, { period: PERIOD });
  assert.equal(again.job.status, 'completed');
  assert.equal(again.job.id, (await runBilling(clean.database, actor, { period: PERIOD })).job.id, 'the same job, not a second one');
  assert.equal(await billingContent(clean), before);
  const [entriesAfter] = await query<{ n: number }>(clean, `select count(*)::int as n from accounting_entry`);
  assert.equal(entriesAfter.n, entries.n);
});

test('a billing run killed part-way resumes to exactly the uninterrupted result', { skip }, async () => {
  // The run exists with its chunks; an employer of a late chunk is locked, so the CLI's worker stops inside that
  // chunk's transaction (its bills half-written) — then the CLI is killed with SIGKILL.
  const run = await startBilling(killed.database, actor, { period: PERIOD });
  const chunks = run.progress.total;
  const [late] = await query<{ employer_from: string }>(killed, `select payload->>'employerFrom' as employer_from from job_chunk where job_id = $1 and chunk = $2`, [run.id, Math.ceil(chunks * 0.6)]);
  const blocker = new pg.Client({ connectionString: killed.url });
  await blocker.connect();
  const { rows: [{ pid: blockerPid }] } = await blocker.query<{ pid: number }>('select pg_backend_pid() as pid');
  await blocker.query('begin');
  await blocker.query('select id from employer where id = $1 for update', [late.employer_from]);
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'sifund.mjs'), 'billing', 'run', '--period', PERIOD], {
    env: { ...process.env, DATABASE_URL: killed.url }, stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let waiting = 0;
  for (let i = 0; i < 600 && waiting === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // the CLI's chunk transaction is waiting for the locked employer (not merely for the other worker's posting)
    [{ n: waiting }] = await query<{ n: number }>(killed, `select count(*)::int as n from pg_stat_activity where $1 = any (pg_blocking_pids(pid))`, [blockerPid]);
  }
  assert.equal(waiting, 1, 'the CLI reached the locked chunk');
  child.kill('SIGKILL');
  await exited;
  await blocker.query('rollback');
  await blocker.end();
  const [partial] = await query<{ done: number; status: string }>(killed, `select (select count(*)::int from job_chunk where job_id = $1 and done_at is not null) as done, status from job where id = $1`, [run.id]);
  assert.ok(partial.done > 0 && partial.done < chunks, `killed part-way (${partial.done}/${chunks} chunks done)`);
  assert.equal(partial.status, 'running', 'the killed job is left running, its lease to expire');

  // The next run of the period attaches to the same job, takes it over when the dead CLI's lease expires, and ends it.
  const resumed = await runBilling(killed.database, actor, { period: PERIOD });
  assert.equal(resumed.job.id, run.id);
  assert.equal(resumed.job.status, 'completed');
  assert.ok(resumed.job.attempts >= 2, `taken over (attempts ${resumed.job.attempts})`);
  assert.equal(await billingContent(killed), await billingContent(clean));
  assert.deepEqual(resumed.summary, await billingSummary(clean.database, actor, { period: PERIOD }));
});

test('a run that fails in a chunk fails with the error (never "running" for ever); once the cause is gone, a retry completes it', { skip }, async () => {
  const failedMonth = addMonths(PERIOD, -3);
  // A refusal by the database in the middle of the run (here a trigger standing for any failure of a chunk).
  await killed.owner.query(`create function refuse_bill() returns trigger language plpgsql as $$
    begin raise exception 'bill table refuses period %', new.period; end $$`);
  await killed.owner.query(`create trigger refuse_bill before insert on bill for each row when (new.period = '${failedMonth}') execute function refuse_bill()`);
  await assert.rejects(runBilling(killed.database, actor, { period: failedMonth }), /refuses period/);
  const [job] = await query<{ id: string; status: string; error: string; done: number }>(killed, `select id::text, status, error,
    (select count(*)::int from job_chunk c where c.job_id = j.id and c.done_at is not null) as done from job j where key = $1`, [`${failedMonth}/990000`]);
  assert.equal(job.status, 'failed');
  assert.match(job.error, new RegExp(`refuses period ${failedMonth}`));
  assert.equal(job.done, 0, 'no chunk committed part of its bills');
  const [bills] = await query<{ n: number }>(killed, `select count(*)::int as n from bill where period = $1`, [failedMonth]);
  assert.equal(bills.n, 0);

  await killed.owner.query(`drop trigger refuse_bill on bill; drop function refuse_bill()`);
  const again = await runBilling(killed.database, systemActor('test', ['billing.run']), { period: failedMonth });
  assert.equal(again.job.id, job.id, 'starting it again retries the failed job');
  assert.equal(again.job.status, 'completed');
  assert.ok(again.summary.employers > 0);
});

test('bad input: a period that is not a month is refused naming the field', { skip }, async () => {
  await assert.rejects(runBilling(clean.database, actor, { period: '2026-13' }), (error: Error & { field?: string }) => error.field === 'period');
  await assert.rejects(runBilling(clean.database, actor, { period: addMonths(PERIOD, 1), region: '123456' }), /region 123456/);
});

test('a corrected base after billing: a credit note reverses the old lines, a supplementary bill bills anew; then nothing', { skip }, async () => {
  const [line] = await query<{ employer_id: string; person_id: string; credit_code: string; base: string; region_code: string }>(clean, `
    select l.employer_id, l.person_id, e.credit_code, l.base, l.region_code from bill_line l join employer e on e.id = l.employer_id
    where l.insurance = 'pension' and l.base between 600000 and 1500000 order by l.person_id limit 1`);
  const corrected = BigInt(line.base) + 123_456n;
  await clean.database.pool.query(`insert into base_declaration (employer_id, id, person_id, region_code, year, version, monthly_wage, reason)
    select employer_id, (select max(id) + 1 from base_declaration), person_id, region_code, year, version + 1, $3, '更正申报'
    from base_declaration where employer_id = $1 and person_id = $2 and year = 2026 order by version desc limit 1`, [line.employer_id, line.person_id, corrected]);
  const ledgerLines = async () => (await query<{ n: string }>(clean, `select count(*)::text as n from accounting_entry_line`))[0].n;
  const ledgerBefore = await ledgerLines();

  // A high-risk item: requested, then 复核 and 审批 by two people; nothing is billed until the last signature.
  const item = await requestReassessment(clean.database, requester, { creditCode: line.credit_code, period: PERIOD, reason: '更正申报' });
  assert.deepEqual([item.kind, item.status, item.levels.map((l) => l.label)], ['billing.reassessment', 'pending', ['复核', '审批']]);
  const reviewer = testUser('reviewer', 1), approver = testUser('approver', 2);
  assert.equal((await decide(clean.database, reviewer, BigInt(item.id), 'approve', '核实基数')).nextLevel?.label, '审批');
  await assert.rejects(decide(clean.database, reviewer, BigInt(item.id), 'approve', null), (error: { status?: number }) => error.status === 403, '审批 is not the reviewer\'s level');
  assert.deepEqual(await query(clean, `select count(*)::int as n from bill where employer_id = $1 and period = $2`, [line.employer_id, PERIOD]),
    [{ n: 1 }], 'nothing billed before the last level signs');
  const approved = await decide(clean.database, approver, BigInt(item.id), 'approve', '同意补缴');
  assert.equal(approved.status, 'approved');
  const result = approved.result as ReassessmentResult;
  assert.deepEqual([result.creditCode, result.period], [line.credit_code, PERIOD]);
  assert.deepEqual(result.bills.map((b) => b.kind), ['credit_note', 'supplementary']);
  assert.deepEqual(result.bills.map((b) => b.number), [`202606${line.credit_code}02`, `202606${line.credit_code}03`]);
  const lines = await query<{ kind: string; insurance: string; base: string; employer_amount: string; employee_amount: string | null; employer_rate: string; employee_rate: string | null; due_date: string }>(clean, `
    select b.kind, l.insurance, l.base, l.employer_amount, l.employee_amount, l.employer_rate::text, l.employee_rate::text, b.due_date
    from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id where b.number = any($1) order by b.kind, l.insurance`, [result.bills.map((b) => b.number)]);
  assert.equal(lines.length, 8); // four insurances reversed, four billed anew
  for (const l of lines) {
    assert.equal(BigInt(l.base), l.kind === 'credit_note' ? -BigInt(line.base) : corrected);
    assert.equal(BigInt(l.employer_amount), lineAmount(BigInt(l.base), l.employer_rate, 'half_up'));
    if (l.employee_rate) assert.equal(BigInt(l.employee_amount!), lineAmount(BigInt(l.base), l.employee_rate, 'half_up'));
    assert.equal(l.due_date, '2026-07-15'); // the period's own due date: a back-payment's late fee runs from it
  }
  const net = result.bills.reduce((sum, b) => sum + parseYuan(b.total), 0n);
  assert.ok(net > 0n);
  assert.equal(await ledgerLines(), ledgerBefore, 'a correction books nothing: the money it brings is booked when it arrives (cash basis)');

  const again = await signOff(clean.database, await requestReassessment(clean.database, requester, { creditCode: line.credit_code, period: PERIOD }));
  assert.deepEqual((again.result as ReassessmentResult).bills, []);

  // The employer owes the net of the three bills (as of today: the corrections exist from today, and a report as of
  // an earlier day leaves them out), and paying it on the due date clears the period.
  const [{ total: regular }] = await query<{ total: string }>(clean, `select total::text from bill where number = $1`, [`202606${line.credit_code}01`]);
  const owed = BigInt(regular) + net;
  const arrears = await employerArrears(clean.database, actor, { creditCode: line.credit_code, asOf: todayInChina() });
  assert.equal(parseYuan(arrears.principal), owed);
  await recordPayment(clean.database, actor, { creditCode: line.credit_code, date: '2026-07-15', amount: formatYuan(owed) });
  const cleared = await employerArrears(clean.database, actor, { creditCode: line.credit_code, asOf: todayInChina() });
  assert.deepEqual([cleared.principal, cleared.lateFee], ['0.00', '0.00']);

  // Individual accounts: the corrected person is credited 8% of the corrected base, not of the old one too;
  // everybody else of the employer their billed 8%.
  const credited = await query<{ person_id: string; amount: string; expected: string }>(clean, `
    select e.person_id, sum(e.amount)::text as amount,
      (select sum(l.employee_amount) from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
        where l.person_id = e.person_id and l.employer_id = $1 and b.period = $2 and l.insurance = 'pension')::text as expected
    from individual_account_entry e where e.employer_id = $1 and e.period = $2 group by e.person_id`, [line.employer_id, PERIOD]);
  const [{ n: employees }] = await query<{ n: number }>(clean, `select persons as n from bill where number = $1`, [`202606${line.credit_code}01`]);
  assert.equal(credited.length, employees);
  for (const person of credited) assert.equal(person.amount, person.expected);
  assert.equal(BigInt(credited.find((c) => c.person_id === line.person_id)!.amount), lineAmount(corrected, '0.08', 'half_up'));
});

test('months that cannot be billed: a run for next month; a reassessment of 9999-12, of next month, or before the employer registered', { skip }, async () => {
  const current = todayInChina().slice(0, 7), next = addMonths(current, 1);
  const refusal = async (work: Promise<unknown>) => {
    try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
    assert.fail('expected a refusal');
  };
  const run = await refusal(startBilling(clean.database, actor, { period: next }));
  assert.deepEqual([run.status, run.field, run.message], [400, 'period', `period: must not be after the current month (${current}): only months that have happened are billed`]);
  assert.equal(render(run.said, 'zh-CN'), `所属期：不得晚于本月（${current}）：只能核定已经发生的月份`);
  assert.deepEqual(await query(clean, 'select id from job where key like $1', [`${next}/%`]), [], 'no job created, nothing posted');

  // The employer whose first enrollment is the latest before the demo's last month: registered then (its record is newer).
  const [employer] = await query<{ credit_code: string; first: string }>(clean, `select e.credit_code, to_char(min(n.valid_from), 'YYYY-MM') as first
    from employer e join enrollment n on n.employer_id = e.id group by e.credit_code having min(n.valid_from) < '2026-05-01' order by 2 desc, 1 limit 1`);
  const reassess = (period: string) => requestReassessment(clean.database, requester, { creditCode: employer.credit_code, period });
  assert.match((await refusal(reassess('9999-12'))).message, /^period: must be a month YYYY-MM between 1990-01 and \d{4}-12$/);
  assert.equal((await refusal(reassess(next))).message, `period: must not be after the current month (${current}): only months that have happened are billed`);
  const early = await refusal(reassess(addMonths(employer.first, -1)));
  assert.deepEqual([early.status, early.field, early.message], [400, 'period', `period: must not be before the month the employer was registered (${employer.first})`]);
  const item = await reassess(employer.first);
  assert.deepEqual([item.kind, item.status], ['billing.reassessment', 'pending'], 'the month of registration itself may be reassessed');
});
