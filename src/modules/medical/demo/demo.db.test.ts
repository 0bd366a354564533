import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { parseDecimal, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { generateDemo, type DemoSummary } from '../../registry/demo/demo.service.ts';
import { dipProjection } from '../dip/dip.service.ts';
import { runYearEndSettlement } from '../settlement/year-end-run.service.ts';
import { demoInstitutions, demoSettlementRows } from './demo.calc.ts';

// Database tests run through `npm test` (which provides the server); a bare `node --test` skips them.
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const OPTIONS = { persons: 1500, employers: 60, years: 2, seed: 5, password: 'demo-pass-2024' };

let db: TestDatabase;
let summary: DemoSummary;
const rows = async <T>(text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows as T[];
const currentYear = Number(todayInChina().slice(0, 4));

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  summary = await generateDemo(db.database, OPTIONS);
});
after(async () => { await db?.drop(); });

test('the demo city has twelve designated institutions: 2 三级, 4 二级, 3 一级 hospitals and 3 pharmacies, with bank accounts', { skip }, async () => {
  const institutions = await rows<{ code: string; name: string; kind: string; region_code: string; pooling_region_code: string; bank_account: string }>(
    'select code, name, kind, region_code, pooling_region_code, bank_account from medical_institution order by code');
  assert.equal(institutions.length, 12);
  const ofKind = (kind: string) => institutions.filter((i) => i.kind === kind).length;
  assert.deepEqual(['hospital_3', 'hospital_2', 'hospital_1', 'pharmacy'].map(ofKind), [2, 4, 3, 3]);
  for (const institution of institutions) {
    assert.equal(institution.pooling_region_code, '990100', institution.code);
    assert.match(institution.region_code, /^9901\d\d$/);
    assert.match(institution.bank_account, /^6222\d{15}$/);
  }
  assert.equal(new Set(institutions.map((i) => i.bank_account)).size, 12);
  assert.ok(institutions.some((i) => i.name === '示范市第一人民医院' && i.kind === 'hospital_3'));
});

test('a quota for each institution and year from the history\'s first to the current one, 88% of the estimated pooling income', { skip }, async () => {
  const quotas = await rows<{ year: number; institutions: number; total: string; reserve: string }>(`select year, count(distinct institution_id)::int as institutions,
      sum(annual_quota)::text as total, min(reserve_share)::text as reserve from medical_quota group by year order by year`);
  const years = Array.from({ length: currentYear - summary.window.firstYear + 1 }, (_, index) => summary.window.firstYear + index);
  assert.deepEqual(quotas.map((q) => q.year), years);
  for (const quota of quotas) assert.equal(quota.institutions, 12, String(quota.year));
  // the last history year's total: 88% of (the bases of the medical contributors on 1 July × 12 × the employer rate 9%)
  const last = summary.window.lastYear;
  const [{ base }] = await rows<{ base: string }>(`select sum(d.monthly_wage)::text as base from enrollment n
    join base_declaration d on d.employer_id = n.employer_id and d.person_id = n.person_id and d.year = $1
      and d.version = (select max(version) from base_declaration v where v.employer_id = d.employer_id and v.person_id = d.person_id and v.year = d.year)
    where n.insurance = 'medical' and n.valid_from <= $2 and (n.valid_to is null or n.valid_to >= $2)`, [last, `${last}-07-01` > summary.window.end ? summary.window.end : `${last}-07-01`]);
  const income = Number(BigInt(base) * 12n) * 0.09;
  const total = Number(quotas.find((q) => q.year === last)!.total);
  assert.ok(Math.abs(total - 0.88 * income) <= 12, `quotas ${total} against 88% of ${income}`);
});

