/**
 * README screenshots at 1440×900, in Chinese (default) or English:
 *   node --import tsx web/e2e/screenshots.ts <baseUrl> <username> <password> [zh|en]
 * as a staff user who registers, bills and reads the ledger and the audit trail (e.g. review.990100 of `sifund demo`
 * after a billing run; the administrator holds no business permission any more).
 * writes docs/screenshots/{login,dashboard,employers,persons,person-detail,bills,dunning,trial-balance,import-errors,audit}.png,
 * in English with the suffix -en (login-en.png …).
 * When the server's registry is empty it first registers a few demo employers and persons through the API
 * (use a demo server); the import screenshot uploads a file with bad rows, which the API rejects whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../src/modules/registry/identifiers.calc.ts';
import { ensureCjkFont, launchBrowser } from './browser.ts';
import { apiClient, projectRoot, type ApiClient } from './server.ts';

const [baseUrl, username, password, language = 'zh'] = process.argv.slice(2);
if (!baseUrl || !username || !password || !['zh', 'en'].includes(language)) {
  process.stderr.write('usage: node --import tsx web/e2e/screenshots.ts <baseUrl> <username> <password> [zh|en]\n');
  process.exit(2);
}
const suffix = language === 'en' ? '-en' : '';
const outDir = path.join(projectRoot, 'docs', 'screenshots');
const base = baseUrl.replace(/\/$/, '');

const creditCode = (region: string, serial: string) => {
  const first17 = `91${region}${serial}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const idNumber = (region: string, birth: string, sequence: number) => {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
};

async function must<T>(client: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const { status, body: result } = await client.call<T>(method, url, body);
  if (status >= 300) throw new Error(`${method} ${url} → ${status} ${JSON.stringify(result)}`);
  return result;
}

/** A small demo registry, only when the server has no persons yet. */
async function seedIfEmpty(client: ApiClient) {
  const persons = await must<{ total: number }>(client, 'GET', '/api/persons?limit=1');
  if (persons.total > 0) return;
  process.stdout.write('registry is empty: registering demo records\n');
  const regions = await must<{ items: { code: string }[] }>(client, 'GET', '/api/regions');
  const province = regions.items.find((r) => r.code.endsWith('0000'))?.code ?? '990000';
  const prefix = province.slice(0, 2);
  const city = `${prefix}0100`, east = `${prefix}0102`, west = `${prefix}0103`;
  for (const [code, name, parentCode] of [[city, '示范市', province], [east, '东城区', city], [west, '西城区', city]]) {
    if (!regions.items.some((r) => r.code === code)) await client.call('POST', '/api/regions', { code, name, parentCode });
  }
  await client.call('POST', '/api/agencies', { regionCode: city, name: '示范市社会保险事业管理中心' });
  await client.call('POST', '/api/agencies', { regionCode: east, name: '东城区社会保险经办中心' });
  const employers = [
    await must<{ id: string }>(client, 'POST', '/api/employers', { creditCode: creditCode(east, 'MA0010015'), name: '示范市第一机械制造有限公司', regionCode: east, industryCode: 'C', workInjuryClass: 3, employerType: 'enterprise' }),
    await must<{ id: string }>(client, 'POST', '/api/employers', { creditCode: creditCode(west, 'MA0020028'), name: '示范市云数信息技术有限公司', regionCode: west, industryCode: 'I', workInjuryClass: 1, employerType: 'enterprise' }),
    await must<{ id: string }>(client, 'POST', '/api/employers', { creditCode: creditCode(city, '123456789'), name: '示范市第三人民医院', regionCode: city, industryCode: 'Q', workInjuryClass: 2, employerType: 'institution_partial' }),
  ];
  // name, birth date, region, employer index, gender (the 17th ID digit is odd for men, even for women)
  const people: [string, string, string, number, 'M' | 'F'][] = [
    ['张伟', '19850312', east, 0, 'M'], ['王芳', '19900726', east, 0, 'F'], ['李娜', '19880105', west, 1, 'F'], ['刘洋', '19951118', west, 1, 'M'],
    ['陈静', '19790430', city, 2, 'F'], ['杨磊', '19921209', east, 0, 'M'], ['赵敏', '19870614', city, 2, 'F'], ['黄强', '19830921', west, 1, 'M'],
  ];
  let last: { employerId: string; employmentId: string } | undefined;
  for (const [index, [name, birth, region, employer, gender]] of people.entries()) {
    const sequence = 20 + index * 10 + (gender === 'M' ? 1 : 2);
    const person = await must<{ id: string }>(client, 'POST', '/api/persons', { idNumber: idNumber(region, birth, sequence), name, hukouType: index % 3 ? 'urban' : 'rural', regionCode: region, occupation: '职员' });
    const hired = await must<{ id: string; employerId: string }>(client, 'POST', '/api/employments', { employerId: employers[employer].id, personId: person.id, hiredOn: `20${20 + (index % 5)}-0${1 + (index % 8)}-01` });
    last = { employerId: hired.employerId ?? employers[employer].id, employmentId: hired.id };
    await must(client, 'POST', '/api/base-declarations', { employerId: employers[employer].id, personId: person.id, year: new Date().getFullYear(), monthlyWage: `${6000 + index * 850}.00` });
  }
  // One separation, so the audit trail has a before → after change to show.
  if (last) await must(client, 'POST', `/api/employments/${last.employerId}/${last.employmentId}/separate`, { separatedOn: new Date().toISOString().slice(0, 10), reason: 'voluntary' });
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, `${name}${suffix}.png`) });
  process.stdout.write(`docs/screenshots/${name}${suffix}.png\n`);
}

