/**
 * The year-end settlement (年终清算) of a medical pooling region's year from what is stored: each institution's quota in
 * force, its actual cost to the fund (Σ fund-payable of its monthly settlement data) and what it was prepaid (the paid
 * monthly pre-allocations), settled by the region's rule set (medical.year_end_settlement, year-end.calc.ts) and
 * submitted to sign-off (kind `medical.year_end`: 复核, 审批). Run again, it answers with the stored result.
 * An institution with a credit grade (supervision's grading, 医疗保障基金使用监督管理条例 第十六条) is settled by the
 * region's rules times its grade's factors (medical.year_end_credit_factors, rulesForCredit): a lower grade keeps less
 * of a saving and is paid less of an overrun; each line keeps the grade it was settled with.
 *
 * What it pays draws on the budget indicators of 住院 / 门诊 (checked in the final approval's transaction, committed until
 * paid). The final approval funds the 支出户 with what is to be paid (用款, 财政专户 → 支出户) and books every recovery as a
 * receivable: Dr 暂付款 / Cr the institution's benefit expense (the prepayments were booked as expense when paid, so
 * the year's expense comes down to what the fund accepts). Paying books Dr expense / Cr 支出户 on the day paid; an
 * institution's repayment Dr 支出户 / Cr 暂付款.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { yearProblem } from '../../../platform/dates.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { isDate } from '../../ledger/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { medicalSignoffLevels } from '../medical.signoff.ts';
import { bookRecovery, expenseTypeOf, medicalFundOf, payFromExpenseAccount, receiveRepayment, transferToExpenseAccount } from '../medical.ledger.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import * as repository from '../medical.repository.ts';
import { creditOfSubjects } from '../../supervision/index.ts';
import { rulesForCredit, settleInstitution, type InstitutionSettlement } from './year-end.calc.ts';
import { dipFundOf, dipYear } from '../dip/dip.service.ts';
import { settleDipYear } from '../dip/dip.calc.ts';
import type { YearEndMethod } from '../medical.tables.ts';
import { YEAR_END_METHOD_PARAMETER, yearEndCreditFactorsOf, yearEndRulesOf } from './year-end.input.ts';

interface YearEndPayload { runId: string; region: string; year: number; institutions: number; payable: string; recoverable: string }

export interface YearEndRunView {
  region: string; fund: string; year: number; status: string; approvalItemId: string | null; paidOn: string | null;
  rules: unknown;
  totals: { quota: string; actual: string; allowed: string; prepaid: string; payable: string; recoverable: string };
  institutions: {
    code: string; name: string; quota: string; actual: string; allowed: string; prepaid: string; settlement: string; savingReward: string; overrunPaid: string;
    /** the credit grade it was settled with (null: none, the region's rules unchanged) */
    creditGrade: string | null; status: string; repaidOn: string | null;
    /** total_budget, or dip: a hospital paid for its year's points (`points`) at the run's settlement point value (rules.dip) */
    method: YearEndMethod; points: string | null;
  }[];
}

function checkYear(year: unknown): number {
  const problem = yearProblem(year);
  if (problem) throw invalid('year', problem);
  return Number(year);
}

