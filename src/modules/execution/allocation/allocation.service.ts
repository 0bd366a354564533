/**
 * Monthly allocation plans (分月用款计划, issue 14 R7.4; 财政部《预算管理一体化规范》2020: a budget indicator is released
 * to the months by a use-of-funds plan; 按月预拨 in domain.md "Budget practice"): per approved budget version and fund,
 * every expense line (a 其中 row too) split into 12 monthly amounts that sum to the line exactly (allocation.calc.ts).
 *
 *   even      1/12 each;
 *   seasonal  the line's share per month of its actual expense in the ledger's last complete year (the year before the
 *             plan's, or before today's when that one is not over); a line without movement that year is split evenly
 *             and the plan says so (split 'even');
 *   manual    12 amounts per line given by hand; amounts that do not sum to the line are refused, naming the line, the
 *             difference and what December would have to be.
 *
 * Proposing is a decision through the sign-off engine (kind execution.allocation_plan: 复核, 审批; levels from
 * params/signoff/allocation_plan); the final approval writes the plan in its transaction, superseding the fund's earlier
 * plan of the same version (never editing it). A plan belongs to its version: once an adjustment approves a new
 * version, the fund has no plan until one is made for it (its amounts would no longer sum to the lines).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, notFound, rejectedRows, type RowProblem } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval, type ApprovalItemView } from '../../../platform/signoff/index.ts';
import { approvedBudget, budgetSignoffLevels, type ApprovedLine } from '../../budget/index.ts';
import * as executionRepository from '../execution.repository.ts';
import { actualsByFund, tableLinesOf } from '../report.service.ts';
import {
  allocatedToMonth, allocationMethods, evenMonths, manualDifference, seasonalMonths, type AllocationMethod, type LineSplit,
} from './allocation.calc.ts';
import { allocationSaid as said } from './allocation.messages.ts';
import * as repository from './allocation.repository.ts';

/** One line of a plan as the sign-off item carries it (fen as decimal text) and as the effect writes it. */
interface PlannedLine { subject: string; name: string; parentSubject: string | null; amount: string; split: AllocationMethod; basisYear: number | null; months: string[] }
interface AllocationPayload { region: string; year: number; versionId: string; fund: string; method: AllocationMethod; lines: PlannedLine[] }

export const allocationPlanSignoff = registerSignoffKind<AllocationPayload>({
  kind: 'execution.allocation_plan',
  label: '分月用款计划',
  parameters: 'signoff.allocation_plan',
  requestPermission: 'budget.draft',
  // the plan releases the approved budget to the months: reviewed and approved as the budget is (财社〔2017〕144号)
  levels: budgetSignoffLevels,
  effect: async (tx, approver, item) => approvePlan(tx, approver, item.id, item.payload, item.submittedBy),
  subjectLink: (payload) => `/execution/indicators?year=${payload.year}&region=${payload.region}&plan=${payload.fund}`,
});

const subjectKey = (region: string, year: number, fund: string) => `execution.allocation_plan:${region}:${year}:${fund}`;
const methodSaid = { even: said.methodEven, seasonal: said.methodSeasonal, manual: said.methodManual } as const;

function checkYearAndRegion(input: { year: number; region: string }) {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year', said.yearOutOfRange());
  if (!/^\d{6}$/.test(input.region ?? '')) throw invalid('region', said.regionShape({ value: String(input.region) }));
}

/** The ledger's last complete year for a plan of `year`: the year before it, or before today's year when that is not over. */
export const seasonalBasisYear = (year: number, today: string) => Math.min(year - 1, Number(today.slice(0, 4)) - 1);

/** Per line subject, the fund's actual expense of each month of the basis year on the line's ledger subjects. */
async function monthlyActuals(tx: Tx, fundCode: string, year: number, basisYear: number): Promise<Map<string, bigint[]>> {
  const fund = (await executionRepository.fundByCode(tx, fundCode))!;
  const table = tableLinesOf(year, fund.insurance) ?? [];
  const byLine = new Map(table.filter((line) => line.side === 'expense').map((line) => [line.subject, Array<bigint>(12).fill(0n)]));
  for (let month = 1; month <= 12; month++) {
    const period = `${basisYear}-${String(month).padStart(2, '0')}`;
    const actuals = (await actualsByFund(tx, [fund], period, period)).get(fund.id)!;
    for (const line of table) {
      const months = byLine.get(line.subject);
      if (months) months[month - 1] = line.ledgerSubjects.reduce((sum, subject) => sum + (actuals.get(`expense|${subject}`) ?? 0n), 0n);
    }
  }
  return byLine;
}

