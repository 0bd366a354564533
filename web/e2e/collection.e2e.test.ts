/**
 * Collection in a real browser: on a tiny demo city, a province reviewer (the administrator holds no money
 * permission) starts last month's billing from the billing page, the progress bar runs to completion, the summary
 * shows what GET /api/billing/summary says, a bill opened from the bills list shows the API's total, and a payment
 * recorded in error is reversed through sign-off. Saves docs/screenshots/billing-run.png and bill-detail.png.
 */
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, waitForJobCompleted, watchPage, openMenuEntry } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string) => text.trim().replace(/,/g, '');

/** The demo's staff accounts (src/modules/registry/demo/demo.calc.ts demoStaff) share this password here. */
const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
// Province staff: billing and payments post into the province's pension fund, which a city user's postings do not
// reach yet (validateEntries checks the user's own region, not the scope widened for cross-pool steps).
const STAFF = 'review.province';
const APPROVER = 'approve.province';

/** Signs a sign-off item through its levels, each level by the first unused signer the API lets decide it; returns the final status. */
async function signOffThrough(itemId: string, signers: ApiClient[]): Promise<string> {
  const unused = [...signers];
  let status = 'pending';
  while (status === 'pending') {
    const index = await (async () => {
      for (const [i, signer] of unused.entries()) {
        const decided = await signer.call<{ status: string }>('POST', `/api/approvals/${itemId}/decisions`, { decision: 'approve', comment: 'e2e' });
        if (decided.status === 200) { status = decided.body.status; return i; }
        assert.equal(decided.status, 403, JSON.stringify(decided.body));
      }
      throw new Error(`no signer left may decide item ${itemId}`);
    })();
    unused.splice(index, 1);
  }
  return status;
}