/** Settles the year from the stored data and submits it (the 经办 step), or answers with the run already stored. */
export async function runYearEndSettlement(database: DatabaseHandle, actor: Actor, input: { year: number; region?: string }): Promise<YearEndRunView> {
  const year = checkYear(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const existing = await repository.findYearEndRun(tx, region, year);
    if (existing) return viewOf(tx, existing);
    const quotas = await repository.quotasOfYear(tx, region, year);
    if (quotas.length === 0) throw notFound(said.noQuotas({ region, year }));
    const [actual, prepaid] = await Promise.all([repository.actualOfYear(tx, region, year), repository.prepaidOfYear(tx, region, year)]);
    const store = getParameters();
    const method = store.lookup(YEAR_END_METHOD_PARAMETER, `${year}-12-31`, region);
    const { rules, reference } = yearEndRulesOf(store, region, year);
    const credit = yearEndCreditFactorsOf(store, region, year);
    const dip = method.value === 'dip' ? await settleHospitalsByDip(tx, region, year, quotas, prepaid) : null;
    const byDip = new Set(dip?.lines.map((line) => line.institutionId));
    const byBudget = quotas.filter((quota) => !byDip.has(quota.institution_id));
    const grades = await creditOfSubjects(tx, [...byBudget.map((quota) => quota.code), ...(dip?.lines.map((line) => line.code) ?? [])], region);
    const gradeOf = (code: string) => grades.get(code)?.grade ?? null;
    const settled: SettledLine[] = byBudget.map((quota) => {
      // a grade the factors do not name (a region's own scheme) is settled by the region's rules unchanged
      const factors = credit.factors.get(gradeOf(quota.code) ?? '');
      const line = settleInstitution(factors ? rulesForCredit(rules, factors) : rules,
        { code: quota.code, quota: quota.annual_quota, actual: actual.get(quota.institution_id) ?? 0n, prepaid: prepaid.get(quota.institution_id) ?? 0n });
      return { ...line, institutionId: quota.institution_id, regionCode: quota.region_code, method: 'total_budget', points: null };
    });
    for (const line of dip?.lines ?? []) settled.push({ ...line, actual: actual.get(line.institutionId) ?? 0n });
    settled.sort((a, b) => a.code.localeCompare(b.code));
    const runId = newId();
    const storedRules = {
      method: method.value, methodReference: method.reference,
      savingRewardShare: formatDecimal(rules.savingRewardShare),
      savingRewardCapShareOfQuota: rules.savingRewardCapShareOfQuota === null ? null : formatDecimal(rules.savingRewardCapShareOfQuota),
      overrunBands: rules.overrunBands.map((band) => ({ upToShareOfQuota: formatDecimal(band.upToShareOfQuota), fundShare: formatDecimal(band.fundShare) })),
      reference,
      creditFactors: Object.fromEntries([...credit.factors].map(([grade, f]) => [grade, { savingReward: formatDecimal(f.savingReward), overrunPaid: formatDecimal(f.overrunPaid) }])),
      creditFactorsReference: credit.reference,
      ...(dip ? { dip: dip.stored } : {}),
    };
    await repository.insertYearEndRun(tx, { id: runId, region_code: region, fund_code: medicalFundOf(region), year, rules: JSON.stringify(storedRules), created_by: actor.username });
    await repository.insertYearEndSettlements(tx, settled.map((line) => ({
      institution_id: line.institutionId, year, run_id: runId, region_code: line.regionCode,
      quota: line.quota, actual: line.actual, prepaid: line.prepaid, allowed: line.allowed, saving_reward: line.savingReward, overrun_paid: line.overrunPaid,
      settlement: line.settlement, credit_grade: gradeOf(line.code), method: line.method, points: line.points,
    })));
    const payable = settled.reduce((sum, line) => sum + (line.settlement > 0n ? line.settlement : 0n), 0n);
    const recoverable = settled.reduce((sum, line) => sum + (line.settlement < 0n ? -line.settlement : 0n), 0n);
    const amounts = { payable: formatYuan(payable), recoverable: formatYuan(recoverable) };
    const item = await submitForApproval(tx, actor, yearEndSignoff, {
      regionCode: region, subjectKey: `medical.year_end:${runId}`, amount: payable + recoverable,
      title: render(said.yearEndTitle({ region, year, institutions: settled.length, ...amounts }), 'zh-CN'),
      payload: { runId: runId.toString(), region, year, institutions: settled.length, ...amounts },
    });
    await repository.updateYearEndRun(tx, runId, { approval_item_id: BigInt(item.id) });
    await recordAudit(tx, actor, { action: 'medical.year_end.settle', entityType: 'medical_year_end_run', entityId: runId, regionCode: region,
      after: { year, institutions: settled.length, ...amounts, approvalItem: item.id } });
    return viewOf(tx, (await repository.findYearEndRun(tx, region, year))!);
  });
}

/** One institution's line as it is stored: the total-budget figures, or a hospital's by DIP (its points; no reward or overrun share). */
interface SettledLine extends InstitutionSettlement { institutionId: bigint; regionCode: string; method: YearEndMethod; points: string | null }

