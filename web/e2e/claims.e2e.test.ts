/**
 * 待遇申领 in a real browser on a small demo city with its claims: the city reviewer opens 待遇申领 and sees as many
 * claims as the API counts (all, then the maternity ones), opens one with its amounts and its trace as the API gives
 * them, and submits a maternity claim from the form for a woman at work; the claim waits in 待办 with the amount the
 * API worked out. A work-injury claim paid monthly shows this month's parts as the API gives them, and the reviewer
 * stops its monthly benefits from the page (a reason, a confirmation): the API then has the claim stopped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { apiClient } from './server.ts';
import { inScope, systemActor } from '../../src/platform/actor.ts';
import { chartFor, postEntries } from '../../src/modules/ledger/index.ts';
import { inputOf, openMenuEntry, setUpE2e, signInAs, waitForJobCompleted, watchPage } from './session.ts';

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
/** the city's reviewer: submits claims (benefit.claim.request) and sees the whole city */
const STAFF = 'review.990100';

interface MonthlyView { startPeriod: string; period: string; total: string; parts: { part: string; amount: string; stopPeriod: string | null; stopCause: string | null; stopReason: string | null }[]; monthsPaid: unknown[] }
interface ClaimView {
  id: string; idNumber: string; name: string; kind: string; status: string; oneOffAmount: string; monthlyAmount: string; trace?: unknown[]; amounts: { item: string; amount: string }[];
  stopPeriod?: string | null; workInjuryMonthly?: MonthlyView | null;
}

let window: { end: string };
const e2e = setUpE2e({
  beforeServer: async (database) => { ({ window } = await generateDemo(database.database, { persons: 1500, employers: 60, years: 2, seed: 21, password: DEMO_PASSWORD })); },
});

/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

