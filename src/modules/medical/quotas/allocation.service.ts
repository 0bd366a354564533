/**
 * 总额预算指标分配 (issue 13 R6.4): the annual quotas of a medical pooling region's designated institutions allocated
 * from the approved budget of its employee medical fund (./allocation.calc.ts says how), adjusted by hand with
 * reasons, signed off (kind `medical.quota_allocation`: 复核, 审批), and written on the final approval as the quotas
 * in force (medical_quota, source `budget`), which the monthly pre-allocation and the year-end settlement then read.
 *
 * The budget is the pooling region's latest approved version of the year (budget module, `approvedBudget`); the
 * history the twelve months of settlement data up to the last one before the year. A second allocation of the year
 * (after a budget adjustment) writes new quotas that take the place of the first from then on.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan, parseDecimal, parseYuan, type Decimal } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { yearProblem } from '../../../platform/dates.ts';
import { getParameters, parameterVersion } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { approvedBudget } from '../../budget/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { medicalSignoffLevels } from '../medical.signoff.ts';
import { medicalFundOf } from '../medical.ledger.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import type { InstitutionKind } from '../medical.tables.ts';
import { insertQuotas } from '../medical.repository.ts';
import { allocateQuotas, budgetLineOf, type AllocationPool, type BasisSource, type AllocationRules, type BudgetLineName, type QuotaAdjustment } from './allocation.calc.ts';
import * as repository from './allocation.repository.ts';

const ADJUSTMENT_RESERVE = 'medical.quota_allocation.adjustment_reserve';
const LEVEL_FACTORS = 'medical.quota_allocation.level_factors';
const DEFAULT_RESERVE_SHARE = 'medical.quota_allocation.reserve_share';

/** The budget lines the quotas are paid from, as the version names them (社预05 其中 rows). */
const BUDGET_SUBJECTS: Record<BudgetLineName, string> = { inpatient: 'benefit_expense.inpatient', outpatient: 'benefit_expense.outpatient' };
const LINE_NAMES: Record<BudgetLineName, string> = { inpatient: '住院医疗费用', outpatient: '门诊医疗费用' };

export interface AdjustmentInput { institution: string; quota: string; reason: string }
export interface AllocationInput { year: number | string; region?: string; adjustments?: AdjustmentInput[] }

interface StoredRules { adjustmentReserve: string; levelFactors: Record<string, string>; defaultReserveShare: string; references: string[] }

export interface AllocationView {
  region: string; fund: string; year: number; budgetVersionId: string;
  basis: { from: string; to: string } | null;
  rules: StoredRules;
  pools: { line: BudgetLineName; name: string; budget: string; reserve: string; allocable: string; allocated: string; unallocated: string }[];
  lines: {
    code: string; name: string; kind: InstitutionKind; line: BudgetLineName; basis: string; basisSource: BasisSource; basisMonths: number; factor: string;
    proposed: string; quota: string; reserveShare: string; previousQuota: string | null; reason: string | null;
  }[];
  total: string;
  /** A stored allocation: its id, status and sign-off item; null for a proposal. */
  allocation: { id: string; status: repository.AllocationStatus; approvalItemId: string | null; createdBy: string; createdAt: string } | null;
}

interface AllocationPayload { allocationId: string; region: string; year: number; institutions: number; total: string }

function checkedYear(year: number | string): number {
  const problem = yearProblem(year);
  if (problem) throw invalid('year', problem);
  return Number(year);
}

/** The rules in force on 1 January of the year in the pooling region, with their versions. */
function rulesOf(region: string, year: number): { rules: AllocationRules; defaultReserveShare: Decimal; stored: StoredRules } {
  const parameters = getParameters();
  const day = `${year}-01-01`;
  const reserve = parameters.lookup(ADJUSTMENT_RESERVE, day, region);
  const factors = parameters.lookup(LEVEL_FACTORS, day, region);
  const share = parameters.lookup(DEFAULT_RESERVE_SHARE, day, region);
  const table = factors.value as Record<InstitutionKind, string>;
  const levelFactors = Object.fromEntries(Object.entries(table).map(([kind, factor]) => [kind, parseDecimal(factor, LEVEL_FACTORS)])) as Record<InstitutionKind, Decimal>;
  return {
    rules: { adjustmentReserve: parseDecimal(reserve.value as string, ADJUSTMENT_RESERVE), levelFactors },
    defaultReserveShare: parseDecimal(share.value as string, DEFAULT_RESERVE_SHARE),
    stored: {
      adjustmentReserve: reserve.value as string, levelFactors: table, defaultReserveShare: share.value as string,
      references: [reserve, factors, share].map((found) => `${parameterVersion(found)}: ${found.reference}`),
    },
  };
}

