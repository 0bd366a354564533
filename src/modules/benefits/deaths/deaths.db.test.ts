/**
 * The death registry import on a small demo city: a file with a bad row applies nothing and lists every bad row; a
 * good file suspends the pension from the month after death (status and a dated event), opens the recovery of the
 * months paid after death at the amounts paid, records the survivors' funeral grant and survivor pension at the
 * province's amounts; the same file again changes nothing. Money recovered goes through sign-off (复核、审批, kind
 * benefit.recovery): pending until the final approval, which records it, closes the overpayment when covered and posts
 * Dr 收入户存款 / Cr 基本养老金支出 (months of the year received) or 其他收入 (an earlier year's); a returned and cancelled
 * item records nothing; more than owed is refused at recording and again at approval; the recorder never signs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { decide, drafterAction } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { registerDeathCommands } from './deaths.cli.ts';
import { importDeaths, listOverpayments, recordRecovery } from './deaths.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('deaths-test', ['pension.death.import', 'pension.recovery.record', 'benefits.read', 'personal.full.read']);

let db: TestDatabase;
let previousUrl: string | undefined;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 13, password: 'demo-pass-2024' });
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await db?.drop();
});

const csv = (name: string, rows: string[][]) => ({ fileName: name, content: Buffer.from(['idNumber,dateOfDeath', ...rows.map((r) => r.join(','))].join('\n')) });
const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number; code?: string; field?: string; rows?: { row: number; field: string }[] }; } return null; };
const count = async (table: string) => Number((await db.owner.query(`select count(*) as n from ${table}`)).rows[0].n);

test('deaths: all or nothing, pensions suspended from the next month, months paid after death recovered, survivors\' grants recorded', { skip }, async () => {
  const awards = (await db.owner.query<{ person_id: string; id: string; id_number: string; monthly: string; fund_code: string }>(
    `select a.person_id::text, a.id::text, p.id_number, a.monthly_amount::text as monthly, a.fund_code from pension_award a join person p on p.id = a.person_id
      where a.status = 'active' order by a.person_id limit 2`)).rows;
  const [paidAfter, noLines] = awards;
  const nonPensioner = (await db.owner.query<{ id_number: string }>(`select id_number from person p where not exists (select 1 from pension_award a where a.person_id = p.id) order by id limit 1`)).rows[0];
  // November 2025 to January 2026 paid to the first pensioner (the bank confirmed them)
  for (const [k, period] of ['2025-11', '2025-12', '2026-01'].entries()) {
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

  const file = csv('deaths.csv', [[paidAfter.id_number, '2025-11-15'], [noLines.id_number, '2025-12-31'], [nonPensioner.id_number, '2026-02-01']]);
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
  assert.deepEqual(status, [{ status: 'suspended', reason: '死亡（2025-11-15），自 2025-12 起停发养老金', event: 'suspended', period: '2025-12' }]);
  const [overpayment] = (await listOverpayments(db.database, actor, { status: 'open' }, { limit: 10 })).items;
  assert.deepEqual([overpayment.idNumber, overpayment.periods, overpayment.amount, overpayment.outstanding, overpayment.dateOfDeath], [paidAfter.id_number, ['2025-12', '2026-01'], yuan(monthly * 2n), yuan(monthly * 2n), '2025-11-15']);
  const entitlements = (await db.owner.query<{ kind: string; amount: string }>(`select kind, amount::text from survivor_entitlement where award_id = $1 order by kind`, [paidAfter.id])).rows;
  assert.deepEqual(entitlements, [{ kind: 'funeral_grant', amount: '500000' }, { kind: 'survivor_pension', amount: String(monthly * 10n) }]);

  // the same file again: its first answer, nothing new; the same death in another file: skipped; another date: refused
  const again = await importDeaths(db.database, actor, file);
  assert.deepEqual([again.alreadyImported, again.recorded, await count('death_record'), await count('benefit_overpayment')], [true, 3, 3, 1]);
  const repeat = await importDeaths(db.database, actor, csv('deaths-2.csv', [[noLines.id_number, '2025-12-31']]));
  assert.deepEqual([repeat.recorded, repeat.alreadyRecorded, await count('death_record')], [0, 1, 3]);
  const otherDate = await refusal(importDeaths(db.database, actor, csv('deaths-3.csv', [[noLines.id_number, '2025-11-30']])));
  assert.deepEqual(otherDate!.rows!.map((r) => r.field), ['dateOfDeath']);

  // recoveries: an offset is never recorded by hand (a payment order's approval makes it), more than owed is refused naming the amount
  const id = BigInt(overpayment.id), owed = monthly * 2n;
  const [operator, reviewer, approver] = [testUser('operator', 3), testUser('reviewer', 1), testUser('approver', 2)];
  const refund = (amount: bigint, reference: string, recoveredOn = '2026-04-01') => ({ recoveryMethod: 'refund' as const, amount: yuan(amount), recoveredOn, reference });
  const current = async () => (await listOverpayments(db.database, actor, {}, { limit: 10 })).items.find((o) => o.id === overpayment.id)!;
  const state = async () => { const o = await current(); return [o.recovered, o.pending, o.outstanding, o.status]; };
  const entryLines = async () => (await db.owner.query<{ code: string; debit: string; credit: string; date: string; fund: string }>(`
    select a.code, l.debit::text, l.credit::text, e.value_date::text as date, f.code as fund from accounting_entry e
      join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id join fund_account a on a.id = l.account_id join fund f on f.id = e.fund_id
     where e.source_type = 'benefit_overpayment' and e.source_id = $1 order by e.posted_at, e.id, l.line_number`, [overpayment.id])).rows;
  assert.match((await refusal(recordRecovery(db.database, operator, id, { recoveryMethod: 'offset', amount: '1.00', recoveredOn: '2026-04-01', reference: 'x' })))!.message, /offset is recorded by itself when a benefit payment order is approved/);
  const tooMuch = await refusal(recordRecovery(db.database, operator, id, refund(owed + 1n, 'TK0')));
  assert.deepEqual([tooMuch?.status, tooMuch?.field], [409, 'amount']);
  assert.equal((await refusal(recordRecovery(db.database, operator, id, refund(monthly, 'TK0', '2099-01-01'))))?.field, 'recoveredOn');

  // recorded: an item waiting for 复核, the overpayment shows it pending, nothing recovered or posted yet
  const first = await recordRecovery(db.database, operator, id, refund(monthly, 'TK1'));
  assert.deepEqual([first.kind, first.status, first.nextLevel?.label, first.amount, first.levels.map((l) => l.label)], ['benefit.recovery', 'pending', '复核', yuan(monthly), ['复核', '审批']]);
  assert.deepEqual(await state(), ['0.00', yuan(monthly), yuan(owed), 'open']);
  assert.deepEqual([await count('benefit_overpayment_recovery'), (await entryLines()).length], [0, 0]);

  // returned with its reason and withdrawn: nothing recorded, nothing posted, nothing pending
  const returned = await decide(db.database, reviewer, BigInt(first.id), 'return', '回单号与银行流水不符');
  assert.deepEqual([returned.status, returned.timeline.at(-1)?.comment], ['returned', '回单号与银行流水不符']);
  await drafterAction(db.database, operator, BigInt(first.id), 'cancel', '银行流水未到账，撤回');
  assert.deepEqual(await state(), ['0.00', '0.00', yuan(owed), 'open']);
  assert.deepEqual([await count('benefit_overpayment_recovery'), (await entryLines()).length], [0, 0]);

  // the recorder never signs: a reviewer who records it cannot review it
  const own = await recordRecovery(db.database, reviewer, id, refund(monthly, 'TK2'));
  const selfSigned = await refusal(decide(db.database, reviewer, BigInt(own.id), 'approve', null));
  assert.deepEqual([selfSigned?.status, selfSigned?.code], [403, 'separation_of_duties']);

  // two recorded while both wait, each within what is owed; the first approved is recorded and posted: the oldest month
  // (2025-12) was last year's expense, so other income (4009); the money into the 收入户 (1002) on the day received
  const second = await recordRecovery(db.database, operator, id, { recoveryMethod: 'instalment', amount: yuan(owed), recoveredOn: '2026-05-01', reference: 'FQ-1' });
  assert.deepEqual(await state(), ['0.00', yuan(monthly + owed), yuan(owed), 'open']);
  const approved = await signOff(db.database, own, [approver, operator, testUser('reviewer', 4)]);
  assert.deepEqual([approved.status, (approved.result as { outstanding: string }).outstanding], ['approved', yuan(monthly)]);
  assert.deepEqual(await state(), [yuan(monthly), yuan(owed), yuan(monthly), 'open']);
  assert.deepEqual((await entryLines()).map((l) => [l.fund, l.date, l.code, l.debit, l.credit]), [
    [paidAfter.fund_code, '2026-04-01', '1002', String(monthly), '0'], [paidAfter.fund_code, '2026-04-01', '4009', '0', String(monthly)],
  ]);
  // the second asks for more than is now owed: refused at approval, still waiting, nothing recorded
  const late = await refusal(signOff(db.database, second, [reviewer, approver]));
  assert.deepEqual([late?.status, late?.field], [409, 'amount']);
  assert.match(late!.message, new RegExp(`more than the ${yuan(monthly)} still owed`));
  assert.equal(await count('benefit_overpayment_recovery'), 1);

  // an instalment of the rest, recorded by the CLI: 2026-01 is this year's 基本养老金支出 (500101), reduced; covered, the overpayment closes
  const sifund = (...args: string[]) => runCommand(registerDeathCommands, args);
  const refused = await sifund('pension', 'recover', overpayment.id, '--method', 'offset', '--amount', '1.00', '--recovered-on', '2026-05-02', '--reference', 'FQ-2');
  assert.deepEqual([refused.code, /recoveryMethod|recovery method/.test(refused.stderr)], [1, true], refused.stderr);
  const cli = await sifund('pension', 'recover', overpayment.id, '--method', 'instalment', '--amount', yuan(monthly), '--recovered-on', '2026-05-02', '--reference', 'FQ-2');
  const [, restId] = new RegExp(`^approval item (\\d+) \\(待遇追回到账 ${yuan(monthly).replace('.', '\\.')}\\): waits for 复核`).exec(cli.stdout) ?? [];
  assert.ok(restId, `the item's number, its amount and that it waits for 复核: ${cli.stdout}${cli.stderr}`);
  await signOff(db.database, restId, [reviewer, approver]);
  assert.deepEqual((await entryLines()).slice(2).map((l) => [l.date, l.code, l.debit, l.credit]), [['2026-05-02', '1002', String(monthly), '0'], ['2026-05-02', '500101', '0', String(monthly)]]);
  const closed = await current();
  assert.deepEqual([closed.recovered, closed.outstanding, closed.status], [yuan(owed), '0.00', 'recovered']);
  const recorded = (await db.owner.query<{ method: string; amount: string; reference: string; recorded_by: string }>(
    'select method, amount::text, reference, recorded_by from benefit_overpayment_recovery where overpayment_id = $1 order by recovered_on', [overpayment.id])).rows;
  assert.deepEqual(recorded, [
    { method: 'refund', amount: String(monthly), reference: 'TK2', recorded_by: reviewer.username },
    { method: 'instalment', amount: String(monthly), reference: 'FQ-2', recorded_by: 'system:pension-recovery' },
  ]);
  assert.equal((await refusal(recordRecovery(db.database, operator, id, refund(100n, 'TK3'))))?.status, 409, 'nothing left to recover');
  assert.match((await refusal(db.owner.query('update benefit_overpayment set amount = amount + 1')))!.message, /amounts never change/);
  assert.match((await refusal(db.owner.query('delete from benefit_overpayment_recovery')))!.message, /append-only/);
});
