/**
 * Finance display conventions of the ledger pages, without a browser: 大写金额 (web/src/platform/capitals.ts,
 * 《正确填写票据和结算凭证的基本规定》) and balances as a direction and a positive amount (direction.ts, 财会〔2017〕28号).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountInCapitals } from '../src/platform/capitals.ts';
import { balanceSums, directedBalance, isOnUnusualSide, normalSide } from '../src/modules/ledger/direction.ts';
import { toFen } from '../src/format.ts';

const capitals = (yuan: string) => amountInCapitals(toFen(yuan));

test('大写金额: 整 when there is no 角 and no 分, 零 for zeros between digits', () => {
  const cases: [string, string][] = [
    ['0.00', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角整'],
    ['10.00', '壹拾元整'],
    ['15.00', '壹拾伍元整'],
    ['100.10', '壹佰元壹角整'],
    ['1001.01', '壹仟零壹元零壹分'],
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    // the rule's own examples
    ['1409.50', '壹仟肆佰零玖元伍角整'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    // zeros across 万 and 亿 are one 零
    ['100700.00', '壹拾万零柒佰元整'],
    ['1000010.00', '壹佰万零壹拾元整'],
    ['100010000.00', '壹亿零壹万元整'],
    ['100000001.00', '壹亿零壹元整'],
    ['10000000.00', '壹仟万元整'],
    ['1234567890.12', '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
    ['1000000000000.00', '壹万亿元整'],
  ];
  for (const [yuan, words] of cases) assert.equal(capitals(yuan), words, yuan);
});

test('大写金额 of a negative amount (a red-ink reversal) is prefixed with 负', () => {
  assert.equal(capitals('-1234.56'), '负壹仟贰佰叁拾肆元伍角陆分');
  assert.equal(capitals('-0.05'), '负伍分');
  assert.equal(capitals('-10.00'), '负壹拾元整');
});

test('大写金额 refuses an amount beyond 万亿', () => {
  assert.equal(amountInCapitals(9_999_999_999_999_999_99n), '玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  assert.throws(() => amountInCapitals(10n ** 18n), RangeError);
});

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