/** The adjustments given, checked against the institutions (each refusal naming `adjustments.<i>.<field>`). */
function checkedAdjustments(inputs: readonly AdjustmentInput[], codes: ReadonlySet<string>): Map<string, QuotaAdjustment> {
  const adjustments = new Map<string, QuotaAdjustment>();
  // the API's schema has checked the shapes; a file given to the command has not
  inputs.forEach((input: Partial<Record<keyof AdjustmentInput, unknown>>, index) => {
    const field = (name: string) => `adjustments.${index}.${name}`;
    const code = String(input?.institution ?? '');
    if (!codes.has(code)) throw invalid(field('institution'), said.allocationInstitution({ code }));
    if (adjustments.has(code)) throw invalid(field('institution'), said.codeTwice({ code }));
    const quota = parseYuan(String(input.quota ?? ''), field('quota'));
    if (quota < 0n) throw invalid(field('quota'), said.notNegative({ text: String(input.quota) }));
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length < 2) throw invalid(field('reason'), said.adjustmentReason());
    adjustments.set(code, { quota, reason });
  });
  return adjustments;
}

/** The allocation worked out now from the approved budget and the history; refused naming `year` without an approved budget. */
async function propose(tx: Tx, region: string, year: number, adjustmentInputs: readonly AdjustmentInput[]) {
  const fund = medicalFundOf(region);
  const budget = await approvedBudget(tx, { year, region });
  const lines = budget?.filter((line) => line.fund === fund && line.side === 'expense');
  if (!budget || !lines?.length) throw conflict('year', said.noApprovedMedicalBudget({ region, year, fund }));
  const amountOf = (line: BudgetLineName) => lines.find((entry) => entry.subject === BUDGET_SUBJECTS[line])?.amount ?? 0n;
  const to = await repository.lastSettledMonth(tx, region, `${year}-01`);
  const from = to === null ? null : addMonths(to, -11);
  const histories = await repository.institutionHistories(tx, region, year, from, to);
  if (!histories.length) throw conflict('region', said.noActiveInstitutions({ region }));
  const { rules, defaultReserveShare, stored } = rulesOf(region, year);
  const adjustments = checkedAdjustments(adjustmentInputs, new Set(histories.map((history) => history.code)));
  const result = allocateQuotas({ inpatient: amountOf('inpatient'), outpatient: amountOf('outpatient') }, histories.map((history) => ({
    code: history.code, kind: history.kind, settled: history.settled, settledMonths: history.settled_months, previousQuota: history.previous_quota,
  })), rules, adjustments);
  for (const pool of result.pools.filter((entry) => entry.unallocated < 0n)) {
    const index = adjustmentInputs.findIndex((input) => budgetLineOf(histories.find((history) => history.code === input.institution)!.kind) === pool.line);
    throw invalid(`adjustments.${index}.quota`, said.allocationOverrun({ line: LINE_NAMES[pool.line], allocable: formatYuan(pool.allocable), over: formatYuan(-pool.unallocated) }));
  }
  const byCode = new Map(histories.map((history) => [history.code, history]));
  return {
    fund, versionId: budget[0]!.versionId, basis: from && to ? { from, to } : null, stored, pools: result.pools,
    quotas: result.quotas.map((quota) => {
      const history = byCode.get(quota.code)!;
      return { ...quota, history, reserveShare: history.reserve_share ?? formatDecimal(defaultReserveShare) };
    }),
  };
}

const poolView = (pool: AllocationPool) => ({
  line: pool.line, name: LINE_NAMES[pool.line], budget: formatYuan(pool.budget), reserve: formatYuan(pool.reserve), allocable: formatYuan(pool.allocable),
  allocated: formatYuan(pool.allocated), unallocated: formatYuan(pool.unallocated),
});

type LineView = AllocationView['lines'][number];

