/**
 * The year-end pages of budget execution in a real browser (issues 14 and 15), on a small demo city whose three months
 * of history (November 2025 to January 2026) run through the services, with an approved 2025 budget of the city's
 * medical fund (the execution fixture approveMedicalBudget), an allocation to its 支出户 and a payment from it in
 * December 2025 (so the year-end settlement has a balance to return), and the analysis of January 2026 stored by the
 * job the month close queues (execution.monthly_analysis, run here as the worker would run it):
 * - 决算与年终清算 (the city's operator): every line of the 2025 final accounts with 预算数, 决算数, 完成预算% and 差额 as
 *   GET /api/execution/final-accounts has them; 「提交年终清算」 after its confirmation puts the settlement in sign-off
 *   (审批中), and the city's reviewer finds it in the approval inbox as the API's item;
 * - 基金收支分析 (the reviewer): the stored analyses of the region with their month and 「自动生成于 …」, the XLSX download
 *   a workbook;
 * - 基金运行概况 (the city's approver): the 「重点关注」 card lists the API's focus items in its order with their deviation;
 *   an assignment made in the 岗位责任 drawer (the reviewer, confirmed) names the responsible staff as the API then does;
 * - 预警推送 (the administrator): a subscription added shows its secret once, then only its last 4 characters.
 * Saves docs/screenshots/final-accounts.png, analysis-stored.png, focus-list.png and webhooks.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { inScope, systemActor } from '../../src/platform/actor.ts';
import { createOrFindJob, runJob } from '../../src/platform/jobs/index.ts';
import { chartFor, fundAccounts, postEntries } from '../../src/modules/ledger/index.ts';
import { approveMedicalBudget } from '../../src/modules/execution/execution.testing.ts';
import { monthlyAnalysisJob } from '../../src/modules/execution/notifications/monthly-analysis.service.ts';
import { percent } from '../src/modules/execution/figures.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { ADMIN_PASSWORD, dialogsSettled, openMenuEntry, setUpE2e, signInAs, submitSignIn, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const CITY = '990100';
/** A county of the city: no month of its own is closed. */
const COUNTY = '990102';
const OPERATOR = `op.${CITY}`, REVIEWER = `review.${CITY}`, APPROVER = `approve.${CITY}`;
const YEAR = 2025;
/** The month whose analysis the month close stored. */
const STORED_PERIOD = '2026-01';
/** The city's medical fund (found in the demo's funds). */
let medicalFund = '';

interface FinalLine { subject: string; side: 'income' | 'expense'; budget: string; actual: string; completionRate: string | null; gap: string }
interface FinalAccounts { funds: { fund: string; budgetApproved: boolean; lines: FinalLine[] }[] }
interface Settlements { yearOver: boolean; funds: { fund: string; figures: { unspent: string } | null; proposal: { approvalItemId: string; status: string } | null; settlement: unknown }[] }
interface FocusList { items: { fund: string; region: string; scheme: string; worstLine: { deviation: string } | null; responsible: { username: string; name: string } | null }[] }

