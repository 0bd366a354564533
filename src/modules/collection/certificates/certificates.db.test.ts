/**
 * Certificates anyone can verify: the insured person downloads a 参保证明 (insurances, employer, periods, months paid)
 * and staff issue a 个人权益记录单 (per year the months and contributions paid and the individual account); each
 * carries a random verification code, and GET /api/public/verify/:code, without sign-in, answers what it says with
 * the ID number masked — or 404 for a code never issued, 400 for text that cannot be a code.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { closePdfBrowser } from '../../../platform/reports/pdf.ts';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { billPeriod, EMPLOYER_A, seedCollection } from '../payments/payments.testing.ts';
import { certificateRoutes } from './certificates.routes.ts';
import { certificatePage } from './certificates.page.ts';
import type { IssuedCertificate, VerifiedCertificate } from './certificates.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const ID_NUMBER = '990102198501010011';

let server: TestServer;
let person: Client, operator: Client, westOperator: Client;
let personId: bigint;

before(async () => {
  if (skip) return;
  server = await startTestServer([certificateRoutes]);
  const { database } = server.test;
  await seedCollection(database);
  await billPeriod(database, '2026-01');
  await billPeriod(database, '2026-02');
  // January paid in full (7,240.00 for two persons); February not paid
  const due = (await database.db.selectFrom('bill').select('due_date').where('period', '=', '2026-01').executeTakeFirstOrThrow()).due_date;
  await recordPayment(database, systemActor('test', ['payment.record']), { creditCode: EMPLOYER_A, date: due, amount: '7240.00' });
  personId = (await database.db.selectFrom('person').select('id').where('id_number', '=', ID_NUMBER).executeTakeFirstOrThrow()).id;
  person = await addUser(server, 'p.one', 'person', '990102', { personId });
  operator = await addUser(server, 'op.east', 'operator', '990102');
  westOperator = await addUser(server, 'op.west', 'operator', '990103');
});
after(async () => { await closePdfBrowser(); await server?.close(); });

const verify = (code: string) => server.app.inject({ method: 'GET', url: `/api/public/verify/${encodeURIComponent(code)}` });

let participation: IssuedCertificate;

test('the insured person\'s 参保证明: each insurance with its employer since hire and the months paid in full', { skip }, async () => {
  const { status, body } = await person.json<IssuedCertificate>('GET', '/api/me/certificates/participation');
  assert.equal(status, 200, JSON.stringify(body));
  participation = body;
  assert.match(body.verificationCode, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  assert.equal(body.idNumber, ID_NUMBER, 'the paper carries the full number');
  assert.equal(body.facts.kind, 'participation');
  if (body.facts.kind !== 'participation') return;
  assert.deepEqual(body.facts.person, { name: '职工0011', idNumber: '990102********0011' });
  const pension = body.facts.insurances.find((item) => item.insurance === 'pension')!;
  assert.deepEqual(pension, { insurance: 'pension', spans: [{ insurance: 'pension', employerName: '甲公司', from: '2025-01-01', to: null }], monthsPaid: 1, firstPaid: '2026-01', lastPaid: '2026-01' });
  assert.ok(certificatePage(body).includes(`<strong>${body.verificationCode}</strong>`));
});

test('anyone verifies the code without signing in: kind, name, masked ID number, issue date and the facts, intact', { skip }, async () => {
  const answer = await verify(participation.verificationCode);
  assert.equal(answer.statusCode, 200, answer.body);
  const body = answer.json() as VerifiedCertificate;
  assert.deepEqual([body.kind, body.name, body.idNumber, body.issuedOn, body.intact], ['participation', '职工0011', '990102********0011', todayInChina(), true]);
  assert.deepEqual(body.facts, participation.facts);
  // typed as people type it: lower case, without hyphens
  assert.equal((await verify(participation.verificationCode.replace(/-/g, '').toLowerCase())).statusCode, 200);
});

test('a code never issued is refused (404); text that cannot be a code is a 400 naming the field', { skip }, async () => {
  const other = participation.verificationCode.startsWith('Z') ? `Y${participation.verificationCode.slice(1)}` : `Z${participation.verificationCode.slice(1)}`;
  const unknown = await verify(other);
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.json().error.message, /the document with verification code .* not found/);
  const garbage = await verify('not-a-code');
  assert.equal(garbage.statusCode, 400);
  assert.equal(garbage.json().error.field, 'verificationCode');
});

test('staff issue the 个人权益记录单: per year the months and contributions paid and the individual account', { skip }, async () => {
  const { status, body } = await operator.json<IssuedCertificate>('GET', `/api/persons/${personId}/certificates/rights_record`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.facts.kind, 'rights_record');
  if (body.facts.kind !== 'rights_record') return;
  assert.deepEqual(body.facts.years.map((year) => year.year), [2026]);
  const [year] = body.facts.years;
  // January only (February is unpaid): 10,000.00 × 8% and × 16%
  assert.deepEqual(year.insurances.find((item) => item.insurance === 'pension'), { insurance: 'pension', monthsPaid: 1, employeeAmount: '800.00', employerAmount: '1600.00' });
  assert.deepEqual(year.account, { year: 2026, opening: '0.00', credits: '800.00', interest: '0.00', closing: '800.00' });
  assert.notEqual(body.verificationCode, participation.verificationCode, 'each certificate its own code');
  assert.equal((await verify(body.verificationCode)).json().kind, 'rights_record');
});

test('a county outside the person\'s region issues nothing for them; the PDF is a printed A4', { skip }, async () => {
  assert.equal((await westOperator.json('GET', `/api/persons/${personId}/certificates/participation`)).status, 404);
  const pdf = await person.request('GET', '/api/me/certificates/participation?format=pdf');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
});
