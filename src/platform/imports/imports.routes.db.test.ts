/**
 * 导入记录 as a list over HTTP: the imports of the user's scope counted, paged by cursor (imports of one moment in
 * id order), and exported whole with their status by name.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../testing/http.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer([]);
  // 60 imports in each of two counties, ten to a minute (many share their moment), every third one rejected, every
  // seventh not so previewed (waiting for its confirmation).
  await server.test.owner.query(`insert into import_file (id, kind, region_code, file_name, sha256, format, encoding, size_bytes, status, row_count, applied_count, username, created_at)
    select i, 'persons', case when i % 2 = 0 then '990102' else '990103' end, 'persons-' || i || '.csv', lpad(to_hex(i), 64, '0'), 'csv', 'utf-8', 100 + i,
           case when i % 3 = 0 then 'rejected' when i % 7 = 0 then 'previewed' else 'applied' end, i, case when i % 3 = 0 or i % 7 = 0 then 0 else i end, 'op.batch', timestamptz '2026-03-01 09:00+08' + (i / 10) * interval '1 minute'
      from generate_series(1, 120) as i`);
});
after(() => server.close());

test('the imports of a county, by cursor to the last, newest first and each once; the file holds as many', async () => {
  const operator = await addUser(server, 'op.east', 'operator', '990102');
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { status: number; body: { total: number; totalCapped: boolean; items: { id: string }[]; nextCursor: string | null } } = await operator.json('GET', `/api/imports?kind=persons&limit=25${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    assert.deepEqual([page.body.total, page.body.totalCapped], [60, false]);
    ids.push(...page.body.items.map((record: { id: string }) => record.id));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.deepEqual(ids, Array.from({ length: 60 }, (_, index) => String(120 - 2 * index)), 'newest first, the id breaking ties, only even (990102) ids');

  const csv = (await operator.request('GET', '/api/imports?kind=persons&format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, 60);
  assert.equal(csv[0], '\uFEFF导入时间,导入类型,文件名,文件格式,文件编码,文件大小（字节）,SHA-256,状态,行数,已导入行数,错误行数,导入人,导入批次号');
  assert.match(csv[1], /^2026-03-01T01:12:00\.000Z,persons,persons-120\.csv,csv,utf-8,220,0{62}78,已拒绝,120,0,0,op\.batch,120$/);
  assert.match(csv[2], /,persons-118\.csv,.*,已导入,118,118,0,op\.batch,118$/);
});

test('the city sees both counties; a page past an offset; a limit beyond 500 is refused', async () => {
  const city = await addUser(server, 'rv.city', 'reviewer', '990100');
  const all = await city.json('GET', '/api/imports?limit=500');
  assert.deepEqual([all.body.total, all.body.items.length, all.body.nextCursor], [120, 120, null]);
  const skipped = await city.json('GET', '/api/imports?limit=2&offset=5');
  assert.deepEqual(skipped.body.items.map((record: { id: string }) => record.id), ['115', '114']);
  assert.equal((await city.json('GET', '/api/imports?limit=501')).status, 400);
});

test('the status filter: the previews waiting in a county, by cursor to the last, and their file; a status the table does not hold is refused', async () => {
  const operator = await addUser(server, 'op.pending', 'operator', '990102');
  // even ids of 1 … 120, multiples of 7 but not of 3: 14, 28, 56, 70, 98, 112
  const previewed = [112, 98, 70, 56, 28, 14].map(String);
  const first = await operator.json('GET', '/api/imports?kind=persons&status=previewed&limit=4');
  assert.deepEqual([first.body.total, first.body.items.map((record: { id: string }) => record.id)], [6, previewed.slice(0, 4)]);
  assert.ok(first.body.items.every((record: { status: string }) => record.status === 'previewed'));
  const rest = await operator.json('GET', `/api/imports?kind=persons&status=previewed&limit=4&after=${first.body.nextCursor}`);
  assert.deepEqual([rest.body.items.map((record: { id: string }) => record.id), rest.body.nextCursor], [previewed.slice(4), null]);
  assert.equal((await operator.json('GET', '/api/imports?kind=persons&status=rejected')).body.total, 20, 'even multiples of 3');
  assert.equal((await operator.json('GET', '/api/imports?kind=persons&status=applied')).body.total, 60 - 20 - 6);
  const csv = (await operator.request('GET', '/api/imports?kind=persons&status=previewed&format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, 6);
  assert.ok(csv.slice(1).every((line) => line.includes(',已预览,')), csv.join('\n'));
  assert.equal((await operator.json('GET', '/api/imports?status=pending')).status, 400);
});