export interface ManualLine { fund?: string; subject: string; months: string[] }
export interface PlanProposal { year: number; region: string; fund?: string; method: string; lines?: ManualLine[] }

/** The hand amounts of one fund's lines, checked: every problem of every line named (a bad row submits nothing). */
function manualSplits(fund: string, expense: ApprovedLine[], given: ManualLine[], lineNames: Map<string, string>, problems: RowProblem[], rowOf: Map<ManualLine, number>): Map<string, LineSplit> {
  const splits = new Map<string, LineSplit>();
  for (const line of given) {
    const row = rowOf.get(line)!;
    const budgetLine = expense.find((candidate) => candidate.subject === line.subject);
    const name = lineNames.get(line.subject) ?? line.subject;
    if (!budgetLine) { problems.push({ row, field: 'subject', message: said.lineUnknown({ fund, subject: String(line.subject) }) }); continue; }
    if (splits.has(line.subject)) { problems.push({ row, field: 'subject', message: said.lineTwice({ fund, subject: line.subject }) }); continue; }
    if (!Array.isArray(line.months) || line.months.length !== 12) {
      problems.push({ row, field: 'allocationLines', message: said.twelveMonths({ count: Array.isArray(line.months) ? line.months.length : 0 }) });
      continue;
    }
    const months: bigint[] = [];
    line.months.forEach((text, index) => {
      const value = /^[0-9]{1,15}(\.[0-9]{1,2})?$/.test(String(text)) ? parseYuan(String(text), 'allocationMonth') : null;
      if (value === null) problems.push({ row, field: 'allocationMonth', message: said.monthAmount({ month: index + 1, value: String(text) }) });
      months.push(value ?? 0n);
    });
    if (months.length !== 12 || problems.some((problem) => problem.row === row)) continue;
    const off = manualDifference(budgetLine.amount, months);
    if (off) {
      problems.push({ row, field: 'allocationMonth', message: said.sumDiffers({
        fund, name, subject: line.subject, sum: formatYuan(budgetLine.amount + off.difference), amount: formatYuan(budgetLine.amount),
        difference: formatYuan(off.difference), december: formatYuan(off.december),
      }) });
      continue;
    }
    splits.set(line.subject, { months, split: 'manual', basisYear: null });
  }
  for (const line of expense) {
    if (!given.some((candidate) => candidate.subject === line.subject)) {
      problems.push({ row: 0, field: 'allocationLines', message: said.lineMissing({ fund, name: lineNames.get(line.subject) ?? line.subject, subject: line.subject }) });
    }
  }
  return splits;
}

/**
 * Proposes a plan for each fund asked (the one given, or every fund of the region's latest approved budget): each is
 * one sign-off item, all submitted in one transaction or none.
 */
