/**
 * The files designated institutions come in through (the kernel's import pipeline: CSV in UTF-8 or GBK, or XLSX; every
 * row checked, all or nothing, the same file twice applied once):
 * - institutions (定点医药机构登记): institution, name, regionCode, institutionKind, bankAccount;
 * - quotas (年度总额指标): institution, year, annualQuota, reserveShare;
 * - monthly settlement data (月度结算数据): institution, month, dipGroup, cases, cost, visits, patients, inpatientDays,
 *   totalCost, fundPayable — one row per DIP group of an institution's month (its cases and their cost), and rows with
 *   no group for the part outside DIP (outpatient visits, pharmacies). An institution's month comes in one file only:
 *   its data are never overwritten.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, type Actor } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseDecimal } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { moreProblems, registerFields, runImport, tableReader, type CheckedRow, type CheckedTable, type ImportDefinition, type ImportFile, type ImportSchema } from '../../../platform/imports/index.ts';
import { isPeriod, periodEnd } from '../../ledger/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { poolingRegionOfRegion } from '../medical.scope.ts';
import * as repository from '../medical.repository.ts';
import { institutionKinds, type InstitutionKind } from '../medical.tables.ts';

registerFields({
  institution: { titles: ['机构编码', '定点医药机构编码', '医疗机构编码'] },
  institutionKind: { titles: ['机构类别', '机构等级'], values: { 三级医院: 'hospital_3', 二级医院: 'hospital_2', 一级医院: 'hospital_1', 定点药店: 'pharmacy', 药店: 'pharmacy', hospital_3: 'hospital_3', hospital_2: 'hospital_2', hospital_1: 'hospital_1', pharmacy: 'pharmacy' } },
  bankAccount: { titles: ['银行账号', '开户账号'] },
  year: { titles: ['年度'] },
  annualQuota: { titles: ['年度总额', '年度总额指标'] },
  reserveShare: { titles: ['预留比例'] },
  month: { titles: ['结算月份', '月份'] },
  dipGroup: { titles: ['病种组合', '病种编码', 'DIP病种'] },
  cases: { titles: ['病例数', '出院人数'] },
  cost: { titles: ['病例费用', '病种费用'] },
  visits: { titles: ['就诊人次', '人次'] },
  patients: { titles: ['就诊人数'] },
  inpatientDays: { titles: ['住院床日', '床日数'] },
  totalCost: { titles: ['医疗总费用', '总费用'] },
  fundPayable: { titles: ['统筹基金支付', '基金支付'] },
});

const text = (row: CheckedRow, field: string) => (row.values[field] === undefined ? '' : String(row.values[field]));
const CODE = /^[A-Za-z0-9]{1,40}$/;
const WHOLE = /^\d{1,9}$/;

/** Rows whose key repeats an earlier row of the file are refused, naming that row. */
function firstRows() {
  const seen = new Map<string, number>();
  return (key: string, row: number) => { const first = seen.get(key); if (first === undefined) seen.set(key, row); return first; };
}

// ── institutions ──

const institutionSchema: ImportSchema = {
  kind: 'medical_institutions',
  columns: [
    { field: 'institution', required: true, example: 'H0001' },
    { field: 'name', required: true, example: '示范市第一人民医院' },
    { field: 'regionCode', required: true, example: '990102' },
    { field: 'institutionKind', required: true, type: 'code', example: '三级医院' },
    { field: 'bankAccount', required: true, example: '6222000000000001' },
  ],
};

type NewInstitution = { id: bigint; code: string; name: string; region_code: string; pooling_region_code: string; kind: InstitutionKind; bank_account: string; created_by: string };

