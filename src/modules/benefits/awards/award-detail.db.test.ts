/**
 * 待遇详情 over HTTP on a small demo city whose last two months ran through the payroll and the bank: an award's
 * payroll months are the database's lines (newest first, with the bank's answer) although they lie in the
 * province-pooled fund, its events and the overpayment opened on it (with what is outstanding) are there; a county
 * operator of another county does not see it (404), nor does anyone an award that does not exist. 人员待遇: the person's
 * statutory retirement month, awards, overpayments and claims, and a 404 outside the operator's scope.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { formatYuan } from '../../../platform/money.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { payrollRoutes } from '../payroll/payroll.routes.ts';
import { retirementCategory, statutoryRetirementMonth } from '../../registry/index.ts';

let server: TestServer;
let award: { person_id: string; id: string; region_code: string };

before(async () => {
  server = await startTestServer([payrollRoutes]);
  await generateDemo(server.test.database, { persons: 400, employers: 15, years: 1, seed: 19, password: 'demo-pass-2024', historyMonths: 2 });
  // an award of the city paid in the history's payroll
  [award] = (await server.test.owner.query<{ person_id: string; id: string; region_code: string }>(`select a.person_id::text, a.id::text, a.region_code
    from pension_award a where a.region_code like '9901%' and exists (select 1 from payroll_line l where l.person_id = a.person_id and l.award_id = a.id and l.status = 'paid')
    order by a.person_id limit 1`)).rows;
  await server.test.owner.query(`insert into benefit_overpayment (person_id, id, region_code, award_id, cause, death_record_id, periods, amount)
    values ($1, 880002, $2, $3, 'stopped', null, '{2026-02}', 123456)`, [award.person_id, award.region_code, award.id]);
  await server.test.owner.query(`insert into pension_award_event (person_id, id, award_id, region_code, event, effective_period, happened_on, reason, source_type, recorded_by)
    values ($1, 880003, $2, $3, 'suspended', '2026-03', '2026-02-20', '未按期资格认证', 'operator', 'op.test')`, [award.person_id, award.id, award.region_code]);
});
after(() => server.close());

test('an award\'s detail: its payroll months as the lines are, its events, its overpayment outstanding; out of scope a 404', async () => {
  const city = await addUser(server, 'benefits.city', 'operator', '990100');
  const detail = await city.json('GET', `/api/pension/awards/${award.id}`);
  assert.equal(detail.status, 200, JSON.stringify(detail.body));
  assert.equal(detail.body.award.id, award.id);
  const lines = (await server.test.owner.query<{ period: string; amount: string; status: string; paid_on: string | null }>(`select b.period, l.amount::text as amount, l.status, l.paid_on::text as paid_on
    from payroll_line l join payroll_batch b on b.id = l.batch_id where l.person_id = $1 and l.award_id = $2 order by b.period desc`, [award.person_id, award.id])).rows;
  assert.ok(lines.length >= 1);
  assert.deepEqual(detail.body.payments.map((p: { period: string; amount: string; status: string; paidOn: string | null }) => [p.period, p.amount, p.status, p.paidOn]),
    lines.map((l) => [l.period, formatYuan(BigInt(l.amount)), l.status, l.paid_on]));
  assert.deepEqual(detail.body.events.map((e: { event: string; effectivePeriod: string; reason: string }) => [e.event, e.effectivePeriod, e.reason]), [['suspended', '2026-03', '未按期资格认证']]);
  assert.deepEqual(detail.body.overpayments.map((o: { id: string; amount: string; outstanding: string; status: string }) => [o.id, o.amount, o.outstanding, o.status]),
    [['880002', '1234.56', '1234.56', 'open']]);

  const otherCounty = award.region_code === '990102' ? '990103' : '990102';
  const outside = await addUser(server, 'benefits.county', 'operator', otherCounty);
  assert.equal((await outside.json('GET', `/api/pension/awards/${award.id}`)).status, 404, 'another county\'s award is not seen');
  assert.equal((await city.json('GET', '/api/pension/awards/424242')).status, 404);
});

test('人员待遇: the person\'s statutory retirement month by the 2024 reform, their award and its overpayment, their claims; out of scope a 404', async () => {
  const city = await addUser(server, 'benefits.city2', 'operator', '990100');
  const [person] = (await server.test.owner.query<{ birth_date: string; gender: 'M' | 'F'; occupation: string | null }>(
    `select birth_date::text, gender, occupation from person where id = $1`, [award.person_id])).rows;
  const answer = await city.json('GET', `/api/benefits/persons/${award.person_id}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const category = retirementCategory(person.gender, person.occupation);
  assert.deepEqual(answer.body.retirement.category, category);
  assert.equal(answer.body.retirement.statutoryRetirementMonth, statutoryRetirementMonth(person.birth_date, person.gender, category));
  assert.equal(answer.body.retirement.reached, true, 'a pensioner has reached it');
  assert.deepEqual(answer.body.awards.map((a: { id: string }) => a.id), [award.id]);
  assert.deepEqual(answer.body.overpayments.map((o: { id: string; outstanding: string }) => [o.id, o.outstanding]), [['880002', '1234.56']]);
  const claims = (await server.test.owner.query<{ id: string }>(`select id::text from benefit_claim where person_id = $1 order by id`, [award.person_id])).rows;
  assert.deepEqual(answer.body.claims.map((c: { id: string }) => c.id), claims.map((c) => c.id));

  // a contributor far from retirement: not reached, no award
  const [young] = (await server.test.owner.query<{ id: string; birth_date: string; gender: 'M' | 'F'; occupation: string | null }>(`select id::text, birth_date::text, gender, occupation
    from person where region_code like '9901%' and birth_date > '1995-01-01' and not exists (select 1 from pension_award a where a.person_id = person.id) order by id limit 1`)).rows;
  const youngAnswer = await city.json('GET', `/api/benefits/persons/${young.id}`);
  assert.deepEqual([youngAnswer.body.retirement.reached, youngAnswer.body.awards.length, youngAnswer.body.overpayments.length], [false, 0, 0]);
  assert.equal(youngAnswer.body.retirement.statutoryRetirementMonth, statutoryRetirementMonth(young.birth_date, young.gender, retirementCategory(young.gender, young.occupation)));

  const otherCounty = award.region_code === '990102' ? '990103' : '990102';
  const outside = await addUser(server, 'benefits.county2', 'operator', otherCounty);
  assert.equal((await outside.json('GET', `/api/benefits/persons/${award.person_id}`)).status, 404, 'another county\'s person is not seen');
});