test('the claims list, a claim\'s detail and a maternity claim submitted to 待办, checked against the API', { timeout: 300_000 }, async (t) => {
  const { server, browser, database } = e2e;
  const staff = await apiClient(server.baseUrl, STAFF, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  const listTotal = async () => (await page.getByTestId('claims-page').getByTestId('list-total').innerText()).trim();

  await t.test('signs in and opens 待遇申领: as many claims as the API counts', async () => {
    await signInAs(page, server.baseUrl, STAFF, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '待遇管理', 'menu-claims');
    await page.getByTestId('claims-table').locator('tbody tr.ant-table-row').first().waitFor();
    const all = await staff.call<{ total: number }>('GET', '/api/benefits/claims?limit=1');
    assert.equal(all.status, 200);
    assert.ok(all.body.total >= 20, `the demo's claims: ${all.body.total}`);
    assert.equal(await listTotal(), `共 ${all.body.total} 条`);

    const maternity = await staff.call<{ total: number }>('GET', '/api/benefits/claims?limit=1&kind=maternity');
    await page.goto(`${server.baseUrl}/benefits/claims?kind=maternity`);
    await page.waitForFunction((want) => document.querySelector('[data-testid=claims-page] [data-testid=list-total]')?.textContent?.trim() === want, `共 ${maternity.body.total} 条`);
    assert.ok(maternity.body.total > 0 && maternity.body.total < all.body.total);
  });

  await t.test('a claim\'s detail: its amounts and its trace as the API gives them', async () => {
    await page.goto(`${server.baseUrl}/benefits/claims?kind=work_injury`);
    const link = page.getByTestId('claims-table').getByTestId('claim-link').first();
    const idNumber = (await link.innerText()).trim();
    await link.click();
    await page.getByTestId('claim-detail').waitFor();
    const id = /\/benefits\/claims\/(\d+)$/.exec(page.url())?.[1] ?? '';
    const detail = await staff.call<ClaimView>('GET', `/api/benefits/claims/${id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.idNumber, idNumber);
    assert.equal(plain(await page.getByTestId('claim-one-off').textContent()), detail.body.oneOffAmount);
    for (const amount of detail.body.amounts) assert.equal(plain(await page.getByTestId(`claim-amount-${amount.item}`).textContent()), amount.amount, amount.item);
    assert.equal(await page.getByTestId('quote-trace').locator('tbody tr.ant-table-row').count(), detail.body.trace!.length);
    assert.match((await page.getByTestId('quote-trace').textContent()) ?? '', /工伤保险条例/);
  });

  await t.test('a work-injury claim paid monthly: this month\'s parts as the API gives them; stopped from the page with a reason, after a confirmation', async () => {
    const approved = await staff.call<{ items: ClaimView[] }>('GET', '/api/benefits/claims?kind=work_injury&status=approved&limit=50');
    let monthly: ClaimView | undefined;
    for (const claim of approved.body.items) {
      const detail = await staff.call<ClaimView>('GET', `/api/benefits/claims/${claim.id}`);
      if (detail.body.workInjuryMonthly?.parts.some((p) => p.stopPeriod === null)) { monthly = detail.body; break; }
    }
    assert.ok(monthly, 'the demo has an approved work-injury claim paid monthly');
    const view = monthly.workInjuryMonthly!;
    await page.goto(`${server.baseUrl}/benefits/claims/${monthly.id}`);
    await page.getByTestId('claim-monthly-parts').waitFor();
    for (const part of view.parts) assert.equal(plain(await page.getByTestId(`claim-monthly-${part.part}`).textContent()), part.amount, part.part);
    assert.equal(plain(await page.getByTestId('claim-monthly-total').textContent()), view.total);

    await page.getByTestId('claim-monthly-stop').click();
    const reason = page.locator('textarea[data-testid="claim-monthly-stop-reason"]');
    await reason.waitFor();
    await reason.fill('拒绝治疗（工伤保险条例第四十二条）');
    await page.getByTestId('claim-monthly-stop-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    // as long as the other slow answers of a full run: beside the other browser tests the stop took more than 30 s once
    // (twice more since, alone never): if the page shows a refusal instead, fail with its words
    const refusal = page.locator('.ant-message-error, .ant-form-item-explain-error, [data-testid=form-error]').first();
    const outcome = await Promise.race([
      reason.waitFor({ state: 'hidden', timeout: 60_000 }).then(() => 'closed', () => 'still open after 60 s'),
      // the loser of the race is left to time out quietly (caught), after the test has moved on
      refusal.waitFor({ timeout: 61_000 }).then(async () => `refused: ${(await refusal.textContent())?.trim()}`, () => 'still open after 60 s'),
    ]);
    assert.equal(outcome, 'closed', `the stop of claim ${monthly.id} from the page`);
    const stopped = await staff.call<ClaimView>('GET', `/api/benefits/claims/${monthly.id}`);
    assert.equal(stopped.body.status, 'stopped');
    const firstOpen = stopped.body.workInjuryMonthly!.parts.find((p) => p.stopCause === 'operator')!;
    assert.equal(firstOpen.stopReason, '拒绝治疗（工伤保险条例第四十二条）');
    await page.waitForFunction((part) => document.querySelector(`[data-testid="claim-monthly-stop-${part}"]`)?.textContent?.includes('拒绝治疗'), firstOpen.part);
  });

  await t.test('待遇月度处理 from the page after a confirmation: a job followed to its end; with the 支出户 empty it fails, its error in Chinese as the API gives it', async () => {
    await page.goto(`${server.baseUrl}/benefits/claims`);
    await page.getByTestId('claims-run').click();
    await page.getByTestId('claim-run-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=claim-run-progress]:is([data-status=completed], [data-status=failed])').waitFor({ timeout: 120_000 });
    const jobId = await page.getByTestId('claim-run-progress').getAttribute('data-job');
    const job = JSON.parse(await page.evaluate(async (id) => (await fetch(`/api/jobs/${id}`, { headers: { 'accept-language': 'zh-CN' } })).text(), jobId));
    assert.deepEqual([job.kind, job.status], ['benefits.claim_month', 'failed'], JSON.stringify(job));
    // the demo's unemployment fund has had no 用款申请 yet: the medical contributions it pays find its 支出户 empty
    assert.match(job.error, /支出户可用余额 0\.00 元.*不足支付代缴医疗保险费/);
    assert.equal((await page.getByTestId('claim-run-progress').getByTestId('job-error').innerText()).includes(job.error), true);
  });

  await t.test('the 支出户 funded, the month runs again: the claimants owed it ordered, what it did as the API and the database have it', async () => {
    // what finance's approved 用款申请 does: Dr 支出户 / Cr 财政专户 of each unemployment fund (the test stands in for it)
    const funds = (await database.owner.query<{ code: string }>(`select code from fund where insurance = 'unemployment' and region_code like '9901%'`)).rows;
    const chart = chartFor(Number(new Date().toISOString().slice(0, 4)));
    const account = (role: string) => chart.accounts.find((a) => a.role === role)!.code;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const finance = systemActor('e2e-finance');
    await inScope(database.database, finance, (tx) => postEntries(tx, finance, funds.map(({ code }) => ({
      key: `e2e-claims-transfer:${code}`, fund: code, period: today.slice(0, 7), date: today, memo: '用款拨付（测试）',
      lines: [{ account: account('expense_bank'), debit: 10_000_000n }, { account: account('special_bank'), credit: 10_000_000n }],
    }))));
    const period = today.slice(0, 7);
    const failedRun = await page.getByTestId('claim-run-progress').getAttribute('data-job');
    await page.getByTestId('claims-run').click();
    await page.getByTestId('claim-run-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await waitForJobCompleted(page, server, 'claim-run-progress', { timeout: 120_000, replacing: failedRun });
    const jobId = await page.getByTestId('claim-run-progress').getAttribute('data-job');
    const job = await staff.call<{ result: { claimants: number; benefits: string; medicalContributions: string; paymentOrders: string[]; workInjury: { paymentOrders: string[] } } }>('GET', `/api/jobs/${jobId}`);
    assert.ok(job.body.result.claimants > 0, 'the demo city has claimants owed this month (the failed run found their medical contributions)');
    await page.getByTestId('claim-run-result').waitFor();
    assert.equal(await page.getByTestId('claim-run-claimants').innerText(), String(job.body.result.claimants));
    assert.equal(plain(await page.getByTestId('claim-run-medical').textContent()), job.body.result.medicalContributions);
    assert.equal(plain(await page.getByTestId('claim-run-benefits').textContent()), job.body.result.benefits);
    assert.equal(await page.getByTestId('claim-run-orders').innerText(), String(job.body.result.paymentOrders.length + job.body.result.workInjury.paymentOrders.length));
    const booked = Number((await database.owner.query<{ n: string }>('select count(*) as n from benefit_claim_month where period = $1', [period])).rows[0].n);
    assert.equal(booked, job.body.result.claimants, 'each claimant\'s month written once');
    const ordered = Number((await database.owner.query<{ n: string }>(`select count(*) as n from benefit_payment_order where source_part = $1 and status <> 'cancelled'`,
      [`unemployment_benefit:${period}`])).rows[0].n);
    assert.equal(ordered, job.body.result.paymentOrders.length, 'one order per claimant and month');
  });

  await t.test('a maternity claim submitted from the form waits in 待办 with the amount the API worked out', async () => {
    // a woman at work for a year, at an employer that declared wages last year, without a claim
    const childbirthDate = `${window.end.slice(0, 8)}05`;
    const [mother] = (await database.database.pool.query<{ id_number: string; name: string }>(`select p.id_number, p.name from person p
      join employment e on e.person_id = p.id and e.hired_on <= $1::date - 365 and (e.separated_on is null or e.separated_on >= $1::date)
      where p.gender = 'F' and p.region_code like '9901%' and p.birth_date > $1::date - interval '40 years'
        and exists (select 1 from base_declaration b where b.employer_id = e.employer_id and b.year = $2)
        and not exists (select 1 from benefit_claim c where c.person_id = p.id)
        and not exists (select 1 from employment later where later.person_id = p.id and later.hired_on > e.hired_on)
      order by p.id_number limit 1`, [childbirthDate, Number(childbirthDate.slice(0, 4)) - 1])).rows;
    assert.ok(mother, 'a woman at work in the demo city');

    await page.goto(`${server.baseUrl}/benefits/claims`);
    await page.getByTestId('claims-new').hover();
    await page.getByTestId('claims-new-maternity').click();
    await inputOf(page, 'claim-idNumber').waitFor();
    await inputOf(page, 'claim-idNumber').fill(mother.id_number);
    const date = inputOf(page, 'claim-childbirthDate');
    await date.click();
    await date.fill(childbirthDate);
    await date.press('Enter');
    await inputOf(page, 'claim-bankAccount').fill('6217001234567890123');
    await page.getByTestId('claim-form-submit').click();
    await page.getByTestId('claim-submitted').waitFor();

    const submitted = await staff.call<{ items: ClaimView[] }>('GET', `/api/benefits/claims?idNumber=${mother.id_number}&kind=maternity`);
    assert.equal(submitted.body.items.length, 1);
    const claim = submitted.body.items[0];
    assert.equal(claim.status, 'submitted');
    assert.ok(Number(claim.oneOffAmount) > 0, claim.oneOffAmount);
    assert.equal(claim.monthlyAmount, '0.00');

    await page.getByTestId('claim-approval-link').click();
    await page.getByTestId('approval-detail').waitFor();
    assert.equal(plain(await page.getByTestId('approval-amount').textContent()), claim.oneOffAmount);
    assert.match(await page.getByTestId('approval-title').innerText(), new RegExp(`生育保险待遇核定 ${mother.name} 一次性 ${claim.oneOffAmount} 元`));

    // 待办, 我提交的: the claim with its amount
    await page.goto(`${server.baseUrl}/approvals`);
    await page.getByTestId('approvals-tab-mine').click();
    const row = page.getByTestId('approvals-table').getByTestId('approval-row').filter({ hasText: mother.name });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? '', new RegExp(plain(claim.oneOffAmount).replace(/\B(?=(\d{3})+(?!\d))/g, ',').replace('.', '\\.')));
  });

  assert.deepEqual(errors, []);
});
