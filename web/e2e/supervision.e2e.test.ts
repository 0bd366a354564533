/**
 * Supervision in a real browser, on a small demo city whose last three months ran through the services (billing,
 * payments …) and one planted case: a tax wage twice the base billed for the lowest-paid person of the last billed
 * month (少报缴费基数). The city's inspector
 * (audit.990100: supervision.read / run, personal.full.read) runs every detection rule from 稽核发现 and follows the
 * job to its end; the list then shows the API's findings (rule, subject, period, amount, legal basis) and the planted
 * one's drawer its evidence rows with the API's figures; 监督总览 shows the register's control points and the open
 * findings per rule as the API counts them, and takes the month's audit sample after a confirmation naming the seed
 * (the month as a number), the same sample the API lists; 绩效评价 shows every county's score, rank and reward as the
 * API evaluates them, the rewards adding up to the pool. From the planted finding's row the inspector opens a case
 * (立案); the city's reviewer and approver sign the opening and the conclusion (违规成立, the finding's amount to recover
 * from the pension fund); on the case page the inspector records the recovery — the outstanding falls to 0.00 as the
 * API has it — and closes the case (结案) after a confirmation. A pensioner's case, opened and concluded through the API,
 * is handed to the payroll from its page (抵扣待遇): the fund shows it being offset and the offsets table lists it.
 * Saves docs/screenshots/supervision-dashboard.png, supervision-finding.png, supervision-evaluation.png, supervision-case.png
 * and supervision-case-offset.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { importTaxWages } from '../../src/modules/supervision/external-data.service.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { formatYuan, parseYuan } from '../../src/platform/money.ts';
import { apiClient, projectRoot } from './server.ts';
import { openMenuEntry, setUpE2e, signInAs, waitForJobCompleted, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);
/** "1,234.56" as shown → "1234.56" as the API sends it */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const INSPECTOR = 'audit.990100';
const REVIEWER = 'review.990100', APPROVER = 'approve.990100';

interface Finding { id: string; rule: string; subject: string; period: string; amount: string; legalBasis: string; status: string; evidence: Record<string, unknown> }
/** The planted case: who, which month, the wage told to the tax bureau and the base billed. */
const planted = { idNumber: '', creditCode: '', period: '', wage: '', base: '', pensionFund: '' };
/** A pensioner of the city, the subject of a case recovered by offset against the pension. */
const pensioner = { idNumber: '', region: '', fund: '', monthly: '' };
/** A base declaration the e2e corrects this month, so the month's audit sample has a high-risk operation to draw. */
const declared = { employerId: '', personId: '', year: 0, monthlyWage: '' };

const e2e = setUpE2e({
  beforeServer: async (database) => {
    await generateDemo(database.database, { persons: 400, employers: 15, years: 1, historyMonths: 3, seed: 23, password: DEMO_PASSWORD });
    const { rows: [person] } = await database.owner.query<{ id_number: string; credit_code: string; period: string; base: string }>(`
      select p.id_number, e.credit_code, b.period, l.base::text as base
        from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
        join employer e on e.id = b.employer_id join person p on p.id = l.person_id
       where b.kind = 'regular' and l.insurance = 'pension' and b.period = (select max(period) from bill where kind = 'regular')
       order by l.base, p.id_number limit 1`);
    assert.ok(person, 'the demo billed a month');
    // twice the lowest base stays under the ceiling (300% of the average wage), so all of it is called for
    Object.assign(planted, { idNumber: person.id_number, creditCode: person.credit_code, period: person.period, wage: formatYuan(BigInt(person.base) * 2n), base: formatYuan(BigInt(person.base)) });
    const { rows: [fund] } = await database.owner.query<{ code: string }>(`select code from fund where insurance = 'pension' order by code limit 1`);
    planted.pensionFund = fund.code;
    const { rows: [award] } = await database.owner.query<{ id_number: string; region_code: string; fund_code: string; monthly: string }>(`
      select p.id_number, p.region_code, a.fund_code, a.monthly_amount::text as monthly from pension_award a join person p on p.id = a.person_id
       where a.status = 'active' and p.region_code like '9901%' order by a.person_id limit 1`);
    assert.ok(award, 'the demo city has a pensioner');
    Object.assign(pensioner, { idNumber: award.id_number, region: award.region_code, fund: award.fund_code, monthly: formatYuan(BigInt(award.monthly)) });
    const { rows: [declaration] } = await database.owner.query<{ employer_id: string; person_id: string; year: number; monthly_wage: string }>(`
      select employer_id::text, person_id::text, year, monthly_wage::text from base_declaration order by year desc, employer_id, person_id limit 1`);
    Object.assign(declared, { employerId: declaration.employer_id, personId: declaration.person_id, year: declaration.year, monthlyWage: formatYuan(BigInt(declaration.monthly_wage) + 10000n) });
    await importTaxWages(database.database, systemActor('e2e-supervision', ['supervision.import']), {
      fileName: 'tax-wages.csv', content: Buffer.from(`period,creditCode,idNumber,wage\n${planted.period},${planted.creditCode},${planted.idNumber},${planted.wage}\n`),
    });
  },
});

