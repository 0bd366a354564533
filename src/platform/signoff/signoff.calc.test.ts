import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterDecision, decisionProblem, drafterActionProblem, requiredLevels, type ItemState, type SignoffLevel } from './signoff.calc.ts';
import type { Permission } from '../access/permissions.ts';
import { render } from '../messages.ts';

const review: SignoffLevel = { name: 'review', label: '复核', permission: 'payment.reverse.review' };
const approve: SignoffLevel = { name: 'approve', label: '审批', permission: 'payment.reverse.approve' };

test('levels: every level for high risk, from the threshold, or without an amount; the first level below it', () => {
  const cases: [string, 'high' | 'medium' | 'low', bigint | null, bigint, string[]][] = [
    ['medium, below threshold', 'medium', 999_999n, 1_000_000n, ['复核']],
    ['medium, at threshold', 'medium', 1_000_000n, 1_000_000n, ['复核', '审批']],
    ['medium, above threshold', 'medium', 5_000_000n, 1_000_000n, ['复核', '审批']],
    ['medium, no amount', 'medium', null, 1_000_000n, ['复核', '审批']],
    ['high, tiny amount', 'high', 1n, 1_000_000n, ['复核', '审批']],
    ['low, below threshold', 'low', 0n, 1n, ['复核']],
  ];
  for (const [name, risk, amount, threshold, expected] of cases) {
    assert.deepEqual(requiredLevels([review, approve], risk, amount, threshold).map((l) => l.label), expected, name);
  }
  assert.throws(() => requiredLevels([], 'low', 0n, 0n));
});

const user = (id: number, ...held: Permission[]) => ({ userId: BigInt(id), username: `u${id}`, holds: (p: Permission) => held.includes(p) });
const item = (over: Partial<ItemState> = {}): ItemState => ({
  status: 'pending', nextLevel: 0, levels: [review, approve], submittedById: 1n, submittedBy: 'u1',
  steps: [{ action: 'submit', level: null, userId: 1n, username: 'u1' }], ...over,
});

test('who may decide: the level permission, never the drafter, never a second level by the same user', () => {
  const both: Permission[] = ['payment.reverse.review', 'payment.reverse.approve'];
  assert.equal(decisionProblem(item(), user(2, 'payment.reverse.review')), null);
  assert.equal(decisionProblem(item(), user(2, 'payment.reverse.approve'))?.status, 403, 'wrong permission for level 0');
  assert.match(render(decisionProblem(item(), user(1, ...both))!.message, 'en'), /drafter/);
  const afterFirst = item({ nextLevel: 1, steps: [...item().steps, { action: 'approve', level: 0, userId: 2n, username: 'u2' }] });
  assert.match(render(decisionProblem(afterFirst, user(2, ...both))!.message, 'en'), /two levels/);
  assert.equal(decisionProblem(afterFirst, user(3, ...both)), null);
  assert.equal(decisionProblem(item({ status: 'returned' }), user(2, ...both))?.status, 409);
  assert.equal(decisionProblem(item({ status: 'approved', nextLevel: 2 }), user(2, ...both))?.status, 409);
  // system actors have no user id: told apart by name, so one system actor cannot sign its own item either
  const systemItem = item({ submittedById: null, submittedBy: 'system:payments', steps: [{ action: 'submit', level: null, userId: null, username: 'system:payments' }] });
  assert.match(render(decisionProblem(systemItem, { userId: null, username: 'system:payments', holds: () => true })!.message, 'en'), /drafter/);
});

test('after a return and resubmission the same person may sign the same level again, but not another level', () => {
  const steps: ItemState['steps'] = [
    { action: 'submit', level: null, userId: 1n, username: 'u1' },
    { action: 'approve', level: 0, userId: 2n, username: 'u2' },
    { action: 'return', level: null, userId: 3n, username: 'u3' },
    { action: 'resubmit', level: null, userId: 1n, username: 'u1' },
  ];
  const both: Permission[] = ['payment.reverse.review', 'payment.reverse.approve'];
  assert.equal(decisionProblem(item({ steps }), user(2, ...both)), null, 'u2 signs level 0 again in the new round');
  const signedAgain = item({ nextLevel: 1, steps: [...steps, { action: 'approve', level: 0, userId: 4n, username: 'u4' }] });
  assert.match(render(decisionProblem(signedAgain, user(2, ...both))!.message, 'en'), /two levels/, 'u2 signed level 0 before: not level 1');
});

test('decisions move the item: approve to the next level, the last approval is final, return goes back to level 0', () => {
  assert.deepEqual(afterDecision(item(), 'approve'), { status: 'pending', nextLevel: 1, final: false });
  assert.deepEqual(afterDecision(item({ nextLevel: 1 }), 'approve'), { status: 'approved', nextLevel: 2, final: true });
  assert.deepEqual(afterDecision(item({ nextLevel: 1 }), 'return'), { status: 'returned', nextLevel: 0, final: false });
  assert.deepEqual(afterDecision(item({ levels: [review] }), 'approve'), { status: 'approved', nextLevel: 1, final: true });
});

test('only the drafter resubmits (a returned item) or cancels (returned, or pending before anyone signed)', () => {
  const drafter = { userId: 1n, username: 'u1' }, other = { userId: 2n, username: 'u2' };
  assert.match(render(drafterActionProblem(item({ status: 'returned' }), other, 'resubmit')!, 'en'), /only the drafter/);
  assert.equal(drafterActionProblem(item({ status: 'returned' }), drafter, 'resubmit'), null);
  assert.match(render(drafterActionProblem(item(), drafter, 'resubmit')!, 'en'), /only a returned item/);
  assert.equal(drafterActionProblem(item(), drafter, 'cancel'), null);
  const signed = item({ nextLevel: 1, steps: [...item().steps, { action: 'approve', level: 0, userId: 2n, username: 'u2' }] });
  assert.match(render(drafterActionProblem(signed, drafter, 'cancel')!, 'en'), /signed already/);
  assert.match(render(drafterActionProblem(item({ status: 'approved' }), drafter, 'cancel')!, 'en'), /approved/);
});
