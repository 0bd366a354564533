/**
 * Finance display conventions of the ledger pages, without a browser: balances as a direction and a positive amount
 * (direction.ts, 财会〔2017〕28号). 大写金额 is src/shared/capitals.ts, tested with the money helpers (money.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceSums, directedBalance, isOnUnusualSide, normalSide } from '../src/modules/ledger/direction.ts';

test('a debit-positive balance: positive is 借, negative 贷 with a positive amount, zero 平', () => {
  assert.deepEqual(directedBalance('11100.00'), { direction: 'debit', amount: '11100.00' });
  assert.deepEqual(directedBalance('-10000.50'), { direction: 'credit', amount: '10000.50' });
  assert.deepEqual(directedBalance('0.00'), { direction: 'flat', amount: '0.00' });
  assert.deepEqual(directedBalance('-0.01'), { direction: 'credit', amount: '0.01' });
});

test('a credit-positive balance (the statement\'s 结余): positive is 贷, a deficit 借', () => {
  assert.deepEqual(directedBalance('500.00', 'credit'), { direction: 'credit', amount: '500.00' });
  assert.deepEqual(directedBalance('-20.00', 'credit'), { direction: 'debit', amount: '20.00' });
});

test('normal sides: assets and expenditure debit; liabilities, net assets and income credit', () => {
  assert.deepEqual(
    ['income_bank', 'special_bank', 'expense_bank', 'receivable', 'expense', 'payable', 'fund_balance', 'revenue'].map(normalSide),
    ['debit', 'debit', 'debit', 'debit', 'debit', 'credit', 'credit', 'credit'],
  );
  assert.throws(() => normalSide('goodwill'), /goodwill/);
});

test('a balance on the unusual side is flagged; a zero balance never is', () => {
  assert.equal(isOnUnusualSide(directedBalance('-5.00'), 'payable'), false, 'a payable with a credit balance is usual');
  assert.equal(isOnUnusualSide(directedBalance('5.00'), 'payable'), true, 'a payable with a debit balance (overpaid) is not');
  assert.equal(isOnUnusualSide(directedBalance('-5.00'), 'income_bank'), true, 'an overdrawn bank account');
  assert.equal(isOnUnusualSide(directedBalance('0.00'), 'revenue'), false);
});

test('the sums of debit and of credit balances', () => {
  assert.deepEqual(balanceSums(['11100.00', '-10000.00', '-1100.00', '0.00']), { debit: '11100.00', credit: '11100.00' });
  assert.deepEqual(balanceSums(['1.00', '-0.50']), { debit: '1.00', credit: '0.50' });
});
