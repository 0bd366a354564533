/**
 * The budget pages in a real browser, on a demo city whose last three months (to January 2026) ran through the
 * services, so that 2026 opened with approved budgets of the city (990100) and the province (990000):
 * - the city's officer opens 预算编制 on next year (nothing yet: the empty state says what to do), then 2026: the
 *   approved version with the totals the API gives, and a line's chart; requests an adjustment of it (发起预算调整, the
 *   totals before and after confirmed), which, signed off, becomes version 2 and leaves the line's history;
 * - drafts next year's budget from the empty state, adjusts a line (a malformed amount refused under its field),
 *   submits it after a confirmation; the city's reviewer opens it from its 待办 link and returns it with a comment on
 *   the line, which the version then shows;
 * - the province's finance reviewer opens 基金精算预测: the five scenarios side by side, each depletion year and the
 *   baseline's years as the API gives them, the chart drawn.
 * Saves docs/screenshots/budget-workbench.png and budget-projection.png (the README's budget section).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient, projectRoot } from './server.ts';
import { openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');
const fen = (yuanText: string) => BigInt(yuanText.replace('.', ''));
const yuan = (amount: bigint) => `${amount < 0n ? '-' : ''}${(amount < 0n ? -amount : amount) / 100n}.${((amount < 0n ? -amount : amount) % 100n).toString().padStart(2, '0')}`;

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const CITY = '990100';
const OFFICER = `op.${CITY}`, REVIEWER = `review.${CITY}`, APPROVER = `approve.${CITY}`, FINANCE = 'finance.990000';
const NEXT_YEAR = new Date().getFullYear() + 1;

const e2e = setUpE2e({
  beforeServer: (database) => generateDemo(database.database, { persons: 1500, employers: 60, years: 1, seed: 11, password: DEMO_PASSWORD, historyMonths: 3, endMonth: '2026-01' }),
});

interface Totals { totalIncome: string; totalExpense: string; balance: string; previousAccumulatedBalance: string; accumulatedBalance: string }
interface Version { id: string; number: number; status: string; summary: Totals; tables: ({ fund: string; table: string; income: { subject: string; amount: string; draftedAmount: string; comments: { comment: string }[] }[] } & Totals)[] }
const TOTALS = ['totalIncome', 'totalExpense', 'balance', 'previousAccumulatedBalance', 'accumulatedBalance'] as const;

test('the budget workbench, a draft adjusted, submitted and returned with comments, and the projection\'s scenarios', { timeout: 600_000 }, async (t) => {
  const { server, browser } = e2e;
  const officer = await apiClient(server.baseUrl, OFFICER, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 60_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  const year = page.locator('input[data-testid=budget-year], [data-testid=budget-year] input').first();
  const signOut = async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
  };
  const pickYear = async (value: number) => {
    await year.fill(String(value));
    await year.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('year') === String(value));
  };

  await t.test('next year has no version yet: the empty state says what to do next', async () => {
    await signInAs(page, server.baseUrl, OFFICER, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '预算管理', 'menu-budgetWorkbench');
    const empty = page.getByTestId('budget-empty');
    await empty.waitFor();
    assert.match((await empty.textContent()) ?? '', new RegExp(`${NEXT_YEAR} 年度尚无预算版本.*新建预算草案`));
    const none = await officer.call<{ items: unknown[] }>('GET', `/api/budget/versions?year=${NEXT_YEAR}&region=${CITY}`);
    assert.deepEqual([none.status, none.body.items.length], [200, 0]);
  });

  await t.test('2026: the approved version opens with the totals the API gives, and a line opens its chart', async () => {
    const listed = await officer.call<{ items: { id: string; number: number; status: string }[] }>('GET', `/api/budget/versions?year=2026&region=${CITY}`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.items.map((item) => [item.number, item.status]), [[1, 'approved']], 'the demo approved the city\'s 2026 budget in December');
    const version = (await officer.call<Version>('GET', `/api/budget/versions/${listed.body.items[0].id}`)).body;
    await pickYear(2026);
    await page.locator(`[data-testid=budget-version][data-version="${version.id}"]`).waitFor();
    assert.equal(await page.getByTestId('version-status').getAttribute('data-status'), 'approved');
    for (const key of TOTALS) assert.equal(plain(await page.getByTestId(`summary-${key}`).textContent()), version.summary[key], `社预01 ${key}`);
    const [first] = version.tables;
    const table = page.getByTestId(`fund-table-${first.fund}`);
    for (const key of TOTALS) assert.equal(plain(await table.getByTestId(`total-${key}`).textContent()), first[key], `${first.fund} ${key}`);
    const premium = first.income.find((line) => line.subject === 'premium_income')!;
    const row = page.getByTestId(`line-${first.fund}-premium_income`);
    assert.equal(plain(await row.getByTestId('line-amount').textContent()), premium.amount);
    assert.equal(await page.getByTestId('version-submit').count(), 0, 'an approved version cannot be submitted');
    assert.equal(await row.getByTestId('line-adjust').count(), 0, 'nor adjusted');
    await page.mouse.move(720, 880);
    await page.screenshot({ path: screenshot('budget-workbench'), fullPage: true });
    await row.getByTestId('line-chart').click();
    await page.getByTestId('line-chart-modal').locator('canvas').first().waitFor();
    await page.keyboard.press('Escape');
  });

  await t.test('2026: 发起预算调整 with the totals before and after confirmed; signed off, it becomes version 2 and the line shows its history', async () => {
    const [listed] = (await officer.call<{ items: { id: string }[] }>('GET', `/api/budget/versions?year=2026&region=${CITY}`)).body.items;
    const version = (await officer.call<Version>('GET', `/api/budget/versions/${listed.id}`)).body;
    const [first] = version.tables;
    const premium = first.income.find((line) => line.subject === 'premium_income')!;
    const newAmount = yuan(fen(premium.amount) + 100_000_00n);
    // the version's own page (the link 待办 gives), opened afresh: no modal of the step before in the way
    await page.goto(`${server.baseUrl}/budget/versions/${version.id}`);
    await page.getByTestId('adjustment-start').click();
    await page.getByTestId('adjustment-explanation').fill('年中参保扩面超出预期');
    const label = `${first.table} 收入 社会保险费收入`;
    await page.getByTestId('adjustment-line-picker').click();
    await page.keyboard.type(label);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('adjustment-amount').fill(newAmount);
    await page.getByTestId('adjustment-reason').fill('新增参保 3000 人');
    await page.getByTestId('adjustment-form-submit').click();
    const totals = page.getByTestId(`adjustment-totals-${first.fund}`);
    await totals.waitFor();
    assert.equal(plain(await totals.getByTestId('after').first().textContent()), yuan(fen(first.totalIncome) + 100_000_00n), '收入合计 after');
    assert.equal(plain(await totals.getByTestId('after').nth(2).textContent()), yuan(fen(first.balance) + 100_000_00n), '本年收支结余 after');
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=adjustment-list] tr[data-status=submitted]').waitFor({ timeout: 60_000 });
    const [requested] = (await officer.call<{ items: { approvalItemId: string; lines: { to: string }[] }[] }>('GET', `/api/budget/adjustments?year=2026&region=${CITY}`)).body.items;
    assert.deepEqual(requested.lines.map((line) => line.to), [newAmount]);
    for (const signer of [REVIEWER, APPROVER]) {
      const decided = await (await apiClient(server.baseUrl, signer, DEMO_PASSWORD)).call('POST', `/api/approvals/${requested.approvalItemId}/decisions`, { decision: 'approve', comment: '同意' });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
    }
    const versions = (await officer.call<{ items: { number: number; basis: string; status: string }[] }>('GET', `/api/budget/versions?year=2026&region=${CITY}`)).body.items;
    assert.deepEqual(versions.map((entry) => [entry.number, entry.basis, entry.status]), [[2, 'adjustment', 'approved'], [1, 'model', 'approved']]);
    // the workbench now opens on version 2; version 1's own page says what superseded it
    await page.goto(`${server.baseUrl}/budget/versions/${version.id}`);
    await page.getByTestId('version-superseded').waitFor();
    assert.equal(await page.getByTestId('adjustment-start').count(), 0, 'a superseded version is not adjusted again');
    await page.getByTestId(`line-${first.fund}-premium_income`).getByTestId('line-history-open').click();
    const history = page.locator('[data-testid=line-history-table] tbody tr.ant-table-row');
    await history.nth(1).waitFor();
    assert.equal(await history.count(), 2);
    assert.match((await history.nth(1).textContent()) ?? '', /新增参保 3000 人/);
    await page.keyboard.press('Escape');
    await page.goto(`${server.baseUrl}/budget/workbench?year=2026`);
    await page.getByTestId('version-superseded-1').waitFor();
  });

  let draftId = '';
  await t.test(`${NEXT_YEAR}: 新建预算草案, a line adjusted (a malformed amount refused under its field), 报送 after a confirmation`, async () => {
    await pickYear(NEXT_YEAR);
    await page.getByTestId('budget-empty-create').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=version-status][data-status=drafted]').waitFor();
    draftId = (await page.getByTestId('budget-version').getAttribute('data-version'))!;
    const drafted = (await officer.call<Version>('GET', `/api/budget/versions/${draftId}`)).body;
    assert.deepEqual([drafted.number, drafted.status], [1, 'drafted']);
    const fund = drafted.tables[0].fund;
    const row = page.getByTestId(`line-${fund}-premium_income`);
    await row.getByTestId('line-adjust').click();
    await page.getByTestId('adjust-amount').fill('1.234');
    await page.getByTestId('adjust-reason').fill('参保扩面计划新增缴费人员');
    await page.getByTestId('adjust-form-submit').click();
    await page.getByTestId('adjust-form').locator('.ant-form-item-explain-error', { hasText: '至多两位小数' }).waitFor();
    await page.getByTestId('adjust-amount').fill('123456.78');
    await page.getByTestId('adjust-form-submit').click();
    await row.getByTestId('line-amount').filter({ hasText: '123,456.78' }).waitFor();
    const adjusted = (await officer.call<Version>('GET', `/api/budget/versions/${draftId}`)).body;
    const line = adjusted.tables[0].income.find((entry) => entry.subject === 'premium_income')!;
    assert.deepEqual([line.amount, line.draftedAmount], ['123456.78', drafted.tables[0].income.find((entry) => entry.subject === 'premium_income')!.amount]);
    assert.equal(plain(await row.getByTestId('line-drafted').textContent()), line.draftedAmount, 'the drafted amount stays beside the new one');
    assert.equal(plain(await page.getByTestId(`fund-table-${fund}`).getByTestId('total-totalIncome').textContent()), adjusted.tables[0].totalIncome);
    await page.getByTestId('version-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=version-status][data-status=submitted]').waitFor({ timeout: 60_000 });
    await signOut();
  });

  await t.test('the city\'s reviewer opens the version from 待办\'s link and returns it with a comment on the line', async () => {
    await signInAs(page, server.baseUrl, REVIEWER, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${server.baseUrl}/budget/versions/${draftId}`);
    await page.getByTestId('approval-return').click();
    await page.getByTestId('return-reason').fill('征缴收入增幅依据不足');
    await page.getByTestId('return-add-line').click();
    // the line picked by its label in the first fund's table (社预0N 社会保险费收入), by typing into the select's search
    const label = `${(await officer.call<Version>('GET', `/api/budget/versions/${draftId}`)).body.tables[0].table} 社会保险费收入`;
    await page.getByTestId('return-line').click();
    await page.keyboard.type(label);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('return-form').locator('.ant-select-selection-item', { hasText: label }).waitFor();
    await page.getByTestId('return-comment').fill('请附扩面计划测算依据');
    await page.getByTestId('return-form-submit').click();
    await page.locator('[data-testid=version-status][data-status=returned]').waitFor({ timeout: 60_000 });
    const returned = (await officer.call<Version>('GET', `/api/budget/versions/${draftId}`)).body;
    const premium = returned.tables[0].income.find((entry) => entry.subject === 'premium_income')!;
    assert.deepEqual(premium.comments.map((comment) => comment.comment), ['请附扩面计划测算依据']);
    await page.getByTestId('comments-premium_income').filter({ hasText: '请附扩面计划测算依据' }).first().waitFor();
    await signOut();
  });

  await t.test('基金精算预测: the five scenarios side by side as the API projects them, the chart drawn', async () => {
    const finance = await apiClient(server.baseUrl, FINANCE, DEMO_PASSWORD);
    const scenarios = (await finance.call<{ items: { name: string }[] }>('GET', '/api/budget/projection/scenarios')).body.items.map((item) => item.name);
    assert.equal(scenarios.length, 5);
    await signInAs(page, server.baseUrl, FINANCE, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '预算管理', 'menu-budgetProjection');
    await page.getByTestId('projection-chart').locator('canvas').first().waitFor();
    for (const scenario of scenarios) {
      const api = await finance.call<{ depletionYear: number | null; years: { year: number; accumulatedBalance: string }[] }>('GET', `/api/budget/projection?region=990000&years=30&scenario=${scenario}`);
      assert.equal(api.status, 200, JSON.stringify(api.body));
      assert.equal(api.body.years.length, 30);
      const tag = (await page.getByTestId(`depletion-${scenario}`).textContent()) ?? '';
      assert.equal(tag, api.body.depletionYear === null ? '预测期内不耗尽' : `${api.body.depletionYear} 年耗尽`, scenario);
      if (scenario === 'reform') {
        const rows = page.locator('[data-testid=projection-years-reform] tbody tr.ant-table-row');
        await rows.first().waitFor();
        assert.equal((await rows.first().locator('td').first().textContent())?.trim(), String(api.body.years[0].year));
        assert.equal(plain(await rows.first().locator('td').nth(7).textContent()), api.body.years[0].accumulatedBalance);
      }
    }
    await page.mouse.move(720, 880);
    await page.screenshot({ path: screenshot('budget-projection'), fullPage: true });
  });

  await t.test('新建情景: a rate out of range refused with its label, then the pool\'s own scenario saved, projected beside the others as the API does, and archived', async () => {
    const finance = await apiClient(server.baseUrl, FINANCE, DEMO_PASSWORD);
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('scenario-name').fill('slow-wages-gap');
    await page.getByTestId('scenario-label').fill('工资低增长且财政补缺口');
    await page.getByTestId('scenario-wageGrowth').fill('0.3');
    await page.getByTestId('scenario-modal-submit').click();
    await page.getByTestId('form-error').filter({ hasText: '工资增长率（overrides.wageGrowth）' }).waitFor();
    await page.getByTestId('scenario-wageGrowth').fill('0.02');
    await page.getByTestId('scenario-fiscalSubsidyRule').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '补足当年缺口' }).click();
    await page.getByTestId('scenario-modal-submit').click();
    await page.getByTestId('saved-scenarios').getByText('工资低增长且财政补缺口').waitFor();
    const listed = await finance.call<{ items: { name: string; builtIn: boolean; overrides: Record<string, string> }[] }>('GET', '/api/budget/projection/scenarios?region=990000');
    assert.deepEqual(listed.body.items.filter((item) => !item.builtIn).map((item) => [item.name, item.overrides]), [['slow-wages-gap', { wageGrowth: '0.02', fiscalSubsidyRule: 'current_gap' }]]);
    const api = await finance.call<{ depletionYear: number | null; years: { accumulatedBalance: string }[] }>('GET', '/api/budget/projection?region=990000&years=30&scenario=slow-wages-gap');
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.equal(api.body.depletionYear, null, 'the subsidy fills every year\'s gap');
    await page.getByTestId('depletion-slow-wages-gap').waitFor();
    assert.equal(await page.getByTestId('depletion-slow-wages-gap').textContent(), '预测期内不耗尽');
    await page.getByTestId('projection-chart').locator('canvas').first().waitFor();
    await page.mouse.move(720, 880);
    await page.screenshot({ path: screenshot('budget-projection-scenario'), fullPage: true });

    await page.getByTestId('archive-slow-wages-gap').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('saved-scenarios').waitFor({ state: 'detached' });
    assert.equal((await finance.call('GET', '/api/budget/projection?region=990000&years=30&scenario=slow-wages-gap')).status, 400, 'archived: no longer projected under');
  });

  await t.test('历年决算: each fund\'s imported years as the API has them, in 万元 with the exact yuan kept beside', async () => {
    const finance = await apiClient(server.baseUrl, FINANCE, DEMO_PASSWORD);
    type Year = { year: number; totalIncome: string; totalExpense: string; balance: string };
    const api = await finance.call<{ funds: { fund: string; table: string; fundName: string; years: Year[] }[] }>('GET', '/api/budget/history?region=990000');
    assert.equal(api.status, 200, JSON.stringify(api.body));
    const funds = api.body.funds.filter((fund) => fund.years.length > 0);
    assert.ok(funds.length > 0, 'the demo imports ten years of final accounts');
    await openMenuEntry(page, '预算管理', 'menu-budgetHistory');
    await page.getByTestId('budget-history').waitFor();
    // the page's shell shows before its data: the tabs are counted once the first one is drawn
    await page.locator('[data-testid=history-funds] .ant-tabs-tab').first().waitFor();
    assert.equal(await page.locator('[data-testid=history-funds] .ant-tabs-tab').count(), api.body.funds.length);
    // 万元 with two decimals, half up on the fen, thousands separated: the page's rounding checked on the API's yuan
    const tenThousand = (yuan: string) => {
      const fen = BigInt(yuan.replace('.', ''));
      const hundredths = ((fen < 0n ? -fen : fen) + 5_000n) / 10_000n;
      return `${fen < 0n && hundredths > 0n ? '-' : ''}${(hundredths / 100n).toLocaleString('en-US')}.${(hundredths % 100n).toString().padStart(2, '0')}`;
    };
    for (const fund of funds.slice(0, 2)) {
      await page.locator('[data-testid=history-funds] .ant-tabs-tab', { hasText: `${fund.table} ${fund.fundName}` }).click();
      const table = page.getByTestId(`history-table-${fund.fund}`);
      await table.waitFor();
      assert.equal(await table.locator('thead th').count(), fund.years.length + 1, `${fund.fund}: a column per year`);
      for (const year of [fund.years[0], fund.years.at(-1)!]) {
        for (const key of ['totalIncome', 'totalExpense', 'balance'] as const) {
          const cell = table.getByTestId(`history-${fund.fund}-${year.year}-${key}`);
          assert.equal(await cell.getAttribute('data-yuan'), year[key], `${fund.fund} ${year.year} ${key}`);
          assert.equal(await cell.textContent(), tenThousand(year[key]));
        }
      }
    }
    await page.screenshot({ path: screenshot('budget-history'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
