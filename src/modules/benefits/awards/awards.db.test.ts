/**
 * Pension awards on the server's quote: the demo's awards are quotePension's figures of their kept input; a request
 * is quoted again from the person's record and the submitted history (refused when the input contradicts the record,
 * when the quote the operator saw has another total, when not eligible), and the signed-off award keeps the trace.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { quotePension } from '../pension/quote.calc.ts';
import { pensionQuoteParameters, readPensionQuoteInput } from '../pension/quote.service.ts';
import { requestAward } from './awards.service.ts';
import { changeAwardStatus } from './award-status.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const operator = systemActor('award-test', ['pension.award.request', 'benefits.read']);

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 11, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number; field?: string }; } return null; };
const yuanOf = (fen: string | bigint) => { const f = BigInt(fen); return `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`; };

test('every demo award keeps the input and figures of its quote, and quotePension of that input gives them again to the fen, with the trace', { skip }, async () => {
  const { rows } = await db.owner.query<{ quote: { input: Record<string, unknown>; total: string; basicPension: string; trace?: unknown[] }; basic: string; account: string; transitional: string; total: string; months: number; awarded_on: string }>(
    `select quote, basic_pension::text as basic, account_pension::text as account, transitional_pension::text as transitional, monthly_amount::text as total,
       contribution_months as months, awarded_on::text from pension_award`);
  assert.ok(rows.length > 20, `the demo has pensioners (${rows.length})`);
  let withTransitional = 0;
  for (const award of rows) {
    const { source, ...raw } = award.quote.input;
    assert.equal(source, 'sifund demo');
    const input = readPensionQuoteInput(raw);
    const today = new Date().toISOString().slice(0, 10);
    const quote = quotePension(input, pensionQuoteParameters(getParameters(), { ...input, retirementDate: today }));
    assert.equal(quote.eligible, true);
    assert.deepEqual([quote.basicPension, quote.accountPension, quote.transitionalPension, quote.total], [yuanOf(award.basic), yuanOf(award.account), yuanOf(award.transitional), yuanOf(award.total)]);
    assert.equal(award.months, input.contributionMonths + input.deemedMonths);
    assert.ok(award.months >= 180, 'deemed months top the retirement job up to the minimum');
    assert.deepEqual([award.quote.basicPension, award.quote.total], [quote.basicPension, quote.total], 'the kept figures are the quote\'s');
    assert.equal(award.quote.trace, undefined, 'a demo award keeps no trace: its input reproduces it');
    assert.match(JSON.stringify(quote.trace), /国发〔2005〕38号/);
    if (BigInt(award.transitional) > 0n) withTransitional++;
  }
  assert.ok(withTransitional > 0, 'the demo province pays a transitional pension to those with deemed months');
});

test('a request is quoted again on the server: refused against the record or the quote seen, written with the trace once signed off', { skip }, async () => {
  const person = (await db.owner.query<{ id_number: string; birth_date: string; gender: string; region_code: string }>(
    `select id_number, birth_date::text, gender, region_code from person p where gender = 'M'
       and not exists (select 1 from pension_award a where a.person_id = p.id) order by id limit 1`)).rows[0];
  assert.ok(person, 'a man without an award');
  // the first of the month after the 61st birthday: 61 completed years whatever the day of birth
  const retirementDate = `${addMonths(`${Number(person.birth_date.slice(0, 4)) + 61}${person.birth_date.slice(4, 7)}`, 1)}-01`;
  const history = { contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00' };
  const request = (input: Record<string, unknown>, quote?: { total: string }) =>
    requestAward(db.database, operator, { idNumber: person.id_number, retirementDate, bankAccount: '6217000011112222', input, ...(quote ? { quote } : {}) });

  const otherBirth = await refusal(request({ ...history, birthDate: '1950-01-01', gender: 'female' }));
  assert.equal(otherBirth?.status, 400);
  assert.match(otherBirth!.message, /input\.birthDate: says 1950-01-01, the person's record/);
  assert.match(otherBirth!.message, /input\.gender: says female/);
  const otherTotal = await refusal(request(history, { total: '9999.99' }));
  assert.equal(otherTotal?.status, 409);
  assert.match(otherTotal!.message, /says 9999\.99, the server's quote .* gives 3397\.58/);
  const short = await refusal(request({ ...history, contributionMonths: 100 }));
  assert.equal(short?.status, 400);
  assert.match(short!.message, /fall short of the \d+ months/);
  const malformed = await refusal(request({ ...history, averageIndex: 'high' }));
  assert.match(malformed!.message, /averageIndex/);

  // W 8000, I 1.2, 30 years, age 61 (divisor 132): (8000 + 9600) ÷ 2 × 30 × 1% = 2640.00; 100000 ÷ 132 = 757.58
  const item = await request(history, { total: '3397.58' });
  const approved = await signOff(db.database, item);
  assert.equal(approved.status, 'approved');
  const award = (await db.owner.query<{ monthly: string; months: number; quote: { total: string; trace: { step: string; value: unknown }[]; input: { birthDate: string } } }>(
    `select a.monthly_amount::text as monthly, a.contribution_months as months, a.quote from pension_award a join person p on p.id = a.person_id where p.id_number = $1`, [person.id_number])).rows[0];
  assert.equal(award.monthly, '339758');
  assert.equal(award.months, 360);
  assert.equal(award.quote.input.birthDate, person.birth_date, 'the birth date of the record');
  assert.ok(award.quote.trace.some((s) => s.step === 'divisor' && s.value === 132));
  assert.ok(award.quote.trace.some((s) => s.step === 'total' && s.value === '3397.58'));
});

test('恢复发放 through sign-off and 终止发放 at once (the parameters\' default): dated events, a stop\'s paid months to recover, audited, refusals', { skip }, async () => {
  const statusActor = systemActor('award-status-test', ['pension.award.status', 'benefits.read']);
  const [stopped, resumed] = (await db.owner.query<{ id: string; person_id: string; region_code: string; first_period: string; amount: string }>(
    `select id::text, person_id::text, region_code, first_period, monthly_amount::text as amount from pension_award where status = 'active' order by first_period, person_id limit 2`)).rows;
  // two months paid to the first (a batch of its own): the stop from the second leaves that month to recover
  const paidPeriod = '2026-05', stopFrom = '2026-06';
  await db.owner.query(`insert into payroll_batch (id, fund_code, region_code, period, status, job_id, created_by) values (901, 'pension-990000', '990000', '2026-05', 'settled', 1, 't'), (902, 'pension-990000', '990000', '2026-06', 'settled', 1, 't')`);
  await db.owner.query(`insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount, status, paid_on)
    values ($1, 911, 901, $2, '990000', 'T1', $3, 'paid', '2026-05-15'), ($1, 912, 902, $2, '990000', 'T2', $3, 'paid', '2026-06-15')`, [stopped.person_id, stopped.id, stopped.amount]);
  assert.ok(stopped.first_period <= paidPeriod);

  const tooShort = await refusal(changeAwardStatus(db.database, statusActor, BigInt(stopped.id), { action: 'stop', effectivePeriod: stopFrom, cause: 'moved_away', reason: 'x' }));
  assert.equal(tooShort?.status, 400);
  assert.equal(tooShort?.field, 'reason');
  const early = await refusal(changeAwardStatus(db.database, statusActor, BigInt(stopped.id), { action: 'stop', effectivePeriod: '1980-01', cause: 'other', reason: '核实有误' }));
  assert.match(early!.message, /1980-01 is before the award's first month/);

  const stop = await changeAwardStatus(db.database, statusActor, BigInt(stopped.id), { action: 'stop', effectivePeriod: stopFrom, cause: 'moved_away', reason: '已迁往外省，转移养老保险关系' });
  assert.deepEqual([stop.status, stop.approvalItemId], ['stopped', null], 'a stop is done at once (benefits.award_status.stop = direct)');
  assert.deepEqual(stop.overpayment && [stop.overpayment.periods, stop.overpayment.amount], [[stopFrom], yuanOf(stopped.amount)], 'the month paid from the stop on is to recover');
  const stopEvent = (await db.owner.query(`select event, effective_period, source_type, reason from pension_award_event where award_id = $1`, [stopped.id])).rows;
  assert.deepEqual(stopEvent.map((e) => [e.event, e.effective_period, e.source_type]), [['stopped', stopFrom, 'operator']]);
  assert.match(stopEvent[0].reason, /自 2026-06 起终止发放（转移或迁出）：已迁往外省/);
  const overpayment = (await db.owner.query(`select cause, amount::text, periods, award_event_id is not null as linked from benefit_overpayment where award_id = $1`, [stopped.id])).rows;
  assert.deepEqual(overpayment, [{ cause: 'stopped', amount: stopped.amount, periods: [stopFrom], linked: true }]);
  const audit = (await db.owner.query(`select action from audit_log where entity_type = 'pension_award' and entity_id = $1`, [stopped.id])).rows;
  assert.deepEqual(audit.map((a) => a.action), ['pension.award.stop']);
  assert.equal((await refusal(changeAwardStatus(db.database, statusActor, BigInt(stopped.id), { action: 'stop', effectivePeriod: stopFrom, cause: 'other', reason: '再次终止' })))?.status, 409);
  assert.equal((await refusal(changeAwardStatus(db.database, statusActor, BigInt(stopped.id), { action: 'resume', effectivePeriod: stopFrom, reason: '恢复' })))?.status, 409, 'a stopped award is not resumed');

  // resume: only a suspended award, through 复核 and 审批; the status moves on the final approval
  assert.match((await refusal(changeAwardStatus(db.database, statusActor, BigInt(resumed.id), { action: 'resume', effectivePeriod: stopFrom, reason: '资格认证通过' })))!.message, /only a suspended award/);
  await db.owner.query(`update pension_award set status = 'suspended', status_reason = '未通过资格认证' where id = $1`, [resumed.id]);
  const next = addMonths(new Date().toISOString().slice(0, 7), 1);
  assert.match((await refusal(changeAwardStatus(db.database, statusActor, BigInt(resumed.id), { action: 'resume', effectivePeriod: addMonths(next, 1), reason: '资格认证通过' })))!.message, /at the latest from next month/);
  const asked = await changeAwardStatus(db.database, statusActor, BigInt(resumed.id), { action: 'resume', effectivePeriod: next, reason: '领取资格认证已通过' });
  assert.equal(asked.status, 'suspended', 'suspended until signed off');
  assert.ok(asked.approvalItemId);
  const approved = await signOff(db.database, asked.approvalItemId!);
  assert.deepEqual(approved.levels.map((l) => [l.label, l.signed]), [['复核', true], ['审批', true]]);
  const award = (await db.owner.query(`select status, status_reason from pension_award where id = $1`, [resumed.id])).rows[0];
  assert.deepEqual([award.status, award.status_reason], ['active', `自 ${next} 起恢复发放：领取资格认证已通过`]);
  const resumeEvent = (await db.owner.query(`select event, effective_period, source_type, source_id::text from pension_award_event where award_id = $1`, [resumed.id])).rows;
  assert.deepEqual(resumeEvent, [{ event: 'resumed', effective_period: next, source_type: 'approval_item', source_id: asked.approvalItemId }]);
});
