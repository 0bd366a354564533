/** GET /api/calendar/holidays through the real server: sign-in required, any role, named in the reader's language. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer } from '../testing/http.ts';
import { calendarRoutes } from './calendar.routes.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs SIFUND_TEST_DATABASE_URL: run through npm test';
let server: TestServer;
before(async () => { if (!skip) server = await startTestServer([calendarRoutes]); });
after(async () => { await server?.close(); });

test('a published year: the notice, its ranges and its working weekends', { skip }, async () => {
  const anonymous = await server.app.inject({ method: 'GET', url: '/api/calendar/holidays?year=2026' });
  assert.equal(anonymous.statusCode, 401);
  const securityAuditor = await addUser(server, 'sa.calendar', 'security_auditor', '990102');
  const answer = await securityAuditor.json('GET', '/api/calendar/holidays?year=2026', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.published, true);
  assert.equal(answer.body.reference, '国办发明电〔2025〕7号');
  assert.equal(answer.body.announcedOn, '2025-11-04');
  assert.deepEqual(answer.body.holidays[1], { name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 });
  assert.deepEqual(answer.body.holidays.map((holiday: { name: string }) => holiday.name), ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  assert.deepEqual(answer.body.workingWeekends, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
});

test('names in English when asked; two holidays falling together are named together', { skip }, async () => {
  const answer = await server.admin.json('GET', '/api/calendar/holidays?year=2025', undefined, { 'accept-language': 'en' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.holidays.at(-1), { name: 'National Day and Mid-Autumn Festival', from: '2025-10-01', to: '2025-10-08', days: 8 });
  const chinese = await server.admin.json('GET', '/api/calendar/holidays?year=2025', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.body.holidays.at(-1).name, '国庆节、中秋节');
});

test('a year without its notice: weekends only, said so, never an error', { skip }, async () => {
  const answer = await server.admin.json('GET', '/api/calendar/holidays?year=2027');
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { year: 2027, published: false, reference: null, announcedOn: null, holidays: [], workingWeekends: [] });
});

test('a year out of range or not a year: 400 naming the field', { skip }, async () => {
  for (const year of ['1800', 'abc', '2026.5']) {
    const answer = await server.admin.json('GET', `/api/calendar/holidays?year=${year}`);
    assert.equal(answer.status, 400, year);
    assert.equal(answer.body.error.field, 'year', year);
  }
});

test('without a year: this year in Beijing', { skip }, async () => {
  const answer = await server.admin.json('GET', '/api/calendar/holidays');
  assert.equal(answer.status, 200);
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  assert.equal(answer.body.year, thisYear);
});