const institutionImport: ImportDefinition<CheckedTable, NewInstitution[], { institutions: number }> = {
  kind: 'medical_institutions',
  read: tableReader(institutionSchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const known = new Set((await repository.institutionsByCodes(tx, valid.map((r) => text(r, 'institution')))).map((i) => i.code));
    const pooling = await repository.medicalPoolingRegions(tx);
    const first = firstRows();
    const prepared: NewInstitution[] = [];
    for (const row of valid) {
      const code = text(row, 'institution'), region = text(row, 'regionCode'), kind = text(row, 'institutionKind'), account = text(row, 'bankAccount'), name = text(row, 'name');
      const before = problems.size;
      if (!CODE.test(code)) problems.add(row.row, 'institution', 'code', said.code());
      else if (first(code, row.row) !== undefined) problems.add(row.row, 'institution', 'unique_in_file', said.codeInFileTwice({ what: code, row: first(code, row.row)! }));
      else if (known.has(code)) problems.add(row.row, 'institution', 'new', said.institutionKnown({ code }));
      if (name.length < 2 || name.length > 100) problems.add(row.row, 'name', 'length', said.nameText());
      if (!(institutionKinds as readonly string[]).includes(kind)) problems.add(row.row, 'institutionKind', 'code', said.institutionKindCode({ text: kind }));
      if (account.length < 8 || account.length > 40) problems.add(row.row, 'bankAccount', 'length', said.bankAccountText({ text: account }));
      const poolingRegion = poolingRegionOfRegion(pooling, region);
      if (!inActorScope(actor, region)) problems.add(row.row, 'regionCode', 'scope', said.institutionOutOfScope({ code }));
      else if (!poolingRegion) problems.add(row.row, 'regionCode', 'pooled', said.regionNotPooled({ region }));
      if (problems.size === before) {
        prepared.push({ id: newId(), code, name, region_code: region, pooling_region_code: poolingRegion!, kind: kind as InstitutionKind, bank_account: account, created_by: actor.username });
      }
    }
    return { prepared, problems: problems.list };
  },
  async apply(tx, _actor, prepared) {
    await repository.insertInstitutions(tx, prepared);
    return { applied: prepared.length, result: { institutions: prepared.length } };
  },
};

// ── quotas ──

const quotaSchema: ImportSchema = {
  kind: 'medical_quotas',
  columns: [
    { field: 'institution', required: true, example: 'H0001' },
    { field: 'year', required: true, example: '2026' },
    { field: 'annualQuota', required: true, type: 'amount', example: '12000000.00' },
    { field: 'reserveShare', required: true, example: '0.05' },
  ],
};

type NewQuota = { institution_id: bigint; id: bigint; region_code: string; year: number; annual_quota: bigint; reserve_share: string; source: 'imported'; recorded_by: string };

const quotaImport: ImportDefinition<CheckedTable, NewQuota[], { quotas: number; total: string }> = {
  kind: 'medical_quotas',
  read: tableReader(quotaSchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const institutions = new Map((await repository.institutionsByCodes(tx, valid.map((r) => text(r, 'institution')))).map((i) => [i.code, i]));
    const first = firstRows();
    const prepared: NewQuota[] = [];
    for (const row of valid) {
      const code = text(row, 'institution'), year = text(row, 'year'), share = text(row, 'reserveShare');
      const quota = row.values.annualQuota as bigint;
      const institution = institutions.get(code);
      const before = problems.size;
      if (!institution) problems.add(row.row, 'institution', 'known', said.institutionUnknown({ code }));
      else if (!inActorScope(actor, institution.region_code)) problems.add(row.row, 'institution', 'scope', said.institutionOutOfScope({ code }));
      if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) problems.add(row.row, 'year', 'year', said.yearText({ text: year }));
      else if (first(`${code}/${year}`, row.row) !== undefined) problems.add(row.row, 'year', 'unique_in_file', said.codeInFileTwice({ what: `${code} ${year}`, row: first(`${code}/${year}`, row.row)! }));
      if (quota <= 0n) problems.add(row.row, 'annualQuota', 'positive', said.positiveAmount({ text: formatYuan(quota) }));
      const reserve = /^0(\.\d{1,4})?$/.test(share) ? parseDecimal(share) : undefined;
      if (!reserve) problems.add(row.row, 'reserveShare', 'share', said.reserveShare({ text: share }));
      if (problems.size === before) {
        prepared.push({ institution_id: institution!.id, id: newId(), region_code: institution!.region_code, year: Number(year), annual_quota: quota, reserve_share: share, source: 'imported', recorded_by: actor.username });
      }
    }
    return { prepared, problems: problems.list };
  },
  async apply(tx, _actor, prepared, { importId }) {
    await repository.insertQuotas(tx, prepared.map((quota) => ({ ...quota, import_id: importId })));
    return { applied: prepared.length, result: { quotas: prepared.length, total: formatYuan(prepared.reduce((sum, q) => sum + q.annual_quota, 0n)) } };
  },
};

// ── monthly settlement data ──

const settlementSchema: ImportSchema = {
  kind: 'medical_settlements',
  columns: [
    { field: 'institution', required: true, example: 'H0001' },
    { field: 'month', required: true, example: '2026-01' },
    { field: 'dipGroup', example: 'A01.1' },
    { field: 'cases', required: true, example: '12' },
    { field: 'cost', required: true, type: 'amount', example: '120000.00' },
    { field: 'visits', required: true, example: '12' },
    { field: 'patients', required: true, example: '12' },
    { field: 'inpatientDays', required: true, example: '96' },
    { field: 'totalCost', required: true, type: 'amount', example: '120000.00' },
    { field: 'fundPayable', required: true, type: 'amount', example: '90000.00' },
  ],
};

