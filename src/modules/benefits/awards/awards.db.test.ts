/**
 * Pension awards on the server's quote: the demo's awards are quotePension's figures of their kept input; a request
 * is quoted again from the person's record and the submitted history (refused when the input contradicts the record,
 * when the quote the operator saw has another total, when not eligible), and the signed-off award keeps the trace.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { quotePension } from '../pension/quote.calc.ts';
import { pensionQuoteParameters, readPensionQuoteInput } from '../pension/quote.service.ts';
import { requestAward } from './awards.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const operator = systemActor('award-test', ['pension.award.request', 'benefits.read']);

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 11, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number; field?: string }; } return null; };
const yuanOf = (fen: string | bigint) => { const f = BigInt(fen); return `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`; };

test('every demo award is quotePension of the input it keeps, each part to the fen, with the trace', { skip }, async () => {
  const { rows } = await db.owner.query<{ quote: { input: Record<string, unknown>; trace: unknown[] }; basic: string; account: string; transitional: string; total: string; months: number; awarded_on: string }>(
    `select quote, basic_pension::text as basic, account_pension::text as account, transitional_pension::text as transitional, monthly_amount::text as total,
       contribution_months as months, awarded_on::text from pension_award`);
  assert.ok(rows.length > 20, `the demo has pensioners (${rows.length})`);
  let withTransitional = 0;
  for (const award of rows) {
    const { source, ...raw } = award.quote.input;
    assert.equal(source, 'sifund demo');
    const input = readPensionQuoteInput(raw);
    const today = new Date().toISOString().slice(0, 10);
    const quote = quotePension(input, pensionQuoteParameters(getParameters(), { ...input, retirementDate: today }));
    assert.equal(quote.eligible, true);
    assert.deepEqual([quote.basicPension, quote.accountPension, quote.transitionalPension, quote.total], [yuanOf(award.basic), yuanOf(award.account), yuanOf(award.transitional), yuanOf(award.total)]);
    assert.equal(award.months, input.contributionMonths + input.deemedMonths);
    assert.ok(award.months >= 180, 'deemed months top the retirement job up to the minimum');
    assert.match(JSON.stringify(award.quote.trace), /国发〔2005〕38号/);
    if (BigInt(award.transitional) > 0n) withTransitional++;
  }
  assert.ok(withTransitional > 0, 'the demo province pays a transitional pension to those with deemed months');
});

test('a request is quoted again on the server: refused against the record or the quote seen, written with the trace once signed off', { skip }, async () => {
  const person = (await db.owner.query<{ id_number: string; birth_date: string; gender: string; region_code: string }>(
    `select id_number, birth_date::text, gender, region_code from person p where gender = 'M'
       and not exists (select 1 from pension_award a where a.person_id = p.id) order by id limit 1`)).rows[0];
  assert.ok(person, 'a man without an award');
  // the first of the month after the 61st birthday: 61 completed years whatever the day of birth
  const retirementDate = `${addMonths(`${Number(person.birth_date.slice(0, 4)) + 61}${person.birth_date.slice(4, 7)}`, 1)}-01`;
  const history = { contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00' };
  const request = (input: Record<string, unknown>, quote?: { total: string }) =>
    requestAward(db.database, operator, { idNumber: person.id_number, retirementDate, bankAccount: '6217000011112222', input, ...(quote ? { quote } : {}) });

  const otherBirth = await refusal(request({ ...history, birthDate: '1950-01-01', gender: 'female' }));
  assert.equal(otherBirth?.status, 400);
  assert.match(otherBirth!.message, /input\.birthDate: says 1950-01-01, the person's record/);
  assert.match(otherBirth!.message, /input\.gender: says female/);
  const otherTotal = await refusal(request(history, { total: '9999.99' }));
  assert.equal(otherTotal?.status, 409);
  assert.match(otherTotal!.message, /says 9999\.99, the server's quote .* gives 3397\.58/);
  const short = await refusal(request({ ...history, contributionMonths: 100 }));
  assert.equal(short?.status, 400);
  assert.match(short!.message, /fall short of the \d+ months/);
  const malformed = await refusal(request({ ...history, averageIndex: 'high' }));
  assert.match(malformed!.message, /averageIndex/);

  // W 8000, I 1.2, 30 years, age 61 (divisor 132): (8000 + 9600) ÷ 2 × 30 × 1% = 2640.00; 100000 ÷ 132 = 757.58
  const item = await request(history, { total: '3397.58' });
  const approved = await signOff(db.database, item);
  assert.equal(approved.status, 'approved');
  const award = (await db.owner.query<{ monthly: string; months: number; quote: { total: string; trace: { step: string; value: unknown }[]; input: { birthDate: string } } }>(
    `select a.monthly_amount::text as monthly, a.contribution_months as months, a.quote from pension_award a join person p on p.id = a.person_id where p.id_number = $1`, [person.id_number])).rows[0];
  assert.equal(award.monthly, '339758');
  assert.equal(award.months, 360);
  assert.equal(award.quote.input.birthDate, person.birth_date, 'the birth date of the record');
  assert.ok(award.quote.trace.some((s) => s.step === 'divisor' && s.value === 132));
  assert.ok(award.quote.trace.some((s) => s.step === 'total' && s.value === '3397.58'));
});
