/**
 * A reassessment of a past period bills by the employer's facts of that period (migration 0026: employer_fact_history),
 * not today's: a work-injury class changed after the period changes nothing in it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { changeEmployerFacts } from '../../registry/employer-history.service.ts';
import { billPeriod, EMPLOYER_A, seedCollection } from '../payments/payments.testing.ts';
import { requestReassessment, type ReassessmentResult } from './reassessment.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;
let employerA: bigint;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  ({ employerA } = await seedCollection(test_.database));
  await billPeriod(test_.database, '2026-06');
});
after(() => test_?.drop());

test('class I in June, class VIII from today: reassessing June bills nothing new; the class of today is the one in force now', { skip }, async () => {
  await changeEmployerFacts(test_.database, systemActor('test', ['registry.employer.create']), employerA, { validFrom: todayInChina(), workInjuryClass: 8, reason: '行业类别调整' });
  const [{ work_injury_class: now }] = (await test_.database.pool.query('select work_injury_class from employer where id = $1', [employerA])).rows;
  assert.equal(now, 8);
  const requester = systemActor('test', ['billing.reassess.request']);
  const result = (await signOff(test_.database, await requestReassessment(test_.database, requester, { creditCode: EMPLOYER_A, period: '2026-06', reason: '复核' }))).result as ReassessmentResult;
  assert.deepEqual(result.bills, [], 'June is billed by June\'s class I: nothing to correct');
});
