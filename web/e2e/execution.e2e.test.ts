/**
 * Budget execution in a real browser (issue 14), on a demo city whose three months of history end in January 2026 and
 * leave an approved 2026 budget for the city (990100) and the province (990000): the city reviewer's 基金运行概况 shows
 * each fund's income and expense as the execution report's lines add up; 预算执行 shows every line of every fund as
 * the API has it; a line drills down to its account's 明细账 of January, whose credit less debit is the line's actual
 * of January; in 预警处理 the reviewer acknowledges and then resolves an alert the evaluation raised, as the API then
 * has it; and a report the city published (submitted by the reviewer, approved by the approver) opens on /public in a
 * browser that never signed in, at a phone's width, with the API's figures.
 * The budget indicators (预算指标) page shows each indicator's available amount as the API works it out; from a fund's
 * 分月用款计划 drawer the reviewer proposes an even plan, which the drawer then shows in sign-off with the API's months.
 * Saves docs/screenshots/execution-funds.png, execution-report.png, execution-drill-down.png, execution-indicators.png,
 * execution-allocation.png and execution-public.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { fenToYuan, toFen } from '../src/format.ts';
import { launchBrowser } from './browser.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { dialogsSettled, openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const CITY = '990100';
const REVIEWER = `review.${CITY}`;
const APPROVER = `approve.${CITY}`;
const YEAR = 2026;

interface Line { subject: string; name: string; side: 'income' | 'expense'; parentSubject: string | null; budget: string; actual: string; rate: string | null; deviation: string | null }
interface Report { year: number; month: number; region: string; timeProgress: string; funds: { fund: string; name: string; budgetApproved: boolean; lines: Line[] }[] }
interface Alert { id: string; rule: string; fund: string; status: string; acknowledgeNote: string | null; resolutionNote: string | null }

const e2e = setUpE2e({
  beforeServer: (database) => generateDemo(database.database, { persons: 1500, employers: 60, years: 1, seed: 11, password: DEMO_PASSWORD, historyMonths: 3, endMonth: '2026-01' }),
});

async function must<T>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: answer } = await client.call<T>(method, url, body);
  assert.ok(status < 300, `${method} ${url} → ${status} ${JSON.stringify(answer)}`);
  return answer;
}

/** A side's total of the report's table lines (a 其中 row is inside its line). */
const sideTotal = (lines: Line[], side: Line['side']) => fenToYuan(lines.filter((line) => line.side === side && line.parentSubject === null).reduce((sum, line) => sum + toFen(line.actual), 0n));
/** "0.9151" → "91.51%", "-0.0391" → "-3.91%", as the pages show a rate */
function percent(rate: string | null): string {
  if (rate === null) return '—';
  const [whole, fraction = ''] = rate.replace('-', '').split('.');
  const tenThousandths = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0'));
  return `${fenToYuan(rate.startsWith('-') ? -tenThousandths : tenThousandths)}%`;
}