fs.mkdirSync(outDir, { recursive: true });
ensureCjkFont();
const client = await apiClient(base, username, password);
await seedIfEmpty(client);

const browser = await launchBrowser({ width: 1440, height: 900 });
const page = browser.page;
page.setDefaultTimeout(30_000);
try {
  await page.goto(`${base}/login`);
  await page.evaluate((lang) => localStorage.setItem('sifund.lang', lang), language);
  await page.reload();
  await page.getByTestId('login-username').fill(username);
  await shot(page, 'login');

  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  await page.locator('[data-testid=dashboard] canvas').first().waitFor().catch(() => {});
  await shot(page, 'dashboard');

  await page.goto(`${base}/employers`);
  await page.locator('[data-testid=employers-table] .ant-table-row').first().waitFor();
  await shot(page, 'employers');

  await page.goto(`${base}/persons`);
  await page.getByTestId('person-link').first().waitFor();
  await shot(page, 'persons');

  await page.getByTestId('person-link').first().click();
  await page.getByTestId('person-detail').waitFor();
  await page.getByTestId('tab-bases').click();
  await page.getByTestId('person-bases').waitFor();
  await shot(page, 'person-detail');

  await page.goto(`${base}/collection/bills`);
  await page.locator('.ant-table-row').first().waitFor().catch(() => {});
  await shot(page, 'bills');

  await page.goto(`${base}/collection/arrears`);
  await page.getByTestId('arrears-buckets').waitFor().catch(() => {});
  await shot(page, 'dunning');

  await page.goto(`${base}/ledger/balances`);
  await page.locator('.ant-table-row').first().waitFor().catch(() => {});
  await shot(page, 'trial-balance');

  await page.goto(`${base}/imports`);
  await page.getByTestId('import-page').waitFor();
  const bad = [
    'idNumber,name,gender,birthDate,hukouType',
    `${idNumber('990102', '19900101', 501)},周一,男,1990-01-01,urban`,
    '110105199001010000,吴二,,,urban',
    `${idNumber('990102', '19910202', 502)},,女,,rural`,
    `${idNumber('990102', '19920303', 503)},郑三,男,1992-03-04,city`,
  ].join('\n');
  await page.locator('input[type=file]').setInputFiles({ name: '参保人员-待导入.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-errors').waitFor();
  await shot(page, 'import-errors');

  await page.goto(`${base}/audit`);
  await page.locator('[data-testid=audit-table] .ant-table-row').first().waitFor();
  // the chain check is for holders of audit.verify (稽核, 监督, 安全审计员): shown when the user has it
  if (await page.getByTestId('audit-verify').count()) {
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor().catch(() => {});
  }
  // Expand a change with both a before and an after when there is one (e.g. a separation), else the newest record.
  const rows = page.locator('[data-testid=audit-table] .ant-table-row').filter({ has: page.locator('.ant-table-row-expand-icon-collapsed') });
  const change = rows.filter({ hasText: /separate|status|confirm/ }).first();
  const target = (await change.count()) ? change : rows.first();
  if (await target.count()) await target.locator('.ant-table-row-expand-icon-collapsed').click();
  await shot(page, 'audit');
} finally {
  await browser.close();
}
