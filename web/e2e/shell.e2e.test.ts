/**
 * The signed-in frame at 1366×768 (the usual office PC): breadcrumbs on a detail page, page tabs (多页签) that bring a
 * list back with its search, the menu opening the section of the page reached and scrolling to its last entry, and
 * no placeholder (即将上线) entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage } from './session.ts';

const REVIEWER = 'review.shell';
const PASSWORD = 'E2e-Shell-Pass-2026';
const EMPLOYER_ID = '8100000001';

const e2e = setUpE2e({
  cjkFont: false,
  async beforeServer(database) {
    const pool = database.database.pool;
    await pool.query(`insert into region (code, name, level, parent_code) values ('990000', '示范省', 'province', null), ('990100', '示范市', 'city', '990000'), ('990102', '东城区', 'county', '990100')`);
    await pool.query(`insert into employer (id, credit_code, name, region_code)
      select 8100000000 + g, 'E2E' || lpad(g::text, 15, '0'), '页签单位' || g, '990102' from generate_series(1, 3) g`);
    await pool.query(`insert into person (id, id_number, name, gender, birth_date, region_code)
      select 8000000000 + g, 'E2E' || lpad(g::text, 15, '0'), '页签' || g, 'F', date '1985-01-01', '990102' from generate_series(1, 3) g`);
  },
  async afterServer({ server }) {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('POST', '/api/users', { username: REVIEWER, displayName: '复核员', role: 'reviewer', regionCode: '990000', password: PASSWORD });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  },
});

test('breadcrumbs, page tabs and the menu at 1366×768', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors = watchPage(page, 20_000);
  const tabs = page.getByTestId('page-tab');
  const tabTitles = async () => (await tabs.allInnerTexts()).map((text) => text.trim());

  await t.test('signed in, the menu has no placeholder entries', async () => {
    await signInAs(page, server.baseUrl, REVIEWER, PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    assert.doesNotMatch(await page.getByTestId('main-menu').innerText(), /即将上线/);
    assert.deepEqual(await tabTitles(), ['首页']);
  });

  await t.test("an employer's detail page has breadcrumbs 首页 / 参保登记 / 参保单位 / its title", async () => {
    await page.goto(`${server.baseUrl}/employers/${EMPLOYER_ID}`);
    const crumbs = page.getByTestId('breadcrumb').locator('.ant-breadcrumb-link');
    await crumbs.first().waitFor();
    const texts = await crumbs.allInnerTexts();
    assert.equal(texts.length, 4, texts.join(' / '));
    assert.deepEqual(texts.slice(0, 3), ['首页', '参保登记', '参保单位']);
    assert.equal(await page.getByTestId('breadcrumb').getByRole('link', { name: '参保单位' }).getAttribute('href'), '/employers');
  });

  await t.test('two pages visited give two tabs; back on the first, its search comes back', async () => {
    await page.goto(`${server.baseUrl}/persons?q=${encodeURIComponent('页签2')}`);
    await page.getByTestId('persons-table').getByText('页签2').waitFor();
    await page.getByTestId('menu-employers').click();
    await page.waitForURL(/\/employers$/);
    await page.getByTestId('page-tabs').locator('.ant-tabs-tab-active').getByText('参保单位').waitFor();
    const titles = await tabTitles();
    assert.ok(titles.includes('参保人员') && titles.includes('参保单位'), titles.join(', '));
    await tabs.filter({ hasText: '参保人员' }).click();
    await page.waitForURL(/\/persons\?/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '页签2');
    assert.equal(await page.getByTestId('page-tabs').locator('.ant-tabs-tab-active').innerText(), '参保人员');
    await page.getByTestId('persons-table').getByText('页签2').waitFor();
  });

  await t.test('the menu opens the section of a page reached through a tab', async () => {
    await page.goto(`${server.baseUrl}/collection/bills`);
    await tabs.filter({ hasText: '缴费通知单' }).waitFor();
    await page.goto(`${server.baseUrl}/ledger/balances`);
    await tabs.filter({ hasText: '科目余额表' }).waitFor();
    assert.equal(await page.getByTestId('menu-bills').isVisible(), false, 'on a ledger page the collection section starts closed');
    await tabs.filter({ hasText: '缴费通知单' }).click();
    await page.waitForURL(/\/collection\/bills$/);
    await page.getByTestId('menu-bills').waitFor({ state: 'visible' });
  });

  await t.test("the menu scrolls within the window and its last entry is reachable", async () => {
    const scroller = page.getByTestId('menu-scroll');
    const { scrollHeight, clientHeight } = await scroller.evaluate((element) => ({ scrollHeight: element.scrollHeight, clientHeight: element.clientHeight }));
    assert.ok(scrollHeight > clientHeight, `with three sections open the menu (${scrollHeight}px) is taller than its area (${clientHeight}px)`);
    const items = page.locator('.ant-layout-sider .ant-menu-item:visible, .ant-layout-sider .ant-menu-submenu-title:visible');
    const last = items.nth(await items.count() - 1);
    await last.scrollIntoViewIfNeeded();
    const box = await last.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 768, JSON.stringify(box));
    await last.click();
    assert.notEqual(new URL(page.url()).pathname, '/collection/bills', 'the last entry was clicked and led to its page');
  });

  await t.test('关闭其他 keeps only the current tab', async () => {
    const current = page.getByTestId('page-tabs').locator('.ant-tabs-tab-active [data-testid="page-tab"]');
    const path = await current.getAttribute('data-path');
    await current.click({ button: 'right' });
    const closeOthers = page.getByRole('menuitem', { name: '关闭其他' });
    await closeOthers.waitFor({ state: 'visible' });
    // the menu item is clicked as a user's click reaches it (a DOM click): while the page behind the menu still lays
    // itself out (the lazily loaded calendar page), Playwright's pointer click waits for a stillness that never comes
    await closeOthers.dispatchEvent('click');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="page-tab"]').length === 1);
    assert.equal(await tabs.first().getAttribute('data-path'), path);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
