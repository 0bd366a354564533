/** Period close in time and in order (财会〔2017〕28号, 《会计基础工作规范》): after the month ends, after the month before it. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { render, type Said } from '../../platform/messages.ts';
import { todayInChina } from '../../platform/params/index.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { importLedgerEntries } from './import.service.ts';
import { closePeriod, listPeriods } from './period.service.ts';
import { addMonths } from './journal.calc.ts';

let test_: TestDatabase;
const actor = systemActor('test', ['period.close', 'ledger.read']);
const F = 'unemployment-990100';

before(async () => {
  test_ = await createLedgerTestDatabase();
  // The fund's first entries are in February 2026, then March; no bank account moves, so every month reconciles.
  await importLedgerEntries(test_.database, systemActor('test'), ['2026-02-05', '2026-03-05'].map((date) => ({
    key: `accrue-${date}`, fund: F, period: date.slice(0, 7), date, memo: 'accrue', lines: [{ account: '1131', debit: '100.00' }, { account: '4001', credit: '100.00' }],
  })));
});
after(() => test_.drop());

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

test('a month closes only after it has ended: the current and the next month are refused', async () => {
  const current = todayInChina().slice(0, 7);
  for (const period of [current, addMonths(current, 1)]) {
    const error = await refusal(closePeriod(test_.database, actor, F, period));
    assert.deepEqual([error.status, error.field, (error.said as Said).key], [409, 'period', 'ledger.periodNotEnded']);
    assert.equal(render(error.said, 'en'), `${period} has not ended (today is ${todayInChina()} in China): a month is closed after it ends`);
    assert.equal(render(error.said, 'zh-CN'), `${period} 尚未结束（北京时间今天是 ${todayInChina()}）：月份结束后方可结账`);
  }
});

test('months close in order: March before February is refused; February (the first month with entries) then March close', async () => {
  const early = await refusal(closePeriod(test_.database, actor, F, '2026-03'));
  assert.deepEqual([early.status, early.field, (early.said as Said).key], [409, 'period', 'ledger.previousPeriodOpen']);
  assert.equal(render(early.said, 'en'), `2026-02, the month before, of fund ${F} is not closed: months are closed in order`);
  assert.equal((await listPeriods(test_.database, actor, F)).find((p) => p.period === '2026-03')?.status, 'open');

  assert.equal((await closePeriod(test_.database, actor, F, '2026-02')).status, 'closed', 'the month before the first entries has nothing to close');
  assert.equal((await closePeriod(test_.database, actor, F, '2026-03')).status, 'closed');
  const closed = (await listPeriods(test_.database, actor, F)).filter((p) => p.status === 'closed').map((p) => p.period);
  assert.deepEqual(closed, ['2026-03', '2026-02']);
});
