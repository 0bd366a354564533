/**
 * Sign-off in a real browser: an operator requests the reversal (冲正) of a payment on the payments page — it is
 * only a request, and the operator gets no approve button on their own item; the reviewer's header badge counts it,
 * the inbox lists it, the item page shows its timeline, and approving it (after a confirmation) applies the
 * reversal, which the payments page then shows. On the way, a payment recorded by hand like the first stops at the
 * automatic checks' warning and is recorded once the operator gives the reason. Saves docs/screenshots/approvals-inbox.png,
 * approval-detail.png and payment-check-warning.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { todayInChina } from '../../src/platform/params/index.ts';
import { creditCodeCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { seedPoolingRegions } from '../../src/modules/ledger/ledger.testing.ts';
import { ensureFunds } from '../../src/modules/ledger/fund.service.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage, type ServerEnvironment, openMenuEntry } from './session.ts';

const OPERATOR = { username: 'op.signoff', password: 'E2e-Operator-Pass-2026' };
const REVIEWER = { username: 'rev.signoff', password: 'E2e-Reviewer-Pass-2026' };
const first17 = '91990102MA0RG0001';
const CREDIT_CODE = first17 + creditCodeCheckCharacter(first17);
const REASON = '银行退票：付款账户已销户';
let paymentId = '';

async function must<T = any>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: result } = await client.call<T>(method, url, body);
  assert.ok(status < 300, `${method} ${url} → ${status} ${JSON.stringify(result)}`);
  return result;
}

/** An employer, a payment recorded by the operator (no bill: it stays as the employer's credit), and the two users. */
async function seed({ database, server }: ServerEnvironment) {
  await seedPoolingRegions(database.database);
  await ensureFunds(database.database);
  const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
  await must(admin, 'POST', '/api/users', { username: OPERATOR.username, displayName: '冲正经办员', role: 'operator', regionCode: '990102', password: OPERATOR.password });
  await must(admin, 'POST', '/api/users', { username: REVIEWER.username, displayName: '冲正复核员', role: 'reviewer', regionCode: '990100', password: REVIEWER.password });
  await must(admin, 'POST', '/api/employers', { creditCode: CREDIT_CODE, name: '示范市冲正测试有限公司', regionCode: '990102', workInjuryClass: 2 });
  const operator = await apiClient(server.baseUrl, OPERATOR.username, OPERATOR.password);
  const payment = await must(operator, 'POST', '/api/payments', { creditCode: CREDIT_CODE, date: todayInChina(), amount: '1234.56', reference: 'E2E-SIGNOFF-1' });
  paymentId = payment.id;
}

const e2e = setUpE2e({ afterServer: seed });

