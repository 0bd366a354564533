/**
 * 定点医疗机构 list and 总额预算执行: each institution with its quotas by year (the latest recorded in force), the year's
 * quota beside the fund-payable of its months settled, filtered by kind, and the same rows as an XLSX/CSV file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import type { TestDatabase } from '../../../platform/testing/database.ts';
import { createLedgerTestDatabase } from '../../ledger/ledger.testing.ts';
import { importInstitutions, importQuotas, importSettlements } from './institutions.import.ts';
import { institutionsReport, listInstitutions } from './institutions.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('medical', ['medical.read', 'medical.manage']);
const csv = (name: string, lines: string[]) => ({ fileName: name, content: Buffer.from(lines.join('\n')) });

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createLedgerTestDatabase();
  await importInstitutions(db.database, actor, csv('institutions.csv', [
    'institution,name,regionCode,institutionKind,bankAccount',
    'H3,示范市第一人民医院,990102,三级医院,6222000000000003',
    'P1,示范大药房,990102,定点药店,6222000000000001',
  ]));
  await importQuotas(db.database, actor, csv('quotas-2024.csv', ['institution,year,annualQuota,reserveShare', 'H3,2024,1000000.00,0.05', 'P1,2024,100000.00,0']));
  await importQuotas(db.database, actor, csv('quotas-2025.csv', ['institution,year,annualQuota,reserveShare', 'H3,2025,1200000.00,0.05']));
  // a later record of the year's quota is the one in force
  await importQuotas(db.database, actor, csv('quotas-2025b.csv', ['institution,year,annualQuota,reserveShare', 'H3,2025,1300000.00,0.1']));
  await importSettlements(db.database, actor, csv('settlements.csv', [
    'institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable',
    'H3,2024-12,A,10,50000.00,10,10,60,60000.00,45000.00',
    'H3,2025-01,A,10,60000.00,10,10,80,70000.00,52500.00',
    'H3,2025-01,B,12,300000.00,12,12,170,330000.00,247500.00',
    'H3,2025-02,A,12,60000.00,12,12,90,66000.00,50000.01',
    'P1,2025-01,,0,0.00,900,400,0,50000.00,30000.00',
  ]));
});
after(async () => { await db?.drop(); });

test('each institution with its quotas by year and the year\'s quota against the months settled', { skip }, async () => {
  const list = await listInstitutions(db.database, actor, { year: 2025, region: '990100' });
  assert.equal(list.region, '990100');
  assert.deepEqual(list.items.map((item) => [item.code, item.kind, item.regionCode, item.status]), [['H3', 'hospital_3', '990102', 'active'], ['P1', 'pharmacy', '990102', 'active']]);
  const [hospital, pharmacy] = list.items;
  assert.deepEqual(hospital.quotas, [{ year: 2024, annualQuota: '1000000.00', reserveShare: '0.05' }, { year: 2025, annualQuota: '1300000.00', reserveShare: '0.1' }]);
  assert.equal(hospital.quota, '1300000.00');
  assert.deepEqual(hospital.monthly, [{ month: '2025-01', settled: '300000.00' }, { month: '2025-02', settled: '50000.01' }]);
  assert.equal(hospital.settled, '350000.01');
  assert.deepEqual([pharmacy.quota, pharmacy.settled, pharmacy.monthly.length], [null, '30000.00', 1], 'no quota recorded for 2025');
  assert.equal(list.total, 2);

  const earlier = await listInstitutions(db.database, actor, { year: 2024, region: '990100' });
  assert.deepEqual(earlier.items.map((item) => [item.code, item.quota, item.settled]), [['H3', '1000000.00', '45000.00'], ['P1', '100000.00', '0.00']]);
  const pharmacies = await listInstitutions(db.database, actor, { year: 2025, region: '990100', kind: 'pharmacy' });
  assert.deepEqual(pharmacies.items.map((item) => item.code), ['P1']);
  await assert.rejects(listInstitutions(db.database, actor, { year: 2025, region: '990300' }), /region/i);
});

test('the list as a file: kind and status named, the year\'s quota and what is settled', { skip }, async () => {
  const report = institutionsReport(await listInstitutions(db.database, actor, { year: 2025, region: '990100' }));
  const rows = [];
  for await (const page of report.pages) rows.push(...page);
  assert.deepEqual(rows.map((row) => [row.code, row.kindName, row.statusName, row.quota, row.settled]), [
    ['H3', '三级医院', '正常', '1300000.00', '350000.01'], ['P1', '定点药店', '正常', null, '30000.00'],
  ]);
  assert.deepEqual(report.columns.map((column) => column.title), ['机构编码', '机构名称', '机构类别', '区划代码', '协议状态', '年度总额指标', '已结算基金支付']);
});
