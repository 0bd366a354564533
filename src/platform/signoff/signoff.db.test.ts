/**
 * The sign-off engine on a real database: submission, levels by amount, separation of duties by user id, return,
 * resubmission, cancellation, the inbox, and an effect that commits with the final approval or not at all.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { inScope, type Actor } from '../actor.ts';
import { AppError, conflict } from '../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { decide, drafterAction, getApproval, listApprovals, registerBudgetControl, registerSignoffKind, submitForApproval, type BudgetDraw } from './signoff.service.ts';
import { testUser } from './signoff.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;
before(async () => { if (!skip) test_ = await createTestDatabase(); });
after(() => test_?.drop());

type Payload = { label: string; fail?: boolean };
/** A kind for the test: two levels that both need payment.reverse.review (reviewers and finance hold it), the payment reversal's thresholds. */
const testKind = registerSignoffKind<Payload>({
  kind: 'test.widget', label: '测试事项', parameters: 'signoff.payment_reversal', requestPermission: 'payment.reverse.request',
  levels: [{ name: 'review', label: '复核', permission: 'payment.reverse.review' }, { name: 'approve', label: '审批', permission: 'payment.reverse.review' }],
  async effect(tx, approver, item) {
    await recordAudit(tx, approver, { action: 'test.widget.done', entityType: 'widget', entityId: item.id, regionCode: item.regionCode, after: { label: item.payload.label } });
    if (item.payload.fail) throw conflict('widget', 'the effect refuses');
    return { done: item.payload.label };
  },
});

/**
 * A kind that spends (its draw: the payload's label as the subject, the item's amount), and a budget control for the
 * test: 100 fen on a subject is available; a draw up to it passes with a warning from 90, beyond it is refused.
 */
const spendingKind = registerSignoffKind<Payload & { fen: string }>({
  ...testKind, kind: 'test.spending', label: '测试支出',
  budgetDraws: async (_tx, item): Promise<BudgetDraw[]> => [{ fund: 'pension-990102', subject: item.payload.label, amountFen: BigInt(item.payload.fen), year: 2025 }],
  effect: async (tx, approver, item) => testKind.effect(tx, approver, item),
});
const drawsSeen: BudgetDraw[][] = [];
registerBudgetControl(async (_tx, _actor, _item, draws) => {
  drawsSeen.push(draws);
  const requested = draws.reduce((sum, draw) => sum + draw.amountFen, 0n);
  if (requested > 100n) throw conflict('amount', `only 100 fen are available, ${requested} requested`);
  return requested >= 90n ? [{ subject: draws[0].subject, requested: String(requested) }] : [];
});

const at = (actor: Actor, regionCode: string): Actor => ({ ...actor, regionCode });
const drafter = at(testUser('operator', 10), '990102');
const reviewer = at(testUser('reviewer', 11), '990100');
const finance = at(testUser('finance', 12), '990000');
const otherCounty = at(testUser('reviewer', 13), '990103');
const approver = at(testUser('approver', 14), '990100');

