/**
 * 信用与黑名单 in a real browser (supervision, issue 15), on a small demo city with a supervision record planted on two of
 * its employers: one with two cases concluded 违规成立 within the year (graded C, and on the blacklist rule of two cases
 * within three years), one with an open finding (graded B). The city's inspector (audit.990100: supervision.run and
 * supervision.case) runs the grading from the page after its confirmation; the counts per kind and grade and the graded
 * subjects, worst first, are then the API's. From the 严重失信人名单 tab the inspector proposes the first employer for
 * the list (notice served today, a reason, confirmed): the listing shows as proposed, and its item waits for 复核 in the
 * reviewer's sign-off (kind supervision.blacklist), as the API has it.
 * Saves docs/screenshots/credit.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemo } from '../../src/modules/registry/demo/demo.service.ts';
import { todayInChina } from '../../src/platform/params/index.ts';
import { yearsBefore } from '../../src/modules/supervision/credit/credit.calc.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';
import { openMenuEntry, setUpE2e, signInAs, watchPage } from './session.ts';

const screenshot = (name: string) => path.join(projectRoot, 'docs', 'screenshots', `${name}.png`);

const DEMO_PASSWORD = 'E2e-Demo-Pass-2026';
const INSPECTOR = 'audit.990100', REVIEWER = 'review.990100';
/** The employers the record is planted on: two concluded cases, and one open finding. */
const planted = { repeatOffender: '', withFinding: '' };

interface GradeCount { subjectKind: string; grade: string; gradeLabel: string; subjects: number }
interface CreditList { items: { subjectKind: string; subject: string; grade: string }[]; counts: GradeCount[] }
interface Listing { id: string; subject: string; status: string; listingItemId: string }

const e2e = setUpE2e({
  beforeServer: async (database) => {
    await generateDemo(database.database, { persons: 20, employers: 4, years: 1, seed: 41, password: DEMO_PASSWORD });
    const { rows: employers } = await database.owner.query<{ credit_code: string; region_code: string }>(
      `select credit_code, region_code from employer where region_code like '9901%' order by credit_code limit 2`);
    assert.equal(employers.length, 2, 'the demo city has employers');
    [planted.repeatOffender, planted.withFinding] = employers.map((employer) => employer.credit_code);
    const concludedOn = yearsBefore(todayInChina(), 1);
    const { rows: [fund] } = await database.owner.query<{ code: string }>(`select code from fund where insurance = 'medical' and region_code = '990100'`);
    // as the case module writes a case concluded 违规成立 (supervision_case, its amount per fund), and a detection finding
    const concludedCase = (id: number, employer: { credit_code: string; region_code: string }, amountFen: number) => `
      insert into supervision_case (id, number, region_code, subject_kind, subject, kind, amount_involved, reason, status, opening_item_id, violation, legal_basis, opened_by, concluded_at)
        values (${id}, 'JC2026-${String(id).padStart(4, '0')}', '${employer.region_code}', 'employer', '${employer.credit_code}', 'other', ${amountFen}, '稽核立案', 'concluded', 0, 'established',
                '社会保险法 第八十六条', 'e2e', '${concludedOn}');
      insert into supervision_case_amount (case_id, fund_code, region_code, amount) values (${id}, '${fund.code}', '${employer.region_code}', ${amountFen});`;
    await database.owner.query([
      concludedCase(9_001, employers[0], 3_000_00), concludedCase(9_002, employers[0], 2_500_00),
      `insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id)
         values (9011, 'headcount-underreporting', 'e2e-credit', '${employers[1].credit_code}', '${employers[1].region_code}', '2026-01', 1000, '{}', '社会保险法 第八十八条', 1);`,
    ].join('\n'));
  },
});

async function must<T>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: answer } = await client.call<T>(method, url, body);
  assert.ok(status < 300, `${method} ${url} → ${status} ${JSON.stringify(answer)}`);
  return answer;
}

