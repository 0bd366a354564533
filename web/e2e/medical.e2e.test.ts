/**
 * Medical settlement and pension deaths in a real browser, on a small demo city with two years of history: the city
 * reviewer lists the demo's designated institutions (as many as the API counts, each with its quotas by year) with the
 * year's budget execution; reads the DIP projection of the current year with the API's point value and range; and on
 * 死亡停发与待遇追回 imports a one-row death registry file for a demo pensioner, whose overpayments the page then lists
 * as the API does (one when the pensioner was paid after the date of death, none otherwise); 预拨与清算 shows the year's
 * stored settlement, and last year's — the city settling its hospitals by DIP from that year on — is run from the page
 * and shows the API's point value and each line's method and points; 养老金调整 previews the city's adjustment as the API does. With the year's budget approved for the
 * city's medical fund, the city's 经办 opens 总额指标分配: the proposal is the API's, a quota set by hand with a reason
 * and recomputed leaves the pool's total allocated, and the allocation submitted after a confirmation shows 审签中.
 * Saves docs/screenshots/medical-institutions.png, dip-projection.png, medical-year-end-dip.png and medical-quota-allocation.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { approveTestBudget } from '../../src/modules/budget/budget.testing.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { setRegionalValueBySystem } from '../../src/platform/params/regional-values.service.ts';
import type { DatabaseHandle } from '../../src/platform/database.ts';
import { apiClient, projectRoot } from './server.ts';
import { dialogsSettled, openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
/** The city reviewer reads the city's medical pooling region and imports the death registry. */
const STAFF = 'review.990100';
/** Today in China, and a date of death forty days before it. */
const chinaDay = (daysBefore: number) => new Date(Date.now() + 8 * 3_600_000 - daysBefore * 86_400_000).toISOString().slice(0, 10);

/** The city's budget of the year, approved, with its medical fund's 住院 3,000,000.00 and 门诊 210,000.00 (about a tenth above the demo's history). */
const approveMedicalBudget = (database: DatabaseHandle, year: number) => approveTestBudget(database, {
  year, region: '990100', fund: 'medical-990100', users: 80,
  income: [{ subject: 'premium_income', name: '社会保险费收入', yuan: 4_000_000n }],
  expense: [{ subject: 'benefit_expense', name: '社会保险待遇支出', yuan: 3_210_000n, items: [{ subject: 'inpatient', name: '住院医疗费用', yuan: 3_000_000n }, { subject: 'outpatient', name: '门诊医疗费用', yuan: 210_000n }] }],
});

const e2e = setUpE2e({
  beforeServer: async (database) => {
    await generateDemo(database.database, { persons: 600, employers: 20, years: 2, seed: 12, password: DEMO_PASSWORD });
    await approveMedicalBudget(database.database, Number(chinaDay(0).slice(0, 4)));
    // the city settles its hospitals by DIP from last year on, as an agency would set it (a dated regional value)
    await database.database.db.transaction().execute((tx) => setRegionalValueBySystem(tx, systemActor('e2e'), {
      path: 'medical.year_end_method', region: '990100', since: `${Number(chinaDay(0).slice(0, 4)) - 1}-01-01`, value: 'dip', reference: '示范市按病种分值付费实施方案（测试）[local]',
    }));
  },
});

