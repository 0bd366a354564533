/**
 * 基金收支分析 in a real browser (issue 14, R7.5), on a demo city whose three months of history end in January 2026 with
 * an approved 2026 budget: the city reviewer opens it from the menu under 基金运行, picks January, and sees the headline,
 * each fund's income and expense, the largest deviations and the open alerts as GET /api/execution/analysis has them;
 * the Excel button is the same analysis as a workbook; a year without ledger movement shows the empty state.
 * Saves docs/screenshots/execution-analysis.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient, projectRoot } from './server.ts';
import { openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const CITY = '990100';
const REVIEWER = `review.${CITY}`;

interface Comparison { current: string; lastYear: string | null; changeRate: string | null }
interface Analysis {
  hasMovement: boolean;
  headline: { income: { month: Comparison }; expense: { month: Comparison }; surplus: { yearToDate: Comparison }; accumulatedBalance: string };
  funds: { fund: string; income: { month: Comparison; yearToDate: Comparison }; expense: { month: Comparison; yearToDate: Comparison } }[];
  deviations: { fund: string; subject: string }[];
  openAlerts: { id: string }[];
  summary: string[];
}

const e2e = setUpE2e({
  beforeServer: (database) => generateDemo(database.database, { persons: 800, employers: 40, years: 1, seed: 12, password: DEMO_PASSWORD, historyMonths: 3, endMonth: '2026-01' }),
});

/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

test('基金收支分析: the month\'s analysis as the API has it, its Excel export, and the empty state', { timeout: 600_000 }, async () => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  const reviewer = await apiClient(server.baseUrl, REVIEWER, DEMO_PASSWORD);
  const answer = await reviewer.call<Analysis>('GET', `/api/execution/analysis?year=2026&month=1&region=${CITY}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const analysis = answer.body;
  assert.equal(analysis.hasMovement, true, 'the demo posted January 2026');

  await signInAs(page, server.baseUrl, REVIEWER, DEMO_PASSWORD);
  await page.getByTestId('dashboard').waitFor();
  await openMenuEntry(page, '基金运行', 'menu-executionAnalysis');
  await page.getByTestId('execution-analysis').waitFor();
  await page.goto(`${server.baseUrl}/execution/analysis?year=2026&month=1&region=${CITY}`);
  await page.getByTestId('analysis-heading').waitFor();
  assert.equal(await page.getByTestId('analysis-heading').textContent(), '2026年1月社会保险基金收支分析');
  const sentences = page.getByTestId('analysis-summary-sentence');
  assert.deepEqual(await sentences.allTextContents(), analysis.summary, 'the 综述 as the API tells it');
  assert.match(analysis.summary[0], /^截至 2026 年 1 月，.*本年累计收入 [\d,]+\.\d{2} 万元/);
  assert.equal(plain(await page.getByTestId('analysis-income-value').textContent()), analysis.headline.income.month.current);
  assert.equal(plain(await page.getByTestId('analysis-expense-value').textContent()), analysis.headline.expense.month.current);
  assert.equal(plain(await page.getByTestId('analysis-balance-value').textContent()), analysis.headline.accumulatedBalance);
  await page.getByTestId('analysis-chart').locator('canvas').waitFor();

  const incomeRows = page.locator('[data-testid=analysis-funds-income] tbody tr.ant-table-row');
  assert.equal(await incomeRows.count(), analysis.funds.length);
  for (const [index, fund] of analysis.funds.entries()) {
    assert.equal(plain(await incomeRows.nth(index).getByTestId('analysis-income-month').textContent()), fund.income.month.current, `${fund.fund} income of January`);
    assert.equal(plain(await incomeRows.nth(index).getByTestId('analysis-income-ytd').textContent()), fund.income.yearToDate.current, `${fund.fund} income to date`);
  }
  assert.equal(await page.locator('[data-testid=analysis-deviations] tbody tr.ant-table-row').count(), analysis.deviations.length);
  assert.equal(await page.locator('[data-testid=analysis-alerts] tbody tr.ant-table-row').count(), analysis.openAlerts.length);

  const excel = await page.getByTestId('analysis-xlsx').getAttribute('href');
  const workbook = await fetch(`${server.baseUrl}${excel}`, { headers: { cookie: (await browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert.equal(workbook.status, 200);
  assert.equal(Buffer.from(await workbook.arrayBuffer()).subarray(0, 2).toString(), 'PK');

  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(projectRoot, 'docs', 'screenshots', 'execution-analysis.png'), fullPage: true });

  await page.goto(`${server.baseUrl}/execution/analysis?year=2024&month=6&region=${CITY}`);
  await page.getByTestId('analysis-empty').waitFor();
  // a disabled link button (antd) keeps no href: there is nothing to export
  assert.deepEqual([await page.getByTestId('analysis-xlsx').getAttribute('aria-disabled'), await page.getByTestId('analysis-xlsx').getAttribute('href')], ['true', null]);
  assert.deepEqual(errors, []);
});