async function submit(label: string, amountFen: bigint | null, extra: Partial<Payload> = {}) {
  return inScope(test_.database, drafter, (tx) => submitForApproval(tx, drafter, testKind, {
    regionCode: '990102', title: `widget ${label}`, subjectKey: `widget:${label}`, amount: amountFen, payload: { label, ...extra }, comment: `请审核 ${label}`,
  }));
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

const effects = async (label: string) => Number((await sql<{ n: string }>`select count(*) as n from audit_log where action = 'test.widget.done' and after->>'label' = ${label}`.execute(test_.database.db)).rows[0].n);

test('an item below the threshold needs one level; the drafter cannot sign it; the effect commits with the approval', { skip }, async () => {
  const item = await submit('small', 999_999n);
  assert.deepEqual(item.levels.map((l) => l.label), ['复核']);
  assert.equal(item.status, 'pending');
  assert.equal(item.risk, 'medium');
  assert.equal(item.timeline[0].action, 'submit');
  assert.equal(item.timeline[0].comment, '请审核 small');
  assert.equal((await refusal(decide(test_.database, drafter, BigInt(item.id), 'approve', 'mine'))).status, 403);
  assert.equal((await refusal(decide(test_.database, approver, BigInt(item.id), 'approve', 'no permission'))).status, 403, 'approvers lack payment.reverse.review');
  assert.equal((await refusal(submit('small', 1n))).status, 409, 'one open item per subject');
  const done = await decide(test_.database, reviewer, BigInt(item.id), 'approve', '同意');
  assert.equal(done.status, 'approved');
  assert.deepEqual(done.result, { done: 'small' });
  assert.equal(await effects('small'), 1);
  assert.deepEqual(done.timeline.map((s) => [s.action, s.username, s.levelLabel]), [['submit', drafter.username, null], ['approve', reviewer.username, '复核']]);
  assert.equal((await refusal(decide(test_.database, finance, BigInt(item.id), 'approve', 'late'))).status, 409, 'an approved item takes no more decisions');
});

test('from the threshold every level signs, each by a different user; the same user is refused at every level', { skip }, async () => {
  const item = await submit('large', 1_000_000n);
  assert.deepEqual(item.levels.map((l) => l.label), ['复核', '审批']);
  const first = await decide(test_.database, reviewer, BigInt(item.id), 'approve', '复核通过');
  assert.equal(first.status, 'pending');
  assert.equal(first.nextLevel?.label, '审批');
  assert.equal(await effects('large'), 0, 'no effect before the last level');
  const twice = await refusal(decide(test_.database, reviewer, BigInt(item.id), 'approve', 'again'));
  assert.equal(twice.status, 403);
  assert.match(twice.message, /two levels/);
  assert.equal((await refusal(decide(test_.database, drafter, BigInt(item.id), 'approve', 'mine'))).status, 403);
  const last = await decide(test_.database, finance, BigInt(item.id), 'approve', '审批通过');
  assert.equal(last.status, 'approved');
  assert.equal(await effects('large'), 1);
  const audit = await sql<{ action: string; actor_username: string }>`select action, actor_username from audit_log where entity_type = 'approval_item' and entity_id = ${item.id} order by id`.execute(test_.database.db);
  assert.deepEqual(audit.rows.map((r) => [r.action, r.actor_username]), [['signoff.submit', drafter.username], ['signoff.approve', reviewer.username], ['signoff.approve', finance.username]]);
});

test('return needs a reason; the drafter resubmits and every level signs again, or cancels', { skip }, async () => {
  const item = await submit('returned', 2_000_000n);
  await decide(test_.database, reviewer, BigInt(item.id), 'approve', 'ok');
  assert.equal((await refusal(decide(test_.database, finance, BigInt(item.id), 'return', '  '))).field, 'comment');
  const returned = await decide(test_.database, finance, BigInt(item.id), 'return', '附件不全');
  assert.equal(returned.status, 'returned');
  assert.equal((await refusal(decide(test_.database, reviewer, BigInt(item.id), 'approve', 'x'))).status, 409, 'a returned item waits for its drafter');
  assert.equal((await refusal(drafterAction(test_.database, reviewer, BigInt(item.id), 'resubmit', 'not mine'))).status, 403);
  const again = await drafterAction(test_.database, drafter, BigInt(item.id), 'resubmit', '已补齐');
  assert.equal(again.status, 'pending');
  assert.equal(again.nextLevel?.index, 0);
  // the reviewer may sign the same level again in the new round; the finance user (who returned it) may then sign level 2
  await decide(test_.database, reviewer, BigInt(item.id), 'approve', 'ok again');
  const done = await decide(test_.database, finance, BigInt(item.id), 'approve', '审批通过');
  assert.equal(done.status, 'approved');
  assert.deepEqual(done.timeline.map((s) => s.action), ['submit', 'approve', 'return', 'resubmit', 'approve', 'approve']);

  const withdrawn = await submit('withdrawn', 1n);
  assert.equal((await refusal(drafterAction(test_.database, drafter, BigInt(withdrawn.id), 'cancel', ''))).field, 'comment');
  const cancelled = await drafterAction(test_.database, drafter, BigInt(withdrawn.id), 'cancel', '不再需要');
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(await effects('withdrawn'), 0);
});

test('an effect that fails rolls the final approval back: the item waits at the same level, no step is kept', { skip }, async () => {
  const item = await submit('failing', 1n, { fail: true });
  const error = await refusal(decide(test_.database, reviewer, BigInt(item.id), 'approve', 'go'));
  assert.equal(error.status, 409);
  const after = await getApproval(test_.database, reviewer, BigInt(item.id));
  assert.equal(after.status, 'pending');
  assert.equal(after.nextLevel?.index, 0);
  assert.equal(after.timeline.length, 1, 'the approval step was rolled back with the effect');
  assert.equal(await effects('failing'), 0);
});

test('a spending kind\'s draws go to the budget control before the effect: a warning is kept on the result, a block refuses the approval and leaves the item at its level', { skip }, async () => {
  const spend = (label: string, fen: bigint) => inScope(test_.database, drafter, (tx) => submitForApproval(tx, drafter, spendingKind, {
    regionCode: '990102', title: `spend ${label}`, subjectKey: `spend:${label}`, amount: fen, payload: { label, fen: String(fen) }, comment: null,
  }));
  const quiet = await decide(test_.database, reviewer, BigInt((await spend('quiet', 89n)).id), 'approve', 'ok');
  assert.deepEqual(quiet.result, { done: 'quiet' }, 'no warning: nothing is added to the result');
  assert.deepEqual(drawsSeen.at(-1), [{ fund: 'pension-990102', subject: 'quiet', amountFen: 89n, year: 2025 }]);
  const warned = await decide(test_.database, reviewer, BigInt((await spend('warned', 100n)).id), 'approve', 'ok');
  assert.equal(warned.status, 'approved');
  assert.deepEqual(warned.result, { done: 'warned', budgetWarnings: [{ subject: 'warned', requested: '100' }] });
  const blocked = await spend('blocked', 101n);
  const error = await refusal(decide(test_.database, reviewer, BigInt(blocked.id), 'approve', 'go'));
  assert.deepEqual([error.status, error.field], [409, 'amount']);
  const after = await getApproval(test_.database, reviewer, BigInt(blocked.id));
  assert.deepEqual([after.status, after.nextLevel?.index, after.timeline.length], ['pending', 0, 1]);
  assert.equal(await effects('blocked'), 0, 'the effect never ran');
  // a kind that declares no draws is never checked
  const before = drawsSeen.length;
  await decide(test_.database, reviewer, BigInt((await submit('no-draws', 1n)).id), 'approve', 'ok');
  assert.equal(drawsSeen.length, before);
});

test('the inbox lists what the caller may decide now, in their scope only', { skip }, async () => {
  const item = await submit('inbox', 5n);
  const ids = async (actor: Actor) => (await listApprovals(test_.database, actor, { status: 'pending' })).items.map((i) => i.id);
  assert.ok((await ids(reviewer)).includes(item.id), 'the city reviewer sees the county item');
  assert.ok(!(await ids(drafter)).includes(item.id), 'the drafter cannot decide it');
  assert.ok(!(await ids(otherCounty)).includes(item.id), 'another county does not see it');
  assert.ok(!(await ids(approver)).includes(item.id), 'an approver lacks the level permission');
  assert.equal((await refusal(getApproval(test_.database, otherCounty, BigInt(item.id)))).status, 404);
  const mine = await listApprovals(test_.database, drafter, { mine: true, status: 'pending' });
  assert.ok(mine.items.some((i) => i.id === item.id));
});

test('the inbox pages by cursor, oldest first, its count exact; an item decided meanwhile leaves it without shifting the rest', { skip }, async () => {
  for (let n = 0; n < 7; n++) await submit(`page-${n}`, 1n);
  const whole = await listApprovals(test_.database, reviewer, { status: 'pending', limit: 200 });
  assert.ok(whole.items.length >= 7);
  assert.deepEqual([whole.total, whole.totalCapped, whole.nextCursor], [whole.items.length, false, null]);
  const submitted = whole.items.map((item) => item.submittedAt);
  assert.deepEqual(submitted, [...submitted].sort(), 'oldest first');

  const first = await listApprovals(test_.database, reviewer, { status: 'pending', limit: 3 });
  assert.deepEqual([first.total, first.items.map((item) => item.id)], [whole.total, whole.items.slice(0, 3).map((item) => item.id)]);
  // the reviewer signs the first level of an item on a later page: it waits for another signer, no longer for them
  const decided = whole.items[4];
  await decide(test_.database, reviewer, BigInt(decided.id), 'approve', 'ok');
  const walked = first.items.map((item) => item.id);
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await listApprovals(test_.database, reviewer, { status: 'pending', limit: 3, after: cursor });
    assert.equal(page.total, whole.total - 1);
    walked.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  }
  assert.deepEqual(walked, whole.items.map((item) => item.id).filter((id) => id !== decided.id));

  const mine = await listApprovals(test_.database, drafter, { mine: true, status: 'pending', limit: 2 });
  const rest = await listApprovals(test_.database, drafter, { mine: true, status: 'pending', limit: 200, after: mine.nextCursor! });
  assert.equal(mine.items.length + rest.items.length, mine.total);
});

