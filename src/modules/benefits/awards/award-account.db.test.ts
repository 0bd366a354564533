/**
 * 养老金发放账户变更 over HTTP on a small demo city: a malformed or unchanged account and a missing reason are refused
 * naming the field; a request waits for 复核 and 审批 with the account unchanged (the award's detail lists it), a second
 * one meanwhile is refused; the database refuses to move an award's account by hand; the approval moves it, names the
 * approver in the audit trail; a request made on an account that has changed since cannot be approved; a fund
 * supervisor cannot ask (403) and sees the accounts masked.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { decide } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { payrollRoutes } from '../payroll/payroll.routes.ts';

let server: TestServer;
let awards: { id: string; bank_account: string }[];
const signers = [testUser('reviewer', 21), testUser('approver', 22)];

before(async () => {
  server = await startTestServer([payrollRoutes]);
  await generateDemo(server.test.database, { persons: 300, employers: 10, years: 1, seed: 23, password: 'demo-pass-2024' });
  awards = (await server.test.owner.query<{ id: string; bank_account: string }>(`select id::text, bank_account from pension_award
    where region_code like '9901%' and status = 'active' order by person_id limit 2`)).rows;
});
after(() => server.close());

test('a change of account: refused naming the field, waits for sign-off, moves the award\'s account on approval, audited', async () => {
  const [award] = awards;
  const operator = await addUser(server, 'account.operator', 'operator', '990100');
  const url = `/api/pension/awards/${award.id}/account-changes`;
  const refused = async (body: unknown, field: string) => {
    const answer = await operator.json('POST', url, body);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.match(JSON.stringify(answer.body), new RegExp(field));
  };
  await refused({ bankAccount: '6217-0000', reason: '原账户已销户' }, 'bankAccount');
  await refused({ bankAccount: award.bank_account, reason: '原账户已销户' }, 'bankAccount');
  await refused({ bankAccount: '6217000000000000999', reason: ' ' }, 'reason');

  const asked = await operator.json('POST', url, { bankAccount: '6217000000000000999', reason: '原账户已销户，银行退回' });
  assert.equal(asked.status, 200, JSON.stringify(asked.body));
  assert.deepEqual([asked.body.from, asked.body.to, asked.body.status, asked.body.requestedBy], [award.bank_account, '6217000000000000999', 'submitted', 'account.operator']);
  const waiting = await operator.json('GET', `/api/pension/awards/${award.id}`);
  assert.equal(waiting.body.account.bankAccount, award.bank_account, 'nothing moves before the approval');
  assert.deepEqual(waiting.body.account.changes.map((c: { status: string }) => c.status), ['submitted']);
  assert.equal((await operator.json('POST', url, { bankAccount: '6217000000000000888', reason: '再次申请' })).status, 409, 'one open request per award');

  await assert.rejects(server.test.owner.query(`update pension_award set bank_account = '6217000000000000777' where id = $1`, [award.id]), /approved account change/);

  const approved = await signOff(server.test.database, asked.body.approvalItemId, signers);
  assert.equal(approved.status, 'approved');
  const [row] = (await server.test.owner.query<{ bank_account: string }>(`select bank_account from pension_award where id = $1`, [award.id])).rows;
  assert.equal(row.bank_account, '6217000000000000999');
  const detail = await operator.json('GET', `/api/pension/awards/${award.id}`);
  assert.equal(detail.body.account.bankAccount, '6217000000000000999');
  assert.deepEqual(detail.body.account.changes.map((c: { status: string; approvedBy: string }) => [c.status, c.approvedBy]), [['approved', signers[1].username]]);
  const [audit] = (await server.test.owner.query<{ actor_username: string; before: { bankAccount: string }; after: { bankAccount: string } }>(
    `select actor_username, before, after from audit_log where action = 'pension.award.account_change' and entity_id = $1`, [award.id])).rows;
  assert.deepEqual([audit.actor_username, audit.before.bankAccount, audit.after.bankAccount], [signers[1].username, award.bank_account, '6217000000000000999']);

  // a fund supervisor neither asks nor, without personal.full.read, sees the whole account
  const supervisor = await addUser(server, 'account.supervisor', 'supervisor', '990100');
  assert.equal((await supervisor.json('POST', url, { bankAccount: '6217000000000000555', reason: '监督不办理' })).status, 403);
  const seen = await supervisor.json('GET', `/api/pension/awards/${award.id}`);
  assert.equal(seen.status, 200);
  assert.notEqual(seen.body.account.bankAccount, '6217000000000000999');
  assert.match(seen.body.account.bankAccount, /\*/);
});

test('a request on an account that changed since cannot be approved; returned, it says so, and the account stays', async () => {
  const [, award] = awards;
  const operator = await addUser(server, 'account.operator2', 'operator', '990100');
  const asked = await operator.json('POST', `/api/pension/awards/${award.id}/account-changes`, { bankAccount: '6217000000000000444', reason: '更换社保卡' });
  assert.equal(asked.status, 200, JSON.stringify(asked.body));
  // meanwhile the account moved by an approved change the test writes (as an earlier request approved would)
  await server.test.owner.query(`insert into pension_award_account_change (id, person_id, award_id, region_code, from_account, to_account, reason, status, approval_item_id, requested_by, approved_by, approved_at)
    select 9900001, person_id, id, region_code, bank_account, '6217000000000000333', '测试：另一申请已批准', 'approved', 0, 'op.test', 'approve.test', now() from pension_award where id = $1`, [award.id]);
  await server.test.owner.query(`update pension_award set bank_account = '6217000000000000333' where id = $1`, [award.id]);
  await decide(server.test.database, signers[0], BigInt(asked.body.approvalItemId), 'approve', '复核通过');
  await assert.rejects(decide(server.test.database, signers[1], BigInt(asked.body.approvalItemId), 'approve', '同意'), /changed from .* to 6217000000000000333/);
  await decide(server.test.database, signers[1], BigInt(asked.body.approvalItemId), 'return', '账户已变更，请重新申请');
  const detail = await operator.json('GET', `/api/pension/awards/${award.id}`);
  assert.equal(detail.body.account.bankAccount, '6217000000000000333');
  assert.equal(detail.body.account.changes.find((c: { id: string }) => c.id === asked.body.id).status, 'returned');
});