const e2e = setUpE2e({
  beforeServer: async (database) => {
    await generateDemo(database.database, { persons: 120, employers: 8, years: 1, seed: 31, password: DEMO_PASSWORD, historyMonths: 3, endMonth: '2026-01' });
    const { rows: [fund] } = await database.owner.query<{ code: string }>(`select code from fund where insurance = 'medical' and region_code = $1`, [CITY]);
    assert.ok(fund, 'the demo city pools its medical fund');
    medicalFund = fund.code;
    await approveMedicalBudget(database.database, { year: YEAR, fund: medicalFund, firstUserId: 701, region: CITY });
    // December 2025: 200,000.00 allocated from the 财政专户 to the 支出户 (用款) and 120,000.00 of 住院 paid from it
    const account = (role: string, subject?: string) => fundAccounts(chartFor(YEAR), 'medical').find((a) => a.role === role && (subject === undefined || a.subject === subject))!.code;
    await postEntries(database.database, systemActor('e2e-year-end'), [
      { key: 'e2e-year-end-allocation', fund: medicalFund, period: '2025-12', date: '2025-12-10', memo: '用款', lines: [{ account: account('expense_bank'), debit: 200_000_00n }, { account: account('special_bank'), credit: 200_000_00n }] },
      { key: 'e2e-year-end-payment', fund: medicalFund, period: '2025-12', date: '2025-12-20', memo: '住院医疗费用', lines: [{ account: account('expense', 'benefit_expense.inpatient'), debit: 120_000_00n }, { account: account('expense_bank'), credit: 120_000_00n }] },
    ]);
    // the job the close of the city's last fund queues for January (period.service → queueMonthlyAnalysis), run as the worker runs it
    const { job } = await inScope(database.database, systemActor('e2e-year-end', ['period.close']), (tx) => createOrFindJob(tx, systemActor('execution-monthly-analysis', ['execution.read']), monthlyAnalysisJob, {
      key: `${CITY}/${STORED_PERIOD}`, regionCode: CITY, parameters: { region: CITY, period: STORED_PERIOD }, chunks: [],
    }));
    assert.equal(await runJob(database.database, job.id), 'completed', 'the monthly analysis job');
  },
});

