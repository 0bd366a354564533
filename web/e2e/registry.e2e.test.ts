/**
 * The registry in a real browser: a person registered through the API is found by ID number on the persons
 * page (masked there), and their record shows the masked ID number, the name and the change history; an operator
 * (personal.full.read) shows the full number with 显示完整, and the view is in the history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, submitSignIn, watchPage } from './session.ts';

const e2e = setUpE2e({ cjkFont: false });

test('sign in, find a person by ID number, open the record with its history', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
  const first17 = `110105198805${String(10 + Math.floor(Math.random() * 19))}${String(100 + Math.floor(Math.random() * 900))}`;
  const idNumber = first17 + idNumberCheckCharacter(first17);
  const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
  const created = await admin.call<{ id: string; name: string }>('POST', '/api/persons', { idNumber, name: '李浏览', hukouType: 'urban' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const operator = { username: 'op.reveal', password: 'E2e-Operator-Pass-2026' };
  const user = await admin.call('POST', '/api/users', { username: operator.username, displayName: '查看经办员', role: 'operator', regionCode: '990000', password: operator.password });
  assert.equal(user.status, 201, JSON.stringify(user.body));

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
    assert.equal(await link.innerText(), masked, 'a list shows the ID number masked');
    await link.click();
  });

  await t.test('the detail page shows the masked ID number, the name and the history', async () => {
    await page.waitForURL(new RegExp(`/persons/${created.body.id}$`));
    assert.equal(await page.getByTestId('person-id-number').innerText(), masked);
    assert.equal(await page.getByTestId('person-reveal').count(), 0, 'the administrator does not hold personal.full.read');
    assert.equal(await page.getByTestId('person-name').innerText(), '李浏览');
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('person-history');
    await history.waitFor();
    await history.getByText('个人参保登记').waitFor(); // the action person.create by its name
    // the actor by display name (the bootstrap administrator is 系统管理员), then the role tag; the login in the tooltip
    assert.match(await history.innerText(), /系统管理员\s+系统管理员/);
  });

  await t.test('an operator shows the full number with 显示完整, and the view is in the history', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInAs(page, server.baseUrl, operator.username, operator.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/persons/${created.body.id}`);
    await page.getByTestId('person-reveal').click();
    await page.getByTestId('person-id-number').getByText(idNumber).waitFor();
    assert.equal(await page.getByTestId('person-reveal').count(), 0);
    await page.getByTestId('tab-history').click();
    await page.getByTestId('person-history').getByText('查看完整身份信息').waitFor(); // person.personal_data.reveal by its name
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