const e2e = setUpE2e({
  // A tiny city: its history (employments, enrollments, base declarations) ends last month, the month billed here.
  beforeServer: (database) => generateDemo(database.database, { persons: 240, employers: 12, years: 1, seed: 11, password: DEMO_PASSWORD }),
  async afterServer({ server }) {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    for (const [username, role] of [[STAFF, 'reviewer'], [APPROVER, 'approver']]) {
      const created = await admin.call('POST', '/api/users', { username, displayName: username, role, regionCode: '990000', password: DEMO_PASSWORD });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
  },
});

test('start a billing run in the browser, follow it to completion, check the summary and a bill against the API', { timeout: 180_000 }, async (t) => {
  const { server, browser } = e2e;
  const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
  const staff = await apiClient(server.baseUrl, STAFF, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  let period = '';

  await t.test('signs in and opens the billing page from the 征缴管理 menu', async () => {
    await signInAs(page, server.baseUrl, STAFF, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '征缴管理', 'menu-billing');
    await page.waitForURL(/\/collection\/billing$/);
    await page.getByTestId('billing-page').waitFor();
  });

  await t.test('starts the run for last month after confirming, and the progress bar reaches completion', async () => {
    await page.getByTestId('billing-start').click();
    await page.getByTestId('confirm-ok').click();
    await waitForJobCompleted(page, server, 'billing-progress', { timeout: 120_000 });
    const runs = await staff.call<{ items: { key: string; status: string; progress: { done: number; total: number } }[] }>('GET', '/api/jobs?kind=billing.run&limit=20');
    assert.equal(runs.status, 200, JSON.stringify(runs.body));
    const [run] = runs.body.items;
    assert.equal(run.status, 'completed');
    const { done, total } = run.progress;
    assert.ok(total > 0 && done === total, JSON.stringify(run));
    const progress = await page.getByTestId('billing-progress').innerText();
    assert.match(progress, new RegExp(`${total}/${total}`));
    assert.match(progress, /已完成/);
    period = run.key.split('/')[0];
    assert.match(period, /^\d{4}-\d{2}$/);
    // the jobs list beside it shows the job completed (it reloads when the progress sees the job finish)
    await page.getByTestId('billing-runs').getByTestId('job-status').filter({ hasText: '已完成' }).first().waitFor();
    assert.match(await page.getByTestId('billing-runs').innerText(), new RegExp(period));
  });

  await t.test('the summary shows the employers, lines and total of GET /api/billing/summary', async () => {
    const summary = await admin.call<{ employers: number; persons: number; lines: number; total: string }>('GET', `/api/billing/summary?period=${period}`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.ok(summary.body.employers > 0 && summary.body.lines > 0, JSON.stringify(summary.body));
    await page.getByTestId('billing-summary').waitFor();
    assert.equal(await page.getByTestId('summary-employers').innerText(), String(summary.body.employers));
    assert.equal(await page.getByTestId('summary-persons').innerText(), String(summary.body.persons));
    assert.equal(await page.getByTestId('summary-lines').innerText(), String(summary.body.lines));
    assert.equal(plain(await page.getByTestId('summary-total').innerText()), summary.body.total);
    assert.match(await page.getByTestId('billing-summary-table').innerText(), /养老保险[\s\S]*医疗保险/);
    await page.screenshot({ path: screenshot('billing-run') });
  });

  await t.test('a bill from the bills list shows the total of GET /api/bills/:number', async () => {
    await page.goto(`${server.baseUrl}/collection/bills?period=${period}`);
    const link = page.getByTestId('bills-table').getByTestId('bill-link').first();
    await link.waitFor();
    const number = await link.innerText();
    await link.click();
    await page.waitForURL(new RegExp(`/collection/bills/${number}$`));
    const bill = await admin.call<{ number: string; total: string; lineCount: number; lines: unknown[] }>('GET', `/api/bills/${encodeURIComponent(number)}`);
    assert.equal(bill.status, 200, JSON.stringify(bill.body));
    await page.getByTestId('bill-detail').waitFor();
    assert.equal(await page.getByTestId('bill-number').innerText(), number);
    assert.equal(plain(await page.getByTestId('bill-total').innerText()), bill.body.total);
    const rows = page.locator('[data-testid=bill-lines] tbody tr.ant-table-row');
    assert.equal(await rows.count(), Math.min(bill.body.lines.length, 50));
    // An amount explains itself: base × rate and the dated parameters behind it.
    await rows.first().locator('td').nth(5).locator('span[style*="dotted"]').hover();
    const popover = page.locator('.ant-popover:visible');
    await popover.waitFor();
    assert.match(await popover.innerText(), /计算依据[\s\S]*×[\s\S]*contribution\./);
    await page.screenshot({ path: screenshot('bill-detail') });
  });

  await t.test('the printed bill leaves out the menu and the buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('main-menu').isVisible(), false);
    assert.equal(await page.getByTestId('bill-print').isVisible(), false);
    assert.equal(await page.getByTestId('bill-total').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
  });

  await t.test('a payment recorded in error is reversed (冲正) after giving a reason and once its sign-off approves it', async () => {
    const { body: { bills: [bill] } } = await admin.call<{ bills: { number: string; creditCode: string; total: string; dueDate: string }[] }>('GET', `/api/bills?period=${period}&limit=1&lines=false`);
    const paid = await staff.call<{ id: string }>('POST', '/api/payments', { creditCode: bill.creditCode, date: bill.dueDate, amount: bill.total, reference: bill.number });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const payments = () => staff.call<{ items: { id: string; allocated: string; reversed: { reason: string } | null }[] }>('GET', `/api/payments?employer=${bill.creditCode}`)
      .then((listed) => listed.body.items.find((item) => item.id === paid.body.id)!);
    await page.goto(`${server.baseUrl}/collection/payments?employer=${bill.creditCode}`);
    await page.getByTestId(`payment-reverse-${paid.body.id}`).click();
    assert.equal(await page.getByTestId('payment-reverse-submit').isDisabled(), true); // no reason, no reversal
    await page.getByTestId('payment-reverse-reason').fill('银行退票');
    await page.getByTestId('payment-reverse-submit').click();
    await page.getByTestId('payment-reversal-requested').waitFor();
    assert.equal((await payments()).reversed, null, 'only requested: nothing is reversed before the sign-off');
    const itemId = /\/approvals\/(\d+)$/.exec(await page.getByTestId('payment-reversal-item').getAttribute('href') ?? '')?.[1];
    assert.ok(itemId);
    // the requester cannot sign; the province's finance user reviews, an approver approves (from the amount threshold)
    const refused = await staff.call('POST', `/api/approvals/${itemId}/decisions`, { decision: 'approve' });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    const signers = [await apiClient(server.baseUrl, 'finance.990000', DEMO_PASSWORD), await apiClient(server.baseUrl, APPROVER, DEMO_PASSWORD)];
    assert.equal(await signOffThrough(itemId, signers), 'approved');
    await page.reload();
    await page.getByTestId('payments-table').getByText('已冲正').waitFor();
    const payment = await payments();
    assert.deepEqual([payment.allocated, payment.reversed?.reason], ['0.00', '银行退票']);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