test('the fund home page, budget execution with its drill-down, the alert inbox and the public page, checked against the API', { timeout: 600_000 }, async (t) => {
  const { server, browser } = e2e;
  const reviewer = await apiClient(server.baseUrl, REVIEWER, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  const now = new Date(Date.now() + 8 * 3_600_000);
  const [thisYear, thisMonth] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
  assert.equal(thisYear, YEAR, 'the demo leaves a budget of 2026: the test runs in 2026');

  await t.test('基金运行概况: each fund\'s income, expense and their difference as the report of this month adds them up', async () => {
    const report = await must<Report>(reviewer, 'GET', `/api/execution/report?year=${YEAR}&month=${thisMonth}&region=${CITY}`);
    assert.ok(report.funds.length >= 3, 'the city pools its medical, unemployment and work-injury funds');
    assert.ok(report.funds.every((fund) => fund.budgetApproved), 'the demo approved the 2026 budget of every city fund');
    await signInAs(page, server.baseUrl, REVIEWER, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金运行', 'menu-executionFunds');
    await page.getByTestId('execution-funds').waitFor();
    for (const fund of report.funds) {
      const card = `fund-card-${fund.fund}`;
      await page.getByTestId(card).waitFor();
      const income = sideTotal(fund.lines, 'income');
      const expense = sideTotal(fund.lines, 'expense');
      assert.equal(plain(await page.getByTestId(`${card}-income`).first().textContent()), income, `${fund.fund} income`);
      assert.equal(plain(await page.getByTestId(`${card}-expense`).first().textContent()), expense, `${fund.fund} expense`);
      assert.equal(plain(await page.getByTestId(`${card}-surplus`).textContent()), fenToYuan(toFen(income) - toFen(expense)), `${fund.fund} surplus`);
      const open = await must<{ total: number }>(reviewer, 'GET', `/api/alerts?status=open&fund=${fund.fund}&limit=1`);
      await page.locator(`[data-testid=${card}-alerts][data-count="${open.total}"]`).waitFor();
    }
    assert.equal(await page.getByTestId('execution-time-progress').textContent(), percent(report.timeProgress));
    await page.screenshot({ path: screenshot('execution-funds'), fullPage: true });
  });

  await t.test('a fund opens 预算执行 with every line of its table as the API has it, 其中 rows indented', async () => {
    const report = await must<Report>(reviewer, 'GET', `/api/execution/report?year=${YEAR}&month=${thisMonth}&region=${CITY}`);
    const fund = report.funds.find((f) => f.fund.startsWith('medical-')) ?? report.funds[0];
    await page.getByTestId(`fund-card-${fund.fund}`).click();
    await page.waitForURL((url) => url.pathname === '/execution/report' && url.searchParams.get('fund') === fund.fund);
    const rows = page.locator(`[data-testid=execution-fund-${fund.fund}] tbody tr.ant-table-row`);
    await rows.nth(fund.lines.length - 1).waitFor();
    assert.equal(await rows.count(), fund.lines.length);
    assert.equal(await page.locator('[data-testid^=execution-fund-]').count(), 1, 'only the fund clicked');
    for (const [index, line] of fund.lines.entries()) {
      const row = rows.nth(index);
      assert.equal(await row.getAttribute('data-subject'), line.subject);
      assert.equal(plain(await row.getByTestId('line-budget').textContent()), line.budget, `${line.subject} budget`);
      assert.equal(plain(await row.getByTestId('line-actual').textContent()), line.actual, `${line.subject} actual`);
      assert.equal(await row.getByTestId('line-rate').textContent(), percent(line.rate), `${line.subject} rate`);
      assert.equal(await row.getByTestId('deviation').textContent(), percent(line.deviation), `${line.subject} deviation`);
      if (line.parentSubject !== null) assert.match((await row.locator('td').first().textContent()) ?? '', /^其中：/);
    }
    // the demo's actuals end in January: in December every budgeted line with a rate is far behind the time progress
    const behindIncome = fund.lines.find((line) => line.side === 'income' && line.parentSubject === null && line.deviation !== null && Number(line.deviation) < -0.05);
    if (behindIncome) assert.equal(await rows.nth(fund.lines.indexOf(behindIncome)).locator('[data-testid=deviation]').getAttribute('data-level'), 'unfavourable');
    await page.screenshot({ path: screenshot('execution-report'), fullPage: true });
  });

  await t.test('January\'s 社会保险费收入 drills down to its account\'s 明细账, whose credit less debit is the line\'s actual', async () => {
    const report = await must<Report>(reviewer, 'GET', `/api/execution/report?year=${YEAR}&month=1&region=${CITY}`);
    const fund = report.funds.find((f) => f.fund.startsWith('medical-')) ?? report.funds[0];
    const line = fund.lines.find((l) => l.subject === 'premium_income')!;
    assert.ok(toFen(line.actual) > 0n, 'the demo collected premiums in January');
    await page.getByTestId('execution-month').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="1月"]').click();
    await page.waitForURL((url) => url.searchParams.get('month') === '1');
    // through December the demo's actuals equal January's: wait for the table of January itself, not for its figure
    const row = page.locator(`[data-testid=execution-fund-${fund.fund}][data-period="${YEAR}-01"] tr[data-subject=premium_income]`);
    await row.waitFor();
    await page.waitForFunction(([selector, actual]) => document.querySelector(selector)?.textContent?.replace(/,/g, '') === actual,
      [`[data-testid=execution-fund-${fund.fund}] tr[data-subject=premium_income] [data-testid=line-actual]`, line.actual] as const);
    await row.getByTestId('line-drill').click();
    const months = page.locator('[data-testid=ledger-drill-down] [data-testid=drill-month]');
    await months.first().waitFor();
    assert.equal(await months.count(), 1, 'one account (4001), one month');
    await dialogsSettled(page);
    await page.screenshot({ path: screenshot('execution-drill-down') });
    await months.first().click();
    await page.waitForURL((url) => url.pathname === `/ledger/balances/${fund.fund}/4001` && url.searchParams.get('period') === '2026-01');
    await page.getByTestId('ledger-lines-summary').waitFor();
    const lines = await must<{ debit: string; credit: string }>(reviewer, 'GET', `/api/ledger/funds/${fund.fund}/accounts/4001/lines?period=2026-01&limit=1`);
    assert.equal(fenToYuan(toFen(lines.credit) - toFen(lines.debit)), line.actual, 'the line is the account\'s January movement');
    assert.ok(plain(await page.getByTestId('ledger-lines-summary').textContent()).includes(lines.credit), 'the 明细账 shows the January credit');
  });

  await t.test('预算指标: every indicator of the approved budget, available as the API works it out, fund by fund', async () => {
    const indicators = await must<{ fund: string; subject: string; available: string; belowWarning: boolean }[]>(reviewer, 'GET', `/api/execution/indicators?year=${YEAR}&region=${CITY}`);
    assert.ok(indicators.length > 0, 'the demo leaves an approved 2026 budget for the city');
    await openMenuEntry(page, '基金运行', 'menu-executionIndicators');
    await page.getByTestId('execution-indicators').waitFor();
    for (const fund of new Set(indicators.map((line) => line.fund))) {
      const lines = indicators.filter((line) => line.fund === fund);
      const available = page.locator(`[data-testid=indicators-fund-${fund}] [data-testid=indicator-available]`);
      await available.first().waitFor();
      assert.deepEqual((await available.allTextContents()).map(plain), lines.map((line) => line.available), `${fund}: available per line`);
      assert.equal(await page.locator(`[data-testid=indicators-fund-${fund}] [data-testid=indicator-available][data-below=true]`).count(), lines.filter((line) => line.belowWarning).length, `${fund}: lines below the warning line`);
    }
    await page.screenshot({ path: screenshot('execution-indicators'), fullPage: true });
  });

  await t.test('分月用款计划: the reviewer proposes an even plan of a fund from its drawer, confirmed; the drawer shows it in sign-off with the months the API has', async () => {
    const indicators = await must<{ fund: string }[]>(reviewer, 'GET', `/api/execution/indicators?year=${YEAR}&region=${CITY}`);
    const fund = indicators[0].fund;
    await page.getByTestId(`allocation-open-${fund}`).click();
    await page.getByTestId('allocation-none').waitFor();
    await page.getByTestId('allocation-propose').click();
    await page.getByTestId('allocation-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('allocation-proposal-status').waitFor();
    assert.equal((await page.getByTestId('allocation-proposal-status').textContent())?.trim(), '审批中');
    const plans = await must<{ funds: { fund: string; proposal: { method: string; lines: { amount: string; months: string[] }[] } | null }[] }>(reviewer, 'GET', `/api/execution/allocation-plans?year=${YEAR}&region=${CITY}`);
    const proposal = plans.funds.find((entry) => entry.fund === fund)!.proposal!;
    assert.equal(proposal.method, 'even');
    for (const line of proposal.lines) assert.equal(fenToYuan(line.months.reduce((sum, month) => sum + toFen(month), 0n)), line.amount, 'the months sum to the line');
    const firstRow = page.locator('[data-testid=allocation-proposal-months] tbody tr.ant-table-row').first();
    const cells = (await firstRow.locator('td').allTextContents()).map(plain);
    assert.deepEqual(cells.slice(-12), proposal.lines[0].months, 'the first line\'s 12 months as the API has them');
    await page.screenshot({ path: screenshot('execution-allocation') });
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('allocation-proposal').waitFor({ state: 'hidden' });
  });

  await t.test('预警处理: an alert the evaluation raised is acknowledged with a note and resolved with the action, as the API then has it', async () => {
    const job = await must<{ id: string }>(reviewer, 'POST', '/api/alerts/evaluations', {});
    for (let status = ''; status !== 'completed';) {
      status = (await must<{ status: string }>(reviewer, 'GET', `/api/jobs/${job.id}`)).status;
      assert.notEqual(status, 'failed', 'the evaluation job failed');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const open = await must<{ total: number; items: Alert[] }>(reviewer, 'GET', '/api/alerts?status=open&limit=100');
    assert.ok(open.total > 0, 'with January\'s actuals only, December is off the time progress: alerts are raised');
    await openMenuEntry(page, '基金运行', 'menu-executionAlerts');
    await page.getByTestId('alerts-page').waitFor();
    // the header counts the alerts raised and not yet acknowledged, as the API does
    const raised = await must<{ total: number }>(reviewer, 'GET', '/api/alerts?status=raised&limit=1');
    assert.ok(raised.total > 0);
    await page.locator(`[data-testid=header-alerts][data-count="${raised.total}"]`).waitFor();
    const rows = page.locator('[data-testid=alerts-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Math.min(open.total, 20));
    const [first] = open.items;
    // the API's first alert, found by its key (alerts raised by one evaluation tie on their time: the page's first row
    // need not be the API's first)
    const row = page.locator(`[data-testid=alerts-table] tbody tr[data-row-key="${first.id}"]`);
    await row.waitFor();
    const ruleNames: Record<string, string> = {
      current_deficit: '当期收支缺口', payment_capacity: '可支付月数不足', execution_deviation: '预算执行偏差', indicator_overrun: '预算指标超支', medical_balance_range: '医保结余超出合理区间',
      collection_rate: '征缴率同比下降', arrears_growth: '欠费同比增长',
    };
    assert.equal(await row.getByTestId('alert-rule').textContent(), ruleNames[first.rule]);

    await row.getByTestId('alert-acknowledge').click();
    await page.getByTestId('alert-acknowledge-form-form').getByTestId('alert-note').fill('由基金监督科张三跟踪，已通知经办机构核实');
    await page.getByTestId('alert-acknowledge-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await row.locator('[data-testid=alert-status][data-status=acknowledged]').waitFor();
    const acknowledged = (await must<{ items: Alert[] }>(reviewer, 'GET', '/api/alerts?status=acknowledged')).items.find((a) => a.id === first.id);
    assert.equal(acknowledged?.acknowledgeNote, '由基金监督科张三跟踪，已通知经办机构核实');

    await row.getByTestId('alert-resolve').click();
    await page.getByTestId('alert-resolve-form-form').getByTestId('alert-note').fill('已按月调度征缴进度');
    await page.getByTestId('alert-resolve-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    // the resolved alert leaves the open list (the evaluation may raise or clear others meanwhile: the count is not fixed)
    await row.waitFor({ state: 'detached' });
    const resolved = (await must<{ items: Alert[] }>(reviewer, 'GET', '/api/alerts?status=resolved')).items.find((a) => a.id === first.id);
    assert.equal(resolved?.resolutionNote, '已按月调度征缴进度');
  });

  await t.test('a published report opens on /public without a session, at a phone\'s width, with the API\'s figures', async () => {
    const item = await must<{ id: string }>(reviewer, 'POST', '/api/execution/publications', { year: YEAR, month: 1, region: CITY });
    const approver = await apiClient(server.baseUrl, APPROVER, DEMO_PASSWORD);
    let decided = await must<{ status: string }>(approver, 'POST', `/api/approvals/${item.id}/decisions`, { decision: 'approve', comment: null });
    for (let levels = 1; decided.status !== 'approved' && levels < 3; levels++) decided = await must(approver, 'POST', `/api/approvals/${item.id}/decisions`, { decision: 'approve', comment: null });
    assert.equal(decided.status, 'approved');
    const anonymous = await launchBrowser({ width: 390, height: 844 });
    try {
      const phone = anonymous.page;
      const phoneErrors = watchPage(phone, 30_000);
      const list = await (await fetch(`${server.baseUrl}/api/public/reports`)).json() as { id: string; title: string }[];
      assert.equal(list.length, 1);
      await phone.goto(`${server.baseUrl}/public`);
      await phone.getByTestId('public-reports').waitFor();
      assert.equal(await phone.getByTestId('public-report-link').textContent(), list[0].title);
      await phone.getByTestId('public-report-link').click();
      await phone.getByTestId('public-report-title').waitFor();
      assert.equal(new URL(phone.url()).pathname, `/public/reports/${list[0].id}`, 'no sign-in page in between');
      const report = await (await fetch(`${server.baseUrl}/api/public/reports/${list[0].id}`)).json() as { body: { funds: { fund: string; income: string; expense: string; surplus: string; balance: string }[] } };
      for (const fund of report.body.funds) {
        const card = phone.getByTestId(`public-fund-${fund.fund}`);
        for (const field of ['income', 'expense', 'surplus', 'balance'] as const) {
          assert.equal(plain(await card.getByTestId(`public-fund-${field}`).textContent()), fund[field], `${fund.fund} ${field}`);
        }
      }
      await phone.locator('[data-testid=public-report-chart] canvas').first().waitFor();
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `the page fits a phone's width (scroll width ${width})`);
      await phone.screenshot({ path: screenshot('execution-public'), fullPage: true });
      assert.deepEqual(phoneErrors, []);
    } finally {
      await anonymous.close();
    }
    assert.deepEqual(errors, []);
  });
});