test('a payment reversal goes through sign-off: requested by the operator, approved by a reviewer in the inbox', { timeout: 180_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const screenshot = async (name: string) => {
    await page.mouse.move(720, 850); // away from the header's tooltip
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(projectRoot, 'docs', 'screenshots', `${name}.png`) });
  };
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  const steps = page.getByTestId('approval-timeline').getByTestId('approval-step');
  const operator = await apiClient(server.baseUrl, OPERATOR.username, OPERATOR.password);
  let itemId = '';

  await t.test('the operator requests the reversal on the payments page: a request, not yet a reversal', async () => {
    await signInAs(page, server.baseUrl, OPERATOR.username, OPERATOR.password);
    await page.getByTestId('dashboard').waitFor();
    await page.locator('[data-testid=header-approvals][data-count="0"]').waitFor();
    await openMenuEntry(page, '征缴管理', 'menu-payments');
    // the payments list loads its first page (slow on a loaded CI machine: the whole suite runs beside it)
    await page.getByTestId(`payment-reverse-${paymentId}`).waitFor({ timeout: 60_000 });
    await page.getByTestId(`payment-reverse-${paymentId}`).click();
    assert.equal(await page.getByTestId('payment-reverse-submit').isDisabled(), true, 'no reason, no request');
    await page.getByTestId('payment-reverse-reason').fill(REASON);
    await page.getByTestId('payment-reverse-submit').click();
    const requested = page.getByTestId('payment-reversal-requested');
    // the request and the list's reload after it: as slow as the list's first page when the suite runs beside it
    await requested.waitFor({ timeout: 60_000 });
    assert.match(await requested.innerText(), /冲正申请已提交，等待复核/);
    assert.equal(await page.getByTestId('payments-table').getByText('已冲正').count(), 0, 'the payment is not reversed before approval');
  });

  await t.test('手工登记到账 like one recorded already: the form lists the checks\' warning and takes a reason before recording it', async () => {
    const paymentsOfEmployer = async () => (await must<{ items: { id: string; amount: string }[] }>(operator, 'GET', `/api/payments?employer=${CREDIT_CODE}`)).items;
    const before = await paymentsOfEmployer();
    await page.getByTestId('payment-record').click();
    await page.locator('[data-testid=payment-form-creditCode] input').fill(CREDIT_CODE);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: CREDIT_CODE }).click();
    await page.getByTestId('payment-form-amount').fill('1234.56');
    const answered = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/payments');
    await page.getByTestId('payment-form-submit').click();
    assert.equal((await answered).status(), 409);
    const warning = page.getByTestId('form-warning');
    await warning.first().waitFor();
    assert.equal(await warning.getAttribute('data-check'), 'same_day_amount');
    assert.match(await warning.innerText(), new RegExp(`${todayInChina()} 已登记本单位同额到账 1,?234\\.56 元（${OPERATOR.username} 手工登记），疑似重复登记`));
    assert.equal(await page.getByTestId('payment-form-submit').innerText(), '核实无误，仍然提交');
    await page.getByTestId('payment-form-submit').click();
    await page.getByText('请写明核实理由，4–500 字').waitFor();
    assert.equal((await paymentsOfEmployer()).length, before.length, 'nothing recorded without a reason');
    await page.getByTestId('form-override-reason').fill('单位当日分两笔缴款，已核对银行回单');
    await screenshot('payment-check-warning');
    const recorded = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/payments');
    await page.getByTestId('payment-form-submit').click();
    assert.equal((await recorded).status(), 201);
    await page.getByTestId('payment-form-submit').waitFor({ state: 'hidden' });
    const after = await paymentsOfEmployer();
    assert.deepEqual([after.length, after.filter((payment) => payment.amount === '1234.56').length], [before.length + 1, 2], 'recorded once, with the reason');
    await page.getByTestId(`payment-reverse-${paymentId}`).waitFor();
  });

  await t.test('the operator sees their item without an approve button', async () => {
    await page.getByTestId('payment-reversal-item').click();
    await page.getByTestId('approval-detail').waitFor();
    itemId = /\/approvals\/(\d+)$/.exec(page.url())?.[1] ?? '';
    assert.ok(itemId, page.url());
    assert.equal(await page.getByTestId('approval-status').first().innerText(), '审核中');
    await page.getByTestId('approval-own-item').waitFor();
    assert.equal(await page.getByTestId('approval-approve').count(), 0);
    assert.equal(await page.getByTestId('approval-return').count(), 0);
    assert.match(await page.getByTestId('approval-levels').innerText(), /复核/);
    await page.locator('[data-testid=header-approvals][data-count="0"]').waitFor();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
  });

  await t.test('the reviewer\'s badge counts the item and the inbox lists it', async () => {
    await signInAs(page, server.baseUrl, REVIEWER.username, REVIEWER.password);
    await page.locator('[data-testid=header-approvals][data-count="1"]').waitFor();
    await page.getByTestId('header-approvals').click();
    await page.waitForURL(/\/approvals$/);
    const row = page.getByTestId('approvals-table').getByTestId('approval-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.equal(await row.getAttribute('data-id'), itemId);
    assert.equal(await row.getByTestId('approval-kind').innerText(), '缴费到账冲正');
    assert.equal(await row.getByTestId('approval-risk').innerText(), '中');
    assert.equal(await row.getByTestId('approval-next-level').innerText(), '复核');
    assert.equal(await row.getByTestId('approval-submitted-by').innerText(), OPERATOR.username);
    assert.match(await row.innerText(), /1,234\.56/);
    assert.equal(await row.getByTestId('approval-age').innerText(), '0 天');
    assert.equal(await row.getByTestId('approval-overdue').count(), 0);
    await page.waitForLoadState('networkidle');
    await screenshot('approvals-inbox');
  });

  await t.test('the item shows its timeline; approving asks first and applies the reversal', async () => {
    await page.getByTestId('approvals-table').getByTestId('approval-link').click();
    await page.getByTestId('approval-detail').waitFor();
    await steps.first().waitFor();
    assert.equal(await steps.count(), 1);
    assert.equal(await steps.first().getAttribute('data-action'), 'submit');
    assert.equal(await steps.first().getByTestId('approval-step-user').innerText(), OPERATOR.username);
    assert.equal(await steps.first().getByTestId('approval-step-role').innerText(), '经办');
    assert.equal(await steps.first().getByTestId('approval-step-comment').innerText(), REASON);
    await page.waitForLoadState('networkidle');
    await screenshot('approval-detail');

    await page.getByTestId('approval-approve').click();
    const dialog = page.locator('.ant-modal-confirm:visible');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /同意[\s\S]*复核[\s\S]*最后一级/);
    await dialog.getByTestId('confirm-comment').fill('核对银行退票回单无误');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('approval-result').waitFor();
    assert.match(await page.getByTestId('approval-result').innerText(), /已冲正 1234\.56 元/);
    assert.equal(await page.getByTestId('approval-status').first().innerText(), '已通过');
    assert.equal(await page.getByTestId('approval-approve').count(), 0);
    assert.equal(await steps.count(), 2);
    const approved = steps.nth(1);
    assert.equal(await approved.getAttribute('data-action'), 'approve');
    assert.equal(await approved.getByTestId('approval-step-user').innerText(), REVIEWER.username);
    assert.equal(await approved.getByTestId('approval-step-role').innerText(), '复核');
    assert.equal(await approved.getByTestId('approval-step-level').innerText(), '复核');
    assert.equal(await approved.getByTestId('approval-step-comment').innerText(), '核对银行退票回单无误');
    await page.locator('[data-testid=header-approvals][data-count="0"]').waitFor();
  });

  await t.test('the payment now shows as reversed, on the page and in the API', async () => {
    await page.getByTestId('approval-subject-link').click();
    await page.waitForURL(new RegExp(`/collection/payments\\?payment=${paymentId}`));
    await page.getByTestId('payments-table').getByText('已冲正').waitFor();
    const reviewer = await apiClient(server.baseUrl, REVIEWER.username, REVIEWER.password);
    const listed = await must<{ items: { id: string; reversed: { reason: string; by: string } | null }[] }>(reviewer, 'GET', `/api/payments?employer=${CREDIT_CODE}`);
    const payment = listed.items.find((item) => item.id === paymentId)!;
    assert.equal(payment.reversed?.reason, REASON);
    assert.equal(payment.reversed?.by, REVIEWER.username);
  });

  await t.test('the finished item is under 已办结 and the pending tab says what to do next', async () => {
    await page.goto(`${server.baseUrl}/approvals`);
    await page.getByTestId('approvals-empty').waitFor();
    assert.match(await page.getByTestId('approvals-empty').innerText(), /没有待您审核的事项/);
    await page.getByTestId('approvals-tab-done').click();
    const row = page.getByTestId('approvals-table').getByTestId('approval-row');
    await row.first().waitFor();
    assert.equal(await row.getAttribute('data-id'), itemId);
    assert.equal(await row.getByTestId('approval-status').innerText(), '已通过');
  });

  await t.test('已办结 is a list page: its count, and an export of both finished statuses with the item in it', async () => {
    assert.equal(await page.getByTestId('approvals-page').getByTestId('list-total').innerText(), '共 1 条');
    const href = await page.getByTestId('list-export-csv').getAttribute('href');
    assert.equal(new URL(href!, server.baseUrl).searchParams.getAll('status').join(','), 'approved,cancelled');
    const file = await page.request.get(new URL(href!, server.baseUrl).toString());
    assert.equal(file.status(), 200);
    const lines = (await file.text()).trim().split(/\r?\n/).filter((line) => line.includes('冲正'));
    assert.equal(lines.length, 1, 'the one finished item, once');
  });

  await t.test('审计日志 on the list page: filtered by an action chosen by name, kept in the URL, exported with the same filter', async () => {
    await page.goto(`${server.baseUrl}/audit`);
    await page.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-action').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^审核通过$/ }).click();
    await page.waitForURL(/action=signoff\.approve/);
    const rows = page.getByTestId('audit-table').locator('.ant-table-row');
    await rows.first().locator('[data-action="signoff.approve"]').waitFor();
    const reviewer = await apiClient(server.baseUrl, REVIEWER.username, REVIEWER.password);
    const approvals = await must<{ total: number }>(reviewer, 'GET', '/api/audit?action=signoff.approve');
    assert.equal(await rows.count(), Math.min(approvals.total, 20));
    assert.equal(await page.getByTestId('list-total').innerText(), `共 ${approvals.total} 条`);
    const href = new URL((await page.getByTestId('list-export-xlsx').getAttribute('href'))!, server.baseUrl);
    assert.deepEqual([href.pathname, href.searchParams.get('action'), href.searchParams.get('format')], ['/api/audit', 'signoff.approve', 'xlsx']);
    await page.reload();
    await rows.first().locator('[data-action="signoff.approve"]').waitFor();
    assert.equal(await rows.count(), Math.min(approvals.total, 20), 'a reload shows the same rows');
  });

  await t.test('后台作业 is in the menu for holders of jobs.read and lists the jobs with their count', async () => {
    await page.getByTestId('menu-jobs').click();
    await page.waitForURL(/\/jobs$/);
    await page.getByTestId('jobs-page').getByTestId('list-total').waitFor();
    const reviewer = await apiClient(server.baseUrl, REVIEWER.username, REVIEWER.password);
    const jobs = await must<{ total: number }>(reviewer, 'GET', '/api/jobs');
    assert.equal(await page.getByTestId('jobs-page').getByTestId('list-total').innerText(), `共 ${jobs.total} 条`);
    assert.equal(await page.getByTestId('jobs-table').locator('.ant-table-row').count(), Math.min(jobs.total, 20));
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
