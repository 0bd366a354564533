/**
 * The employer portal in a real browser: an employer with two employees is billed for last month (POST
 * /api/billing/runs); its employer account signs in, lands on its portal (and sees no staff menu), opens the bill
 * and finds the number, the total and a line per person and insurance that the API gives.
 * Saves docs/screenshots/employer-portal.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { todayInChina } from '../../src/platform/params/index.ts';
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { seedPoolingRegions } from '../../src/modules/ledger/ledger.testing.ts';
import { addMonths } from '../../src/modules/ledger/journal.calc.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, submitSignIn, watchPage, type ServerEnvironment } from './session.ts';

const EMPLOYER_PASSWORD = 'E2e-Employer-Pass-2026';
const PERIOD = addMonths(todayInChina().slice(0, 7), -1);

async function must<T = any>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: result } = await client.call<T>(method, url, body);
  assert.ok(status < 300, `${method} ${url} → ${status} ${JSON.stringify(result)}`);
  return result;
}

const e2e = setUpE2e({ afterServer: seedEmployerWithBill });

/** An employer with two employees, billed for PERIOD, and its portal account. */
async function seedEmployerWithBill({ database, server }: ServerEnvironment) {
  await seedPoolingRegions(database.database);
  const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
  const first17 = '91990102MA0WT0001';
  const employer = await must(admin, 'POST', '/api/employers', { creditCode: first17 + creditCodeCheckCharacter(first17), name: '示范市网厅测试有限公司', regionCode: '990102', workInjuryClass: 2 });
  for (const [name, birth, sequence, wage] of [['张网厅', '19880412', '011', '9000.00'], ['李网厅', '19920930', '022', '12345.67']]) {
    const idFirst17 = `990102${birth}${sequence}`;
    const person = await must(admin, 'POST', '/api/persons', { idNumber: idFirst17 + idNumberCheckCharacter(idFirst17), name, regionCode: '990102' });
    await must(admin, 'POST', '/api/employments', { employerId: employer.id, personId: person.id, hiredOn: `${PERIOD}-01` });
    await must(admin, 'POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: Number(PERIOD.slice(0, 4)), monthlyWage: wage });
  }
  // 缴费核定 runs in the server's background: wait for it
  let run = await must(admin, 'POST', '/api/billing/runs', { period: PERIOD });
  for (let tries = 0; run.status !== 'completed' && tries < 120; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = await must(admin, 'GET', `/api/billing/runs/${run.id}`);
  }
  assert.equal(run.status, 'completed');
  await must(admin, 'POST', '/api/users', { username: 'emp.portal', displayName: '网厅经办人', role: 'employer', regionCode: '990102', employerId: employer.id, password: EMPLOYER_PASSWORD });
}

test('an employer signs in to its portal and sees its bill as the API gives it', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const employerApi = await apiClient(server.baseUrl, 'emp.portal', EMPLOYER_PASSWORD);
  const { bills } = await must<{ bills: { number: string; total: string; period: string; lines: unknown[] }[] }>(employerApi, 'GET', '/api/bills');
  assert.equal(bills.length, 1);
  const [bill] = bills;
  assert.equal(bill.period, PERIOD);
  assert.equal(bill.lines.length, 8, 'two persons × four insurances');

  const page = browser.page;
  const errors = watchPage(page, 20_000);

  await t.test('signs in and lands on the portal with only the portal menu', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('sifund.lang', 'zh'));
    await submitSignIn(page, 'emp.portal', EMPLOYER_PASSWORD);
    await page.waitForURL(/\/portal\/employer\/employees$/);
    assert.equal(await page.getByTestId('header-role').innerText(), '参保单位');
    assert.equal(await page.getByTestId('menu-dashboard').count(), 0);
    assert.equal(await page.getByTestId('menu-employers').count(), 0);
    const employerName = page.getByTestId('portal-employer-name');
    await employerName.filter({ hasText: /\S/ }).waitFor(); // the profile loads after the page
    assert.equal(await employerName.innerText(), '示范市网厅测试有限公司');
    const table = page.getByTestId('portal-employees-table');
    await table.getByText('张网厅').waitFor();
    assert.match(await table.innerText(), /李网厅[\s\S]*12,345\.67|12,345\.67[\s\S]*李网厅/);
  });

  await t.test('opens the bill: number, total and lines equal the API\'s', async () => {
    await page.getByTestId('menu-portalBills').click();
    const link = page.getByTestId('portal-bill-link');
    await link.first().waitFor();
    assert.equal(await link.count(), 1);
    assert.equal(await link.innerText(), bill.number);
    await link.click();
    await page.getByTestId('bill-notice').waitFor();
    assert.equal(await page.getByTestId('bill-number').innerText(), bill.number);
    assert.equal((await page.getByTestId('bill-total').innerText()).replace(/,/g, ''), bill.total);
    assert.equal(await page.locator('[data-testid=bill-lines] tbody tr.ant-table-row').count(), bill.lines.length);
    await page.waitForLoadState('networkidle').catch(() => {});
    fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(projectRoot, 'docs', 'screenshots', 'employer-portal.png') });
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
