/**
 * Sign-in hardening in a real browser: the UI and the API docs run under the Content-Security-Policy without a
 * violation, and a user whose password an administrator reset (on the users page) is sent to the change-password
 * page first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage } from './session.ts';

const NEW_PASSWORD = 'Kx7-river-Lamp-93';
let generated = '';

const e2e = setUpE2e({
  cjkFont: false,
  beforeServer: (database) => database.database.db.insertInto('region').values([
    { code: '990000', name: '示范省', level: 'province', parent_code: null },
    { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
  ]).execute(),
  afterServer: async ({ server }) => {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('POST', '/api/users', { username: 'op.reset', displayName: '重置测试', role: 'operator', regionCode: '990100', password: 'E2e-Operator-Pass-2026' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  },
});

test('CSP, API docs and the forced password change', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const violations: string[] = [];
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text()); });

  await t.test('the Swagger UI at /api/docs renders under the CSP', async () => {
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    assert.match(await page.locator('.swagger-ui .info .title').innerText(), /sifund API/);
    await page.locator('.opblock-tag').first().waitFor();
  });

  await t.test('the administrator resets a password from the users page (after a confirmation) and sees it once', async () => {
    await signInAs(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByTestId('users-reset-op.reset').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('generated-password').waitFor();
    generated = (await page.getByTestId('generated-password').innerText()).trim();
    assert.ok(generated.length >= 10, `a generated password is shown: ${generated}`);
    await page.locator('.ant-modal-confirm .ant-btn').click();
    // the list filtered by a name prefix in the URL, counted by the API, and its 用户名单 file of the same filter
    await page.getByTestId('users-search').fill('op.re');
    await page.getByTestId('users-search').press('Enter');
    await page.waitForURL(/[?&]q=op\.re/);
    const rows = page.getByTestId('users-table').locator('tbody tr.ant-table-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=users-table] tbody tr.ant-table-row').length === 1);
    assert.match(await rows.first().innerText(), /op\.reset[\s\S]*重置测试/);
    const href = await page.getByTestId('list-export-csv').getAttribute('href');
    assert.equal(href, '/api/users?q=op.re&format=csv');
    const file = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    assert.deepEqual(file.split('\r\n').filter(Boolean).slice(1).map((line) => line.split(',')[0]), ['op.reset']);
    await page.context().clearCookies();
  });

  await t.test('a reset user lands on the change-password page and cannot leave it', async () => {
    await signInAs(page, server.baseUrl, 'op.reset', generated);
    await page.waitForURL(/\/account\/password$/);
    await page.getByTestId('must-change-password').waitFor();
    await page.goto(`${server.baseUrl}/persons`);
    await page.waitForURL(/\/account\/password$/);
  });

  await t.test('a weak password is refused with the server\'s message under the field', async () => {
    await page.getByTestId('password-current').fill(generated);
    await page.getByTestId('password-new').fill('password123');
    await page.getByTestId('password-confirm').fill('password123');
    await page.getByTestId('password-submit').click();
    await page.getByText(/太弱或太常见/).waitFor();
  });

  await t.test('a strong password is accepted and the app opens', async () => {
    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByTestId('main-menu').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    assert.equal(me.mustChangePassword, false);
  });

  await t.test('the user menu leads to the change-password page', async () => {
    await page.getByTestId('header-user').hover();
    await page.getByTestId('menu-change-password').click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByTestId('change-password-form').waitFor();
    assert.equal(await page.getByTestId('must-change-password').count(), 0);
  });

  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(errors, []);
});
