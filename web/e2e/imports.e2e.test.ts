/**
 * Imports in a real browser, as a county operator: a GBK-encoded persons CSV with Chinese headers imports through the
 * registry import page with the names intact (read as UTF-8 when the user says so it is refused naming the encoding;
 * the same file again says it was imported before); a file with a bad row shows the row, its column, field and rule
 * and offers the error workbook (an XLSX); a file above the size limit says the limit; the import history lists the
 * files. On the payments page the bank's collection file is previewed (total, allocated, credit, per employer) and
 * recorded only after 确认入账 is confirmed. A GBK file of ledger entries is previewed by one person and posted only
 * when another confirms it.
 */
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../../src/modules/collection/payments/payments.testing.ts';
import { apiClient } from './server.ts';
import { ADMIN_PASSWORD, setUpE2e, signInAs, watchPage, openMenuEntry } from './session.ts';

const OPERATOR = { username: 'op.imports', password: 'E2e-Import-Pass-2026' };
// Province staff for the pension fund's ledger: one previews an entry file, the other confirms it.
const FINANCE = { username: 'fin.imports', password: 'E2e-Import-Pass-2026' };
const REVIEWER = { username: 'rev.imports', password: 'E2e-Import-Pass-2026' };
// A small limit, so that a file above it is quick to send; every other file here is far below it.
const LIMIT_BYTES = 64 * 1024;
process.env.SIFUND_IMPORT_MAX_BYTES = String(LIMIT_BYTES);