/**
 * The hospitals of a region that settles them by DIP (medical.year_end_method = dip; 医保办发〔2020〕50号 [check]): the
 * year's DIP-payable fund (Σ the hospitals' quotas, as the projection has it) shared by points — settlement point value
 * = (fund ÷ reimbursement ratio) ÷ Σ points, rounded to the places of medical.dip.decimal_places; each hospital is due
 * its points × that value × the ratio, rounded once to the fen, less what it was prepaid (dip.calc.ts settleDipYear).
 * A hospital with DIP cases and no quota of the year is paid for its points too (they count in the total). Needs the
 * year's twelve months: points of part of a year would share out the whole year's fund.
 */
async function settleHospitalsByDip(tx: Tx, region: string, year: number, quotas: readonly repository.QuotaRow[], prepaid: ReadonlyMap<bigint, bigint>) {
  const { rules, ratio, historyFrom, historyTo, groups, rows } = await dipYear(tx, region, year);
  const months = new Set(rows.map((row) => row.month)).size;
  if (months < 12) throw conflict('year', said.dipYearIncomplete({ region, year, months }));
  const hospitals = new Map(quotas.filter((quota) => quota.kind !== 'pharmacy')
    .map((quota) => [quota.code, { institutionId: quota.institution_id, regionCode: quota.region_code, quota: quota.annual_quota }]));
  const withoutQuota = [...new Set(rows.map((row) => row.code))].filter((code) => !hospitals.has(code));
  for (const institution of await repository.institutionsByCodes(tx, withoutQuota)) {
    if (institution.kind !== 'pharmacy') hospitals.set(institution.code, { institutionId: institution.id, regionCode: institution.region_code, quota: 0n });
  }
  const casesOf = new Map<string, { group: string; cost: bigint; count: number }[]>();
  for (const row of rows) {
    const cases = casesOf.get(row.code) ?? [];
    cases.push({ group: row.dip_group, cost: row.averageCost, count: row.cases });
    casesOf.set(row.code, cases);
  }
  const dipFund = dipFundOf(quotas);
  const result = settleDipYear({
    groups: [...groups.values()], dipFund, reimbursementRatio: ratio, rules,
    institutions: [...hospitals].map(([code, hospital]) => ({ code, prepaid: prepaid.get(hospital.institutionId) ?? 0n, cases: casesOf.get(code) ?? [] })),
  });
  const lines: Omit<SettledLine, 'actual'>[] = result.institutions.map((due) => {
    const hospital = hospitals.get(due.code)!;
    return {
      code: due.code, institutionId: hospital.institutionId, regionCode: hospital.regionCode, quota: hospital.quota, prepaid: due.prepaid,
      allowed: due.due, settlement: due.payment, savingReward: 0n, overrunPaid: 0n, method: 'dip', points: formatDecimal(due.points),
    };
  });
  const store = getParameters();
  return {
    lines,
    stored: {
      fund: formatYuan(dipFund), reimbursementRatio: formatDecimal(ratio), totalPoints: formatDecimal(result.totalPoints), pointValue: formatDecimal(result.pointValue),
      historyFrom, historyTo, reference: store.lookup('medical.dip.reimbursement_ratio', `${year}-12-31`, region).reference,
    },
  };
}

/** 年终清算审核: its final approval funds what is to be paid and books what is to be recovered. */
export const yearEndSignoff = registerSignoffKind<YearEndPayload>({
  kind: 'medical.year_end',
  label: '定点医药机构年终清算',
  parameters: 'signoff.medical_year_end',
  requestPermission: 'medical.settle',
  levels: medicalSignoffLevels,
  effect: async (tx, approver, item) => approveYearEnd(tx, approver, item.payload),
  subjectLink: (payload) => `/medical/year-end?region=${payload.region}&year=${payload.year}`,
  // 预算指标 (R7.1): what the settlement pays (its positive lines) on the line each institution's payments are booked on
  // (住院 / 门诊), in the year it is paid — signed off now, paid days later; recoveries lower the expense in the ledger
  budgetDraws: async (tx, item) => yearEndDraws(await repository.yearEndPayableByKind(tx, { runId: BigInt(item.payload.runId) })),
  budgetCommitments: async (tx, funds) => yearEndDraws(await repository.yearEndPayableByKind(tx, { fundCodes: funds })),
});

