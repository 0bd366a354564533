/**
 * Arrears "as of" a day reproduce after a later reassessment (its supplementary bill and credit note are issued
 * after that day), and a bill of a period the parameters have no late-fee rate for answers a 422 naming the parameter
 * and the date, never a 404 for the employer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { systemActor } from '../../../platform/actor.ts';
import { render } from '../../../platform/messages.ts';
import { arrearsRoutes } from './arrears.routes.ts';
import { employerArrears } from './arrears.service.ts';
import { insertBill, insertEmployer, insertPerson } from '../accounts/accounts.testing.ts';

const AS_OF = '2026-03-10';
const staff = systemActor('test', ['arrears.read']);
let server: TestServer;
let person: bigint;

before(async () => {
  server = await startTestServer([arrearsRoutes]);
  const database = server.test.database;
  await insertEmployer(database, '91990102MA0000AS01', '甲公司', '990102');
  await insertEmployer(database, '91990102MA0000AS02', '老厂', '990102');
  person = await insertPerson(database, '11010519491231002X', '张三', '990102');
});
after(() => server.close());

const pension = (employerAmount: bigint, employeeAmount: bigint) => [{ personId: person, insurance: 'pension' as const, base: 800_000n, employerAmount, employeeAmount }];
const employerId = async (creditCode: string) =>
  (await server.test.database.db.selectFrom('employer').select('id').where('credit_code', '=', creditCode).executeTakeFirstOrThrow()).id;

test('arrears as of a day are unchanged by a reassessment after it; as of a later day they include it', async () => {
  const database = server.test.database;
  const employer = await employerId('91990102MA0000AS01');
  // January's regular bill, due 2026-01-15 (a regular bill counts by its period, whenever it was loaded)
  await insertBill(database, employer, '990102', '2026-01', pension(128_000n, 64_000n));
  const before = await employerArrears(database, staff, { creditCode: '91990102MA0000AS01', asOf: AS_OF });
  assert.deepEqual(before.periods.map((period) => [period.period, period.principal, period.dueDate]), [['2026-01', '1920.00', '2026-01-15']]);
  assert.notEqual(before.lateFee, '0.00');

  // a reassessment of January after the day (issued today): a supplementary bill of 300.00 and a credit note of −100.00
  await insertBill(database, employer, '990102', '2026-01', pension(20_000n, 10_000n), { kind: 'supplementary', sequence: 2, dueDate: '2026-02-24' });
  await insertBill(database, employer, '990102', '2026-01', pension(-8_000n, -2_000n), { kind: 'credit_note', sequence: 3, dueDate: '2026-02-24' });

  assert.deepEqual(await employerArrears(database, staff, { creditCode: '91990102MA0000AS01', asOf: AS_OF }), before, 'the past report reproduces');
  const now = await employerArrears(database, staff, { creditCode: '91990102MA0000AS01' });
  assert.equal(now.periods.find((period) => period.period === '2026-01')?.principal, '2120.00', 'today the reassessment counts: 1920 + 300 − 100');
});

test('a bill before the first late-fee rate (1999-01-22): 422 naming the parameter and the date, not a 404 for the employer', async () => {
  const database = server.test.database;
  const employer = await employerId('91990102MA0000AS02');
  await insertBill(database, employer, '990102', '1998-10', pension(40_000n, 16_000n));
  const refused = await employerArrears(database, staff, { creditCode: '91990102MA0000AS02', asOf: AS_OF }).then(() => assert.fail('arrears answered'), (error) => error);
  assert.deepEqual([refused.status, refused.code, refused.field], [422, 'parameter_missing', 'date']);
  assert.equal(refused.message, 'parameter contribution.late_fee.daily_rate has no value before 1999-01-22 (asked for 1998-10-16 in region 990102)');
  assert.match(render(refused.said, 'zh-CN'), /参数 contribution\.late_fee\.daily_rate 在 1999-01-22 之前没有值（查询日期 1998-10-16，区划 990102）/);

  const reviewer = await addUser(server, 'review.990100', 'reviewer', '990100');
  const answer = await reviewer.json('GET', `/api/arrears?employer=91990102MA0000AS02&asOf=${AS_OF}`);
  assert.deepEqual([answer.status, answer.body.error.code, answer.body.error.field, answer.body.error.params.path, answer.body.error.params.date],
    [422, 'parameter_missing', 'date', 'contribution.late_fee.daily_rate', '1998-10-16']);
});