/** A line for the page and the API: money in yuan, the factor and the reserve share as exact decimals. */
const lineView = (line: Omit<LineView, 'basis' | 'factor' | 'proposed' | 'quota' | 'previousQuota'> & {
  basis: bigint; factor: Decimal; proposed: bigint; quota: bigint; previousQuota: bigint | null;
}): LineView => ({
  ...line, basis: formatYuan(line.basis), factor: formatDecimal(line.factor), proposed: formatYuan(line.proposed), quota: formatYuan(line.quota),
  reserveShare: formatDecimal(parseDecimal(line.reserveShare)), previousQuota: line.previousQuota === null ? null : formatYuan(line.previousQuota),
});

/** 总额指标分配方案: what the allocation would give now, with the adjustments given; stores nothing. */
export async function previewQuotaAllocation(database: DatabaseHandle, actor: Actor, input: AllocationInput): Promise<AllocationView> {
  const year = checkedYear(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const proposal = await propose(tx, region, year, input.adjustments ?? []);
    return {
      region, fund: proposal.fund, year, budgetVersionId: String(proposal.versionId), basis: proposal.basis, rules: proposal.stored,
      pools: proposal.pools.map(poolView),
      lines: proposal.quotas.map((quota) => lineView({
        code: quota.code, name: quota.history.name, kind: quota.kind, line: quota.line, basis: quota.basis, basisSource: quota.basisSource, basisMonths: quota.basisMonths,
        factor: quota.factor, proposed: quota.proposed, quota: quota.quota, reserveShare: quota.reserveShare, previousQuota: quota.history.previous_quota, reason: quota.reason,
      })),
      total: formatYuan(proposal.quotas.reduce((sum, quota) => sum + quota.quota, 0n)),
      allocation: null,
    };
  });
}

/** Submits the allocation (with the adjustments) to sign-off; its final approval writes the quotas. */
export async function submitQuotaAllocation(database: DatabaseHandle, actor: Actor, input: AllocationInput): Promise<AllocationView> {
  const year = checkedYear(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const proposal = await propose(tx, region, year, input.adjustments ?? []);
    const id = newId();
    const total = proposal.quotas.reduce((sum, quota) => sum + quota.quota, 0n);
    const pool = (line: BudgetLineName) => proposal.pools.find((entry) => entry.line === line)!;
    await repository.insertAllocation(tx, {
      id, region_code: region, fund_code: proposal.fund, year, budget_version_id: proposal.versionId, status: 'submitted',
      inpatient_budget: pool('inpatient').budget, inpatient_reserve: pool('inpatient').reserve, outpatient_budget: pool('outpatient').budget, outpatient_reserve: pool('outpatient').reserve,
      total, basis_from: proposal.basis?.from ?? null, basis_to: proposal.basis?.to ?? null, rules: JSON.stringify(proposal.stored), created_by: actor.username,
    });
    await repository.insertAllocationLines(tx, proposal.quotas.map((quota) => ({
      allocation_id: id, institution_id: quota.history.institution_id, region_code: quota.history.region_code, budget_line: quota.line, basis: quota.basis,
      basis_source: quota.basisSource, basis_months: quota.basisMonths, level_factor: formatDecimal(quota.factor), proposed: quota.proposed, quota: quota.quota,
      reserve_share: quota.reserveShare, reason: quota.reason,
    })));
    const institutions = proposal.quotas.filter((quota) => quota.quota > 0n).length;
    const item = await submitForApproval(tx, actor, quotaAllocationSignoff, {
      regionCode: region, subjectKey: `medical.quota_allocation:${region}:${year}`, amount: total,
      title: render(said.allocationTitle({ region, year, institutions, amount: formatYuan(total) }), 'zh-CN'),
      payload: { allocationId: String(id), region, year, institutions, total: formatYuan(total) },
    });
    await repository.updateAllocation(tx, id, { approval_item_id: BigInt(item.id) });
    await recordAudit(tx, actor, { action: 'medical.quota_allocation.submit', entityType: 'medical_quota_allocation', entityId: id, regionCode: region,
      after: { year, budgetVersion: String(proposal.versionId), institutions, total: formatYuan(total), adjusted: (input.adjustments ?? []).length, approvalItem: item.id } });
    return storedView(tx, (await repository.allocationById(tx, id))!);
  });
}

