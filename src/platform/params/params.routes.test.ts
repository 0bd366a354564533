import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../errors.ts';
import type { App } from '../http/server.ts';
import { inputChecks } from '../http/input-checks.ts';
import { paramsRoutes } from './params.routes.ts';
import { todayInChina } from './params.store.ts';

// The routes alone, with the server's AJV options and error mapping (sign-in is the server hook's job,
// covered by params.routes.db.test.ts).
let app: App;
before(async () => {
  app = Fastify({ ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false }, plugins: [inputChecks] } }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setErrorHandler((error: any, _request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send(error.toJSON());
    if (error.validation) {
      const first = error.validation[0];
      const field = first?.instancePath?.replace(/^\//, '') || first?.params?.missingProperty;
      return reply.status(400).send({ error: { code: 'invalid', message: `${field}: ${first?.message}`, field } });
    }
    return reply.status(500).send({ error: { code: 'internal', message: String(error) } });
  });
  await paramsRoutes(app);
  await app.ready();
});
after(() => app.close());

const get = async (url: string, acceptLanguage?: string) => {
  const response = await app.inject({ method: 'GET', url, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
  return { status: response.statusCode, body: JSON.parse(response.body) };
};

test('GET /api/params: rates as decimal strings, money as yuan strings, regional overrides', async () => {
  const cases: [url: string, expected: Record<string, unknown>][] = [
    ['/api/params?path=contribution.pension.employer_rate&date=2019-05-01', { value: '0.16', since: '2019-05-01', region: null }],
    ['/api/params?path=contribution.pension.employer_rate&date=2019-04-30', { value: '0.19', since: '2016-05-01', region: null }],
    ['/api/params?path=contribution.late_fee.daily_rate&date=2024-01-01', { value: '0.0005', since: '2011-07-01', region: null }],
    ['/api/params?path=contribution.base.average_wage&date=2024-03-01&region=990102', { value: '7950.00', since: '2024-01-01', region: '990000' }],
    ['/api/params?path=contribution.medical.employer_rate&date=2024-03-01&region=990100', { value: '0.09', region: '990000' }],
    ['/api/params?path=contribution.medical.employer_rate&date=2024-03-01&region=', { value: '0.08', region: null }],
    ['/api/params?path=contribution.due_day&date=2024-03-01', { value: 15 }],
    ['/api/params?path=pension.annuity_divisor&date=2024-03-01', { since: '2006-01-01' }],
  ];
  for (const [url, expected] of cases) {
    const { status, body } = await get(url);
    assert.equal(status, 200, `${url}: ${JSON.stringify(body)}`);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(body[key], value, `${url} ${key}`);
    assert.ok(body.reference && body.path, url);
  }
  assert.equal((await get('/api/params?path=pension.annuity_divisor&date=2024-03-01')).body.value['60'], 139);
});

test('the description in the language of Accept-Language: the file\'s description in Chinese, description_en otherwise', async () => {
  const chinese = '企业职工基本养老保险单位缴费比例（占工资总额）';
  const english = 'Employer pension contribution rate, of the wage bill';
  const cases: [acceptLanguage: string | undefined, description: string][] = [
    ['zh-CN', chinese], ['zh-CN,zh;q=0.9,en;q=0.8', chinese], ['en', english], ['en-US,zh;q=0.5', english], [undefined, english],
  ];
  for (const [acceptLanguage, description] of cases) {
    const lookup = await get('/api/params?path=contribution.pension.employer_rate&date=2024-03-01', acceptLanguage);
    assert.deepEqual([lookup.status, lookup.body.description, lookup.body.value], [200, description, '0.16'], `lookup ${acceptLanguage}`);
    const list = await get('/api/params/list?date=2024-03-01', acceptLanguage);
    assert.equal(list.body.items.find((item: { path: string }) => item.path === 'contribution.pension.employer_rate').description, description, `list ${acceptLanguage}`);
    const history = await get('/api/params/history?path=contribution.pension.employer_rate', acceptLanguage);
    assert.equal(history.body.description, description, `history ${acceptLanguage}`);
  }
});

test('GET /api/params: the date defaults to today (Beijing)', async () => {
  const { status, body } = await get('/api/params?path=contribution.pension.employer_rate');
  assert.equal(status, 200);
  assert.ok(body.since <= todayInChina());
});

test('GET /api/params: errors name the field', async () => {
  const cases: [url: string, status: number, field: string | undefined, message: RegExp][] = [
    ['/api/params?path=contribution.pension.employer_rate&date=2024-02-30', 400, 'date', /date: must be a real date/],
    ['/api/params?path=contribution.pension.employer_rate&date=tomorrow', 400, 'date', /^date: /],
    ['/api/params?path=contribution.pension.employer_rate&date=2024-01-01&region=99', 400, 'region', /^region: /],
    ['/api/params?path=contribution.pension.employer_rate&date=2024-01-01&region=990002', 400, 'region', /six-digit/],
    ['/api/params?date=2024-01-01', 400, 'path', /path/],
    ['/api/params?path=Bad Path&date=2024-01-01', 400, 'path', /^path: /],
    ['/api/params?path=no.such.thing&date=2024-01-01', 404, undefined, /parameter no\.such\.thing not found/],
    ['/api/params?path=contribution.pension.employer_rate&date=1990-01-01', 422, 'date', /no value before 1998-01-01/],
    ['/api/params?path=contribution.base.average_wage&date=2024-01-01', 422, 'region', /no national value/],
  ];
  for (const [url, status, field, message] of cases) {
    const { status: got, body } = await get(url);
    assert.equal(got, status, `${url}: ${JSON.stringify(body)}`);
    assert.equal(body.error.field, field, url);
    assert.match(body.error.message, message, url);
  }
});

test('GET /api/params/list: every parameter on the date, money in yuan', async () => {
  const { status, body } = await get('/api/params/list?date=2024-03-01&region=990102');
  assert.equal(status, 200);
  const byPath = Object.fromEntries(body.items.map((item: { path: string }) => [item.path, item]));
  assert.ok(body.items.length >= 30);
  assert.deepEqual(byPath['contribution.base.average_wage'], {
    path: 'contribution.base.average_wage', description: byPath['contribution.base.average_wage'].description, unit: 'money',
    value: '7950.00', since: '2024-01-01', reference: byPath['contribution.base.average_wage'].reference, region: '990000',
  });
  assert.equal(byPath['contribution.pension.employer_rate'].value, '0.16');
  const national = (await get('/api/params/list?date=2024-03-01')).body;
  assert.equal(national.items.find((item: { path: string }) => item.path === 'contribution.base.average_wage').value, null);
  assert.equal((await get('/api/params/list?date=2024-13-01')).status, 400);
});

test('GET /api/params/history: every dated value for the region, newest first', async () => {
  const { status, body } = await get('/api/params/history?path=contribution.medical.employer_rate&region=990102');
  assert.equal(status, 200);
  assert.deepEqual(body.values.map((entry: { since: string; value: string; region: string | null }) => [entry.since, entry.value, entry.region]), [
    ['2020-01-01', '0.09', '990000'], ['2020-01-01', '0.08', null], ['1999-01-01', '0.06', null],
  ]);
  const wage = (await get('/api/params/history?path=contribution.base.average_wage&region=990000')).body;
  assert.equal(wage.values.at(-1).value, '5000.00');
  assert.equal((await get('/api/params/history?path=no.such.thing')).status, 404);
});

/** Every item of a list query, page by page (at most 200 a page) to the last. */
async function everyItem(query: string, language?: string): Promise<{ path: string; description: string }[]> {
  const items: { path: string; description: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { path: string; description: string }[]; nextCursor: string | null } } = await get(`${query}&limit=200${cursor ? `&after=${cursor}` : ''}`, language);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

test('GET /api/params/list as a list: counted exactly, paged by cursor in path order to the last, filtered by q, the file as long as the count', async () => {
  const all = (await get('/api/params/list?date=2024-03-01&region=990102')).body;
  assert.equal(all.totalCapped, false);
  assert.deepEqual([all.items.length, all.nextCursor === null], [Math.min(all.total, 200), all.total <= 200], 'the default page: 200, the cursor while more follow');
  const paths = (await everyItem('/api/params/list?date=2024-03-01&region=990102')).map((item) => item.path);
  assert.equal(paths.length, all.total, 'counted exactly');
  assert.deepEqual(paths, paths.toSorted(), 'path order');
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: { path: string }[]; total: number; nextCursor: string | null } } = await get(`/api/params/list?date=2024-03-01&region=990102&limit=10${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    assert.equal(page.body.total, all.total);
    walked.push(...page.body.items.map((item) => item.path));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(walked, paths);
  assert.deepEqual((await get('/api/params/list?date=2024-03-01&limit=2&offset=3')).body.items.map((item: { path: string }) => item.path), paths.slice(3, 5));
  assert.equal((await get('/api/params/list?after=not-a-cursor')).status, 400);

  const lateFee = (await get('/api/params/list?date=2024-03-01&q=LATE_FEE')).body;
  assert.deepEqual(lateFee.items.map((item: { path: string }) => item.path), paths.filter((path: string) => path.includes('late_fee')));
  assert.ok(lateFee.total > 0 && lateFee.total === lateFee.items.length);
  // a Chinese word of the description finds the same parameters whatever language the page asks in
  const chinese = (await get(`/api/params/list?date=2024-03-01&q=${encodeURIComponent('医疗保险')}`, 'en')).body;
  const inChinese = (await everyItem('/api/params/list?date=2024-03-01', 'zh-CN')).filter((item) => item.description.includes('医疗保险'));
  assert.ok(chinese.total > 0);
  assert.deepEqual(chinese.items.map((item: { path: string }) => item.path), inChinese.map((item: { path: string }) => item.path));
  assert.match(chinese.items[0].description, /^[A-Z][a-z]/, 'described in English');

  const csv = (await app.inject({ method: 'GET', url: '/api/params/list?date=2024-03-01&region=990102&format=csv' })).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, all.total);
  assert.equal(csv[0], '\uFEFF参数,说明,取值,单位,起始日期,政策依据,适用地区');
  assert.match(csv.find((line) => line.startsWith('contribution.base.average_wage,'))!, /^contribution\.base\.average_wage,[^,]+,7950\.00,元,2024-01-01,.+,990000$/);
  assert.match(csv.find((line) => line.startsWith('contribution.pension.employer_rate,'))!, /^contribution\.pension\.employer_rate,企业职工基本养老保险单位缴费比例（占工资总额）,0\.16,比率,2019-05-01,.+,全国$/);
  const filtered = (await app.inject({ method: 'GET', url: `/api/params/list?date=2024-03-01&q=${encodeURIComponent('医疗保险')}&format=csv` })).body.split('\r\n').filter(Boolean);
  assert.equal(filtered.length - 1, chinese.total);
});