async function must<T>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: answer } = await client.call<T>(method, url, body);
  assert.ok(status < 300, `${method} ${url} → ${status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Signs the current user out and the next one in. */
async function switchUser(page: Page, username: string, password: string) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
  await submitSignIn(page, username, password);
  await page.getByTestId('dashboard').waitFor();
}

/** A time as the browser (Asia/Shanghai) shows it: YYYY-MM-DD HH:mm:ss. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

test('决算与年终清算, the stored analyses, the focus list with its duty drawer and the webhooks page, checked against the API', { timeout: 600_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 60_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  const operator = await apiClient(server.baseUrl, OPERATOR, DEMO_PASSWORD);
  const reviewer = await apiClient(server.baseUrl, REVIEWER, DEMO_PASSWORD);
  const approver = await apiClient(server.baseUrl, APPROVER, DEMO_PASSWORD);
  let settlementItem = '';

  await t.test('决算与年终清算: every line of the 2025 final accounts as the API has it; the settlement submitted after its confirmation is in sign-off', async () => {
    const accounts = await must<FinalAccounts>(operator, 'GET', `/api/execution/final-accounts?year=${YEAR}&region=${CITY}`);
    const budgeted = accounts.funds.filter((fund) => fund.budgetApproved);
    assert.ok(budgeted.some((fund) => fund.fund === medicalFund), 'the 2025 budget of the medical fund is approved');
    await signInAs(page, server.baseUrl, OPERATOR, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金运行', 'menu-executionFinalAccounts');
    await page.goto(`${server.baseUrl}/execution/final-accounts?year=${YEAR}&region=${CITY}`);
    for (const fund of budgeted) {
      const card = page.getByTestId(`final-accounts-fund-${fund.fund}`);
      const last = fund.lines.at(-1)!;
      await card.locator(`tr.ant-table-row[data-row-key="${last.side}/${last.subject}"]`).waitFor();
      for (const line of fund.lines) {
        const cells = card.locator(`tr.ant-table-row[data-row-key="${line.side}/${line.subject}"] td`);
        assert.equal(plain(await cells.nth(2).textContent()), line.budget, `${fund.fund} ${line.subject} 预算数`);
        assert.equal(plain(await cells.nth(3).textContent()), line.actual, `${fund.fund} ${line.subject} 决算数`);
        assert.equal((await cells.nth(4).getByTestId('completion-rate').textContent())?.trim(), percent(line.completionRate), `${fund.fund} ${line.subject} 完成预算%`);
        assert.equal(plain(await cells.nth(5).textContent()), line.gap, `${fund.fund} ${line.subject} 差额`);
      }
      assert.equal(await card.locator('tr.ant-table-row').count(), fund.lines.length, `${fund.fund}: the API's lines, no other`);
    }

    const before = await must<Settlements>(operator, 'GET', `/api/execution/settlements?year=${YEAR}&region=${CITY}`);
    assert.equal(before.yearOver, true);
    const open = before.funds.find((fund) => fund.fund === medicalFund)!;
    assert.ok(open.figures && open.proposal === null && open.settlement === null, 'the medical fund is not settled');
    const settlement = page.getByTestId(`settlement-${medicalFund}`);
    assert.equal(plain(await settlement.getByTestId('settlement-unspent').textContent()), open.figures!.unspent);
    await settlement.getByTestId('settlement-submit').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await settlement.getByTestId('settlement-status').filter({ hasText: '审批中' }).waitFor();
    const after = await must<Settlements>(operator, 'GET', `/api/execution/settlements?year=${YEAR}&region=${CITY}`);
    const proposal = after.funds.find((fund) => fund.fund === medicalFund)!.proposal;
    assert.equal(proposal?.status, 'pending', 'the settlement waits for its sign-off');
    settlementItem = proposal.approvalItemId;
    // the page as tall as the table (a full-page shot would leave the fixed menu behind), once the toast has gone
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 1600 });
    await page.screenshot({ path: screenshot('final-accounts') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await t.test('the reviewer finds the settlement in the approval inbox, as the API\'s item of kind execution.year_end_settlement', async () => {
    const item = await must<{ id: string; kind: string; status: string }>(reviewer, 'GET', `/api/approvals/${settlementItem}`);
    assert.deepEqual([item.kind, item.status], ['execution.year_end_settlement', 'pending']);
    await switchUser(page, REVIEWER, DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/approvals`);
    await page.locator(`[data-testid=approvals-table] [data-testid=approval-row][data-id="${settlementItem}"]`).waitFor();
  });

  await t.test('基金收支分析: the analyses stored at month close, with their month, generation time and downloads, as the API lists them', async () => {
    const stored = await must<{ items: { id: string; region: string; period: string; generatedAt: string }[] }>(reviewer, 'GET', `/api/execution/analyses?region=${CITY}`);
    assert.deepEqual(stored.items.map((analysis) => analysis.period), [STORED_PERIOD], 'January\'s analysis of the city');
    const [analysis] = stored.items;
    await openMenuEntry(page, '基金运行', 'menu-executionAnalysis');
    await page.goto(`${server.baseUrl}/execution/analysis?year=2026&month=1&region=${CITY}`);
    const row = page.locator(`[data-testid=analysis-stored-table] tr.ant-table-row[data-row-key="${analysis.id}"][data-period="${analysis.period}"]`);
    await row.waitFor();
    assert.equal(await row.locator('td').first().textContent(), '2026年1月');
    assert.equal(await row.getByTestId('analysis-stored-at').textContent(), `自动生成于 ${chinaTime(analysis.generatedAt)}`);
    const href = await row.getByTestId('analysis-stored-xlsx').getAttribute('href');
    assert.equal(href, `/api/execution/analyses/${analysis.id}?format=xlsx`);
    const workbook = await fetch(`${server.baseUrl}${href}`, { headers: { cookie: (await browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
    assert.equal(workbook.status, 200);
    assert.equal(Buffer.from(await workbook.arrayBuffer()).subarray(0, 2).toString(), 'PK', 'an XLSX file');
    assert.equal(await row.getByTestId('analysis-stored-pdf').getAttribute('href'), `/api/execution/analyses/${analysis.id}?format=pdf`);
    await page.getByTestId('analysis-heading').waitFor();
    await page.screenshot({ path: screenshot('analysis-stored') });
    // a region with no month closed: the empty state says when its analyses appear
    await page.goto(`${server.baseUrl}/execution/analysis?year=2026&month=1&region=${COUNTY}`);
    await page.getByTestId('analysis-stored-empty').waitFor();
  });

  await t.test('基金运行概况: the 重点关注 card lists the API\'s focus items; an assignment in the 岗位责任 drawer names the responsible staff', async () => {
    await switchUser(page, APPROVER, DEMO_PASSWORD);
    // the page ranks this month of the user's region
    const now = new Date(Date.now() + 8 * 3_600_000);
    const focusUrl = `/api/execution/focus?year=${now.getUTCFullYear()}&month=${now.getUTCMonth() + 1}&region=${CITY}`;
    const focus = await must<FocusList>(approver, 'GET', focusUrl);
    assert.ok(focus.items.length > 0, 'the city has funds to rank');
    await openMenuEntry(page, '基金运行', 'menu-executionFunds');
    const rows = page.locator('[data-testid=focus-table] tr.ant-table-row');
    await page.locator(`[data-testid=focus-table] tr.ant-table-row[data-row-key="${focus.items.at(-1)!.fund}"]`).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key'))), focus.items.map((item) => item.fund), 'the API\'s items in its order');
    for (const item of focus.items) {
      if (item.worstLine) assert.equal(await page.getByTestId(`focus-deviation-${item.fund}`).textContent(), percent(item.worstLine.deviation), `${item.fund} deviation`);
      assert.equal(await page.getByTestId(`focus-responsible-${item.fund}`).textContent(), item.responsible ? `${item.responsible.name}（${item.responsible.username}）` : '未指定');
    }

    const [first] = focus.items;
    const duty = await must<{ eligible: { username: string; name: string }[] }>(approver, 'GET', `/api/execution/duty-assignments?region=${first.region}`);
    assert.ok(duty.eligible.some((staff) => staff.username === REVIEWER), 'the city\'s reviewer may answer for its funds');
    await page.getByTestId(`focus-duty-${first.fund}`).click();
    await page.getByTestId('duty-drawer').waitFor();
    await page.getByTestId('duty-assign').click();
    await page.getByTestId('duty-username').click();
    await page.keyboard.type(REVIEWER);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `（${REVIEWER}）` }).click();
    await page.getByTestId('duty-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=duty-assignments] tr.ant-table-row').filter({ hasText: `（${REVIEWER}）` }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('duty-drawer').waitFor({ state: 'hidden' });

    const assigned = await must<FocusList>(approver, 'GET', focusUrl);
    const responsible = assigned.items.find((item) => item.fund === first.fund)!.responsible;
    assert.equal(responsible?.username, REVIEWER, 'the API names the reviewer');
    await page.getByTestId(`focus-responsible-${first.fund}`).filter({ hasText: `${responsible.name}（${responsible.username}）` }).waitFor();
    await page.getByTestId('focus-card').screenshot({ path: screenshot('focus-list') });
  });

  await t.test('预警推送: a subscription added shows its secret once, then only its last 4 characters, as the API lists it', async () => {
    await switchUser(page, 'admin', ADMIN_PASSWORD);
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/execution/webhooks`);
    await page.getByTestId('webhooks-page').waitFor();
    await page.getByTestId('webhooks-add').click();
    await page.getByTestId('webhook-url').fill('https://alerts.example.org/sifund');
    const secret = await page.getByTestId('webhook-secret').inputValue();
    assert.match(secret, /^[0-9a-f]{32}$/, 'a generated secret is offered');
    await page.getByTestId('webhook-form-submit').click();
    assert.equal(await page.getByTestId('webhook-created-secret').textContent(), secret, 'the secret shown once, in full');
    const listed = await must<{ items: { id: string; url: string; secretHint: string }[] }>(admin, 'GET', '/api/notifications/webhooks');
    const subscription = listed.items.find((item) => item.url === 'https://alerts.example.org/sifund')!;
    assert.equal(subscription.secretHint, `…${secret.slice(-4)}`, 'the API keeps only the last 4 characters to show');
    await dialogsSettled(page);
    await page.locator('[data-testid=webhook-created] .ant-btn-primary').click();
    // closed (its leave animation over), the dialog with the secret is gone from the page
    await page.getByTestId('webhook-created-secret').waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid=webhooks-table] tr.ant-table-row[data-row-key="${subscription.id}"]`);
    await row.waitFor();
    assert.ok((await row.textContent())?.includes(subscription.secretHint), 'the row shows the last 4 characters');
    assert.equal((await page.locator('body').textContent())?.includes(secret), false, 'the full secret is nowhere in the page any more');
    await page.screenshot({ path: screenshot('webhooks') });
  });

  assert.deepEqual(errors, []);
});
