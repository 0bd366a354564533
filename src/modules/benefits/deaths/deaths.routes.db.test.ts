/**
 * Recording a recovery over HTTP: an operator's refund is an approval item (201, kind benefit.recovery, waiting for
 * 复核) and the overpayment shows it pending, not recovered; more than is owed is a 409 naming the amount, in Chinese
 * when asked; a method the rules refuse is a 400 naming it; an unknown overpayment is a 404.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { deathRoutes } from './deaths.routes.ts';

let server: TestServer;
let overpaymentId: string;

before(async () => {
  server = await startTestServer([deathRoutes]);
  await generateDemo(server.test.database, { persons: 400, employers: 15, years: 1, seed: 13, password: 'demo-pass-2024' });
  const [award] = (await server.test.owner.query<{ person_id: string; id: string; region_code: string }>(
    `select person_id::text, id::text, region_code from pension_award where status = 'active' order by person_id limit 1`)).rows;
  overpaymentId = '880001';
  await server.test.owner.query(`insert into benefit_overpayment (person_id, id, region_code, award_id, cause, death_record_id, periods, amount)
    values ($1, $2, $3, $4, 'stopped', null, '{2026-02}', 300000)`, [award.person_id, overpaymentId, award.region_code, award.id]);
});
after(() => server.close());

test('a recovery recorded over HTTP is an approval item waiting for 复核; bad input named', async () => {
  const operator = await addUser(server, 'benefits.operator', 'operator', '990000');
  const url = `/api/pension/overpayments/${overpaymentId}/recoveries`;
  const recorded = await operator.json('POST', url, { recoveryMethod: 'refund', amount: '1000.00', recoveredOn: '2026-03-02', reference: 'TK-HTTP-1' });
  assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
  assert.deepEqual([recorded.body.kind, recorded.body.kindLabel, recorded.body.status, recorded.body.nextLevel.label, recorded.body.amount],
    ['benefit.recovery', '待遇追回到账', 'pending', '复核', '1000.00']);
  const listed = (await operator.json('GET', '/api/pension/overpayments')).body.items.find((o: { id: string }) => o.id === overpaymentId);
  assert.deepEqual([listed.recovered, listed.pending, listed.outstanding, listed.status], ['0.00', '1000.00', '3000.00', 'open']);

  const tooMuch = await operator.json('POST', url, { recoveryMethod: 'refund', amount: '3000.01', recoveredOn: '2026-03-02', reference: 'TK-HTTP-2' }, { 'accept-language': 'zh-CN' });
  assert.deepEqual([tooMuch.status, tooMuch.body.error.field, tooMuch.body.error.message], [409, 'amount', '追回金额 3000.01 元超过尚欠 3000.00 元']);
  const offset = await operator.json('POST', url, { recoveryMethod: 'offset', amount: '1.00', recoveredOn: '2026-03-02', reference: 'x' });
  assert.deepEqual([offset.status, offset.body.error.field], [400, 'recoveryMethod']);
  assert.equal((await operator.json('POST', '/api/pension/overpayments/424242/recoveries', { recoveryMethod: 'refund', amount: '1.00', recoveredOn: '2026-03-02', reference: 'x' })).status, 404);
});