/** A stored allocation as the page shows it, with each institution's quota of the year before. */
async function storedView(tx: Tx, row: NonNullable<Awaited<ReturnType<typeof repository.allocationById>>>): Promise<AllocationView> {
  const lines = await repository.allocationLines(tx, row.id);
  const previous = new Map((await repository.institutionHistories(tx, row.region_code, row.year, null, null)).map((history) => [history.code, history.previous_quota]));
  const pools = (['inpatient', 'outpatient'] as const).map((line): AllocationPool => {
    const budget = line === 'inpatient' ? row.inpatient_budget : row.outpatient_budget;
    const reserve = line === 'inpatient' ? row.inpatient_reserve : row.outpatient_reserve;
    const allocated = lines.filter((entry) => entry.budget_line === line).reduce((sum, entry) => sum + entry.quota, 0n);
    return { line, budget, reserve, allocable: budget - reserve, allocated, unallocated: budget - reserve - allocated };
  });
  return {
    region: row.region_code, fund: row.fund_code, year: row.year, budgetVersionId: String(row.budget_version_id),
    basis: row.basis_from && row.basis_to ? { from: row.basis_from, to: row.basis_to } : null, rules: row.rules as StoredRules,
    pools: pools.map(poolView),
    lines: lines.map((line) => lineView({
      code: line.code, name: line.name, kind: line.kind, line: line.budget_line, basis: line.basis, basisSource: line.basis_source, basisMonths: line.basis_months,
      factor: parseDecimal(line.level_factor), proposed: line.proposed, quota: line.quota, reserveShare: line.reserve_share, previousQuota: previous.get(line.code) ?? null, reason: line.reason,
    })),
    total: formatYuan(row.total),
    allocation: { id: String(row.id), status: row.status, approvalItemId: row.approval_item_id === null ? null : String(row.approval_item_id), createdBy: row.created_by, createdAt: row.created_at.toISOString() },
  };
}

/** The pooling region's latest allocation of the year (404 when there is none). */
export async function allocationView(database: DatabaseHandle, actor: Actor, input: { year: number | string; region?: string }): Promise<AllocationView> {
  const year = checkedYear(input.year);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const row = await repository.latestAllocation(tx, region, year);
    if (!row) throw notFound(said.noAllocation({ region, year }));
    return storedView(tx, row);
  });
}

/** The final approval: the quotas in force from now on, if the budget allocated is still the approved one. */
async function writeQuotas(tx: Tx, approver: Actor, payload: AllocationPayload) {
  const allocation = (await repository.allocationById(tx, BigInt(payload.allocationId), true))!;
  const budget = await approvedBudget(tx, { year: allocation.year, region: allocation.region_code });
  const current = budget?.[0]?.versionId;
  if (current !== allocation.budget_version_id) {
    throw conflict('year', said.allocationBudgetChanged({ year: allocation.year, allocated: String(allocation.budget_version_id), current: current === undefined ? '—' : String(current) }));
  }
  const lines = (await repository.allocationLines(tx, allocation.id)).filter((line) => line.quota > 0n);
  await insertQuotas(tx, lines.map((line) => ({
    institution_id: line.institution_id, id: newId(), region_code: line.region_code, year: allocation.year, annual_quota: line.quota, reserve_share: line.reserve_share,
    source: 'budget', import_id: null, allocation_id: allocation.id, recorded_by: approver.username,
  })));
  await repository.updateAllocation(tx, allocation.id, { status: 'approved' });
  await recordAudit(tx, approver, { action: 'medical.quota_allocation.approve', entityType: 'medical_quota_allocation', entityId: allocation.id, regionCode: allocation.region_code,
    after: { year: allocation.year, quotas: lines.length, total: formatYuan(allocation.total) } });
  return { allocation: payload.allocationId, quotas: lines.length };
}

const STEP_STATUS = { return: 'returned', resubmit: 'submitted', cancel: 'cancelled' } as const;

/** 总额预算指标分配审核: 经办 proposes, 复核 and 审批 sign; the final approval writes the quotas. */
export const quotaAllocationSignoff = registerSignoffKind<AllocationPayload>({
  kind: 'medical.quota_allocation',
  label: '定点医药机构总额预算指标分配',
  parameters: 'signoff.medical_quota_allocation',
  requestPermission: 'medical.manage',
  levels: medicalSignoffLevels,
  effect: async (tx, approver, item) => writeQuotas(tx, approver, item.payload),
  onStep: async (tx, _actor, item, action) => { await repository.updateAllocation(tx, BigInt(item.payload.allocationId), { status: STEP_STATUS[action] }); },
  subjectLink: (payload) => `/medical/quotas/allocation?region=${payload.region}&year=${payload.year}`,
});