const e2e = setUpE2e({
  cjkFont: false,
  // 东城区 with two employers billed for 2026-01 (甲公司 7,240.00, 乙公司 3,620.00) and the funds payments post to
  async beforeServer(database) {
    await seedCollection(database.database);
    await billPeriod(database.database, '2026-01');
  },
  async afterServer({ server }) {
    const admin = await apiClient(server.baseUrl, 'admin', ADMIN_PASSWORD);
    for (const [user, role, regionCode] of [[OPERATOR, 'operator', '990102'], [FINANCE, 'finance', '990000'], [REVIEWER, 'reviewer', '990000']] as const) {
      const created = await admin.call('POST', '/api/users', { username: user.username, displayName: user.username, role, regionCode, password: user.password });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
  },
});

const idNumber = (n: number) => { const first17 = `99010219900101${String(n).padStart(3, '0')}`; return first17 + idNumberCheckCharacter(first17); };
const gender = (id: string) => (Number(id[16]) % 2 ? '男' : '女');

test('registry and payment imports through the shared import panel', { timeout: 180_000 }, async (t) => {
  const { server, browser } = e2e;
  const operator = await apiClient(server.baseUrl, OPERATOR.username, OPERATOR.password);
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const chooseFile = (name: string, content: Buffer | string) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });
  const personsCsv = ['公民身份号码,姓名,性别,户口性质', `${idNumber(1)},王小明,${gender(idNumber(1))},农村`, `${idNumber(2)},欧阳丽华,${gender(idNumber(2))},城镇`].join('\r\n');
  const gbk = iconv.encode(personsCsv, 'gbk');
  const nameOf = async (id: string) => (await operator.call<{ items: { name: string }[] }>('GET', `/api/persons?q=${id}`)).body.items.map((p) => p.name);

  await t.test('opens the import page from the 参保登记 menu', async () => {
    await signInAs(page, server.baseUrl, OPERATOR.username, OPERATOR.password);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('menu-imports').click();
    await page.getByTestId('import-page').waitFor();
    assert.match(await page.getByTestId('import-encoding').innerText(), /自动识别[\s\S]*UTF-8[\s\S]*GB18030[\s\S]*GBK/);
  });

  await t.test('the GBK file read as UTF-8 (the user\'s choice) is refused naming the encoding; nothing imported', async () => {
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the file is not valid UTF-8');
    await chooseFile('人员-gbk.csv', gbk);
    await page.getByTestId('import-encoding').getByText('UTF-8').click();
    await page.getByTestId('import-start').click();
    const failed = page.getByTestId('import-failed');
    await failed.waitFor();
    assert.match(await failed.innerText(), /文件未导入[\s\S]*UTF-8/);
    assert.deepEqual(await nameOf(idNumber(1)), []);
  });

  await t.test('the GBK file with Chinese headers, encoding detected, imports with the names intact', async () => {
    await page.getByTestId('import-encoding').getByText('自动识别').click();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-success').waitFor();
    assert.match(await page.getByTestId('import-success').innerText(), /导入成功：2 条/);
    assert.deepEqual(await nameOf(idNumber(1)), ['王小明']);
    assert.deepEqual(await nameOf(idNumber(2)), ['欧阳丽华']);
  });

  await t.test('the same file again: 此文件已导入过 with the first import\'s counts, nothing changed', async () => {
    await chooseFile('人员-gbk-再次.csv', gbk);
    await page.getByTestId('import-start').click();
    const already = page.getByTestId('import-already');
    await already.waitFor();
    await page.locator('[data-testid=import-already][data-loaded=true]').waitFor();
    assert.match(await already.innerText(), /此文件已导入过[\s\S]*op\.imports[\s\S]*人员-gbk\.csv[\s\S]*共 2 行，生效 2 条/);
    assert.equal(await page.getByTestId('import-success').count(), 0);
  });

  await t.test('a file with a bad row shows the row, column, field and rule, and offers the error workbook (an XLSX)', async () => {
    await chooseFile('人员-有误.csv', ['公民身份号码,姓名,户口性质', `${idNumber(3)},赵六,城镇`, `${idNumber(4)},钱七,村里`].join('\n'));
    await page.getByTestId('import-start').click();
    const rejected = page.getByTestId('import-rejected');
    await rejected.waitFor();
    assert.match(await rejected.innerText(), /导入被拒绝，未导入任何数据：1 行有误，共 1 处错误/);
    const cells = await page.getByTestId('import-errors').locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 5), ['3', '户口性质', '户口性质', '代码值', '村里']);
    assert.deepEqual(await nameOf(idNumber(3)), [], 'the good row was not imported either');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-workbook').click()]);
    const saved = await download.path();
    assert.ok(saved, `download failed: ${await download.failure()}`);
    const workbook = fs.readFileSync(saved);
    assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (a zip) file');
    assert.ok(workbook.length > 1000, `${workbook.length} bytes`);
  });

  await t.test('a file above the limit is refused with the limit stated', async () => {
    const big = `公民身份号码,姓名\n${`${idNumber(5)},某某\n`.repeat(Math.ceil(LIMIT_BYTES / 20))}`;
    assert.ok(Buffer.byteLength(big) > LIMIT_BYTES);
    await chooseFile('人员-过大.csv', big);
    await page.getByTestId('import-start').click();
    const tooLarge = page.getByTestId('import-too-large');
    await tooLarge.waitFor();
    assert.match(await tooLarge.innerText(), /文件过大：导入文件不能超过 64 KB/);
  });

  await t.test('the import history lists the applied and the refused file, with the refused one\'s workbook', async () => {
    const history = page.getByTestId('import-history');
    await history.getByText('人员-有误.csv').waitFor();
    const rows = history.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 2, await history.innerText());
    const text = await history.innerText();
    assert.match(text, /人员-有误\.csv[\s\S]*已拒绝/);
    assert.match(text, /人员-gbk\.csv[\s\S]*已导入/);
    const listed = await operator.call<{ items: { fileName: string; sha256: string; status: string }[] }>('GET', '/api/imports?kind=persons');
    const applied = listed.body.items.find((item) => item.status === 'applied')!;
    assert.match(text, new RegExp(applied.sha256.slice(0, 12)));
    assert.equal(await history.getByTestId('import-history-workbook').count(), 1);
  });

  await t.test('the payment file is previewed with its total and allocation; nothing is recorded before 确认入账', async () => {
    await page.goto(`${server.baseUrl}/collection/payments`);
    await page.getByTestId('payments-page').waitFor();
    // 甲公司 pays 1,000.00 of its 7,240.00 bill; 乙公司 5,000.00 against 3,620.00: 1,380.00 is kept as its credit.
    await chooseFile('到账-0210.csv', ['交易日期,统一社会信用代码,金额,交易流水号', `2026/2/10,${EMPLOYER_A},"1,000.00",T001`, `2026-02-11,${EMPLOYER_B},5000,T002`].join('\n'));
    await page.getByTestId('payment-import-start').click();
    await page.getByTestId('payment-import-preview').waitFor();
    assert.equal(await page.getByTestId('payment-preview-to-record').innerText(), '2');
    assert.equal(await page.getByTestId('payment-preview-total').innerText(), '6,000.00');
    assert.equal(await page.getByTestId('payment-preview-allocated').innerText(), '4,620.00');
    assert.equal(await page.getByTestId('payment-preview-credit').innerText(), '1,380.00');
    const employers = await page.getByTestId('payment-preview-employers').locator('tbody tr.ant-table-row').allInnerTexts();
    assert.equal(employers.length, 2);
    assert.match(employers.join('\n'), new RegExp(`${EMPLOYER_B}\\s+乙公司\\s+1\\s+5,000.00\\s+3,620.00\\s+1,380.00`));
    const payments = await operator.call<{ items: unknown[] }>('GET', '/api/payments');
    assert.equal(payments.body.items.length, 0, 'a preview records nothing');
  });

  await t.test('确认入账 asks first; cancelling records nothing, confirming records the payments as previewed', async () => {
    await page.getByTestId('payment-import-confirm').click();
    await page.getByTestId('payment-import-confirm-cancel').click();
    assert.equal((await operator.call<{ items: unknown[] }>('GET', '/api/payments')).body.items.length, 0);
    await page.getByTestId('payment-import-confirm').click();
    await page.getByTestId('payment-import-confirm-ok').click();
    const success = page.getByTestId('payment-import-success');
    await success.waitFor();
    assert.match(await success.innerText(), /导入成功：共 2 行，新入账 2 笔，金额 ¥6,000.00[\s\S]*已冲抵通知单 ¥4,620.00，转入预缴结余 ¥1,380.00/);
    const recorded = await operator.call<{ items: { creditCode: string; amount: string; allocated: string; credit: string }[] }>('GET', '/api/payments');
    assert.deepEqual(recorded.body.items.map((p) => [p.creditCode, p.amount, p.allocated, p.credit]).sort(), [
      [EMPLOYER_A, '1000.00', '1000.00', '0.00'], [EMPLOYER_B, '5000.00', '3620.00', '1380.00'],
    ]);
    await page.getByTestId('payments-table').getByText('5,000.00').waitFor();
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});