test('the inbox lists one fund\'s items when asked (凭证审核), counted and paged as any list', { skip }, async () => {
  // a payload that names a fund, as the ledger's kinds do
  const ofFund = async (label: string, fund: string) => inScope(test_.database, drafter, (tx) => submitForApproval(tx, drafter, testKind, {
    regionCode: '990102', title: `widget ${label}`, subjectKey: `widget:${label}`, amount: 1n, payload: { label, fund } as Payload, comment: null,
  }));
  const pension = [await ofFund('fund-a1', 'pension-990102'), await ofFund('fund-a2', 'pension-990102')];
  await ofFund('fund-b1', 'unemployment-990102');
  const first = await listApprovals(test_.database, reviewer, { status: 'pending', kind: 'test.widget', fund: 'pension-990102', limit: 1 });
  assert.equal(first.total, 2);
  const second = await listApprovals(test_.database, reviewer, { status: 'pending', kind: 'test.widget', fund: 'pension-990102', limit: 1, after: first.nextCursor! });
  assert.deepEqual([...first.items, ...second.items].map((item) => item.id), pension.map((item) => item.id));
  assert.equal(second.nextCursor, null);
  const mine = await listApprovals(test_.database, drafter, { mine: true, fund: 'unemployment-990102' });
  assert.deepEqual(mine.items.map((item) => item.title), ['widget fund-b1']);
});

test('the database refuses a second signature by the same user, whatever the code does', { skip }, async () => {
  const item = await submit('database', 1_000_000n);
  await decide(test_.database, reviewer, BigInt(item.id), 'approve', 'ok');
  const insert = (userId: bigint, level: number) => test_.owner.query(
    `insert into approval_step (item_id, seq, region_code, action, level, user_id, username, role) values ($1, 99, '990102', 'approve', $2, $3, 'x', 'reviewer')`,
    [item.id, level, userId.toString()]);
  await assert.rejects(insert(reviewer.userId!, 1), /separation of duties/);
  await assert.rejects(insert(drafter.userId!, 1), /separation of duties/);
  await assert.rejects(test_.owner.query(`update approval_step set comment = 'changed' where item_id = $1`, [item.id]), /append-only/);
});
