/**
 * The employer portal in a real browser: an employer with two employees is billed for last month (POST
 * /api/billing/runs, a job followed at /api/jobs/:id, by an operator: the administrator holds no money permission);
 * its employer account signs in, lands on its portal (and sees no staff menu), opens the bill and finds the number,
 * the total and a line per person and insurance that the API gives. Then a hire request (增员申报) goes through
 * sign-off: returned by the agency with a reason, resubmitted by the employer in the portal, approved by the operator
 * on 员工变动审核.
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
import { ADMIN_PASSWORD, setUpE2e, signInAs, submitSignIn, watchPage, type ServerEnvironment } from './session.ts';

const EMPLOYER_PASSWORD = 'E2e-Employer-Pass-2026';
const OPERATOR = { username: 'op.portal', password: 'E2e-Operator-Pass-2026' };
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
  // a province operator: billing posts into the province's pension fund, which a county user's postings do not reach
  // yet (validateEntries checks the user's own region, not the scope widened for cross-pool steps)
  await must(admin, 'POST', '/api/users', { username: OPERATOR.username, displayName: '省经办员', role: 'operator', regionCode: '990000', password: OPERATOR.password });
  const operator = await apiClient(server.baseUrl, OPERATOR.username, OPERATOR.password);
  const first17 = '91990102MA0WT0001';
  const employer = await must(operator, 'POST', '/api/employers', { creditCode: first17 + creditCodeCheckCharacter(first17), name: '示范市网厅测试有限公司', regionCode: '990102', workInjuryClass: 2 });
  for (const [name, birth, sequence, wage] of [['张网厅', '19880412', '011', '9000.00'], ['李网厅', '19920930', '022', '12345.67']]) {
    const idFirst17 = `990102${birth}${sequence}`;
    const person = await must(operator, 'POST', '/api/persons', { idNumber: idFirst17 + idNumberCheckCharacter(idFirst17), name, regionCode: '990102' });
    await must(operator, 'POST', '/api/employments', { employerId: employer.id, personId: person.id, hiredOn: `${PERIOD}-01` });
    await must(operator, 'POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: Number(PERIOD.slice(0, 4)), monthlyWage: wage });
  }
  // 缴费核定 runs in the server's background: wait for it
  let run = await must(operator, 'POST', '/api/billing/runs', { period: PERIOD });
  for (let tries = 0; run.status !== 'completed' && tries < 120; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = await must(operator, 'GET', `/api/jobs/${run.id}`);
  }
  assert.equal(run.status, 'completed');
  await must(admin, 'POST', '/api/users', { username: 'emp.portal', displayName: '网厅经办人', role: 'employer', regionCode: '990102', employerId: employer.id, password: EMPLOYER_PASSWORD });
}

test('an employer signs in to its portal and sees its bill as the API gives it', { timeout: 180_000 }, async (t) => {
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

  await t.test('缴费基数申报 lists the year\'s employees with their declared bases, masked ID numbers and a total', async () => {
    await page.goto(`${server.baseUrl}/portal/employer/bases`);
    await page.getByTestId('portal-bases-year').fill(PERIOD.slice(0, 4));   // the bases were declared for the billed month's year
    const rows = page.getByTestId('portal-bases-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    const text = await page.getByTestId('portal-bases-table').innerText();
    assert.match(text, /张网厅[\s\S]*9,000\.00|9000\.00/);
    assert.match(text, /李网厅[\s\S]*12,345\.67|12345\.67/);
    assert.match(text, /990102\*{8}\d{3}[\dX]/, 'ID numbers masked in the list');
    assert.equal(await rows.count(), 2);
    assert.match(await page.getByTestId('portal-bases').innerText(), /共 2 条/);
  });

  const hireFirst17 = '990102199505050' + '33';
  const hireIdNumber = hireFirst17 + idNumberCheckCharacter(hireFirst17);
  const requestRow = () => page.getByTestId('portal-requests-table').locator('tr.ant-table-row').filter({ hasText: '王申报' });

  await t.test('a hire request the agency returned shows the reason, and the employer resubmits it after confirming', async () => {
    const request = await must(employerApi, 'POST', '/api/portal/employer/requests/hire', { idNumber: hireIdNumber, name: '王申报', hiredOn: todayInChina() });
    assert.equal(request.status, 'pending');
    const operator = await apiClient(server.baseUrl, OPERATOR.username, OPERATOR.password);
    const returned = await must(operator, 'POST', `/api/approvals/${request.approvalItemId}/decisions`, { decision: 'return', comment: '请补充劳动合同' });
    assert.equal(returned.status, 'returned');
    await page.goto(`${server.baseUrl}/portal/employer/employees`);
    await requestRow().waitFor();
    assert.match(await requestRow().innerText(), /已退回[\s\S]*请补充劳动合同/);
    await requestRow().getByTestId('approval-resubmit').click();
    await page.getByTestId('confirm-ok').click();
    await requestRow().getByText('待审核').waitFor();
    assert.equal(await requestRow().getByTestId('approval-resubmit').count(), 0);
  });

  await t.test('the operator approves the resubmitted request on 员工变动审核 and the person is hired', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInAs(page, server.baseUrl, OPERATOR.username, OPERATOR.password);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('menu-portalRequests').click();
    const row = page.getByTestId('requests-table').locator('tr.ant-table-row').filter({ hasText: '王申报' });
    await row.waitFor();
    await row.getByTestId('approval-approve').click();
    const dialog = page.locator('.ant-modal-confirm:visible');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /王申报[\s\S]*用工登记/);
    await page.getByTestId('confirm-ok').click();
    await row.waitFor({ state: 'detached' }); // no longer pending
    const approved = await must<{ items: { name: string; personId: string | null; employmentId: string | null }[] }>(employerApi, 'GET', '/api/portal/employer/requests');
    const hired = approved.items.find((item) => item.name === '王申报')!;
    assert.ok(hired.personId && hired.employmentId, JSON.stringify(hired));
    const employees = await must<{ items: { name: string }[] }>(employerApi, 'GET', '/api/portal/employer/employees');
    assert.ok(employees.items.some((employee) => employee.name === '王申报'));
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