test('designated institutions, the DIP projection and a death registry import in the browser, checked against the API', { timeout: 300_000 }, async (t) => {
  const { server, browser } = e2e;
  const staff = await apiClient(server.baseUrl, STAFF, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  const year = Number(chinaDay(0).slice(0, 4));
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });

  await t.test('signs in and opens 定点医疗机构 from the 医保结算 menu', async () => {
    await signInAs(page, server.baseUrl, STAFF, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '医保结算', 'menu-medicalInstitutions');
    await page.getByTestId('medical-institutions-page').waitFor();
  });

  await t.test('the demo\'s institutions as the API lists them, with their quotas by year and the year\'s budget execution', async () => {
    const api = await staff.call<{ total: number; items: { code: string; name: string; quota: string | null; settled: string; quotas: { year: number; annualQuota: string }[] }[] }>(
      'GET', `/api/medical/institutions?year=${year}`);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.equal(api.body.total, 12, 'the demo city has twelve designated institutions');
    const rows = page.locator('[data-testid=medical-institutions] tbody tr.ant-table-row');
    await rows.nth(api.body.total - 1).waitFor();
    assert.equal(await rows.count(), api.body.total);
    const [first] = api.body.items;
    const firstRow = rows.first();
    assert.equal((await firstRow.locator('td').nth(1).textContent())?.trim(), first.code);
    assert.ok(((await firstRow.textContent()) ?? '').replace(/,/g, '').includes(first.settled), `the row shows the settled ${first.settled}`);
    // the expanded row: one line per year with a quota, as the API has them
    await firstRow.locator('.ant-table-row-expand-icon').click();
    const quotas = page.locator(`[data-testid=quotas-${first.code}] tbody tr.ant-table-row`);
    await quotas.first().waitFor();
    assert.equal(await quotas.count(), first.quotas.length);
    assert.equal(plain(await quotas.last().locator('td').nth(1).textContent()), first.quotas.at(-1)!.annualQuota);
    await page.locator('[data-testid=budget-execution] canvas').first().waitFor();
    // the indicators flagged this year: one red tag per indicator the API flags in any month of the institution
    const month = chinaDay(0).slice(0, 7);
    const flagged = await staff.call<{ items: { code: string; flagged: string[] }[] }>('GET', `/api/medical/indicators?from=${year}-01&to=${month}&flaggedOnly=true`);
    assert.equal(flagged.status, 200, JSON.stringify(flagged.body));
    for (const { code } of api.body.items) {
      const names = new Set(flagged.body.items.filter((item) => item.code === code).flatMap((item) => item.flagged));
      assert.equal(await page.locator(`[data-testid=flagged-${code}] .ant-tag-red`).count(), names.size, code);
    }
    await page.screenshot({ path: screenshot('medical-institutions'), fullPage: true });
  });

  await t.test('DIP 分值 shows the API\'s projected year-end point value and its range', async () => {
    const api = await staff.call<{ pointValue: string; low: string; high: string; monthsSettled: number; groups: unknown[] }>('GET', `/api/medical/dip/projection?year=${year}`);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    await openMenuEntry(page, '医保结算', 'menu-medicalDip');
    await page.getByTestId('dip-page').waitFor();
    await page.getByTestId('dip-point-value').waitFor();
    assert.equal(await page.getByTestId('dip-point-value').textContent(), api.body.pointValue);
    assert.equal(await page.getByTestId('dip-range').textContent(), `${api.body.low} – ${api.body.high}`);
    assert.equal(await page.getByTestId('dip-months').textContent(), String(api.body.monthsSettled));
    assert.equal(await page.locator('[data-testid=dip-groups] tbody tr.ant-table-row').count(), Math.min(10, api.body.groups.length));
    await page.locator('[data-testid=dip-chart] canvas').first().waitFor();
    await page.screenshot({ path: screenshot('dip-projection'), fullPage: true });
  });

  await t.test('预拨与清算 shows the year\'s stored settlement as the API has it', async () => {
    const api = await staff.call<{ status: string; totals: { payable: string; recoverable: string }; institutions: unknown[] }>('GET', `/api/medical/year-end?year=${year}`);
    await openMenuEntry(page, '医保结算', 'menu-medicalRuns');
    await page.getByTestId('medical-runs-page').waitFor();
    const yearInput = page.locator('input[data-testid=year-end-year], [data-testid=year-end-year] input').first();
    await yearInput.fill(String(year));
    await yearInput.press('Enter');
    if (api.status === 404) {
      await page.getByTestId('year-end-card').getByTestId('run-missing').waitFor();
      return;
    }
    assert.equal(api.status, 200, JSON.stringify(api.body));
    await page.locator(`[data-testid=year-end-status][data-status=${api.body.status}]`).waitFor();
    assert.equal(plain(await page.getByTestId('year-end-payable').textContent()), api.body.totals.payable);
    assert.equal(plain(await page.getByTestId('year-end-recoverable').textContent()), api.body.totals.recoverable);
    assert.equal(await page.locator('[data-testid=year-end-lines] tbody tr.ant-table-row').count(), api.body.institutions.length);
  });

  await t.test('年终清算 of last year by DIP (the city went over to DIP that year): run from the page, the point value and each line\'s method and points as the API has them', async () => {
    const yearInput = page.locator('input[data-testid=year-end-year], [data-testid=year-end-year] input').first();
    await yearInput.fill(String(year - 1));
    await yearInput.press('Enter');
    await page.getByTestId('year-end-card').getByTestId('run-missing').waitFor();
    await page.getByTestId('year-end-run').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=year-end-status][data-status=submitted]').waitFor();
    type Line = { code: string; method: string; points: string | null; allowed: string };
    const api = await staff.call<{ rules: { method: string; dip: { pointValue: string } }; totals: { payable: string }; institutions: Line[] }>('GET', `/api/medical/year-end?year=${year - 1}`);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.equal(api.body.rules.method, 'dip');
    assert.equal(await page.getByTestId('year-end-point-value').textContent(), api.body.rules.dip.pointValue);
    assert.equal(plain(await page.getByTestId('year-end-payable').textContent()), api.body.totals.payable);
    const rows = page.locator('[data-testid=year-end-lines] tbody tr.ant-table-row');
    assert.equal(await rows.count(), api.body.institutions.length);
    for (const [index, line] of api.body.institutions.entries()) {
      const row = rows.nth(index);
      assert.equal(await row.getByTestId('year-end-method').textContent(), line.method === 'dip' ? 'DIP 分值' : '总额预算', line.code);
      assert.equal(await row.getByTestId('year-end-points').textContent(), line.points ?? '—', line.code);
    }
    assert.equal(api.body.institutions.filter((line) => line.method === 'dip').length, 9, 'the hospitals by points, the three pharmacies by total budget');
    await dialogsSettled(page);
    await page.screenshot({ path: screenshot('medical-year-end-dip'), fullPage: true });
  });

  await t.test('养老金调整 previews the city\'s adjustment with the API\'s totals', async () => {
    const api = await staff.call<{ awards: number; totalIncrease: string; lines: unknown[] }>('POST', '/api/pension/adjustments/preview?limit=200', { region: '990100', year });
    assert.equal(api.status, 200, JSON.stringify(api.body));
    await openMenuEntry(page, '待遇管理', 'menu-pensionAdjustments');
    await page.getByTestId('adjustments-page').waitFor();
    await page.getByTestId('adjustment-preview').click();
    await page.getByTestId('adjustment-totals').waitFor();
    assert.equal(await page.getByTestId('adjustment-awards').textContent(), String(api.body.awards));
    assert.equal(plain(await page.getByTestId('adjustment-total-increase').textContent()), api.body.totalIncrease);
    assert.equal(await page.locator('[data-testid=adjustment-lines] tbody tr.ant-table-row').count(), Math.min(10, api.body.lines.length));
  });

  await t.test('死亡停发与待遇追回: a one-row death file suspends the pension; the overpayments are the API\'s', async () => {
    const awards = await staff.call<{ items: { idNumber: string; name: string }[] }>('GET', '/api/pension/awards?status=active&limit=1');
    assert.equal(awards.status, 200, JSON.stringify(awards.body));
    const [pensioner] = awards.body.items;
    assert.ok(pensioner, 'the demo city has a pensioner');
    await openMenuEntry(page, '待遇管理', 'menu-pensionDeaths');
    await page.getByTestId('deaths-page').waitFor();
    const file = `idNumber,dateOfDeath\n${pensioner.idNumber},${chinaDay(40)}\n`;
    await page.locator('[data-testid=death-import] input[type=file]').setInputFiles({ name: 'deaths.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await page.getByTestId('death-import-start').click();
    await page.getByTestId('death-import-result').waitFor();
    assert.equal(await page.getByTestId('death-import-recorded').textContent(), '1');
    assert.equal(await page.getByTestId('death-import-suspended').textContent(), '1');

    const api = await staff.call<{ total: number; items: { idNumber: string; amount: string }[] }>('GET', '/api/pension/overpayments?limit=50');
    assert.equal(api.status, 200, JSON.stringify(api.body));
    const own = api.body.items.filter((item) => item.idNumber === pensioner.idNumber);
    assert.equal(Number(await page.getByTestId('death-import-overpayments').textContent()), own.length);
    const rows = page.locator('[data-testid=overpayments-table] tbody tr.ant-table-row');
    if (own.length === 0) {
      await page.locator('[data-testid=overpayments-table] .ant-empty').waitFor();
      assert.equal(await rows.count(), api.body.total);
    } else {
      // paid after the date of death: the overpayment opened is listed with its amount
      const row = page.locator('[data-testid=overpayments-table] tbody tr.ant-table-row', { hasText: own[0].idNumber });
      await row.first().waitFor();
      assert.equal(await rows.count(), api.body.total);
      assert.equal(plain(await row.first().locator('td').nth(6).textContent()), own[0].amount);
      assert.equal(await row.first().getByTestId('overpayment-status').textContent(), '追回中');
    }
  });

  await t.test('总额指标分配: the API\'s proposal; a quota set by hand and recomputed keeps the pool whole; submitted after a confirmation', async () => {
    const operator = await apiClient(server.baseUrl, 'op.990100', DEMO_PASSWORD);
    const api = await operator.call<{ total: string; pools: { line: string; allocable: string }[]; lines: { code: string; line: string; quota: string }[] }>(
      'POST', '/api/medical/quotas/allocation/preview', { year });
    assert.equal(api.status, 200, JSON.stringify(api.body));
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInAs(page, server.baseUrl, 'op.990100', DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '医保结算', 'menu-medicalQuotaAllocation');
    await page.getByTestId('quota-allocation-page').waitFor();
    await page.getByTestId('allocation-none').waitFor();
    const rows = page.locator('[data-testid=allocation-lines] tbody tr.ant-table-row');
    await rows.nth(api.body.lines.length - 1).waitFor();
    assert.equal(await rows.count(), api.body.lines.length);
    assert.equal(plain(await page.getByTestId('allocation-total').textContent()), api.body.total);
    const hospital = api.body.lines.find((line) => line.line === 'inpatient')!;
    assert.equal(await page.getByTestId(`quota-input-${hospital.code}`).inputValue(), hospital.quota);

    // set the first hospital's quota by hand: the submit waits for the recomputation, which keeps the pool's total
    await page.getByTestId(`quota-input-${hospital.code}`).fill('800000.00');
    await page.getByTestId(`reason-input-${hospital.code}`).fill('协议调整：床位缩减');
    await page.getByTestId('allocation-pending').waitFor();
    assert.equal(await page.getByTestId('allocation-submit').isDisabled(), true, 'submitted only as recomputed');
    await page.getByTestId('allocation-recompute').click();
    await page.getByTestId('allocation-pending').waitFor({ state: 'detached' });
    const inpatient = api.body.pools.find((pool) => pool.line === 'inpatient')!;
    assert.equal(plain(await page.getByTestId('allocated-inpatient').textContent()), inpatient.allocable, 'the rest re-spread over the others');
    await page.locator('[data-testid=allocation-lines] .ant-table-content').evaluate((element) => { element.scrollLeft = 0; });
    await page.screenshot({ path: screenshot('medical-quota-allocation'), fullPage: true });

    await page.getByTestId('allocation-submit').click();
    await dialogsSettled(page);
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=allocation-status][data-status=submitted]').waitFor();
    const stored = await operator.call<{ allocation: { status: string }; lines: { code: string; quota: string; reason: string | null }[] }>('GET', `/api/medical/quotas/allocation?year=${year}`);
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.allocation.status, 'submitted');
    assert.deepEqual(stored.body.lines.filter((line) => line.reason).map((line) => [line.code, line.quota, line.reason]), [[hospital.code, '800000.00', '协议调整：床位缩减']]);
  });

  assert.deepEqual(errors, []);
});