const yearEndDraws = (rows: Awaited<ReturnType<typeof repository.yearEndPayableByKind>>) => {
  const year = Number(todayInChina().slice(0, 4));
  return rows.map((row) => ({ fund: row.fund_code, subject: `benefit_expense.${expenseTypeOf(row.kind)}`, amountFen: row.amount, year }));
};

async function approveYearEnd(tx: Tx, approver: Actor, payload: YearEndPayload) {
  const run = (await repository.findYearEndRunById(tx, BigInt(payload.runId)))!;
  const lines = await repository.settlementsOfYearEndRun(tx, run.id);
  const today = todayInChina();
  const source = { type: 'medical_year_end', id: String(run.id) };
  const payable = lines.reduce((sum, line) => sum + (line.settlement > 0n ? line.settlement : 0n), 0n);
  let transferEntryId: bigint | null = null;
  if (payable > 0n) {
    transferEntryId = await transferToExpenseAccount(tx, approver, {
      fund: run.fund_code, date: today, amount: payable, key: `medical-year-end-transfer:${run.id}`, source,
      memo: `用款：${run.year} 年定点医药机构年终清算应拨付部分`,
    });
  }
  for (const line of lines) {
    if (line.settlement < 0n) {
      const entryId = await bookRecovery(tx, approver, {
        fund: run.fund_code, date: today, kind: line.kind, code: line.code, amount: -line.settlement, key: `medical-year-end-recovery:${run.id}:${line.code}`, source,
        memo: `${run.year} 年年终清算应追回 ${line.code} ${line.name}`,
      });
      await repository.updateYearEndSettlement(tx, line.institution_id, run.year, { status: 'recovery_open', entry_id: entryId });
    } else if (line.settlement === 0n) {
      await repository.updateYearEndSettlement(tx, line.institution_id, run.year, { status: 'settled' });
    }
  }
  await repository.updateYearEndRun(tx, run.id, { status: 'approved', ...(transferEntryId ? { transfer_entry_id: transferEntryId } : {}) });
  await recordAudit(tx, approver, { action: 'medical.year_end.approve', entityType: 'medical_year_end_run', entityId: run.id, regionCode: run.region_code,
    after: { year: run.year, payable: formatYuan(payable), transferEntry: transferEntryId ? String(transferEntryId) : null } });
  return { run: payload.runId, transferEntryId: transferEntryId ? String(transferEntryId) : null };
}

async function viewOf(tx: Tx, run: NonNullable<Awaited<ReturnType<typeof repository.findYearEndRun>>>): Promise<YearEndRunView> {
  const lines = await repository.settlementsOfYearEndRun(tx, run.id);
  const sum = (pick: (line: (typeof lines)[number]) => bigint) => formatYuan(lines.reduce((total, line) => total + pick(line), 0n));
  return {
    region: run.region_code, fund: run.fund_code, year: run.year, status: run.status, paidOn: run.paid_on,
    approvalItemId: run.approval_item_id === null ? null : String(run.approval_item_id), rules: run.rules,
    totals: {
      quota: sum((l) => l.quota), actual: sum((l) => l.actual), allowed: sum((l) => l.allowed), prepaid: sum((l) => l.prepaid),
      payable: sum((l) => (l.settlement > 0n ? l.settlement : 0n)), recoverable: sum((l) => (l.settlement < 0n ? -l.settlement : 0n)),
    },
    institutions: lines.map((line) => ({
      code: line.code, name: line.name, quota: formatYuan(line.quota), actual: formatYuan(line.actual), allowed: formatYuan(line.allowed),
      prepaid: formatYuan(line.prepaid), settlement: formatYuan(line.settlement), savingReward: formatYuan(line.saving_reward),
      overrunPaid: formatYuan(line.overrun_paid), creditGrade: line.credit_grade, status: line.status, repaidOn: line.repaid_on,
      method: line.method, points: line.points,
    })),
  };
}

