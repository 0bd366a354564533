/**
 * Input that used to reach loops and the database unchecked: dates far in the future, months 13, huge offsets
 * and ids, NUL bytes. Each is a 400 naming the field and its rule, without PostgreSQL's words; valid requests
 * still answer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer, type Client } from '../testing/http.ts';
import { routePlugins } from '../../app.ts';
import { inputRange } from '../dates.ts';
import { EMPLOYER_A, seedCollection } from '../../modules/collection/payments/payments.testing.ts';
import { fieldLabel } from '../messages.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';

let server: TestServer;
let auditor: Client, operator: Client;
const { lastDate, lastYear } = inputRange();
const POSTGRES_WORDS = /invalid byte sequence|out of range for type|invalid input syntax|violates|Key \(|0x00|unsupported Unicode/;

before(async () => {
  if (skip) return;
  server = await startTestServer(routePlugins);
  await seedCollection(server.test.database);
  auditor = await addUser(server, 'audit.prov', 'auditor', '990000');
  operator = await addUser(server, 'op.east', 'operator', '990102');
});
after(() => server?.close());

/** A 400 whose field is `field` and whose message starts with the field's label and carries no PostgreSQL text. */
function refused(response: { status: number; body: any }, field: string, rule?: RegExp) {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  assert.equal(response.body.error.field, field, JSON.stringify(response.body));
  assert.ok(response.body.error.message.startsWith(`${fieldLabel(field, 'en')}: `), response.body.error.message);
  assert.doesNotMatch(response.body.error.message, POSTGRES_WORDS);
  if (rule) assert.match(response.body.error.message, rule);
}

test('hledger export: a far date or a range over ten years is a quick 400 naming to; many of them leave the pool free', { skip }, async () => {
  const started = Date.now();
  const far = await auditor.json('GET', '/api/ledger/export/hledger?from=2026-01-01&to=9999-12-31');
  refused(far, 'to', new RegExp(`^to: must be a real date YYYY-MM-DD between 1990-01-01 and ${lastDate}$`));
  assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);

  refused(await auditor.json('GET', '/api/ledger/export/hledger?from=2000-01-01&to=2026-01-31'), 'to', /at most 10 years \(120 months\)/);
  refused(await auditor.json('GET', '/api/ledger/export/hledger?from=2026-02-01&to=2026-01-31'), 'to', /must not be before from/);
  refused(await auditor.json('GET', '/api/ledger/export/hledger?from=1989-12-31&to=2026-01-31'), 'from');

  // Twenty at once (the pool has ten connections): all refused, and the server still answers a valid export.
  const burst = await Promise.all(Array.from({ length: 20 }, () => auditor.json('GET', `/api/ledger/export/hledger?from=1990-01-01&to=${lastDate}`)));
  for (const response of burst) refused(response, 'to', /at most 10 years/);
  const valid = await auditor.request('GET', '/api/ledger/export/hledger?from=2026-01-01&to=2026-01-31');
  assert.equal(valid.statusCode, 200, valid.body);
  assert.match(valid.headers['content-type'] as string, /^text\/plain/);
  assert.match(valid.body, /^; sifund fund ledger, 2026-01-01 to 2026-01-31/);
});

test('arrears and payments: 9999-12-31 is a 400 naming the field; a sane date answers', { skip }, async () => {
  refused(await auditor.json('GET', `/api/arrears?employer=${EMPLOYER_A}&asOf=9999-12-31`), 'asOf', /between 1990-01-01 and/);
  refused(await auditor.json('GET', '/api/arrears/dunning?asOf=9999-12-31'), 'asOf');
  refused(await auditor.json('GET', `/api/arrears?employer=${EMPLOYER_A}&asOf=2026-02-30`), 'asOf', /real date/);
  assert.equal((await auditor.json('GET', `/api/arrears?employer=${EMPLOYER_A}&asOf=2026-02-25`)).status, 200);

  refused(await operator.json('POST', '/api/payments', { creditCode: EMPLOYER_A, date: '9999-12-31', amount: '1.00' }), 'date');
  refused(await operator.json('POST', '/api/payments', { creditCode: EMPLOYER_A, date: '2026-02-20', amount: '1e30' }), 'amount', /yuan/);
  refused(await auditor.json('GET', '/api/payments?to=9999-12-31'), 'to');
  assert.equal((await auditor.json('GET', '/api/payments?from=2026-01-01&to=2026-12-31')).status, 200);
});