export async function proposeAllocationPlans(database: DatabaseHandle, actor: Actor, input: PlanProposal): Promise<ApprovalItemView[]> {
  requirePermission(actor, 'budget.draft');
  checkYearAndRegion(input);
  if (!allocationMethods.includes(input.method as AllocationMethod)) throw invalid('allocationMethod', said.methodUnknown({ value: String(input.method) }));
  const method = input.method as AllocationMethod;
  if (method === 'manual' && !input.lines?.length) throw invalid('allocationLines', said.manualNeedsLines());
  if (method !== 'manual' && input.lines?.length) throw invalid('allocationLines', said.linesOnlyForManual());
  const today = todayInChina();
  return inScope(database, actor, async (tx) => {
    const budget = await approvedBudget(tx, { year: input.year, region: input.region });
    if (!budget) throw notFound(said.noApprovedBudget({ region: input.region, year: input.year }));
    const budgetFunds = [...new Set(budget.filter((line) => line.side === 'expense').map((line) => line.fund))];
    const lineFund = (line: ManualLine) => line.fund ?? input.fund;
    const funds = input.fund ? [input.fund] : method === 'manual' ? [...new Set((input.lines ?? []).map(lineFund).filter((fund) => fund !== undefined))] : budgetFunds;
    for (const fund of funds) if (!budgetFunds.includes(fund)) throw invalid('fund', said.fundNotInBudget({ fund, region: input.region, year: input.year }));
    const problems: RowProblem[] = [];
    const rowOf = new Map((input.lines ?? []).map((line, index) => [line, index + 1]));
    (input.lines ?? []).filter((line) => !lineFund(line) || !funds.includes(lineFund(line)!)).forEach((line) => problems.push({
      row: rowOf.get(line)!, field: 'fund', message: lineFund(line) ? said.fundNotInBudget({ fund: lineFund(line)!, region: input.region, year: input.year }) : fieldRules.required(),
    }));
    const basisYear = seasonalBasisYear(input.year, today);
    const planned: { fund: string; lines: PlannedLine[] }[] = [];
    for (const fund of funds) {
      const expense = budget.filter((line) => line.fund === fund && line.side === 'expense');
      const fundRow = await executionRepository.fundByCode(tx, fund);
      const names = new Map((fundRow ? tableLinesOf(input.year, fundRow.insurance) ?? [] : []).map((line) => [line.subject, line.name]));
      let splits: Map<string, LineSplit>;
      if (method === 'manual') {
        splits = manualSplits(fund, expense, (input.lines ?? []).filter((line) => lineFund(line) === fund), names, problems, rowOf);
      } else if (method === 'seasonal') {
        const actuals = fundRow ? await monthlyActuals(tx, fund, input.year, basisYear) : new Map<string, bigint[]>();
        splits = new Map(expense.map((line) => [line.subject, seasonalMonths(line.amount, actuals.get(line.subject) ?? Array<bigint>(12).fill(0n), basisYear)]));
      } else {
        splits = new Map(expense.map((line): [string, LineSplit] => [line.subject, { months: evenMonths(line.amount), split: 'even', basisYear: null }]));
      }
      planned.push({ fund, lines: expense.filter((line) => splits.has(line.subject)).map((line) => {
        const split = splits.get(line.subject)!;
        return { subject: line.subject, name: names.get(line.subject) ?? line.subject, parentSubject: line.parentSubject, amount: String(line.amount),
          split: split.split, basisYear: split.basisYear, months: split.months.map(String) };
      }) });
    }
    if (problems.length) throw rejectedRows(said.linesRejected({ count: new Set(problems.map((problem) => problem.row)).size }), problems);
    const versionId = budget[0].versionId;
    const items: ApprovalItemView[] = [];
    for (const { fund, lines } of planned) {
      const payload: AllocationPayload = { region: input.region, year: input.year, versionId: String(versionId), fund, method, lines };
      const item = await submitForApproval(tx, actor, allocationPlanSignoff, {
        regionCode: input.region, subjectKey: subjectKey(input.region, input.year, fund),
        // the year's money the plan releases: its lines of the table (a 其中 row is inside its line)
        amount: lines.filter((line) => line.parentSubject === null).reduce((sum, line) => sum + BigInt(line.amount), 0n),
        title: render(said.signoffTitle({ region: input.region, year: input.year, fund, method: methodSaid[method]() }), 'zh-CN'),
        payload,
      });
      await recordAudit(tx, actor, { action: 'execution.allocation.propose', entityType: 'approval_item', entityId: BigInt(item.id), regionCode: input.region,
        after: { fund, versionId: String(versionId), method, lines: lines.map((line) => ({ subject: line.subject, split: line.split, basisYear: line.basisYear })) } });
      items.push(item);
    }
    return items;
  });
}

/** The final approval's effect: the plan written, superseding the fund's current plan of the version. */
async function approvePlan(tx: Tx, approver: Actor, itemId: bigint, payload: AllocationPayload, proposedBy: string) {
  const budget = await approvedBudget(tx, { year: payload.year, region: payload.region });
  const versionId = BigInt(payload.versionId);
  if (!budget || budget[0].versionId !== versionId) throw conflict('version', said.versionSuperseded({ version: payload.versionId }));
  const earlier = await repository.currentPlanOf(tx, versionId, payload.fund);
  const id = newId();
  await repository.insertPlan(tx, {
    id, region_code: payload.region, year: payload.year, version_id: versionId, fund: payload.fund, method: payload.method, supersedes_id: earlier?.id ?? null,
    approval_item_id: itemId, proposed_by: proposedBy, approved_by: approver.username,
  }, payload.lines.map((line) => ({ subject: line.subject, name: line.name, amount: BigInt(line.amount), split: line.split, basis_year: line.basisYear, months: line.months.map(BigInt) })));
  await recordAudit(tx, approver, { action: 'execution.allocation.approve', entityType: 'allocation_plan', entityId: id, regionCode: payload.region,
    after: { fund: payload.fund, versionId: payload.versionId, method: payload.method, supersedes: earlier ? String(earlier.id) : null } });
  return { allocationPlanId: String(id) };
}

