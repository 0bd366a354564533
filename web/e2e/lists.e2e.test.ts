/**
 * Lists that reach every row, in a real browser (issue 10): 10,050 persons in one county, counted as 10,000+, paged
 * by cursor at 200 a page to the last one (its ID number, in full to an operator: personal.full.read); the CSV export
 * of a narrower search holds exactly as many rows as the list counts, as the list shows them; an employer's 职工 tab is a list of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage } from './session.ts';

const ROWS = 10_050;
const PAGE_SIZE = 200;
const EMPLOYEES = 25;
const EMPLOYER_ID = '8100000001';
const OPERATOR = { username: 'op.lists', password: 'E2e-Lists-Pass-2026' };

/** Person `g`: ID number 990102 + g in 11 digits + X (the list shows its first 6 and last 4), named 张 (even) or 李 (odd) + g. */
const idNumberOf = (g: number) => `990102${String(g).padStart(11, '0')}X`;
const nameOf = (g: number) => `${g % 2 === 0 ? '张' : '李'}${g}`;

const e2e = setUpE2e({
  cjkFont: false,
  async beforeServer(database) {
    const pool = database.database.pool;
    await pool.query(`insert into region (code, name, level, parent_code) values ('990000', '示范省', 'province', null), ('990100', '示范市', 'city', '990000'), ('990102', '东城区', 'county', '990100')`);
    await pool.query(`insert into person (id, id_number, name, gender, birth_date, region_code)
      select 8000000000 + g, '990102' || lpad(g::text, 11, '0') || 'X', case when g % 2 = 0 then '张' else '李' end || g, 'M', date '1985-01-01', '990102'
      from generate_series(1, $1::int) g`, [ROWS]);
    await pool.query(`insert into employer (id, credit_code, name, region_code) values (${EMPLOYER_ID}, '91990102MA00000010', '示范市名册测试有限公司', '990102')`);
    await pool.query(`insert into employment (employer_id, id, person_id, region_code, hired_on)
      select ${EMPLOYER_ID}, 8200000000 + g, 8000000000 + g, '990102', date '2024-01-01' + g from generate_series(1, $1::int) g`, [EMPLOYEES]);
  },
  async afterServer({ server }) {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('POST', '/api/users', { username: OPERATOR.username, displayName: '名册经办员', role: 'operator', regionCode: '990100', password: OPERATOR.password });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  },
});

test('a list of 10,050 persons paged by cursor to the last row, and its export as long as the list', { timeout: 180_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const table = page.getByTestId('persons-table');
  const firstRowName = () => table.locator('tbody tr.ant-table-row').first().locator('td').nth(1);

  await t.test('the persons list counts 10,000+ and offers the largest page size', async () => {
    await signInAs(page, server.baseUrl, OPERATOR.username, OPERATOR.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/persons`);
    await page.getByTestId('list-cursor-pager').getByTestId('list-total').getByText('共 10,000+ 条').waitFor();
    await page.getByTestId('list-page-size').click();
    await page.locator('.ant-select-item-option', { hasText: `${PAGE_SIZE} 条/页` }).click();
    await page.waitForURL(/[?&]size=200/);
    // the first row is the same at 20 and at 200 a page: wait for the 200th row, the bigger page's own
    await table.locator('tbody tr.ant-table-row').nth(PAGE_SIZE - 1).waitFor();
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), PAGE_SIZE);
    assert.equal(await firstRowName().innerText(), nameOf(1));
  });

  await t.test('下一页 to the last page: every page starts where the one before ended', async () => {
    const pages = Math.ceil(ROWS / PAGE_SIZE);
    for (let pageNumber = 2; pageNumber <= pages; pageNumber++) {
      await page.getByTestId('list-next-page').click();
      // the page's first row, by name
      await firstRowName().getByText(nameOf((pageNumber - 1) * PAGE_SIZE + 1), { exact: true }).waitFor();
    }
    assert.equal(await page.getByTestId('list-page-number').innerText(), `第 ${pages} 页`);
    const rows = table.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), ROWS - (pages - 1) * PAGE_SIZE);
    assert.equal(await rows.last().getByTestId('person-link').innerText(), idNumberOf(ROWS), 'the last person');
    assert.equal(await rows.last().locator('td').nth(1).innerText(), nameOf(ROWS));
    assert.ok(await page.getByTestId('list-next-page').isDisabled(), 'no page after the last');
  });

  await t.test('the CSV export of a search holds exactly as many rows as the list counts, as the list shows them', async () => {
    await page.getByTestId('persons-search').fill('张');
    await page.getByTestId('persons-search').press('Enter');
    await page.getByTestId('list-total').getByText(`共 ${(ROWS / 2).toLocaleString('en-US')} 条`).waitFor();
    assert.equal(await page.getByTestId('list-page-number').innerText(), '第 1 页', 'a new search starts at page 1');
    const href = await page.getByTestId('list-export-csv').getAttribute('href');
    assert.ok(href?.includes('format=csv'), String(href));
    const file = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, href!);
    assert.equal(file.status, 200);
    assert.match(String(file.type), /^text\/csv/);
    const lines = file.text.split('\r\n').filter(Boolean);
    assert.equal(lines[0].replace(/^\uFEFF/, ''), '公民身份号码,姓名,性别,户口性质,行政区划');
    assert.equal(lines.length - 1, ROWS / 2, 'every match, the exact total');
    assert.equal(lines[1], `${idNumberOf(2)},${nameOf(2)},男,,东城区`);
    assert.ok(!file.text.includes('********'), 'the file holds the numbers as the operator\'s list shows them, in full');
  });

  await t.test("an employer's 职工 tab is a list of its own, paged by cursor", async () => {
    await page.goto(`${server.baseUrl}/employers/${EMPLOYER_ID}`);
    assert.equal(await page.getByTestId('tab-employees').innerText(), `职工 (${EMPLOYEES})`);
    const employees = page.getByTestId('employer-employees');
    await page.getByTestId('employer-employees-list').getByTestId('list-total').getByText(`共 ${EMPLOYEES} 条`).waitFor();
    const rows = employees.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 20);
    assert.equal(await rows.first().locator('td').nth(1).innerText(), nameOf(EMPLOYEES), 'newest hire first');
    await page.getByTestId('employer-employees-list').getByTestId('list-next-page').click();
    await page.waitForURL(/employees\.page=2/);
    await rows.first().locator('td').nth(1).getByText(nameOf(EMPLOYEES - 20), { exact: true }).waitFor();
    assert.equal(await rows.count(), EMPLOYEES - 20);
    assert.equal(await rows.last().locator('td').first().innerText(), idNumberOf(1));
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
