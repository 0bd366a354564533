/**
 * 个人缴费登记 through the API: a flexible worker and an individual business registered with their base level, a
 * level outside 60%–300% refused naming the field and the rule (in the language asked for), a dated change and a stop,
 * each audited, and the rows never rewritten.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { newId } from '../../platform/ids.ts';
import { creditCodeCheckCharacter, idNumberCheckCharacter } from './identifiers.calc.ts';
import { selfPayingRoutes } from './self-paying.routes.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const FLEXIBLE = `99010219880214002${idNumberCheckCharacter('99010219880214002')}`;
const BUSINESS_OWNER = `99010219790630003${idNumberCheckCharacter('99010219790630003')}`;
const BUSINESS_CODE = `92990102MA0000GT0${creditCodeCheckCharacter('92990102MA0000GT0')}`;

let server: TestServer;
let operator: Client;

before(async () => {
  if (skip) return;
  server = await startTestServer([selfPayingRoutes]);
  await server.test.database.db.insertInto('person').values([
    { id: newId(), id_number: FLEXIBLE, name: '林灵', gender: 'F', birth_date: '1988-02-14', region_code: '990102' },
    { id: newId(), id_number: BUSINESS_OWNER, name: '赵个体', gender: 'M', birth_date: '1979-06-30', region_code: '990102' },
  ]).execute();
  operator = await addUser(server, 'op.east', 'operator', '990102');
});
after(() => server?.close());

test('a base level below 60% or above 300% of the average wage is refused, naming the field and the rule', { skip }, async () => {
  for (const baseRatio of ['0.59', '3.01']) {
    const refused = await operator.json('POST', '/api/self-paying-contributors', { idNumber: FLEXIBLE, contributorKind: 'flexible', fromMonth: '2026-01', baseRatio });
    assert.equal(refused.status, 400, baseRatio);
    assert.equal(refused.body.error.field, 'baseRatio', baseRatio);
    assert.match(refused.body.error.message, /^base level \(share of the average wage\): must be from 0\.60 to 3\.00: .*国办发〔2019〕13号/);
  }
  const chinese = await operator.json('POST', '/api/self-paying-contributors', { idNumber: FLEXIBLE, contributorKind: 'flexible', fromMonth: '2026-01', baseRatio: '0.50' }, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.body.error.message, '缴费档次（占社平工资比例）：须在 0.60 至 3.00 之间：个体工商户和灵活就业人员在社平工资的 60% 至 300% 之间选择缴费基数（国办发〔2019〕13号）');
  const unemployment = await operator.json('POST', '/api/self-paying-contributors', { idNumber: FLEXIBLE, contributorKind: 'flexible', fromMonth: '2026-01', baseRatio: '1.00', insurances: ['unemployment'] });
  assert.equal(unemployment.status, 400, 'the schema refuses an insurance a self-paying contributor cannot join');
  const noCode = await operator.json('POST', '/api/self-paying-contributors', { idNumber: BUSINESS_OWNER, contributorKind: 'individual_business', fromMonth: '2026-01', baseRatio: '1.00' });
  assert.deepEqual([noCode.status, noCode.body.error.field], [400, 'businessCreditCode']);
  const nothing = await server.test.database.db.selectFrom('self_paying_registration').select('person_id').execute();
  assert.deepEqual(nothing, [], 'nothing registered by a refusal');
});

test('a registration opens a payer record with a payer code; a change from a month on and a stop are dated and audited', { skip }, async () => {
  const registered = await operator.json('POST', '/api/self-paying-contributors', { idNumber: FLEXIBLE, contributorKind: 'flexible', fromMonth: '2026-01', baseRatio: '0.6' });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const payerCode: string = registered.body.payerCode;
  assert.match(payerCode, /^GR990102\d{10}$/);
  assert.deepEqual([registered.body.name, registered.body.regionCode, registered.body.contributorKind, registered.body.idNumber], ['林灵', '990102', 'flexible', FLEXIBLE]);
  assert.deepEqual(registered.body.terms.map((t: Record<string, unknown>) => [t.fromMonth, t.baseRatio, t.insurances, t.recordedBy]), [['2026-01', '0.60', ['pension', 'medical'], 'op.east']]);
  const payer = await server.test.database.db.selectFrom('employer').select(['credit_code', 'name', 'employer_type', 'region_code']).where('credit_code', '=', payerCode).executeTakeFirstOrThrow();
  assert.deepEqual(payer, { credit_code: payerCode, name: '林灵', employer_type: 'self_paying', region_code: '990102' });

  const again = await operator.json('POST', '/api/self-paying-contributors', { idNumber: FLEXIBLE, contributorKind: 'flexible', fromMonth: '2026-02', baseRatio: '1.00' });
  assert.deepEqual([again.status, again.body.error.field], [409, 'idNumber']);

  const changed = await operator.json('POST', `/api/self-paying-contributors/${payerCode}/changes`, { fromMonth: '2026-07', baseRatio: '1.50', reason: '本人申请提高缴费档次' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  const tooLow = await operator.json('POST', `/api/self-paying-contributors/${payerCode}/changes`, { fromMonth: '2026-08', baseRatio: '0.40', reason: '本人申请降低缴费档次' });
  assert.deepEqual([tooLow.status, tooLow.body.error.field, tooLow.body.error.params.problem.slice(0, 25)], [400, 'baseRatio', 'must be from 0.60 to 3.00']);
  const beforeFirst = await operator.json('POST', `/api/self-paying-contributors/${payerCode}/changes`, { fromMonth: '2025-12', baseRatio: '1.00', reason: '更正' });
  assert.deepEqual([beforeFirst.status, beforeFirst.body.error.field], [400, 'fromMonth']);
  const stopped = await operator.json('POST', `/api/self-paying-contributors/${payerCode}/changes`, { fromMonth: '2026-10', insurances: [], reason: '已就业，停止个人缴费' });
  assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
  assert.deepEqual(stopped.body.terms.map((t: Record<string, unknown>) => [t.fromMonth, t.baseRatio, t.insurances, t.reason]), [
    ['2026-10', null, [], '已就业，停止个人缴费'], ['2026-07', '1.50', ['pension', 'medical'], '本人申请提高缴费档次'], ['2026-01', '0.60', ['pension', 'medical'], '个人缴费登记'],
  ]);
  const audit = await server.test.database.db.selectFrom('audit_log').select(['action', 'actor_username']).where('action', 'like', 'registry.self_paying.%').orderBy('id').execute();
  assert.deepEqual(audit.map((row) => `${row.action} ${row.actor_username}`), ['registry.self_paying.register op.east', 'registry.self_paying.change op.east', 'registry.self_paying.change op.east']);
  await assert.rejects(sql`update self_paying_terms set base_ratio = 3.00`.execute(server.test.database.db), /append-only|not allowed|refuse/i);
});

test('an individual business registers with its own credit code; a western county operator does not see the eastern contributor', { skip }, async () => {
  const registered = await operator.json('POST', '/api/self-paying-contributors', {
    idNumber: BUSINESS_OWNER, contributorKind: 'individual_business', businessCreditCode: BUSINESS_CODE, fromMonth: '2026-03', baseRatio: '3.00', insurances: ['pension'],
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  assert.deepEqual([registered.body.businessCreditCode, registered.body.terms[0].insurances], [BUSINESS_CODE, ['pension']]);
  const west = await addUser(server, 'op.west', 'operator', '990103');
  assert.equal((await west.json('GET', `/api/self-paying-contributors/${registered.body.payerCode}`)).status, 404);
  assert.equal((await operator.json('GET', `/api/self-paying-contributors/${registered.body.payerCode}`)).status, 200);
});
