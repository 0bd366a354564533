/**
 * An employer's dated facts: the registration row, a change from a day on (audited, carried onto later fact sets),
 * employer_facts_on(date) as billing will read it for a past period, a direct change caught by the trigger, the
 * refusals, and the rows never rewritten.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { newId } from '../../platform/ids.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { employerHistoryRoutes } from './employer-history.routes.ts';

let server: TestServer;
let employer: bigint;
let eastOperator: Client;

before(async () => {
  server = await startTestServer([employerHistoryRoutes]);
  const database = server.test.database;
  employer = newId();
  // registered on 2025-01-01 (China), class II, float 1.00
  await database.db.insertInto('employer').values({
    id: employer, credit_code: '91990102MA0000EH01', name: '示范机械厂', region_code: '990102', work_injury_class: 2, created_at: new Date('2025-01-01T02:00:00Z'),
  }).execute();
  eastOperator = await addUser(server, 'op.east', 'operator', '990102');
});
after(() => server.close());

/** The facts employer_facts_on(date) gives this employer: what a reassessment of that day's period bills on. */
async function factsOn(date: string) {
  const { rows } = await sql<{ employer_type: string; region_code: string; work_injury_class: number | null; work_injury_float: string; credit_code: string }>`
    select employer_type, region_code, work_injury_class, work_injury_float::text, credit_code from employer_facts_on(${date}::date) where id = ${employer}`.execute(server.test.database.db);
  return rows.map((row) => [row.employer_type, row.region_code, row.work_injury_class, row.work_injury_float, row.credit_code].join(' '));
}
const current = () => server.test.database.db.selectFrom('employer').select(['employer_type', 'work_injury_class', 'work_injury_float']).where('id', '=', employer).executeTakeFirstOrThrow();

test('the registration is the first row; a change from a day on is dated, audited and read by employer_facts_on', async () => {
  const history = await eastOperator.json('GET', `/api/employers/${employer}/facts`);
  assert.equal(history.status, 200);
  assert.deepEqual(history.body.items.map((row: Record<string, unknown>) => [row.validFrom, row.employerType, row.workInjuryClass, row.workInjuryFloat, row.changedBy]),
    [['2025-01-01', 'enterprise', 2, '1.00', 'registration']]);

  const changed = await eastOperator.json('POST', `/api/employers/${employer}/facts`, { validFrom: '2026-07-01', workInjuryClass: 3, workInjuryFloat: '1.20', reason: '行业风险类别调整' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.items.map((row: Record<string, unknown>) => [row.validFrom, row.workInjuryClass, row.workInjuryFloat, row.changedBy, row.reason]),
    [['2026-07-01', 3, '1.20', 'op.east', '行业风险类别调整'], ['2025-01-01', 2, '1.00', 'registration', '参保登记']]);
  assert.deepEqual(await current(), { employer_type: 'enterprise', work_injury_class: 3, work_injury_float: '1.20' }, 'the employer row is today\'s facts');
  assert.deepEqual(await factsOn('2026-03-01'), ['enterprise 990102 2 1.00 91990102MA0000EH01'], 'a March period bills on class II');
  assert.deepEqual(await factsOn('2026-08-01'), ['enterprise 990102 3 1.20 91990102MA0000EH01']);
  assert.deepEqual(await factsOn('2024-06-01'), ['enterprise 990102 2 1.00 91990102MA0000EH01'], 'before the registration: the registration\'s facts');
  const audit = await server.test.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_username']).where('action', '=', 'employer.facts.change').execute();
  assert.deepEqual(audit, [{ action: 'employer.facts.change', entity_id: String(employer), actor_username: 'op.east' }]);
});

test('a change from an earlier day holds on through the later fact sets', async () => {
  const changed = await eastOperator.json('POST', `/api/employers/${employer}/facts`, { validFrom: '2026-01-01', employerType: 'institution_full', reason: '转为全额拨款事业单位' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(await factsOn('2026-03-01'), ['institution_full 990102 2 1.00 91990102MA0000EH01']);
  assert.deepEqual(await factsOn('2026-08-01'), ['institution_full 990102 3 1.20 91990102MA0000EH01'], 'July\'s class change keeps the new type');
  assert.deepEqual(await factsOn('2025-12-31'), ['enterprise 990102 2 1.00 91990102MA0000EH01']);
  assert.equal((await current()).employer_type, 'institution_full');
});

test('a change made straight in the employer table is recorded too, as of today', async () => {
  const today = todayInChina();
  await server.test.database.db.updateTable('employer').set({ work_injury_float: '1.50' }).where('id', '=', employer).execute();
  assert.deepEqual(await factsOn(today), ['institution_full 990102 3 1.50 91990102MA0000EH01']);
  const rows = await server.test.database.db.selectFrom('employer_fact_history').select(['valid_from', 'reason']).where('employer_id', '=', employer)
    .where(sql<boolean>`valid_from = ${today}::date`).execute();
  assert.equal(rows.length, 1);
  assert.match(rows[0].reason, /未经变更登记/);
  await assert.rejects(sql`update employer_fact_history set reason = 'rewritten' where employer_id = ${employer}`.execute(server.test.database.db), /append-only/);
});

test('refusals name the field: a future day, before the registration, nothing changing, a factor out of its tier; another county sees no employer', async () => {
  const post = (body: Record<string, unknown>, client = eastOperator) => client.json('POST', `/api/employers/${employer}/facts`, body);
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ validFrom: `${Number(todayInChina().slice(0, 4)) + 1}-01-01`, workInjuryClass: 4, reason: '调整' }, 'validFrom', /must not be after today/],
    [{ validFrom: '2024-12-31', workInjuryClass: 4, reason: '调整' }, 'validFrom', /before the employer was registered \(2025-01-01\)/],
    [{ validFrom: '2026-08-01', workInjuryClass: 3, reason: '调整' }, 'validFrom', /nothing changes/],
    [{ validFrom: '2026-08-01', workInjuryClass: 1, workInjuryFloat: '0.80', reason: '调整' }, 'workInjuryFloat', /class I may only float up/],
    [{ validFrom: '2026-08-01', workInjuryFloat: '2.00', reason: '调整' }, 'workInjuryFloat', /from 0\.50 to 1\.50/],
    [{ validFrom: '2026-08-01', workInjuryClass: 9, reason: '调整' }, 'workInjuryClass', /from 1 to 8/],
    [{ validFrom: '2026-08-01', workInjuryClass: 4, reason: ' ' }, 'reason', /must say why/],
  ];
  const before = await server.test.database.db.selectFrom('employer_fact_history').select('id').where('employer_id', '=', employer).execute();
  for (const [body, field, message] of cases) {
    const refused = await post(body);
    assert.deepEqual([refused.status, refused.body.error.field], [400, field], JSON.stringify(body));
    assert.match(refused.body.error.message, message);
  }
  const westOperator = await addUser(server, 'op.west', 'operator', '990103');
  assert.equal((await post({ validFrom: '2026-08-01', workInjuryClass: 4, reason: '调整' }, westOperator)).status, 404);
  assert.equal((await westOperator.json('GET', `/api/employers/${employer}/facts`)).status, 404);
  assert.equal((await server.test.database.db.selectFrom('employer_fact_history').select('id').where('employer_id', '=', employer).execute()).length, before.length, 'nothing written');
});
