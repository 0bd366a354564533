/**
 * The money checks of issue 11 in a real browser, on a tiny demo province where the tax bureau collects: a province
 * operator bills last month and records a payment dated in it, opens 业务会计核对 from the 基金财务 menu and finds
 * every fund's figures and the summary the API answers (the payment's money on both sides, 账实相符); then on 税务征收
 * imports the tax bureau's collection of one assessed line through the import panel (preview, confirm) and sees that
 * line leave 已核未征, as GET /api/tax/reconciliation says; the employer's credit and 申请退费; 重复参保 as the API lists it. Saves docs/screenshots/reconciliation.png and tax-collection.png.
 */
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { ADMIN_PASSWORD, openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string) => text.trim().replace(/,/g, '');

const PASSWORD = 'E2e-Demo-Pass-2026';
// A province operator: the funds are kept per pooling region (the pension fund at the province), which a county
// operator's scope does not reach.
const OPERATOR = 'op.province';
const PAYMENT = '1000.00';

const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const monthBefore = (day: string) => {
  const [year, month] = day.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

interface FundReconciliation { fund: string; name: string; business: string; ledger: string; difference: string }
interface TaxLine { creditCode: string; idNumber: string; insurance: string; assessed: string; collected: string; difference: string }
interface TaxReconciliation { regions: string[]; assessedNotCollected: TaxLine[]; collectedNotAssessed: TaxLine[] }

async function must<T>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const answer = await client.call<T>(method, url, body);
  assert.ok(answer.status < 300, `${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const period = monthBefore(todayInChina());
let creditCode = '';

const e2e = setUpE2e({
  // Its history ends last month; the province has the tax bureau collect from its first day (parameter collection.model).
  beforeServer: (database) => generateDemo(database.database, { persons: 80, employers: 6, years: 1, seed: 23, password: PASSWORD, collectionModel: 'tax' }),
  async afterServer({ server }) {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    await must(admin, 'POST', '/api/users', { username: OPERATOR, displayName: '省经办员', role: 'operator', regionCode: '990000', password: PASSWORD });
    const operator = await apiClient(server.baseUrl, OPERATOR, PASSWORD);
    const job = await must<{ id: string }>(operator, 'POST', '/api/billing/runs', { period });
    for (let status = ''; status !== 'completed';) {
      status = (await must<{ status: string }>(operator, 'GET', `/api/jobs/${job.id}`)).status;
      assert.notEqual(status, 'failed', `billing ${period} failed`);
      if (status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const bills = await must<{ bills: { creditCode: string }[] }>(operator, 'GET', `/api/bills?period=${period}&lines=false&limit=1`);
    creditCode = bills.bills[0].creditCode;
    await must(operator, 'POST', '/api/payments', { creditCode, date: `${period}-15`, amount: PAYMENT, reference: 'e2e' });
  },
});

test('业务会计核对 and 税务征收 in the browser, against the API', { timeout: 240_000 }, async (t) => {
  const { server, browser } = e2e;
  const operator = await apiClient(server.baseUrl, OPERATOR, PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);

  await t.test('the reconciliation page shows what the API answers for last month, the payment on both sides', async () => {
    const answer = await must<{ period: string; funds: FundReconciliation[]; differences: number }>(operator, 'GET', `/api/collection/reconciliation?period=${period}`);
    assert.equal(answer.differences, 0, JSON.stringify(answer.funds));
    const sum = (field: 'business' | 'ledger') => answer.funds.reduce((total, fund) => total + Math.round(Number(fund[field]) * 100), 0);
    assert.equal(sum('business'), 100_000, 'the payment reached the funds in its month');
    assert.equal(sum('ledger'), 100_000, 'and the ledger booked it in that month');

    await signInAs(page, server.baseUrl, OPERATOR, PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金财务', 'menu-collectionReconciliation');
    await page.locator(`[data-testid=reconciliation-funds][data-period="${period}"]`).waitFor();
    const summary = page.getByTestId('reconciliation-summary');
    await summary.waitFor();
    assert.equal(await summary.getAttribute('data-differences'), '0');
    assert.match(await summary.innerText(), /账实相符/);
    for (const fund of answer.funds) {
      assert.equal(plain(await page.getByTestId(`reconciliation-business-${fund.fund}`).innerText()), fund.business, fund.fund);
      assert.equal(plain(await page.getByTestId(`reconciliation-ledger-${fund.fund}`).innerText()), fund.ledger, fund.fund);
      assert.equal(plain(await page.getByTestId(`reconciliation-difference-${fund.fund}`).innerText()), fund.difference, fund.fund);
    }
    await page.screenshot({ path: screenshot('reconciliation'), fullPage: true });
  });

  await t.test('税务征收: one assessed line imported from the collection file leaves 已核未征', async () => {
    const before = await must<TaxReconciliation>(operator, 'GET', `/api/tax/reconciliation?period=${period}`);
    assert.ok(before.regions.length > 0, 'the demo province collects by tax');
    assert.ok(before.assessedNotCollected.length > 0, 'nothing collected yet: every assessed line is missing');
    const line = before.assessedNotCollected[0];

    await openMenuEntry(page, '征缴管理', 'menu-taxCollection');
    await page.getByTestId('tax-tab-collections').click();
    const csv = `date,period,creditCode,idNumber,insurance,amount,taxVoucher\n${todayInChina()},${period},${line.creditCode},${line.idNumber},${line.insurance},${line.assessed},326016260300000901\n`;
    await page.locator('input[type=file]').setInputFiles({ name: 'tax-collections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('tax-import-start').click();
    await page.getByTestId('tax-preview').waitFor();
    assert.equal(await page.getByTestId('tax-preview-to-record').innerText(), '1');
    assert.equal(plain(await page.getByTestId('tax-preview-total').innerText()), line.assessed);
    await page.getByTestId('tax-import-confirm').click();
    await page.getByTestId('tax-import-confirm-ok').click();
    await page.getByTestId('tax-import-success').waitFor();

    const after = await must<TaxReconciliation>(operator, 'GET', `/api/tax/reconciliation?period=${period}`);
    assert.equal(after.assessedNotCollected.length, before.assessedNotCollected.length - 1);
    await page.getByTestId('tax-tab-reconciliation').click();
    const rows = page.locator('[data-testid=tax-assessed-not-collected] tbody tr.ant-table-row');
    await page.getByTestId('tax-reconciliation').waitFor();
    const shown = Math.min(after.assessedNotCollected.length, 20);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid=tax-assessed-not-collected] tbody tr.ant-table-row').length === count, shown);
    assert.equal(await rows.count(), shown);
    assert.match(await page.getByTestId('tax-tabs').innerText(), new RegExp(`已核未征（${after.assessedNotCollected.length}）`));
    await page.screenshot({ path: screenshot('tax-collection'), fullPage: false });
  });

  await t.test("an overpayment shows as the employer's credit, and 申请退费 of part of it opens a sign-off item", async () => {
    await must(operator, 'POST', '/api/payments', { creditCode, date: todayInChina(), amount: '500000.00', reference: 'e2e overpayment' });
    const payments = await must<{ items: { credit: string }[] }>(operator, 'GET', `/api/payments?employer=${creditCode}&limit=500`);
    const credit = payments.items.reduce((total, payment) => total + Math.round(Number(payment.credit) * 100), 0);
    assert.ok(credit > 0, 'the overpayment is kept as credit');
    const employers = await must<{ items: { id: string; creditCode: string }[] }>(operator, 'GET', `/api/employers?q=${creditCode}`);
    const employer = employers.items.find((each) => each.creditCode === creditCode)!;

    await page.goto(`${server.baseUrl}/employers/${employer.id}`);
    await page.getByTestId('tab-payments').click();
    const shown = page.getByTestId('employer-credit-amount');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=employer-credit-amount]')?.textContent ?? ''));
    assert.equal(Math.round(Number(plain(await shown.innerText())) * 100), credit);
    await page.getByTestId('refund-request').click();
    await page.getByTestId('refund-signoff').waitFor();
    await page.getByTestId('refund-amount').fill('100.00');
    await page.getByTestId('refund-reason').fill('单位重复缴费，申请退还');
    await page.getByTestId('refund-form-submit').click();
    const link = page.getByTestId('refund-item');
    await link.waitFor();
    const itemId = (await link.getAttribute('href'))!.split('/').pop()!;
    const item = await must<{ kind: string; status: string; amount: string }>(operator, 'GET', `/api/approvals/${itemId}`);
    assert.equal(item.kind, 'payment.refund');
    assert.equal(item.status, 'pending');
    assert.equal(item.amount, '100.00');
  });

  await t.test('重复参保 lists the persons the API lists for last month', async () => {
    const report = await must<{ persons: { personId: string }[] }>(operator, 'GET', `/api/collection/duplicate-pensions?period=${period}`);
    await openMenuEntry(page, '征缴管理', 'menu-duplicatePensions');
    const table = page.getByTestId('duplicate-pensions');
    await table.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=duplicate-pensions] .ant-spin-spinning'));
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), Math.min(report.persons.length, 50));
    if (report.persons.length === 0) assert.match(await table.innerText(), new RegExp(`${period} 无重复参保人员`));
  });

  assert.deepEqual(errors, []);
});
