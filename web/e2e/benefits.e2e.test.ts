/**
 * Benefits and medical settlement in a real browser, on a small demo city whose retirees draw pensions: a province
 * reviewer quotes the acceptance case's pension (a man born 1964-06-10 retiring 2024-07-01 with 360 months, index
 * 1.2, W 8000, balance 100000) and sees the API's figures and trace; quotes an unemployment benefit; settles the
 * acceptance institution of the year-end calculator (allowed 1,050,000.00, settlement 50,000.00) beside one that
 * saved; lists the demo retirees' awards; and runs this month's pension payroll, whose batch the payroll page then lists as the API sums it.
 * Saves docs/screenshots/pension-quote.png, medical-settlement.png and payroll.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient, projectRoot } from './server.ts';
import { dialogsSettled, fillDate, inputOf, openMenuEntry, setUpE2e, signInAs, waitForJobCompleted, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

/** The demo's staff accounts share this password here; the province reviewer runs and reviews the province-pooled pension payroll. */
const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const STAFF = 'review.990000';

const PENSION_CASE = {
  birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00',
};

const e2e = setUpE2e({
  beforeServer: (database) => generateDemo(database.database, { persons: 600, employers: 20, years: 1, seed: 12, password: DEMO_PASSWORD }),
});



test('quotes, the year-end settlement calculator and the pension payroll in the browser, checked against the API', { timeout: 300_000 }, async (t) => {
  const { server, browser } = e2e;
  const staff = await apiClient(server.baseUrl, STAFF, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });

  await t.test('signs in and opens 养老金测算 from the 待遇管理 menu', async () => {
    await signInAs(page, server.baseUrl, STAFF, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '待遇管理', 'menu-pensionQuote');
    await page.getByTestId('pension-quote-page').waitFor();
  });

  await t.test('the acceptance pension case: the figures and the trace the API gives', async () => {
    await fillDate(page, 'quote-birthDate', PENSION_CASE.birthDate);
    await fillDate(page, 'quote-retirementDate', PENSION_CASE.retirementDate);
    await inputOf(page, 'quote-contributionMonths').fill(String(PENSION_CASE.contributionMonths));
    await inputOf(page, 'quote-averageIndex').fill(PENSION_CASE.averageIndex);
    await inputOf(page, 'quote-averageWage').fill(PENSION_CASE.averageWage);
    await inputOf(page, 'quote-accountBalance').fill(PENSION_CASE.accountBalance);
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-answer').waitFor();

    const api = await staff.call<{ basicPension: string; accountPension: string; total: string; divisor: number; statutoryRetirementMonth: string; trace: { reference?: string }[] }>('POST', '/api/pension/quote', PENSION_CASE);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.deepEqual([api.body.basicPension, api.body.accountPension, api.body.total], ['2640.00', '719.42', '3359.42']);
    assert.equal(await page.getByTestId('quote-basicPension').textContent(), '2,640.00');
    assert.equal(await page.getByTestId('quote-accountPension').textContent(), '719.42');
    assert.equal(await page.getByTestId('quote-total').textContent(), '3,359.42');
    assert.equal(plain(await page.getByTestId('quote-total').textContent()), api.body.total);
    assert.equal(await page.getByTestId('quote-divisor').textContent(), String(api.body.divisor));
    assert.equal(await page.getByTestId('quote-statutoryMonth').textContent(), api.body.statutoryRetirementMonth);
    assert.equal(await page.getByTestId('quote-statutoryAge').textContent(), '60岁0个月');
    assert.equal(await page.getByTestId('quote-eligibility').getAttribute('data-eligible'), 'true');

    // the trace: one row per step of the API's trace, the basic pension's formula and its source
    const trace = page.getByTestId('quote-trace');
    assert.equal(await trace.locator('tbody tr.ant-table-row').count(), api.body.trace.length);
    const basicRow = trace.locator('tbody tr.ant-table-row', { has: page.getByTestId('trace-basicPension') });
    assert.equal(await page.getByTestId('trace-basicPension').textContent(), '2640.00');
    assert.match((await basicRow.textContent()) ?? '', /国发〔2005〕38号/);
    assert.match((await basicRow.textContent()) ?? '', /8000\.00 × 1\.2/);
    assert.match((await trace.textContent()) ?? '', /基础养老金/);
    await page.screenshot({ path: screenshot('pension-quote'), fullPage: true });
  });

  await t.test('a malformed figure is refused under its field before anything is sent', async () => {
    await inputOf(page, 'quote-averageIndex').fill('1,2');
    await page.getByTestId('quote-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '须为不小于 0 的数字' }).waitFor();
    await inputOf(page, 'quote-averageIndex').fill(PENSION_CASE.averageIndex);
  });

  await t.test('the unemployment quote: six years of contributions, laid off, gives 18 months as the API says', async () => {
    await openMenuEntry(page, '待遇管理', 'menu-unemploymentQuote');
    await page.getByTestId('unemployment-quote-page').waitFor();
    await inputOf(page, 'quote-contributionMonths').fill('72');
    await fillDate(page, 'quote-separationDate', '2026-03-31');
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-answer').waitFor();
    const api = await staff.call<{ months: number }>('POST', '/api/unemployment/quote', { contributionMonths: 72, separationReason: 'involuntary', separationDate: '2026-03-31' });
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.equal(api.body.months, 18);
    assert.equal(await page.getByTestId('quote-months').textContent(), '18 个月');
  });

  await t.test('the year-end settlement calculator: an overrun inside the band and a saving, as the API settles them', async () => {
    await openMenuEntry(page, '医保结算', 'menu-medicalSettlement');
    await page.getByTestId('medical-settlement-page').waitFor();
    await inputOf(page, 'rules-savingRewardShare').fill('0.3');
    await inputOf(page, 'rules-savingRewardCap').fill('0.03');
    await inputOf(page, 'band-0-upTo').fill('0.2');
    await inputOf(page, 'band-0-fundShare').fill('0.5');
    await page.getByTestId('institutions-paste').click();
    await page.getByTestId('paste-text').fill('机构编码\t年度总额指标\t实际发生额\t已预拨额\nH1\t1,000,000.00\t1100000.00\t1000000.00\nH2\t500000.00\t400000.00\t500000.00');
    await page.getByTestId('paste-apply').click();
    assert.equal(await inputOf(page, 'institution-1-code').inputValue(), 'H2');
    await page.getByTestId('settlement-calculate').click();
    await page.getByTestId('settlement-result').waitFor();

    const api = await staff.call<{ institutions: { code: string; allowed: string; settlement: string }[] }>('POST', '/api/medical/settlements/year-end/preview', {
      rules: { savingRewardShare: '0.3', savingRewardCapShareOfQuota: '0.03', overrunBands: [{ upToShareOfQuota: '0.2', fundShare: '0.5' }] },
      institutions: [
        { code: 'H1', quota: '1000000.00', actual: '1100000.00', prepaid: '1000000.00' },
        { code: 'H2', quota: '500000.00', actual: '400000.00', prepaid: '500000.00' },
      ],
    });
    assert.equal(api.status, 200, JSON.stringify(api.body));
    const h1 = api.body.institutions.find((row) => row.code === 'H1')!;
    assert.deepEqual([h1.allowed, h1.settlement], ['1050000.00', '50000.00']);
    assert.equal(await page.getByTestId('allowed-H1').textContent(), '1,050,000.00');
    assert.equal(await page.getByTestId('settlement-H1').textContent(), '50,000.00');
    const h2 = api.body.institutions.find((row) => row.code === 'H2')!;
    assert.equal(plain(await page.getByTestId('allowed-H2').textContent()), h2.allowed);
    assert.equal(plain(await page.getByTestId('settlement-H2').textContent()), h2.settlement);
    assert.ok(h2.settlement.startsWith('-'), `a saving rewarded below the prepayment is recovered (${h2.settlement})`);
    const settlementTotal = (BigInt(h1.settlement.replace('.', '')) + BigInt(h2.settlement.replace('.', ''))).toString();
    assert.equal(plain(await page.getByTestId('settlement-total-settlement').textContent()).replace('.', ''), settlementTotal);
    await page.locator('[data-testid=settlement-chart] canvas').first().waitFor();
    await page.screenshot({ path: screenshot('medical-settlement'), fullPage: true });
  });

  await t.test('养老金待遇 lists the demo retirees\' awards as the API counts them, filtered by status', async () => {
    await openMenuEntry(page, '待遇管理', 'menu-pensionAwards');
    await page.getByTestId('awards-page').waitFor();
    const awards = await staff.call<{ total: number; items: { monthlyAmount: string }[] }>('GET', '/api/pension/awards?status=active&limit=20');
    assert.equal(awards.status, 200, JSON.stringify(awards.body));
    assert.ok(awards.body.total > 0, 'the demo\'s retirees have awards');
    await page.goto(`${server.baseUrl}/benefits/pension/awards?status=active`);
    const rows = page.locator('[data-testid=awards-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Math.min(20, awards.body.total));
    assert.equal(await page.locator('[data-testid=award-status]', { hasText: '正常发放' }).count(), await rows.count());
  });

  await t.test('runs this month\'s pension payroll after confirming; the page lists the batch as the API sums it', async () => {
    await openMenuEntry(page, '待遇管理', 'menu-payroll');
    await page.getByTestId('payroll-page').waitFor();
    await page.getByTestId('payroll-run').click();
    await page.getByTestId('confirm-ok').click();
    const progress = page.getByTestId('payroll-progress');
    await progress.first().waitFor();
    const jobs = await progress.count();
    assert.ok(jobs >= 1, 'a job per pension fund with awards');
    for (let nth = 0; nth < jobs; nth++) await waitForJobCompleted(page, server, 'payroll-progress', { timeout: 150_000, nth });

    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7); // the month in China
    const summary = await staff.call<{ payees: number; total: string; batches: { id: string; payees: number; total: string; status: string }[] }>('GET', `/api/payroll/summary?period=${period}`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.ok(summary.body.payees > 0, 'the demo city has pensioners on the payroll');
    await page.locator('[data-testid=payroll-payees]', { hasText: summary.body.payees.toLocaleString('en-US') }).waitFor();
    assert.equal(plain(await page.getByTestId('payroll-total').textContent()), summary.body.total);
    const rows = page.locator('[data-testid=payroll-batches] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), summary.body.batches.length);
    // each batch waits for its first sign-off level, 复核
    await page.locator('[data-testid=batch-status]', { hasText: '待复核' }).first().waitFor();
    await page.screenshot({ path: screenshot('payroll'), fullPage: true });

    const [batch] = summary.body.batches;
    await page.locator(`a[href="/benefits/payroll/${batch.id}"]`).click();
    await page.getByTestId('payroll-batch-page').waitFor();
    assert.equal(await page.getByTestId('batch-payees').textContent(), batch.payees.toLocaleString('en-US'));
    assert.equal(plain(await page.getByTestId('batch-total').textContent()), batch.total);
    await page.locator('[data-testid=payroll-lines] tbody tr.ant-table-row').first().waitFor();
    assert.ok(await page.locator('[data-testid=line-status]', { hasText: '待出盘' }).count() > 0, 'lines wait for the bank file');
  });

  await t.test('待遇详情 from 养老金待遇: the award, this month\'s payroll line and its status as the API has them', async () => {
    await page.goto(`${server.baseUrl}/benefits/pension/awards?status=active`);
    const link = page.getByTestId('awards-table').getByTestId('award-link').first();
    await link.click();
    await page.getByTestId('award-detail').waitFor();
    const id = /\/benefits\/pension\/awards\/(\d+)$/.exec(page.url())?.[1] ?? '';
    const detail = await staff.call<{ award: { monthlyAmount: string }; amounts: { monthlyAmount: string }[]; payments: { period: string; amount: string; status: string }[] }>('GET', `/api/pension/awards/${id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    assert.equal(detail.body.payments[0]?.period, period, 'the payroll just run is its latest month');
    const rows = page.locator('[data-testid=award-payments] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), detail.body.payments.length);
    for (const [index, payment] of detail.body.payments.entries()) {
      assert.equal(plain(await rows.nth(index).getByTestId('award-payment-amount').textContent()), payment.amount);
      assert.equal(await rows.nth(index).getByTestId('line-status').getAttribute('data-status'), payment.status);
    }
    assert.equal(plain(await page.getByTestId('award-amount-now').textContent()), detail.body.amounts.at(-1)?.monthlyAmount ?? detail.body.award.monthlyAmount);
    await page.screenshot({ path: screenshot('award-detail'), fullPage: true });
  });

  await t.test('变更发放账户 on 待遇详情: a malformed account refused under its field, then a new one submitted after a confirmation, waiting for 复核 as the API has it', async () => {
    const id = /\/benefits\/pension\/awards\/(\d+)$/.exec(page.url())?.[1] ?? '';
    const before = await staff.call<{ account: { bankAccount: string } }>('GET', `/api/pension/awards/${id}`);
    assert.equal(await page.getByTestId('award-bank-account').textContent(), before.body.account.bankAccount);
    await page.getByTestId('award-account-change').click();
    await page.getByTestId('award-account-new').fill('6217-12');
    await page.getByTestId('award-account-reason').fill('原账户已销户，银行退回');
    await page.getByTestId('award-account-modal-submit').click();
    await page.getByTestId('award-account-modal').locator('.ant-form-item-explain-error', { hasText: '8 至 40 位数字' }).waitFor();
    await page.getByTestId('award-account-new').fill('6217000000000000888');
    await page.getByTestId('award-account-modal-submit').click();
    await page.getByTestId('confirm-ok').click();
    const status = page.locator('[data-testid=award-account-changes] tbody tr.ant-table-row').first().getByTestId('award-account-status');
    await status.waitFor();
    assert.equal(await status.textContent(), '审核中');
    const after = await staff.call<{ account: { bankAccount: string; changes: { from: string; to: string; status: string; reason: string }[] } }>('GET', `/api/pension/awards/${id}`);
    assert.deepEqual(after.body.account.changes.map((change) => [change.from, change.to, change.status, change.reason]),
      [[before.body.account.bankAccount, '6217000000000000888', 'submitted', '原账户已销户，银行退回']]);
    assert.equal(after.body.account.bankAccount, before.body.account.bankAccount, 'the account moves only once signed off');
    assert.equal(await page.getByTestId('award-account-change').count(), 0, 'no second request while one waits');
    await page.getByTestId('award-account-modal').waitFor({ state: 'hidden' });
    await dialogsSettled(page);
    await page.screenshot({ path: screenshot('award-account-change'), fullPage: true });
  });

  await t.test('人员待遇 from the award: the person page\'s 待遇 tab shows the retirement month, the award and the claims as the API has them', async () => {
    await page.getByTestId('award-person-link').click();
    await page.getByTestId('person-benefits').waitFor();
    const personId = /\/persons\/(\d+)/.exec(page.url())?.[1] ?? '';
    const benefits = await staff.call<{ retirement: { statutoryRetirementMonth: string; reached: boolean }; awards: { id: string }[]; claims: { id: string }[] }>('GET', `/api/benefits/persons/${personId}`);
    assert.equal(benefits.status, 200, JSON.stringify(benefits.body));
    assert.equal(await page.getByTestId('person-retirement-month').textContent(), benefits.body.retirement.statutoryRetirementMonth);
    assert.equal(benefits.body.retirement.reached, true, 'a pensioner has reached the statutory month');
    const awards = page.locator('[data-testid=person-awards] tbody tr.ant-table-row');
    assert.equal(await awards.count(), benefits.body.awards.length);
    assert.equal(await page.locator('[data-testid=person-claims] tbody tr.ant-table-row').count(), benefits.body.claims.length);
    await page.screenshot({ path: screenshot('person-benefits'), fullPage: true });
    await awards.first().getByTestId('person-award-link').click();
    await page.getByTestId('award-detail').waitFor();
    assert.match(page.url(), new RegExp(`/benefits/pension/awards/${benefits.body.awards[0].id}$`));
  });

  await t.test('养老金调整: next year\'s adjustment previewed, then submitted after a confirmation — a job followed to its end, the run the preview\'s', async () => {
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) + 1;
    const preview = await staff.call<{ awards: number; totalIncrease: string }>('POST', '/api/pension/adjustments/preview?limit=1', { region: '990000', year });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    await openMenuEntry(page, '待遇管理', 'menu-pensionAdjustments');
    await page.getByTestId('adjustments-page').waitFor();
    await inputOf(page, 'adjustment-year').fill(String(year));
    await page.getByTestId('adjustment-preview').click();
    await page.locator('[data-testid=adjustment-awards]', { hasText: String(preview.body.awards) }).waitFor();
    assert.equal(plain(await page.getByTestId('adjustment-total-increase').textContent()), preview.body.totalIncrease);
    await page.getByTestId('adjustment-submit').click();
    await page.getByTestId('confirm-ok').click();
    // the run's job, or why it was refused (over 30 s once in a full run beside another file)
    await page.locator('[data-testid=adjustment-progress], [data-testid=adjustment-error]').first().waitFor({ timeout: 120_000 });
    assert.deepEqual(await page.getByTestId('adjustment-error').allInnerTexts(), [], 'the submission is not refused');
    await waitForJobCompleted(page, server, 'adjustment-progress', { timeout: 120_000 });
    const jobId = await page.getByTestId('adjustment-progress').getAttribute('data-job');
    const job = await staff.call<{ kind: string; result: { awards: number; totalIncrease: string; approvalItem: { id: string } } }>('GET', `/api/jobs/${jobId}`);
    assert.deepEqual([job.body.kind, job.body.result.awards, job.body.result.totalIncrease], ['pension.adjustment', preview.body.awards, preview.body.totalIncrease]);
    const submitted = page.getByTestId('adjustment-submitted');
    await submitted.waitFor();
    assert.equal(await submitted.locator('a').getAttribute('href'), `/approvals/${job.body.result.approvalItem.id}`);
    const item = await staff.call<{ kind: string; status: string }>('GET', `/api/approvals/${job.body.result.approvalItem.id}`);
    assert.deepEqual([item.body.kind, item.body.status], ['pension.adjustment', 'pending'], 'it waits for 复核 and 审批');
  });

  assert.deepEqual(errors, []);
});