test('monthly settlement data for every institution and month from January of the first year to the history\'s last month', { skip }, async () => {
  const months = await rows<{ month: string; institutions: number; dip_groups: number }>(`select month, count(distinct institution_id)::int as institutions,
      count(distinct (institution_id, dip_group)) filter (where dip_group is not null)::int as dip_groups from medical_monthly_settlement group by month order by month`);
  const expected: string[] = [];
  for (let month = `${summary.window.firstYear}-01`; month <= summary.window.end.slice(0, 7); month = addMonths(month, 1)) expected.push(month);
  assert.deepEqual(months.map((m) => m.month), expected);
  for (const month of months) {
    assert.equal(month.institutions, 12, month.month);
    assert.ok(month.dip_groups > 0, month.month);
  }
  // pharmacies report no DIP cases; the fund never pays more than the cost
  const [check] = await rows<{ pharmacy_cases: number; over: number }>(`select
    (select count(*) from medical_monthly_settlement s join medical_institution i on i.id = s.institution_id where i.kind = 'pharmacy' and s.dip_group is not null)::int as pharmacy_cases,
    (select count(*) from medical_monthly_settlement where fund_payable > total_cost)::int as over`);
  assert.deepEqual(check, { pharmacy_cases: 0, over: 0 });
  // every hospital reports every group it treats in each full year (2 三级 × 13, 4 二级 × 10, 3 一级 × 5)
  const groups = await rows<{ year: string; groups: number }>(`select left(month, 4) as year, count(distinct (institution_id, dip_group))::int as groups
    from medical_monthly_settlement where dip_group is not null and month < $1 group by 1 order by 1`, [`${summary.window.lastYear}-01`]);
  assert.ok(groups.length >= 1);
  for (const year of groups) assert.equal(year.groups, 2 * 13 + 4 * 10 + 3 * 5, year.year);
  // a full history year costs the fund about its quotas (each institution runs within 0.85–1.25 of its own)
  const year = summary.window.lastYear - 1;
  const [ratio] = await rows<{ actual: string; quota: string }>(`select (select sum(fund_payable) from medical_monthly_settlement where month like $1)::text as actual,
    (select sum(annual_quota) from medical_quota where year = $2)::text as quota`, [`${year}-%`, year]);
  const share = Number(ratio.actual) / Number(ratio.quota);
  assert.ok(share > 0.85 && share < 1.25, `actual ÷ quota ${share}`);
});

test('the DIP projection of the current year answers a point value with its range, and the year-end settlement runs', { skip }, async () => {
  const actor = systemActor('test', ['medical.read', 'medical.settle']);
  const projection = await dipProjection(db.database, actor, { year: currentYear });
  assert.equal(projection.region, '990100');
  assert.equal(projection.monthsSettled, Number(summary.window.end.slice(5, 7)));
  const [value, low, high] = [projection.pointValue, projection.low, projection.high].map((text) => Number(text));
  assert.ok(low < value && value < high, `${low} < ${value} < ${high}`);
  assert.ok(value > 0);
  assert.equal(projection.groups.length, 13);
  assert.equal(projection.institutions.length, 9, 'the hospitals; pharmacies have no DIP cases');
  const [hospitals] = await rows<{ total: string }>(`select sum(q.annual_quota)::text as total from medical_quota q
    join medical_institution i on i.id = q.institution_id where q.year = $1 and i.kind <> 'pharmacy'`, [currentYear]);
  assert.equal(parseYuan(projection.dipFund), BigInt(hospitals.total), 'the DIP fund is the hospitals\' quotas of the year');
  assert.deepEqual(parseDecimal(projection.reimbursementRatio), parseDecimal('0.8'));

  const settlement = await runYearEndSettlement(db.database, actor, { year: currentYear });
  assert.equal(settlement.institutions.length, 12);
  assert.equal(settlement.status, 'submitted');
  assert.ok(settlement.institutions.every((line) => parseYuan(line.actual) > 0n && parseYuan(line.quota) > 0n));
});

test('the same seed draws the same institutions and data; another seed other data', () => {
  const input = (seed: number) => ({
    seed, institutions: demoInstitutions(seed), months: ['2025-11', '2025-12', '2026-01'], currentYear: 2026, quotaOf: () => 120_000_000n,
  });
  assert.deepEqual(demoSettlementRows(input(5)), demoSettlementRows(input(5)));
  assert.notDeepEqual(demoSettlementRows(input(5)), demoSettlementRows(input(6)));
  assert.notDeepEqual(demoInstitutions(5).map((i) => i.bankAccount), demoInstitutions(6).map((i) => i.bankAccount));
});