/** The allocated figure of the indicators: per line subject, the current plan's months 1 to `month` of the version (none without a plan). */
export async function allocatedThrough(tx: Tx, versionId: bigint, fund: string, month: number): Promise<Map<string, bigint>> {
  const plan = await repository.currentPlanOf(tx, versionId, fund);
  if (!plan) return new Map();
  const months = await repository.monthsOf(tx, [plan.id]);
  const bySubject = new Map<string, bigint[]>();
  for (const row of months) bySubject.set(row.subject, [...(bySubject.get(row.subject) ?? []), row.amount]);
  return new Map([...bySubject].map(([subject, amounts]) => [subject, allocatedToMonth(amounts, month)]));
}

export interface PlanLineView { subject: string; name: string; parentSubject: string | null; amount: string; split: AllocationMethod; basisYear: number | null; months: string[] }
export interface FundPlanView {
  fund: string;
  plan: { id: string; method: AllocationMethod; supersedes: string | null; proposedBy: string; approvedBy: string; approvedAt: string; approvalItemId: string; lines: PlanLineView[] } | null;
  proposal: { approvalItemId: string; status: string; method: AllocationMethod; submittedBy: string; lines: PlanLineView[] } | null;
}
export interface AllocationPlans { year: number; region: string; versionId: string | null; funds: FundPlanView[] }

/** The plans of the region's latest approved budget, per fund: the current plan and a proposal waiting for sign-off. */
export async function listAllocationPlans(database: DatabaseHandle, actor: Actor, input: { year: number; region: string }): Promise<AllocationPlans> {
  requirePermission(actor, 'execution.read');
  checkYearAndRegion(input);
  if (!inActorScope(actor, input.region)) return { year: input.year, region: input.region, versionId: null, funds: [] };
  return inScope(database, actor, async (tx) => {
    const budget = await approvedBudget(tx, { year: input.year, region: input.region });
    if (!budget) return { year: input.year, region: input.region, versionId: null, funds: [] };
    const versionId = budget[0].versionId;
    const funds = [...new Set(budget.filter((line) => line.side === 'expense').map((line) => line.fund))];
    const plans = await repository.currentPlans(tx, [versionId]);
    const planIds = plans.map((plan) => plan.id);
    const [lines, months] = [await repository.linesOf(tx, planIds), await repository.monthsOf(tx, planIds)];
    const parentOf = new Map(budget.filter((line) => line.side === 'expense').map((line) => [`${line.fund}|${line.subject}`, line.parentSubject]));
    const open = await openItemsOfSubjects(tx, funds.map((fund) => subjectKey(input.region, input.year, fund)));
    return {
      year: input.year, region: input.region, versionId: String(versionId),
      funds: funds.map((fund): FundPlanView => {
        const plan = plans.find((candidate) => candidate.fund === fund);
        const item = open.find((candidate) => candidate.subject_key === subjectKey(input.region, input.year, fund));
        const payload = item?.payload as AllocationPayload | undefined;
        return {
          fund,
          plan: plan ? {
            id: String(plan.id), method: plan.method, supersedes: plan.supersedes_id === null ? null : String(plan.supersedes_id), proposedBy: plan.proposed_by,
            approvedBy: plan.approved_by, approvedAt: plan.approved_at.toISOString(), approvalItemId: String(plan.approval_item_id),
            lines: lines.filter((line) => line.plan_id === plan.id).map((line) => ({
              subject: line.subject, name: line.name, parentSubject: parentOf.get(`${fund}|${line.subject}`) ?? null, amount: formatYuan(line.amount), split: line.split, basisYear: line.basis_year,
              months: months.filter((row) => row.plan_id === plan.id && row.subject === line.subject).map((row) => formatYuan(row.amount)),
            })),
          } : null,
          proposal: item && payload ? {
            approvalItemId: String(item.id), status: item.status, method: payload.method, submittedBy: item.submitted_by,
            lines: payload.lines.map((line) => ({ ...line, amount: formatYuan(BigInt(line.amount)), months: line.months.map((fen) => formatYuan(BigInt(fen))) })),
          } : null,
        };
      }),
    };
  });
}
