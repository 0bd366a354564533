/**
 * The server's refusals in the user's language, in a form: a resident ID number whose check character is wrong is
 * refused by the API (GB 11643), and the person form shows the refusal on its field in Chinese — or in English once
 * the user switches the language — never the field code or the other language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage } from './session.ts';

const e2e = setUpE2e({ cjkFont: false });

test('a bad ID number in the person form: the API refusal on the field, in Chinese, then in English', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const first17 = '11010519880512123';
  const right = idNumberCheckCharacter(first17);
  const wrong = right === '0' ? '1' : '0';
  const fieldError = page.getByTestId('person-form').locator('.ant-form-item-explain-error');

  const submitBadIdNumber = async () => {
    await page.goto(`${server.baseUrl}/persons`);
    await page.getByTestId('persons-create').click();
    await page.getByTestId('person-form-idNumber').fill(first17 + wrong);
    await page.getByTestId('person-form-name').fill('张三');
    await page.getByTestId('person-form-submit').click();
    await fieldError.first().waitFor();
    return (await fieldError.allInnerTexts()).join(' ');
  };

  await t.test('in Chinese (the default)', async () => {
    await signInAs(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((url) => !/\/login/.test(url.pathname));
    const message = await submitBadIdNumber();
    assert.match(message, new RegExp(`校验码错误（应为 ${right}，GB 11643）`));
    assert.doesNotMatch(message, /check character|idNumber/);
  });

  await t.test('in English after the language switch', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-switch').click();
    const message = await submitBadIdNumber();
    assert.match(message, new RegExp(`check character is wrong \\(expected ${right}, GB 11643\\)`));
    assert.doesNotMatch(message, /校验码|idNumber/);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