test('信用与黑名单: a grading run from the page gives the API\'s counts and grades; a blacklist proposal goes to sign-off', { timeout: 400_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 60_000);
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });
  const inspector = await apiClient(server.baseUrl, INSPECTOR, DEMO_PASSWORD);
  const reviewer = await apiClient(server.baseUrl, REVIEWER, DEMO_PASSWORD);

  await t.test('the inspector runs the grading after its confirmation; the counts and the graded subjects are the API\'s', async () => {
    assert.equal((await must<CreditList>(inspector, 'GET', '/api/supervision/credit')).counts.length, 0, 'nothing graded before the run');
    await signInAs(page, server.baseUrl, INSPECTOR, DEMO_PASSWORD);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金监督', 'menu-supervisionCredit');
    await page.getByTestId('credit-page').waitFor();
    await page.getByTestId('credit-run').click();
    // the run's answer, so that a refusal or a slow run fails here with its status rather than as counts that never show
    const ran = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/supervision/credit/runs', { timeout: 180_000 });
    await page.getByTestId('confirm-ok').click();
    const answer = await ran;
    assert.ok(answer.ok(), `POST /api/supervision/credit/runs answered ${answer.status()}: ${await answer.text()}`);
    await page.getByTestId('credit-count-employer-C').waitFor();

    const credit = await must<CreditList>(inspector, 'GET', '/api/supervision/credit?limit=50');
    const gradeOf = (subject: string) => credit.items.find((item) => item.subjectKind === 'employer' && item.subject === subject)?.grade;
    assert.deepEqual([gradeOf(planted.repeatOffender), gradeOf(planted.withFinding)], ['C', 'B'], 'two concluded cases: C; an open finding: B');
    assert.equal(await page.locator('[data-testid^=credit-count-]').count(), credit.counts.length, 'a count per kind and grade the API counts');
    for (const count of credit.counts) {
      assert.equal((await page.getByTestId(`credit-count-${count.subjectKind}-${count.grade}`).textContent())?.trim(), `${count.grade} ${count.gradeLabel} ${count.subjects}`);
    }
    const rows = page.locator('[data-testid=credit-table] tr.ant-table-row');
    await page.locator(`[data-testid=credit-table] tr.ant-table-row[data-row-key="employer:${planted.withFinding}"]`).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key'))), credit.items.map((item) => `${item.subjectKind}:${item.subject}`), 'worst first, as the API lists them');
    assert.equal(await rows.first().getByTestId('credit-grade').getAttribute('data-grade'), credit.items[0].grade);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshot('credit') });
  });

  await t.test('检查计划: the graded subjects by their due day as the API lists them, the one never inspected due today', async () => {
    await page.getByRole('tab', { name: '检查计划' }).click();
    const plan = await must<{ items: { subjectKind: string; subject: string; dueOn: string; overdue: boolean; lastInspected: string | null }[] }>(inspector, 'GET', '/api/supervision/inspection-plan?limit=50');
    const withFinding = plan.items.find((item) => item.subject === planted.withFinding)!;
    assert.deepEqual([withFinding.lastInspected, withFinding.overdue], [null, true], 'an open finding but no case: never inspected, due from the day graded');
    const rows = page.locator('[data-testid=inspection-plan-table] tr.ant-table-row');
    await page.locator(`[data-testid=inspection-plan-table] tr.ant-table-row[data-row-key="employer:${planted.withFinding}"] [data-overdue=true]`).waitFor();
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key'))), plan.items.map((item) => `${item.subjectKind}:${item.subject}`), 'earliest due first, as the API lists them');
  });

  await t.test('a blacklist proposal (notice served today, reason, confirmed) shows as proposed and waits for the reviewer\'s sign-off', async () => {
    await page.getByRole('tab', { name: '严重失信人名单' }).click();
    await page.getByTestId('blacklist-propose').click();
    await page.getByTestId('blacklist-subject').fill(planted.repeatOffender);
    await page.getByTestId('blacklist-reason').fill('三年内两次违规成立，已书面告知拟列入名单');
    await page.getByTestId('blacklist-propose-form-submit').click();
    // the proposal's answer, so that a refusal fails here with its reason rather than as a form that stays open
    const stored = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/supervision/blacklist');
    await page.getByTestId('confirm-ok').click();
    const answer = await stored;
    assert.ok(answer.ok(), `POST /api/supervision/blacklist answered ${answer.status()}: ${await answer.text()}`);
    // the form closes once the proposal is stored
    await page.getByTestId('blacklist-propose-form-submit').waitFor({ state: 'hidden' });

    const proposed = await must<{ items: Listing[] }>(inspector, 'GET', '/api/supervision/blacklist?show=proposed');
    const listing = proposed.items.find((item) => item.subject === planted.repeatOffender);
    assert.equal(listing?.status, 'proposed');
    await page.getByTestId('blacklist-show').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="列入待审"]').click();
    await page.locator(`[data-testid=blacklist-table] tr.ant-table-row[data-row-key="${listing.id}"] [data-testid=blacklist-status][data-status=proposed]`).waitFor();
    const item = await must<{ kind: string; status: string }>(reviewer, 'GET', `/api/approvals/${listing.listingItemId}`);
    assert.deepEqual([item.kind, item.status], ['supervision.blacklist', 'pending'], 'the listing waits for its sign-off');
  });

  assert.deepEqual(errors, []);
});