type SettlementRow = {
  institution_id: bigint; month: string; line: number; region_code: string; dip_group: string | null; cases: number; cost: bigint; visits: number; patients: number;
  inpatient_days: number; total_cost: bigint; fund_payable: bigint;
};
export interface SettlementImportView { rows: number; institutionMonths: number; totalCost: string; fundPayable: string }

const settlementImport: ImportDefinition<CheckedTable, SettlementRow[], SettlementImportView> = {
  kind: 'medical_settlements',
  read: tableReader(settlementSchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const institutions = new Map((await repository.institutionsByCodes(tx, [...new Set(valid.map((r) => text(r, 'institution')))])).map((i) => [i.code, i]));
    const today = todayInChina();
    const prepared: SettlementRow[] = [];
    for (const row of valid) {
      const code = text(row, 'institution'), month = text(row, 'month'), group = text(row, 'dipGroup');
      const institution = institutions.get(code);
      const before = problems.size;
      if (!institution) problems.add(row.row, 'institution', 'known', said.institutionUnknown({ code }));
      else if (!inActorScope(actor, institution.region_code)) problems.add(row.row, 'institution', 'scope', said.institutionOutOfScope({ code }));
      if (!isPeriod(month)) problems.add(row.row, 'month', 'month', said.monthText({ text: month }));
      else if (periodEnd(month) >= today) problems.add(row.row, 'month', 'ended', said.monthInFuture({ month, today }));
      const counts: Record<string, number> = {};
      for (const field of ['cases', 'visits', 'patients', 'inpatientDays']) {
        if (WHOLE.test(text(row, field))) counts[field] = Number(text(row, field));
        else problems.add(row.row, field, 'whole', said.wholeNumber({ text: text(row, field) }));
      }
      const cost = row.values.cost as bigint, totalCost = row.values.totalCost as bigint, fundPayable = row.values.fundPayable as bigint;
      for (const [field, amount] of [['cost', cost], ['totalCost', totalCost], ['fundPayable', fundPayable]] as const) {
        if (amount < 0n) problems.add(row.row, field, 'not_negative', said.notNegative({ text: formatYuan(amount) }));
      }
      if (!group && (counts.cases > 0 || cost > 0n)) problems.add(row.row, 'cases', 'group', said.casesWithoutGroup());
      if (group && counts.cases === 0) problems.add(row.row, 'cases', 'cases', said.groupWithoutCases({ group }));
      if (counts.patients > counts.visits) problems.add(row.row, 'patients', 'visits', said.patientsAboveVisits({ patients: counts.patients, visits: counts.visits }));
      if (fundPayable > totalCost) problems.add(row.row, 'fundPayable', 'total', said.fundAboveTotal({ fundPayable: formatYuan(fundPayable), totalCost: formatYuan(totalCost) }));
      if (problems.size === before) {
        prepared.push({
          institution_id: institution!.id, month, line: row.row, region_code: institution!.region_code, dip_group: group || null, cases: counts.cases, cost,
          visits: counts.visits, patients: counts.patients, inpatient_days: counts.inpatientDays, total_cost: totalCost, fund_payable: fundPayable,
        });
      }
    }
    // An institution's month comes in one file: a month another import brought is refused on each of its rows.
    const pairs = [...new Map(prepared.map((r) => [`${r.institution_id}/${r.month}`, { institutionId: r.institution_id, month: r.month }])).values()];
    const imported = new Map((await repository.monthsWithData(tx, pairs)).map((m) => [`${m.institution_id}/${m.month}`, m.import_id]));
    const codes = new Map([...institutions.values()].map((i) => [i.id, i.code]));
    for (const row of prepared) {
      const importId = imported.get(`${row.institution_id}/${row.month}`);
      if (importId !== undefined) problems.add(row.line, 'month', 'once', said.monthImported({ code: codes.get(row.institution_id)!, month: row.month, importId: String(importId) }));
    }
    return { prepared, problems: problems.list };
  },
  async apply(tx, _actor, prepared, { importId }) {
    await repository.insertSettlementRows(tx, prepared.map((row) => ({ ...row, import_id: importId })));
    return {
      applied: prepared.length,
      result: {
        rows: prepared.length, institutionMonths: new Set(prepared.map((r) => `${r.institution_id}/${r.month}`)).size,
        totalCost: formatYuan(prepared.reduce((sum, r) => sum + r.total_cost, 0n)), fundPayable: formatYuan(prepared.reduce((sum, r) => sum + r.fund_payable, 0n)),
      },
    };
  },
};

export const importInstitutions = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, institutionImport, file, 'apply');
export const importQuotas = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, quotaImport, file, 'apply');
export const importSettlements = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, settlementImport, file, 'apply');
