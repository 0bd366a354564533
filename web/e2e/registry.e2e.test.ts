/**
 * The registry in a real browser: a person registered through the API is found by ID number on the persons
 * page, and their record shows the ID number, the name and the change history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, submitSignIn, watchPage } from './session.ts';

const e2e = setUpE2e({ cjkFont: false });

test('sign in, find a person by ID number, open the record with its history', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
  const first17 = `110105198805${String(10 + Math.floor(Math.random() * 19))}${String(100 + Math.floor(Math.random() * 900))}`;
  const idNumber = first17 + idNumberCheckCharacter(first17);
  const created = await admin.call<{ id: string; name: string }>('POST', '/api/persons', { idNumber, name: '李浏览', hukouType: 'urban' });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const page = browser.page;
  const errors = watchPage(page, 20_000);

  await t.test('the sign-in page rejects a wrong password with the API message', async () => {
    await page.goto(`${server.baseUrl}/persons`);
    await page.waitForURL(/\/login\?next=%2Fpersons/);
    await submitSignIn(page, 'admin', 'not-the-password');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /用户名或密码错误/);
  });

  await t.test('signs in as the administrator and returns to the requested page', async () => {
    await submitSignIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/persons$/);
    assert.equal(await page.getByTestId('header-role').innerText(), '系统管理员');
  });

  await t.test('finds the person by ID number', async () => {
    await page.getByTestId('persons-search').fill(idNumber);
    await page.getByTestId('persons-search').press('Enter');
    await page.waitForURL(new RegExp(`q=${idNumber}`));
    const link = page.getByTestId('persons-table').getByTestId('person-link');
    await link.first().waitFor();
    assert.equal(await link.count(), 1);
    assert.equal(await link.innerText(), idNumber);
    await link.click();
  });

  await t.test('the detail page shows the ID number, the name and the history', async () => {
    await page.waitForURL(new RegExp(`/persons/${created.body.id}$`));
    assert.equal(await page.getByTestId('person-id-number').innerText(), idNumber);
    assert.equal(await page.getByTestId('person-name').innerText(), '李浏览');
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('person-history');
    await history.waitFor();
    await history.getByText('个人参保登记').waitFor(); // the action person.create by its name
    assert.match(await history.innerText(), /admin/);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
