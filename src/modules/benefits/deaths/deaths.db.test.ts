/**
 * The death registry import on a small demo city: a file with a bad row applies nothing and lists every bad row; a
 * good file suspends the pension from the month after death (status and a dated event), opens the recovery of the
 * months paid after death at the amounts paid, records the survivors' funeral grant and survivor pension at the
 * province's amounts; the same file again changes nothing; refunds recover the overpayment until it closes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { importDeaths, listOverpayments, recordRecovery } from './deaths.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('deaths-test', ['pension.death.import', 'pension.recovery.record', 'benefits.read', 'personal.full.read']);

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 13, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const csv = (name: string, rows: string[][]) => ({ fileName: name, content: Buffer.from(['idNumber,dateOfDeath', ...rows.map((r) => r.join(','))].join('\n')) });
const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number; rows?: { row: number; field: string }[] }; } return null; };
const count = async (table: string) => Number((await db.owner.query(`select count(*) as n from ${table}`)).rows[0].n);

test('deaths: all or nothing, pensions suspended from the next month, months paid after death recovered, survivors\' grants recorded', { skip }, async () => {
  const awards = (await db.owner.query<{ person_id: string; id: string; id_number: string; monthly: string; fund_code: string }>(
    `select a.person_id::text, a.id::text, p.id_number, a.monthly_amount::text as monthly, a.fund_code from pension_award a join person p on p.id = a.person_id
      where a.status = 'active' order by a.person_id limit 2`)).rows;
  const [paidAfter, noLines] = awards;
  const nonPensioner = (await db.owner.query<{ id_number: string }>(`select id_number from person p where not exists (select 1 from pension_award a where a.person_id = p.id) order by id limit 1`)).rows[0];
  // January to March 2026 paid to the first pensioner (the bank confirmed them)
  for (const [k, period] of ['2026-01', '2026-02', '2026-03'].entries()) {
    await db.owner.query(`insert into payroll_batch (id, fund_code, region_code, period, status, job_id, created_by) values ($1, $2, '990000', $3, 'settled', 1, 'test')`, [900 + k, paidAfter.fund_code, period]);
    await db.owner.query(`insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount, status, paid_on)
      values ($1, $2, $3, $4, '990000', $5, $6, 'paid', $7)`, [paidAfter.person_id, 910 + k, 900 + k, paidAfter.id, `YLTEST${period}`, paidAfter.monthly, `${period}-10`]);
  }

  const bad = await refusal(importDeaths(db.database, actor, csv('deaths-bad.csv', [
    [paidAfter.id_number, '2026-01-15'], ['990102199001011234', '2026-01-01'], [noLines.id_number, '2099-01-01'], [paidAfter.id_number, '2026-01-16'],
  ])));
  assert.equal(bad?.status, 422);
  assert.deepEqual(bad!.rows!.map((r) => [r.row, r.field]), [[3, 'idNumber'], [4, 'dateOfDeath'], [5, 'idNumber']], 'every bad row, none of the good');
  assert.equal(await count('death_record'), 0, 'nothing applied');

  const file = csv('deaths.csv', [[paidAfter.id_number, '2026-01-15'], [noLines.id_number, '2025-12-31'], [nonPensioner.id_number, '2026-02-01']]);
  const result = await importDeaths(db.database, actor, file);
  const monthly = BigInt(paidAfter.monthly), monthlyOther = BigInt(noLines.monthly);
  const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
  assert.deepEqual({ ...result, importId: undefined, sha256: undefined }, {
    importId: undefined, sha256: undefined, alreadyImported: false, rows: 3, recorded: 3, alreadyRecorded: 0, suspended: 2, overpayments: 1,
    overpaidAmount: yuan(monthly * 2n), funeralGrants: '10000.00', survivorPensions: yuan((monthly + monthlyOther) * 10n),
  });
  const status = (await db.owner.query<{ status: string; reason: string; event: string; period: string }>(
    `select a.status, a.status_reason as reason, e.event, e.effective_period as period from pension_award a join pension_award_event e on e.person_id = a.person_id and e.award_id = a.id
      where a.id = $1`, [paidAfter.id])).rows;
  assert.deepEqual(status, [{ status: 'suspended', reason: '死亡（2026-01-15），自 2026-02 起停发养老金', event: 'suspended', period: '2026-02' }]);
  const [overpayment] = (await listOverpayments(db.database, actor, { status: 'open' }, { limit: 10 })).items;
  assert.deepEqual([overpayment.idNumber, overpayment.periods, overpayment.amount, overpayment.outstanding, overpayment.dateOfDeath], [paidAfter.id_number, ['2026-02', '2026-03'], yuan(monthly * 2n), yuan(monthly * 2n), '2026-01-15']);
  const entitlements = (await db.owner.query<{ kind: string; amount: string }>(`select kind, amount::text from survivor_entitlement where award_id = $1 order by kind`, [paidAfter.id])).rows;
  assert.deepEqual(entitlements, [{ kind: 'funeral_grant', amount: '500000' }, { kind: 'survivor_pension', amount: String(monthly * 10n) }]);

  // the same file again: its first answer, nothing new; the same death in another file: skipped; another date: refused
  const again = await importDeaths(db.database, actor, file);
  assert.deepEqual([again.alreadyImported, again.recorded, await count('death_record'), await count('benefit_overpayment')], [true, 3, 3, 1]);
  const repeat = await importDeaths(db.database, actor, csv('deaths-2.csv', [[noLines.id_number, '2025-12-31']]));
  assert.deepEqual([repeat.recorded, repeat.alreadyRecorded, await count('death_record')], [0, 1, 3]);
  const otherDate = await refusal(importDeaths(db.database, actor, csv('deaths-3.csv', [[noLines.id_number, '2025-11-30']])));
  assert.deepEqual(otherDate!.rows!.map((r) => r.field), ['dateOfDeath']);

  // recoveries: an offset is never recorded by hand (a payment order's approval makes it), more than owed is refused, refunds close it
  const id = BigInt(overpayment.id);
  assert.match((await refusal(recordRecovery(db.database, actor, id, { recoveryMethod: 'offset', amount: '1.00', recoveredOn: '2026-04-01', reference: 'x' })))!.message, /offset is recorded by itself when a benefit payment order is approved/);
  assert.equal((await refusal(recordRecovery(db.database, actor, id, { recoveryMethod: 'refund', amount: yuan(monthly * 2n + 1n), recoveredOn: '2026-04-01', reference: 'TK1' })))?.status, 409);
  const part = await recordRecovery(db.database, actor, id, { recoveryMethod: 'refund', amount: yuan(monthly), recoveredOn: '2026-04-01', reference: 'TK1' });
  assert.deepEqual([part.recovered, part.outstanding, part.status], [yuan(monthly), yuan(monthly), 'open']);
  const rest = await recordRecovery(db.database, actor, id, { recoveryMethod: 'instalment', amount: yuan(monthly), recoveredOn: '2026-05-01', reference: 'FQ-1' });
  assert.deepEqual([rest.recovered, rest.outstanding, rest.status], [yuan(monthly * 2n), '0.00', 'recovered']);
  assert.equal((await refusal(recordRecovery(db.database, actor, id, { recoveryMethod: 'refund', amount: '1.00', recoveredOn: '2026-05-02', reference: 'TK2' })))?.status, 409);
  assert.match((await refusal(db.owner.query('update benefit_overpayment set amount = amount + 1')))!.message, /amounts never change/);
  assert.match((await refusal(db.owner.query('delete from benefit_overpayment_recovery')))!.message, /append-only/);
});