test('ledger entries: a GBK file previewed by one person is posted only when another confirms it', { timeout: 120_000 }, async (t) => {
  const { server, browser } = e2e;
  const reviewer = await apiClient(server.baseUrl, REVIEWER.username, REVIEWER.password);
  const page = browser.page;
  const errors = watchPage(page, 20_000);
  const debitOf1131 = async () => {
    const balance = await reviewer.call<{ accounts: { code: string; debit: string }[] }>('GET', '/api/ledger/funds/pension-990000/trial-balance?period=2026-02');
    assert.equal(balance.status, 200, JSON.stringify(balance.body));
    return balance.body.accounts.find((account) => account.code === '1131')!.debit;
  };
  const before = await debitOf1131();
  const csv = [
    '凭证号,基金代码,会计期间,记账日期,摘要,科目代码,借方金额,贷方金额',
    'M-1,pension-990000,2026年2月,2026/2/3,期初应收 鑫源商贸,1131,"1,234.50",',
    'M-1,,,,,4001,,"1,234.50"',
    'M-2,pension-990000,,20260205,到账 鑫源商贸,1002,200.00,',
    'M-2,,,,,1131,,200.00',
  ].join('\r\n');

  await t.test('the finance officer previews the file: entries, lines and total; nothing posted; no confirmation of her own', async () => {
    await page.context().clearCookies();
    await signInAs(page, server.baseUrl, FINANCE.username, FINANCE.password);
    await page.getByTestId('dashboard').waitFor();
    await openMenuEntry(page, '基金财务', 'menu-ledgerImports');
    await page.getByTestId('ledger-import-page').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '迁移凭证.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await page.getByTestId('ledger-import-start').click();
    await page.getByTestId('ledger-import-preview').waitFor();
    assert.equal(await page.getByTestId('ledger-import-to-post').innerText(), '2');
    assert.equal(await page.getByTestId('ledger-import-amount').innerText(), '1,434.50');
    assert.match(await page.getByTestId('ledger-import-preview').innerText(), /期初应收 鑫源商贸/);
    await page.getByTestId('ledger-import-awaiting').waitFor();
    await page.getByTestId('ledger-import-pending').getByTestId('ledger-import-own').waitFor();
    assert.equal(await page.getByTestId('ledger-import-confirm').count(), 0);
    assert.equal(await debitOf1131(), before, 'a preview posts nothing');
  });

  await t.test('the reviewer confirms it from 待确认 and the entries are posted', async () => {
    await page.context().clearCookies();
    await signInAs(page, server.baseUrl, REVIEWER.username, REVIEWER.password);
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${server.baseUrl}/ledger/imports`);
    const pending = page.getByTestId('ledger-import-pending');
    await pending.getByText('迁移凭证.csv').waitFor();
    assert.match(await pending.innerText(), /fin\.imports[\s\S]*迁移凭证\.csv[\s\S]*1,434\.50/);
    await pending.getByTestId('ledger-import-confirm').click();
    await page.getByTestId('ledger-import-confirm-ok').click();
    await page.getByText('已过账 2 张凭证（4 条分录）').waitFor();
    await pending.getByText('没有待确认的凭证文件').waitFor();
    const fen = (yuan: string) => BigInt(yuan.replace('.', '')); // the API's "1234.50": always two decimals
    assert.equal(fen(await debitOf1131()) - fen(before), 123_450n, 'the 1131 debit grew by the imported 1,234.50');
    const records = await reviewer.call<{ items: { fileName: string; status: string; applied: number }[] }>('GET', '/api/imports?kind=ledger_entries');
    assert.deepEqual(records.body.items.map((r) => [r.fileName, r.status, r.applied]), [['迁移凭证.csv', 'applied', 2]]);
  });

  await t.test('no script errors', () => assert.deepEqual(errors, []));
});