test('offsets, limits and ids out of range are 400s naming them', { skip }, async () => {
  const accounts = (await auditor.json('GET', '/api/ledger/funds/pension-990000/accounts')).body.items;
  const account = accounts[0].code;
  refused(await auditor.json('GET', `/api/ledger/funds/pension-990000/accounts/${account}/lines?period=2026-01&offset=1e30`), 'offset', /at most 100000/);
  assert.equal((await auditor.json('GET', `/api/ledger/funds/pension-990000/accounts/${account}/lines?period=2026-01&offset=0`)).status, 200);
  refused(await auditor.json('GET', '/api/bills?offset=1e30'), 'offset');
  refused(await auditor.json('GET', '/api/payments?offset=1e30'), 'offset');
  refused(await auditor.json('GET', '/api/persons?limit=1e30'), 'limit');
  refused(await auditor.json('GET', '/api/persons/9999999999999999999'), 'id', /at most 9223372036854775807/);
  assert.equal((await auditor.json('GET', '/api/persons/9223372036854775807')).status, 404);
  refused(await auditor.json('GET', '/api/ledger/funds/pension-990000/entries?before=9999999999999999999'), 'before');
});

test('months, years and audit timestamps out of range are 400s naming them', { skip }, async () => {
  refused(await auditor.json('GET', '/api/collection/kpis?from=2026-13&to=2026-12'), 'from', /must be a month YYYY-MM between 1990-01 and/);
  refused(await auditor.json('GET', '/api/collection/kpis?from=2026-01&to=9999-12'), 'to');
  assert.equal((await auditor.json('GET', '/api/collection/kpis?from=2026-01&to=2026-03')).status, 200);
  refused(await auditor.json('GET', '/api/billing/summary?period=2026-13'), 'period');
  refused(await auditor.json('GET', '/api/ledger/funds/pension-990000/trial-balance?period=2026-13'), 'period');
  assert.equal((await auditor.json('GET', '/api/ledger/funds/pension-990000/trial-balance?period=2026-01')).status, 200);
  refused(await auditor.json('GET', '/api/ledger/funds/pension-990000/statements/income-expenditure?period=9999'), 'period');
  assert.equal((await auditor.json('GET', '/api/ledger/funds/pension-990000/statements/income-expenditure?period=2026-Q1')).status, 200);
  refused(await auditor.json('GET', `/api/persons/1/account?year=${lastYear + 1}`), 'year', new RegExp(`between 1990 and ${lastYear}`));
  refused(await auditor.json('GET', '/api/params?path=contribution.pension.employer_rate&date=9999-12-31'), 'date');

  refused(await auditor.json('GET', '/api/audit?from=99999'), 'from');
  refused(await auditor.json('GET', '/api/audit?to=9999-12-31T00:00:00Z'), 'to');
  assert.equal((await auditor.json('GET', '/api/audit?from=2026-01-01T16:00:00.000Z&to=2026-01-02')).status, 200);
  // Beyond the schema, PostgreSQL's own refusal is worded by sifund: here a cursor's id, a bigint out of range.
  const hugeCursor = await auditor.json('GET', `/api/audit?after=${Buffer.from(JSON.stringify(['99999999999999999999'])).toString('base64url')}`);
  assert.equal(hugeCursor.status, 400, JSON.stringify(hugeCursor.body));
  assert.doesNotMatch(hugeCursor.body.error.message, POSTGRES_WORDS);
});

test('a NUL byte in a body or query field is a 400 naming it; the same request without it succeeds', { skip }, async () => {
  refused(await operator.json('POST', '/api/persons', { idNumber: '110101200002290018', name: '王\u0000五' }), 'name', /NUL/);
  refused(await operator.json('GET', '/api/employers?q=%00abc'), 'q', /NUL/);
  refused(await operator.json('POST', '/api/payments', { creditCode: EMPLOYER_A, date: '2026-02-20', amount: '1.00', reference: 'x\u0000' }), 'reference', /NUL/);
  // A file's cells reach the database through the import, not a schema: PostgreSQL refuses, and sifund words it.
  const upload = await operator.upload('/api/imports/persons', 'persons.csv', 'idNumber,name\n11010519491231002X,张\u0000三\n');
  assert.ok(upload.status >= 400 && upload.status < 500, JSON.stringify(upload.body));
  assert.doesNotMatch(JSON.stringify(upload.body), POSTGRES_WORDS);
  const created = await operator.json('POST', '/api/persons', { idNumber: '110101200002290018', name: '王五' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
});

test('the API description still builds and shows the rules (x-check beside format and pattern)', { skip }, async () => {
  const response = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
  assert.equal(response.statusCode, 200);
  const parameters = JSON.parse(response.body).paths['/api/ledger/export/hledger'].get.parameters as { name: string; schema: Record<string, unknown> }[];
  const to = parameters.find((p) => p.name === 'to')!;
  assert.deepEqual([to.schema.format, to.schema['x-check']], ['date', 'date']);
});
