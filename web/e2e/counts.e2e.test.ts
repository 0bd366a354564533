/**
 * Capped counts in a real browser (docs/decisions.md "Search totals are capped"): with more than 10,000 persons and
 * employers in scope, the dashboard shows "10,000+" and the lists "共 10,000+ 条", never 10,001.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, setUpE2e, submitSignIn, watchPage } from './session.ts';

const ROWS = 10_050;

const e2e = setUpE2e({
  cjkFont: false,
  async beforeServer(database) {
    const pool = database.database.pool;
    await pool.query(`insert into region (code, name, level, parent_code) values ('990000', '示范省', 'province', null), ('990100', '示范市', 'city', '990000'), ('990102', '东城区', 'county', '990100')`);
    await pool.query(`insert into person (id, id_number, name, gender, birth_date, region_code)
      select 8000000000 + g, 'E2E' || lpad(g::text, 15, '0'), '批量' || g, 'F', date '1985-01-01', '990102' from generate_series(1, $1::int) g`, [ROWS]);
    await pool.query(`insert into employer (id, credit_code, name, region_code)
      select 8100000000 + g, 'E2E' || lpad(g::text, 15, '0'), '批量单位' || g, '990102' from generate_series(1, $1::int) g`, [ROWS]);
  },
});

test('the dashboard and the lists show a capped count as more than 10,000', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);

  await t.test('the dashboard counts 10,000+ persons and employers', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await submitSignIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    for (const card of ['count-persons', 'count-employers']) {
      const statistic = page.getByTestId(card).locator('.ant-statistic-content');
      await statistic.getByText('10,000+').waitFor();
      assert.doesNotMatch(await statistic.innerText(), /10,?001/);
    }
  });

  await t.test('the persons and employers lists count 共 10,000+ 条', async () => {
    for (const path of ['/persons', '/employers']) {
      await page.goto(`${server.baseUrl}${path}`);
      // the lists page by cursor: the total stands in the cursor pager
      const total = page.getByTestId('list-cursor-pager').getByTestId('list-total');
      await total.waitFor();
      assert.match(await total.innerText(), /^共 10,000\+ 条\s*$/);
      assert.equal(await total.getAttribute('data-capped'), 'true');
    }
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