test('an inspector runs the detection rules, reads the findings and the dashboard, and the evaluation table, checked against the API', { timeout: 400_000 }, async (t) => {
  const { server, browser } = e2e;
  const inspector = await apiClient(server.baseUrl, INSPECTOR, DEMO_PASSWORD);
  const page = browser.page;
  const errors = watchPage(page, 30_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });

  await t.test('signs in and opens 稽核发现 from the 基金监督 menu', async () => {
    await signInAs(page, server.baseUrl, INSPECTOR, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金监督', 'menu-supervisionFindings');
    await page.getByTestId('findings-page').waitFor();
  });

  await t.test('runs every rule as a job followed to its end; the list then shows the API\'s findings', async () => {
    await page.getByTestId('run-rules').click();
    await page.getByTestId('confirm-ok').click();
    await waitForJobCompleted(page, server, 'run-progress', { timeout: 240_000 });
    const api = await inspector.call<{ total: number; items: Finding[] }>('GET', '/api/supervision/findings?limit=20');
    assert.equal(api.status, 200, JSON.stringify(api.body));
    const mine = api.body.items.filter((finding) => finding.rule === 'base-underreporting' && finding.subject === planted.idNumber);
    assert.equal(mine.length, 1, 'the planted under-reported base is found once');
    assert.equal(mine[0].period, planted.period);
    const rows = page.locator('[data-testid=findings-table] tbody tr.ant-table-row');
    await rows.nth(api.body.items.length - 1).waitFor();
    assert.equal(await rows.count(), api.body.items.length);
    for (const [index, finding] of api.body.items.entries()) {
      const cells = rows.nth(index).locator('td');
      assert.equal((await cells.nth(1).textContent())?.trim(), finding.subject);
      // cells.nth(2) is the subject's credit grade (信用等级), '—' before a grading run
      assert.equal((await cells.nth(3).textContent())?.trim(), finding.period);
      assert.equal(plain(await cells.nth(4).textContent()), finding.amount);
      assert.equal((await cells.nth(5).textContent())?.trim(), finding.legalBasis);
      assert.equal(await rows.nth(index).getByTestId('finding-status').getAttribute('data-status'), finding.status);
    }
  });

  await t.test('the planted finding opens with its evidence: the tax wage and the base billed as imported and billed', async () => {
    const api = await inspector.call<{ items: Finding[] }>('GET', '/api/supervision/findings?rule=base-underreporting&limit=200');
    const finding = api.body.items.find((item) => item.subject === planted.idNumber)!;
    assert.equal(finding.evidence.taxWage, planted.wage);
    assert.equal(finding.evidence.baseBilled, planted.base);
    await page.locator('[data-testid=findings-table] tbody tr.ant-table-row').filter({ hasText: planted.idNumber }).getByTestId('finding-link').click();
    const detail = page.getByTestId('finding-detail');
    await detail.waitFor();
    assert.equal(await detail.getByTestId('finding-subject').textContent(), planted.idNumber);
    assert.equal(plain(await detail.getByTestId('finding-amount').textContent()), finding.amount);
    for (const key of ['taxWage', 'baseBilled', 'baseCalledFor', 'creditCode', 'period', 'bill']) {
      assert.equal(await detail.locator(`[data-evidence=${key}]`).textContent(), String(finding.evidence[key]), key);
    }
    // the drawer slides in: the screenshot waits for its transition to end
    await page.waitForFunction(() => document.querySelector('.ant-drawer-content-wrapper')?.getAnimations().length === 0);
    await page.screenshot({ path: screenshot('supervision-finding') });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  await t.test('监督总览: the control points and the open findings per rule as the API has them; the month\'s sample taken with its seed', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const controls = await inspector.call<{ month: string; controls: { operation: string; grade: string; fired: number; sampled: number }[] }>('GET', `/api/supervision/controls?month=${month}`);
    assert.equal(controls.status, 200, JSON.stringify(controls.body));
    const open = await inspector.call<{ total: number }>('GET', '/api/supervision/findings?rule=base-underreporting&status=open&limit=1');
    await openMenuEntry(page, '基金监督', 'menu-supervisionOverview');
    await page.getByTestId('supervision-overview').waitFor();
    const rows = page.locator('[data-testid=controls-table] tbody tr.ant-table-row');
    await rows.nth(controls.body.controls.length - 1).waitFor();
    assert.equal(await rows.count(), controls.body.controls.length);
    for (const [index, point] of controls.body.controls.entries()) {
      assert.equal(await rows.nth(index).getByTestId('control-grade').getAttribute('data-grade'), point.grade, point.operation);
      assert.equal(await rows.nth(index).getByTestId('control-fired').textContent(), String(point.fired), point.operation);
    }
    assert.ok(open.body.total >= 1);
    assert.equal(await page.getByTestId('open-findings-base-underreporting').textContent(), String(open.body.total));

    // a base correction (high risk) submitted this month by the city's operator: the month's sample draws from it
    const operator = await apiClient(server.baseUrl, 'op.990100', DEMO_PASSWORD);
    const correction = await operator.call<{ kind: string }>('POST', '/api/base-declarations', { ...declared, reason: '漏报绩效工资' });
    assert.deepEqual([correction.status, correction.body.kind], [202, 'registry.base_correction'], JSON.stringify(correction.body));
    await page.getByTestId('sample-none').waitFor();
    await page.getByTestId('sample-take').click();
    const seed = Number(month.replace('-', ''));
    assert.match((await page.getByTestId('sample-confirm').textContent()) ?? '', new RegExp(`随机种子 ${seed}`));
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('audit-sample').waitFor();
    const samples = await inspector.call<{ items: { seed: number; population: number; sample: unknown[] }[] }>('GET', `/api/supervision/samples?month=${month}`);
    assert.equal(samples.body.items.length, 1);
    const [sample] = samples.body.items;
    assert.equal(sample.seed, seed);
    assert.equal(await page.getByTestId('sample-seed').textContent(), String(seed));
    assert.equal(await page.getByTestId('sample-population').textContent(), String(sample.population));
    assert.equal(await page.locator('[data-testid=sample-items] tbody tr.ant-table-row').count(), sample.sample.length);
    assert.ok(sample.sample.length >= 1, 'the demo month has high-risk operations to sample');

    // 抽样核查: the first operation found irregular, with what was found; the API has the review under the inspector's name
    const first = page.locator('[data-testid=sample-items] tbody tr.ant-table-row').first();
    await first.getByTestId('sample-review-open').click();
    await page.getByTestId('review-verdict').getByText('发现问题').click();
    assert.equal(await page.getByTestId('review-ok').isDisabled(), true, 'an irregular review needs a note');
    await page.getByTestId('review-note').fill('缺少单位申请材料');
    await page.getByTestId('review-ok').click();
    await first.getByTestId('sample-review').waitFor();
    const reviewed = await inspector.call<{ items: { progress: { reviewed: number; irregular: number }; sample: { review: { verdict: string; note: string; reviewedBy: string } | null }[] }[] }>('GET', `/api/supervision/samples?month=${month}`);
    assert.deepEqual([reviewed.body.items[0].sample[0].review, reviewed.body.items[0].progress.irregular],
      [{ ...reviewed.body.items[0].sample[0].review, verdict: 'irregular', note: '缺少单位申请材料', reviewedBy: INSPECTOR }, 1]);
    assert.match((await first.getByTestId('sample-review').textContent()) ?? '', /发现问题.*缺少单位申请材料/);
    assert.match((await page.getByTestId('sample-progress').textContent()) ?? '', /发现问题 1 笔/);
    await page.screenshot({ path: screenshot('supervision-dashboard'), fullPage: true });
  });

  await t.test('绩效评价: every county\'s score, rank and reward as the API evaluates them, the rewards adding up to the pool', async () => {
    const year = Number(planted.period.slice(0, 4));
    const api = await inspector.call<{ pool: string; regions: { region: string; score: number; rank: number; reward: string }[] }>('GET', `/api/supervision/evaluation?year=${year}`);
    assert.equal(api.status, 200, JSON.stringify(api.body));
    assert.ok(api.body.regions.length >= 2, 'the demo city has counties');
    await openMenuEntry(page, '基金监督', 'menu-supervisionEvaluation');
    await page.getByTestId('evaluation-page').waitFor();
    const yearInput = page.locator('[data-testid=evaluation-year]').first();
    await yearInput.fill(String(year));
    await page.getByTestId('evaluation-apply').click();
    const rows = page.locator('[data-testid=evaluation-table] tbody tr.ant-table-row');
    await rows.nth(api.body.regions.length - 1).waitFor();
    assert.equal(await rows.count(), api.body.regions.length);
    let rewards = 0n;
    for (const [index, region] of api.body.regions.entries()) {
      const row = rows.nth(index);
      assert.equal(await row.getByTestId('evaluation-region').getAttribute('data-region'), region.region);
      assert.equal(await row.getByTestId('evaluation-score').textContent(), region.score.toFixed(2));
      assert.equal(await row.getByTestId('evaluation-rank').textContent(), String(region.rank));
      assert.equal(plain(await row.getByTestId('evaluation-reward').textContent()), region.reward);
      rewards += BigInt(region.reward.replace('.', ''));
    }
    assert.equal(formatYuan(rewards), api.body.pool);
    assert.equal(plain(await page.getByTestId('evaluation-pool-total').textContent()), api.body.pool);
    await page.locator('[data-testid=evaluation-chart] canvas').first().waitFor();
    // 导出 Excel: the same year's evaluation as a workbook, downloaded with the page's session
    const href = await page.getByTestId('evaluation-xlsx').getAttribute('href');
    assert.equal(href, `/api/supervision/evaluation?year=${year}&level=county&format=xlsx`);
    const workbook = await page.request.get(`${server.baseUrl}${href}`);
    assert.equal(workbook.status(), 200);
    assert.match(workbook.headers()['content-type'], /spreadsheetml/);
    assert.ok((await workbook.body()).subarray(0, 2).equals(Buffer.from('PK')), 'an XLSX (a zip) file');
    await page.screenshot({ path: screenshot('supervision-evaluation'), fullPage: true });
  });

  await t.test('指标录入: the inspector enters a county\'s rectification rate with its evidence; its value, score and evidence and the county\'s total are then the API\'s; the cities evaluated', async () => {
    const year = Number(planted.period.slice(0, 4));
    type Evaluated = { pool: string; regions: { region: string; score: number; reward: string; indicators: { code: string; value: number | null; score: number | null; source: string; entry: { evidence: string; enteredBy: string } | null }[] }[] };
    const county = (await inspector.call<Evaluated>('GET', `/api/supervision/evaluation?year=${year}`)).body.regions.at(-1)!.region;
    const row = page.locator(`[data-testid=evaluation-table] tr.ant-table-row:has([data-region="${county}"])`);
    await row.locator('.ant-table-row-expand-icon').click();
    const indicators = page.getByTestId(`indicators-${county}`);
    const rate = indicators.locator('tr[data-indicator=rectification_rate]');
    assert.equal(await rate.getByTestId('indicator-source').getAttribute('data-source'), 'waiting', 'nothing entered yet: 待录入');
    await rate.getByTestId('indicator-enter-rectification_rate').click();
    await page.getByTestId('evaluation-entry-hint').waitFor();
    await page.getByTestId('evaluation-entry-value').fill('1.5');
    await page.getByTestId('evaluation-entry-evidence').fill('审计整改报告 〔2026〕7号');
    await page.getByTestId('evaluation-entry-modal-submit').click();
    await page.locator('[data-testid=evaluation-entry-modal-form] .ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('evaluation-entry-value').fill('0.75');
    const stored = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/supervision/evaluation/entries');
    await page.getByTestId('evaluation-entry-modal-submit').click();
    const answer = await stored;
    assert.equal(answer.status(), 201, await answer.text());
    await rate.locator('[data-testid=indicator-source][data-source=entered]').waitFor();

    const after = (await inspector.call<Evaluated>('GET', `/api/supervision/evaluation?year=${year}`)).body.regions.find((region) => region.region === county)!;
    const entered = after.indicators.find((indicator) => indicator.code === 'rectification_rate')!;
    assert.deepEqual([entered.value, entered.score, entered.entry?.evidence, entered.entry?.enteredBy], [0.75, 75, '审计整改报告 〔2026〕7号', INSPECTOR]);
    assert.equal(await rate.getByTestId('indicator-value').textContent(), '0.75');
    assert.equal(await rate.getByTestId('indicator-score').textContent(), '75');
    assert.match((await rate.getByTestId('indicator-evidence').textContent()) ?? '', /审计整改报告 〔2026〕7号（audit\.990100 /);
    assert.equal(await row.getByTestId('evaluation-score').textContent(), after.score.toFixed(2), 'the county\'s total as the API has it with the entry');
    await page.screenshot({ path: screenshot('supervision-evaluation-entry'), fullPage: true });

    await page.locator('[data-testid=evaluation-level] label:has-text("地市")').click();
    await page.getByTestId('evaluation-apply').click();
    const cities = (await inspector.call<Evaluated>('GET', `/api/supervision/evaluation?year=${year}&level=city`)).body;
    await page.locator('[data-testid=evaluation-table] [data-region="990100"]').waitFor();
    assert.deepEqual(cities.regions.map((region) => [region.region, region.reward]), [['990100', cities.pool]], 'the demo\'s one city takes the pool');
    assert.equal(await page.locator('[data-testid=evaluation-table] tbody tr.ant-table-row').count(), 1);
    assert.equal(plain(await page.getByTestId('evaluation-reward').textContent()), cities.pool);
  });

  await t.test('立案 from the planted finding, both sign-offs, the recovery recorded on the case page to an outstanding of 0.00, then 结案', async () => {
    interface CaseView { id: string; number: string; status: string; openingItemId: string; conclusionItemId: string | null; outstanding: string; recoveries: { amount: string; bankReference: string }[] }
    const signAll = async (itemId: string) => {
      for (const username of [REVIEWER, APPROVER]) {
        const signer = await apiClient(server.baseUrl, username, DEMO_PASSWORD);
        const decided = await signer.call<{ status: string }>('POST', `/api/approvals/${itemId}/decisions`, { decision: 'approve', comment: `${username} 同意` });
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
      }
    };
    // no case yet: 案件管理 says to open one from a finding
    await openMenuEntry(page, '基金监督', 'menu-supervisionCases');
    await page.getByTestId('cases-empty').waitFor();
    await openMenuEntry(page, '基金监督', 'menu-supervisionFindings');
    const row = page.locator('[data-testid=findings-table] tbody tr.ant-table-row').filter({ hasText: planted.idNumber });
    await row.getByTestId('finding-open-case').click();
    await page.getByTestId('open-case-reason').fill('税务申报工资高于缴费基数，立案核查');
    await page.getByTestId('open-case-form-submit').click();
    await page.getByTestId('case-page').waitFor();
    const listed = await inspector.call<{ items: CaseView[] }>('GET', '/api/supervision/cases?status=filing');
    assert.equal(listed.body.items.length, 1);
    const caseId = listed.body.items[0].id;
    assert.equal(await page.getByTestId('case-number').textContent(), listed.body.items[0].number);
    assert.equal(await page.getByTestId('case-subject').textContent(), planted.idNumber);
    assert.equal(await page.getByTestId('case-assigned-to').textContent(), INSPECTOR, 'the inspector who opens the case investigates it (承办人)');
    assert.equal(await page.getByTestId('case-assign').count(), 0, 'an inspector does not reassign cases');
    const finding = (await inspector.call<{ items: Finding[] }>('GET', '/api/supervision/findings?rule=base-underreporting&limit=200')).body.items.find((item) => item.subject === planted.idNumber)!;
    assert.equal(plain(await page.getByTestId('case-amount-involved').textContent()), finding.amount);

    const opened = (await inspector.call<CaseView>('GET', `/api/supervision/cases/${caseId}`)).body;
    await signAll(opened.openingItemId);
    // the conclusion on the page: the amount to recover, and the penalty of 社会保险法 第八十六条 (1 to 3 times) at 1.5
    await page.reload();
    await page.locator('[data-testid=case-status][data-status=investigating]').waitFor();
    await page.getByTestId('case-conclude').click();
    await page.getByTestId('case-amount-fund-0').fill(planted.pensionFund);
    await page.getByTestId('case-penalty-provision').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="社会保险法 第八十六条"]').click();
    await page.getByTestId('case-penalty-multiple').fill('1.5');
    const penalty = formatYuan((parseYuan(finding.amount) * 3n + 1n) / 2n); // × 1.5, half up to the fen
    await page.getByTestId('case-penalty-preview').filter({ hasText: `罚款金额 ${penalty} 元` }).waitFor();
    await page.getByTestId('case-legal-basis').fill('社会保险法 第八十六条');
    await page.getByTestId('case-note').fill('少报缴费基数属实');
    await page.getByTestId('case-conclude-form-submit').click();
    await page.getByTestId('case-conclude-form-submit').waitFor({ state: 'hidden' });
    const submitted = (await inspector.call<CaseView>('GET', `/api/supervision/cases/${caseId}`)).body;
    assert.ok(submitted.conclusionItemId, 'the conclusion waits for its sign-off');
    await signAll(submitted.conclusionItemId);

    await page.reload();
    await page.locator('[data-testid=case-status][data-status=concluded]').waitFor();
    assert.equal(await page.getByTestId('case-penalty-value').textContent(), `${penalty} 元（社会保险法 第八十六条（逾期仍不缴纳社会保险费），1.5 倍；上缴国库）`);
    assert.equal(plain(await page.getByTestId('case-outstanding').textContent()), finding.amount);
    await page.getByTestId('case-recover').click();
    await page.getByTestId('case-recovery-reference').fill('B2026-0001');
    await page.getByTestId('case-recovery-form-submit').click();
    await page.locator('[data-testid=case-status][data-status=recovering]').waitFor();
    const recovered = (await inspector.call<CaseView>('GET', `/api/supervision/cases/${caseId}`)).body;
    assert.deepEqual([recovered.outstanding, recovered.recoveries.map((r) => [r.amount, r.bankReference])], ['0.00', [[finding.amount, 'B2026-0001']]]);
    assert.equal(plain(await page.getByTestId('case-outstanding').textContent()), '0.00');
    assert.equal(await page.locator('[data-testid=case-recoveries] tbody tr.ant-table-row').count(), 1);
    assert.deepEqual(await page.getByTestId('case-step').evaluateAll((steps) => steps.map((step) => step.getAttribute('data-step'))),
      ['opened', 'opening_approved', 'conclusion_submitted', 'concluded', 'recovered']);
    await page.screenshot({ path: screenshot('supervision-case'), fullPage: true });

    await page.getByTestId('case-close').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid=case-status][data-status=closed]').waitFor();
    assert.equal((await inspector.call<CaseView>('GET', `/api/supervision/cases/${caseId}`)).body.status, 'closed');
    await openMenuEntry(page, '基金监督', 'menu-supervisionCases');
    const caseRow = page.locator('[data-testid=cases-table] tbody tr.ant-table-row');
    await caseRow.first().waitFor();
    assert.equal(await caseRow.count(), 1);
    assert.equal(await caseRow.first().getByTestId('case-link').textContent(), listed.body.items[0].number);
    assert.equal(await caseRow.first().getByTestId('case-status').getAttribute('data-status'), 'closed');
  });

  await t.test('抵扣待遇: a pensioner\'s case handed to the payroll from the case page; the fund shows it 待抵扣, the offsets table as the API has it', async () => {
    interface CaseView { id: string; openingItemId: string; conclusionItemId: string | null; funds: { fund: string; offsetting: string }[]; offsets: { fund: string; amount: string; status: string }[] }
    const signAll = async (itemId: string) => {
      for (const username of [REVIEWER, APPROVER]) {
        const signer = await apiClient(server.baseUrl, username, DEMO_PASSWORD);
        assert.equal((await signer.call('POST', `/api/approvals/${itemId}/decisions`, { decision: 'approve', comment: '同意' })).status, 200);
      }
    };
    const opened = await inspector.call<CaseView>('POST', '/api/supervision/cases', {
      subjectKind: 'person', subject: pensioner.idNumber, kind: 'other', amountInvolved: pensioner.monthly, region: pensioner.region, reason: '资格认证未通过期间仍领取养老金',
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    await signAll(opened.body.openingItemId);
    const concluded = await inspector.call<CaseView>('POST', `/api/supervision/cases/${opened.body.id}/conclusion`, {
      violation: 'established', amounts: [{ fund: pensioner.fund, amount: pensioner.monthly }], legalBasis: '社会保险经办条例 第四十六条',
    });
    assert.equal(concluded.status, 200, JSON.stringify(concluded.body));
    await signAll(concluded.body.conclusionItemId!);

    await page.goto(`${server.baseUrl}/supervision/cases/${opened.body.id}`);
    await page.locator('[data-testid=case-status][data-status=concluded]').waitFor();
    await page.getByTestId('case-offset').click();
    assert.equal(await page.getByTestId('case-offset-amount').inputValue(), pensioner.monthly, 'the form offers what is outstanding');
    await page.getByTestId('case-offset-form-submit').click();
    await page.getByTestId('case-offsets').waitFor();
    const handed = (await inspector.call<CaseView>('GET', `/api/supervision/cases/${opened.body.id}`)).body;
    assert.deepEqual(handed.offsets.map((o) => [o.fund, o.amount, o.status]), [[pensioner.fund, pensioner.monthly, 'open']]);
    assert.equal(plain(await page.getByTestId(`case-fund-offsetting-${pensioner.fund}`).textContent()), handed.funds[0].offsetting);
    assert.equal(handed.funds[0].offsetting, pensioner.monthly);
    // nothing is left to recover in money or to hand over: neither action is offered
    assert.equal(await page.getByTestId('case-recover').count(), 0);
    assert.equal(await page.getByTestId('case-offset').count(), 0);
    assert.equal(await page.locator('[data-testid=case-step][data-step=offset_opened]').count(), 1);
    await page.screenshot({ path: screenshot('supervision-case-offset'), fullPage: true });
  });

  await t.test('责任分担: the year\'s statement per scheme as the API has it — the public institutions\' fund beside the enterprise employees\'', async () => {
    type Statement = { scheme: string; rule: { province: string; city: string; county: string }; regions: { region: string; gap: string; shares: { province: string } }[] };
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    await openMenuEntry(page, '基金监督', 'menu-supervisionSharing');
    await page.getByTestId('sharing-page').waitFor();
    const yearInput = page.locator('input[data-testid=sharing-year], [data-testid=sharing-year] input').first();
    await yearInput.fill(String(year));
    await yearInput.press('Enter');
    for (const [scheme, label] of [['public', '机关事业单位基本养老保险'], ['enterprise', '企业职工基本养老保险']] as const) {
      const api = await inspector.call<Statement>('GET', `/api/supervision/sharing?year=${year}&scheme=${scheme}`);
      assert.equal(api.status, 200, JSON.stringify(api.body));
      await page.getByTestId('sharing-scheme').getByText(label, { exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('scheme') === scheme && url.searchParams.get('year') === String(year));
      await page.getByTestId('sharing-statement').getByText(`省 ${api.body.rule.province}、市 ${api.body.rule.city}、县 ${api.body.rule.county}`, { exact: false }).waitFor();
      const rows = page.locator('[data-testid=sharing-regions] tbody tr.ant-table-row');
      await rows.nth(api.body.regions.length - 1).waitFor();
      assert.equal(await rows.count(), api.body.regions.length);
      for (const [index, region] of api.body.regions.entries()) {
        assert.equal(await rows.nth(index).getByTestId('sharing-region').getAttribute('data-region'), region.region);
        assert.equal(plain(await rows.nth(index).getByTestId('sharing-gap').textContent()), region.gap, `${scheme} ${region.region}`);
        assert.equal(plain(await rows.nth(index).getByTestId('sharing-province').textContent()), region.shares.province);
      }
    }
    await page.screenshot({ path: screenshot('supervision-sharing'), fullPage: true });
  });

  assert.deepEqual(errors, [], 'no script errors on the pages');
});
