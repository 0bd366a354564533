/**
 * The fund ledger in a real browser: a month of postings on the pension fund's income account, its camt.053 bank
 * statement imported on the bank page, automatic and manual (one-to-many) matching, the reconciliation statement
 * whose adjusted balances agree, the trial balance (balances as 方向 and a positive amount, zero accounts hidden, its
 * print layout) with its drill-down to an account and an entry (a voucher: 凭证字号, 大写金额, no internal key shown), and a manual
 * entry waiting for sign-off on the 凭证审核 page. The user is the province's finance officer (the administrator holds
 * no ledger permission). Saves docs/screenshots/ledger-reconciliation.png and ledger-trial-balance.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../src/platform/actor.ts';
import { todayInChina } from '../../src/platform/params/index.ts';
import { seedPoolingRegions } from '../../src/modules/ledger/ledger.testing.ts';
import { ensureFunds } from '../../src/modules/ledger/fund.service.ts';
import { importLedgerEntries } from '../../src/modules/ledger/import.service.ts';
import { addMonths, periodEnd } from '../../src/modules/ledger/journal.calc.ts';
import { apiClient, projectRoot } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage, openMenuEntry } from './session.ts';

const FUND = 'pension-990000';
const FINANCE = { username: 'fin.ledger', password: 'E2e-Finance-Pass-2026' };
// Two months back: the server's scheduled sweep only ever touches the previous month.
const P = addMonths(todayInChina().slice(0, 7), -2);
const END = periodEnd(P);

const entry = (key: string, date: string, debit: string, credit: string, amount: string, reference?: string) => ({
  key, fund: FUND, period: date.slice(0, 7), date, memo: key,
  lines: [{ account: debit, debit: amount, ...(reference ? { reference } : {}) }, { account: credit, credit: amount }],
});
const post = (entries: ReturnType<typeof entry>[]) => importLedgerEntries(e2e.database.database, systemActor('e2e'), entries);

const bankEntry = (amount: string, side: 'CRDT' | 'DBIT', date: string, id: string, reference: string, text: string) => `
      <Ntry><Amt Ccy="CNY">${amount}</Amt><CdtDbtInd>${side}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt><AcctSvcrRef>${id}</AcctSvcrRef>
        <NtryDtls><TxDtls><Refs><EndToEndId>${reference}</EndToEndId></Refs><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

/** The income account's statement for the month: opening 10000, +600 (bill), +400 (two receipts in one), −3 bank charge. */
const statement = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>E2E-${P}</MsgId><CreDtTm>${END}T20:00:00+08:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>990000-1002-${P}</Id>
      <FrToDt><FrDtTm>${P}-01T00:00:00+08:00</FrDtTm><ToDtTm>${END}T23:59:59+08:00</ToDtTm></FrToDt>
      <Acct><Id><Othr><Id>6222000011112222</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${P}-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">10997.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${END}</Dt></Dt></Bal>
      ${bankEntry('600.00', 'CRDT', `${P}-11`, 'E2E-0001', 'BILL-E2E-001', '社会保险费')}
      ${bankEntry('400.00', 'CRDT', `${P}-13`, 'E2E-0002', 'BATCH-77', '社会保险费（合并）')}
      ${bankEntry('3.00', 'DBIT', `${P}-20`, 'E2E-0003', 'NOTPROVIDED', '手续费')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

const e2e = setUpE2e({
  async afterServer({ database, server }) {
    await seedPoolingRegions(database.database);
    await ensureFunds(database.database);
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('POST', '/api/users', { username: FINANCE.username, displayName: '省财政专户管理员', role: 'finance', regionCode: '990000', password: FINANCE.password });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await post([
      entry('open', periodEnd(addMonths(P, -1)), '1002', '3001', '10000.00'),
      entry('accrue', `${P}-03`, '1131', '4001', '1000.00'),
      entry('receipt-2', `${P}-12`, '1002', '1131', '150.00'),
      entry('receipt-3', `${P}-12`, '1002', '1131', '250.00'),
      entry('receipt-4', `${P}-28`, '1002', '1131', '100.00', 'BILL-E2E-004'),
    ]);
  },
});

test('import a bank statement, match automatically and by hand, reconcile, browse the trial balance', { timeout: 180_000 }, async (t) => {
  const { server, browser } = e2e;
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const rows = (table: string) => page.getByTestId(table).locator('tr.ant-table-row');
  const screenshot = (name: string) => page.screenshot({ path: path.join(projectRoot, 'docs', 'screenshots', `${name}.png`) });
  fs.mkdirSync(path.join(projectRoot, 'docs', 'screenshots'), { recursive: true });

  await t.test('signs in and opens the bank page from the 基金财务 menu', async () => {
    await signInAs(page, server.baseUrl, FINANCE.username, FINANCE.password);
    await openMenuEntry(page, '基金财务', 'menu-ledgerBank');
    await page.getByTestId('ledger-bank').waitFor();
    // The funds are listed by code (medical-… first): choose the pension fund.
    await page.getByTestId('ledger-fund').click();
    await page.locator(`.ant-select-item-option[title*="（${FUND}）"]`).click(); // not public_pension-990000
    await page.waitForURL(new RegExp(`fund=${FUND}`));
    assert.match(await page.getByTestId('ledger-fund').innerText(), /示范省企业职工基本养老保险基金（pension-990000）/);
    assert.match(await page.getByTestId('ledger-bank-account').innerText(), /1002 收入户存款/);
  });

  await t.test('imports the camt.053 statement: three new bank lines, nothing to match yet', async () => {
    await page.getByTestId('tab-statements').click();
    await page.locator('input[type=file]').setInputFiles({ name: `income-${P}.xml`, mimeType: 'application/xml', buffer: Buffer.from(statement, 'utf8') });
    await page.getByTestId('ledger-statement-start').click();
    const imported = page.getByTestId('ledger-statement-imported');
    await imported.waitFor();
    assert.match(await imported.innerText(), /已导入 1 张对账单，新增 3 笔，自动勾对 0 组/);
    await rows('ledger-statements').first().waitFor();
    assert.match(await rows('ledger-statements').first().innerText(), new RegExp(`${P}-01 ~ ${END}`));
  });

  await t.test('auto match pairs the bill receipt posted after the import', async () => {
    await post([entry('receipt-1', `${P}-10`, '1002', '1131', '600.00', 'BILL-E2E-001')]);
    await page.getByTestId('ledger-to-matching').click();
    await page.getByTestId('ledger-auto-match').click();
    await page.getByText('自动勾对完成：1 组').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ledger-matches] tr.ant-table-row').length === 1);
    assert.match(await rows('ledger-matches').first().innerText(), /600\.00/);
    assert.deepEqual((await rows('ledger-unmatched-bank').allInnerTexts()).map((text) => /-?[\d,]+\.\d\d/.exec(text)?.[0]), ['400.00', '-3.00']);
    assert.deepEqual((await rows('ledger-unmatched-ledger').allInnerTexts()).map((text) => /-?[\d,]+\.\d\d/.exec(text)?.[0]), ['150.00', '250.00', '100.00']);
  });

  await t.test('matches one bank line with two ledger lines by hand', async () => {
    await rows('ledger-unmatched-bank').filter({ hasText: '400.00' }).locator('input[type=checkbox]').check();
    await rows('ledger-unmatched-ledger').filter({ hasText: '150.00' }).locator('input[type=checkbox]').check();
    assert.equal(await page.getByTestId('ledger-manual-match').isDisabled(), true, 'sums differ: 400.00 against 150.00');
    await rows('ledger-unmatched-ledger').filter({ hasText: '250.00' }).locator('input[type=checkbox]').check();
    assert.match(await page.getByTestId('ledger-selection-sums').innerText(), /银行 400\.00 \/ 账面 400\.00，差额 0\.00/);
    await page.getByTestId('ledger-manual-match').click();
    await page.getByText('已勾对 400.00 元').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ledger-matches] tr.ant-table-row').length === 2);
    assert.equal(await rows('ledger-unmatched-bank').count(), 1);
    assert.equal(await rows('ledger-unmatched-ledger').count(), 1);
  });

  await t.test('the reconciliation statement: items in transit on both sides, adjusted balances agree', async () => {
    await page.goto(`${server.baseUrl}/ledger/reconciliation?fund=${FUND}&account=1002&period=${P}`);
    await page.getByTestId('recon-agrees').waitFor();
    assert.equal(await page.getByTestId('recon-ledger-balance').innerText(), '11,100.00');
    assert.equal(await page.getByTestId('recon-bank-balance').innerText(), '10,997.00');
    assert.equal(await page.getByTestId('recon-adjusted-ledger').innerText(), '11,097.00');
    assert.equal(await page.getByTestId('recon-adjusted-bank').innerText(), '11,097.00');
    assert.match(await page.getByTestId('recon-ledger-side').innerText(), /借\s*11,100\.00/, 'a balance shows its direction');
    assert.equal(await page.getByTestId('recon-agrees').innerText(), '调节后余额相符');
    assert.match(await rows('recon-bank-paid').innerText(), /3\.00[\s\S]*手续费/);
    assert.match(await rows('recon-ledger-received').innerText(), /100\.00[\s\S]*BILL-E2E-004/);
    assert.equal(await rows('recon-bank-received').count(), 0);
    await page.waitForLoadState('networkidle');
    await screenshot('ledger-reconciliation');
  });

  await t.test('the trial balance: 方向 and positive amounts, zero accounts hidden, 借方合计 = 贷方合计', async () => {
    await page.goto(`${server.baseUrl}/ledger/balances?fund=${FUND}&period=${P}`);
    await page.getByTestId('ledger-balanced').waitFor();
    assert.equal(await page.getByTestId('ledger-balanced').innerText(), '借贷平衡');
    const table = page.getByTestId('ledger-balances-table');
    assert.equal(await table.locator('th', { hasText: '方向' }).count(), 2, 'a 方向 column under 期初余额 and under 期末余额');
    const cells = async (code: string) => (await rows('ledger-balances-table').filter({ has: page.getByTestId(`account-${code}`) }).locator('td').allInnerTexts()).slice(3);
    // opening 方向, amount; debit; credit; closing 方向, amount
    assert.deepEqual(await cells('1002'), ['借', '10,000.00', '1,100.00', '0.00', '借', '11,100.00']);
    assert.deepEqual(await cells('3001'), ['贷', '10,000.00', '0.00', '0.00', '贷', '10,000.00'], 'a credit balance is 贷 and positive');
    assert.deepEqual(await cells('4001'), ['平', '0.00', '0.00', '1,000.00', '贷', '1,000.00']);
    // 1131 received 1,100.00 against 1,000.00 accrued: a receivable with a credit balance, on its unusual side
    assert.deepEqual(await cells('1131'), ['平', '0.00', '1,000.00', '1,100.00', '贷', '100.00']);
    const receivable = rows('ledger-balances-table').filter({ has: page.getByTestId('account-1131') });
    assert.equal(await receivable.locator('.ant-typography-warning', { hasText: '贷' }).count(), 1, 'the unusual side is marked');
    assert.doesNotMatch(await table.innerText(), /-\d/, 'no negative amounts');
    assert.equal(await page.getByTestId('account-1003').count(), 0, 'the fiscal special account has nothing this month: hidden');
    assert.equal(await page.getByTestId('ledger-total-debit').innerText(), '2,100.00');
    assert.equal(await page.getByTestId('ledger-total-debit').innerText(), await page.getByTestId('ledger-total-credit').innerText());
    assert.equal(await page.getByTestId('ledger-total-closing-direction').innerText(), '平');
    assert.match(await page.getByTestId('ledger-balances-sides').innerText(), /期末借方余额合计 11,100\.00，贷方余额合计 11,100\.00/);
    await page.waitForLoadState('networkidle');
    await screenshot('ledger-trial-balance');

    await page.getByTestId('ledger-balances-show-zero').click();
    await page.getByTestId('account-1003').waitFor();
    assert.deepEqual(await cells('1003'), ['平', '0.00', '0.00', '0.00', '平', '0.00']);
    assert.match(page.url(), /zero=1/);
    await page.getByTestId('ledger-balances-show-zero').click();
    await page.getByTestId('account-1003').waitFor({ state: 'detached' });
  });

  await t.test('the trial balance prints with its title, fund, period and signature lines, without the menu and buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const header = page.getByTestId('ledger-print-header');
      assert.equal(await header.isVisible(), true);
      assert.match(await header.innerText(), new RegExp(`科目余额表[\\s\\S]*编制单位：示范省[\\s\\S]*基金：示范省企业职工基本养老保险基金[\\s\\S]*会计期间：${P}[\\s\\S]*金额单位：元`));
      assert.match(await page.getByTestId('ledger-print-signatures').innerText(), /制表人：省财政专户管理员[\s\S]*审核人：/);
      assert.equal(await page.getByTestId('ledger-balances-print').isVisible(), false);
      assert.equal(await page.getByTestId('ledger-fund').isVisible(), false);
      assert.equal(await page.locator('.ant-layout-sider').first().isVisible(), false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    assert.equal(await page.getByTestId('ledger-print-header').isVisible(), false, 'the print heading is for paper only');
  });

  await t.test('an account opens its lines with a running balance, and a line its voucher', async () => {
    await page.getByTestId('account-1002').click();
    await page.getByTestId('ledger-lines-summary').waitFor();
    assert.equal(await page.getByTestId('ledger-lines-closing').innerText(), '11,100.00');
    assert.match(await page.getByTestId('ledger-lines-summary').innerText(), /借\s*11,100\.00/);
    assert.equal(await rows('ledger-lines-table').count(), 4);
    const last = (await rows('ledger-lines-table').last().locator('td').allInnerTexts()).slice(-2);
    assert.deepEqual(last, ['借', '11,100.00'], 'the last line ends at the closing balance');
    // receipt-1 was posted after the month's four entries of the history: the fifth voucher of the month
    const link = rows('ledger-lines-table').filter({ hasText: 'BILL-E2E-001' }).getByTestId('ledger-entry-link');
    assert.equal(await link.innerText(), `记-${P}-0005`);
    await link.click();
    await page.getByTestId('ledger-entry-header').waitFor();
    assert.equal(await page.getByTestId('ledger-entry-number').innerText(), `记-${P}-0005`);
    assert.equal(await page.getByTestId('ledger-entry').locator('.ant-card-head-title').innerText(), `记账凭证 记-${P}-0005`);
    assert.equal(await page.getByTestId('ledger-entry-kind').innerText(), '迁移');
    assert.equal(await page.getByTestId('ledger-entry-total').innerText(), '600.00');
    assert.deepEqual((await rows('ledger-entry-lines').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()), [
      '1 receipt-1 1002 收入户存款 BILL-E2E-001 600.00',
      '2 receipt-1 1131 应收社会保险费 600.00',
    ]);
    assert.equal(await page.getByTestId('ledger-entry-total-debit').innerText(), '600.00');
    assert.equal(await page.getByTestId('ledger-entry-total-credit').innerText(), '600.00');
    assert.equal(await page.getByTestId('ledger-entry-capitals').innerText(), '陆佰元整');
    assert.equal(await page.getByTestId('ledger-entry-key').count(), 0, 'the idempotency key stays in the collapsed 技术信息');
    await page.getByTestId('ledger-entry-technical').getByText('技术信息').click();
    assert.equal(await page.getByTestId('ledger-entry-key').innerText(), 'receipt-1');
  });

  await t.test('the bank, period close, statement and drafts pages show the month; the 基金财务 menu opens on them', async () => {
    await page.goto(`${server.baseUrl}/ledger/bank?fund=${FUND}&account=1002`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ledger-matches] tr.ant-table-row').length === 2);
    assert.equal(await page.getByTestId('menu-ledgerBank').isVisible(), true, 'a ledger page opens with its menu group expanded');
    await page.goto(`${server.baseUrl}/ledger/periods?fund=${FUND}`);
    await rows('ledger-periods-table').filter({ hasText: P }).waitFor();
    assert.match(await rows('ledger-periods-table').filter({ hasText: P }).innerText(), /未结账/);
    await page.goto(`${server.baseUrl}/ledger/statements?fund=${FUND}&range=${P}`);
    await page.getByTestId('ledger-statement-carried-forward').waitFor();
    assert.match(await rows('ledger-statement-table').filter({ hasText: '收入合计' }).innerText(), /1,000\.00/);
    assert.match(await page.getByTestId('ledger-statement-balances').innerText(), /期末滚存结余\s*贷\s*[\d,]+\.\d\d/, 'a balance with its direction, positive');
    await page.goto(`${server.baseUrl}/ledger/drafts?fund=${FUND}`);
    await page.getByTestId('ledger-drafts-table').waitFor();
    await page.getByTestId('draft-create').click();
    assert.equal(await page.getByTestId('draft-totals').innerText(), '借方合计 0.00，贷方合计 0.00');
    await page.locator('.ant-modal:visible .ant-modal-close').click();
  });

  await t.test('a drafted manual entry waits for a second person: listed under 我提交的 with its lines, no approve button', async () => {
    const finance = await apiClient(server.baseUrl, FINANCE.username, FINANCE.password);
    const drafted = await finance.call<{ id: string; kind: string; status: string }>('POST', `/api/ledger/funds/${FUND}/drafts`, {
      period: P, date: `${P}-15`, memo: '补记应收', lines: [{ account: '1131', debit: '10.00' }, { account: '4001', credit: '10.00' }],
    });
    assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
    assert.deepEqual([drafted.body.kind, drafted.body.status], ['ledger.entry', 'pending']);
    await page.goto(`${server.baseUrl}/ledger/drafts?fund=${FUND}&tab=mine`);
    const row = rows('ledger-drafts-table').filter({ hasText: '补记应收' });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-id'), drafted.body.id);
    assert.match(await row.innerText(), /审核中[\s\S]*复核/);
    assert.equal(await row.getByTestId('approval-approve').count(), 0, 'the maker never approves their own entry');
    await row.locator('.ant-table-row-expand-icon').click();
    assert.match(await page.getByTestId('draft-lines').innerText(), /1131[\s\S]*10\.00[\s\S]*4001/);
  });

  await t.test('the sign-off page of the drafted entry shows its lines (the ledger module\'s table, loaded with the page)', async () => {
    const row = rows('ledger-drafts-table').filter({ hasText: '补记应收' });
    const id = await row.getAttribute('data-id');
    await page.goto(`${server.baseUrl}/approvals/${id}`);
    await page.getByTestId('approval-entry-lines').waitFor();
    assert.match(await page.getByTestId('approval-entry-lines').innerText(), /1131[\s\S]*10\.00[\s\S]*4001[\s\S]*10\.00/);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