export async function yearEndRunView(database: DatabaseHandle, actor: Actor, input: { year: number; region?: string }): Promise<YearEndRunView> {
  const year = checkYear(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const run = await repository.findYearEndRun(tx, region, year);
    if (!run) throw notFound(said.runNotFound({ region, period: String(year), what: said.yearEndWhat() }));
    return viewOf(tx, run);
  });
}

const dayOf = (text: string | undefined) => {
  const day = text ?? todayInChina();
  if (!isDate(day)) throw invalid('paidOn', said.dateText({ text: day }));
  return day;
};

/** Pays the institutions owed money from the 支出户 on the day paid (default today). */
export async function payYearEndSettlement(database: DatabaseHandle, actor: Actor, input: { year: number; region?: string; paidOn?: string }): Promise<YearEndRunView> {
  const year = checkYear(input.year);
  const paidOn = dayOf(input.paidOn);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const run = await repository.findYearEndRun(tx, region, year, true);
    if (!run) throw notFound(said.runNotFound({ region, period: String(year), what: said.yearEndWhat() }));
    if (run.status === 'paid') throw conflict('year', said.alreadyPaid({ what: said.yearEndWhat(), paidOn: run.paid_on! }));
    if (run.status !== 'approved') throw conflict('year', said.notApproved({ what: said.yearEndWhat(), status: run.status }));
    const owed = (await repository.settlementsOfYearEndRun(tx, run.id)).filter((line) => line.settlement > 0n);
    if (owed.length) {
      const entryId = await payFromExpenseAccount(tx, actor, {
        fund: run.fund_code, date: paidOn, key: `medical-year-end:${run.id}`, source: { type: 'medical_year_end', id: String(run.id) },
        memo: `${run.year} 年定点医药机构年终清算拨付（${owed.length} 家）`,
        lines: owed.map((line) => ({ kind: line.kind, code: line.code, amount: line.settlement })),
      });
      for (const line of owed) await repository.updateYearEndSettlement(tx, line.institution_id, year, { status: 'paid', entry_id: entryId });
    }
    await repository.updateYearEndRun(tx, run.id, { status: 'paid', paid_on: paidOn });
    await recordAudit(tx, actor, { action: 'medical.year_end.pay', entityType: 'medical_year_end_run', entityId: run.id, regionCode: region, after: { year, paidOn, institutions: owed.length } });
    return viewOf(tx, (await repository.findYearEndRun(tx, region, year))!);
  });
}

/** An institution repays what the settlement recovers from it: the receivable is cleared into the 支出户. */
export async function recordRepayment(database: DatabaseHandle, actor: Actor, input: { year: number; institution: string; repaidOn?: string }): Promise<YearEndRunView> {
  const year = checkYear(input.year);
  const repaidOn = dayOf(input.repaidOn);
  return inScope(database, actor, async (tx) => {
    const [institution] = await repository.institutionsByCodes(tx, [input.institution]);
    if (!institution) throw notFound(said.institutionUnknown({ code: input.institution }));
    const run = await repository.findYearEndRun(tx, institution.pooling_region_code, year, true);
    const line = run && (await repository.settlementsOfYearEndRun(tx, run.id)).find((l) => l.institution_id === institution.id);
    if (!run || !line || line.status !== 'recovery_open') throw conflict('institution', said.noRecovery({ code: institution.code, year }));
    const entryId = await receiveRepayment(tx, actor, {
      fund: run.fund_code, date: repaidOn, code: institution.code, amount: -line.settlement, key: `medical-year-end-repayment:${run.id}:${institution.code}`,
      source: { type: 'medical_year_end', id: String(run.id) }, memo: `${year} 年年终清算追回款 ${institution.code} ${institution.name} 已退回`,
    });
    await repository.updateYearEndSettlement(tx, institution.id, year, { status: 'recovered', repaid_on: repaidOn, repayment_entry_id: entryId });
    await recordAudit(tx, actor, { action: 'medical.year_end.repayment', entityType: 'medical_year_end_settlement', entityId: institution.id, regionCode: institution.region_code,
      after: { year, amount: formatYuan(-line.settlement), repaidOn, entry: String(entryId) } });
    return viewOf(tx, run);
  });
}
