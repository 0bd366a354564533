/**
 * The demo city's designated medical institutions (called by `sifund demo` after the registry load): twelve
 * institutions of the city, a quota for each year of the history and the current year, and the monthly settlement
 * data of every month of those years up to the history's last month — all through the module's own imports (the
 * kernel pipeline: every row checked, one insert per file, a file per year of data), so the demo's data are what a
 * file from the institutions would bring. The DIP projection and the year-end settlement then work on the current
 * year as they stand.
 *
 * 以收定支: the quotas of a year are shares of the fund's income that year, estimated as the medical contributors'
 * declared bases × 12 × the employer rate (since 国办发〔2021〕14号 the employer's contribution goes to the pooling fund,
 * the employee's to the personal account), the contributors counted on 1 July of the year (or the history's first or
 * last day). A year without declarations (the current one, past the history) takes the nearest year's income.
 * The fund's 财政专户 holds a year of quotas from the demo's go-live (期初建账, demoGoLive), where a fund's 结余 stands:
 * pre-allocations and the year-end settlement bring what they pay to the 支出户 by their 用款 transfers.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { multiplyFen, formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { addMonths, ensureFunds, openingBalanceEntry, postEntries } from '../../ledger/index.ts';
import { demoGoLive } from '../../registry/index.ts';
import { importInstitutions, importQuotas, importSettlements } from '../institutions/institutions.import.ts';
import { medicalFundOf } from '../medical.ledger.ts';
import * as repository from './demo.repository.ts';
import { DEMO_RESERVE_SHARE, demoInstitutions, demoQuotas, demoSettlementRows, settlementCsv } from './demo.calc.ts';

export interface DemoInstitutionsLoaded { institutions: number; quotaYears: number[]; settlementRows: number; firstMonth: string; lastMonth: string; openingBalance: string }

const csvFile = (fileName: string, lines: string) => ({ fileName, content: Buffer.from(lines, 'utf8') });

export async function loadDemoInstitutions(database: DatabaseHandle, input: {
  cityCode: string; seed: number; window: { start: string; end: string; firstYear: number; lastYear: number }; /** 期初建账 day (default demoGoLive(today)) */ goLive?: string;
}): Promise<DemoInstitutionsLoaded> {
  const actor = systemActor('demo', ['medical.manage']);
  const { window, seed, cityCode } = input;
  const currentYear = Math.max(Number(todayInChina().slice(0, 4)), window.lastYear);
  const institutions = demoInstitutions(seed);
  await importInstitutions(database, actor, csvFile('demo-institutions.csv', [
    'institution,name,regionCode,institutionKind,bankAccount',
    ...institutions.map((i) => [i.code, i.name, i.regionCode, i.kind, i.bankAccount].join(',')),
  ].join('\n')));

  // the fund's income of each history year, the current year taking the nearest year's
  const historyYears = Array.from({ length: window.lastYear - window.firstYear + 1 }, (_, index) => window.firstYear + index);
  const countedOn = (year: number) => { const day = `${year}-07-01`; return day < window.start ? window.start : day > window.end ? window.end : day; };
  const bases = await inScope(database, actor, (tx) => repository.medicalBasesOnDays(tx, cityCode, historyYears.map((year) => ({ year, day: countedOn(year) }))));
  const store = getParameters();
  const incomeOf = new Map<number, bigint>();
  for (const year of historyYears) {
    const base = bases.get(year);
    if (base) incomeOf.set(year, multiplyFen(base * 12n, store.rate('contribution.medical.employer_rate', countedOn(year), cityCode)));
  }
  const quotaYears = Array.from({ length: currentYear - window.firstYear + 1 }, (_, index) => window.firstYear + index);
  const nearestIncome = (year: number) => [...incomeOf].sort(([a], [b]) => Math.abs(a - year) - Math.abs(b - year) || a - b)[0]?.[1];
  const quotas = new Map<string, bigint>();
  const quotaLines = ['institution,year,annualQuota,reserveShare'];
  for (const year of quotaYears) {
    const income = incomeOf.get(year) ?? nearestIncome(year);
    if (income === undefined) continue;   // no medical contributor in the whole history: institutions without quotas or data
    for (const quota of demoQuotas(institutions, income)) {
      quotas.set(`${quota.code}/${year}`, quota.annualQuota);
      quotaLines.push([quota.code, year, formatYuan(quota.annualQuota), DEMO_RESERVE_SHARE].join(','));
    }
  }
  const firstMonth = `${window.firstYear}-01`, lastMonth = window.end.slice(0, 7);
  let settlementRows = 0, opening = 0n;
  if (quotas.size > 0) {
    await importQuotas(database, actor, csvFile('demo-quotas.csv', quotaLines.join('\n')));
    const months: string[] = [];
    for (let month = firstMonth; month <= lastMonth; month = addMonths(month, 1)) months.push(month);
    const rows = demoSettlementRows({ seed, institutions, months, currentYear, quotaOf: (code, year) => quotas.get(`${code}/${year}`)! });
    // a file per year keeps each insert within PostgreSQL's limit of parameters per statement
    for (const year of historyYears) {
      const ofYear = rows.filter((row) => row.month.startsWith(`${year}-`));
      if (ofYear.length > 0) settlementRows += (await importSettlements(database, actor, csvFile(`demo-settlements-${year}.csv`, settlementCsv(ofYear)))).rows;
    }
    opening = institutions.reduce((sum, institution) => sum + (quotas.get(`${institution.code}/${currentYear}`) ?? 0n), 0n);
  }
  if (opening > 0n) {
    await ensureFunds(database);
    await postEntries(database, actor, [openingBalanceEntry({
      fund: medicalFundOf(cityCode), amount: opening, date: input.goLive ?? demoGoLive(todayInChina()), memo: '期初建账（演示数据：一年的定点医药机构总额指标）',
    })], { kind: 'import' });
  }
  const loaded = { institutions: institutions.length, quotaYears: quotas.size > 0 ? quotaYears : [], settlementRows, firstMonth, lastMonth, openingBalance: formatYuan(opening) };
  await inScope(database, actor, (tx) => recordAudit(tx, actor, { action: 'demo.medical_institutions', entityType: 'demo', entityId: cityCode, regionCode: cityCode, after: loaded }));
  return loaded;
}
