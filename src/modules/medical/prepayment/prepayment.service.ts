/**
 * 月度预拨 (monthly pre-allocation) of a medical pooling region's designated institutions: a job of the kernel runner
 * (kind `medical.prepayment`, key <month>/<region>: run again, it finds the first run and adds nothing) works out each
 * institution's quota × (1 − reserve) ÷ 12 from the quota in force for the year, and submits the month to sign-off
 * (kind `medical.prepayment`: 复核, 审批). The final approval moves the total from the 财政专户 to the 支出户 (用款);
 * paying books Dr 医疗待遇支出 / Cr 支出户 on the day paid.
 *
 * The payroll's 用款申请 (fund.transfer, src/modules/benefits/payroll) is bound to pension payroll batches (its effect
 * reads and advances the batch), so the pre-allocation's transfer is posted by this module on its final approval,
 * under the same route rule (支出户 receives from the 财政专户 only, refused when the 财政专户 cannot cover it).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseDecimal } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition } from '../../../platform/jobs/index.ts';
import { isDate, isPeriod } from '../../ledger/index.ts';
import { medicalMessages as said } from '../medical.messages.ts';
import { medicalSignoffLevels } from '../medical.signoff.ts';
import { expenseTypeOf, medicalFundOf, payFromExpenseAccount, transferToExpenseAccount } from '../medical.ledger.ts';
import { poolingRegionFor } from '../medical.scope.ts';
import * as repository from '../medical.repository.ts';
import { monthlyPrepayment } from './prepayment.calc.ts';

interface PrepaymentParameters { region: string; month: string; runId: string }
interface PrepaymentPayload { runId: string; region: string; month: string; institutions: number; total: string }

export interface PrepaymentView {
  region: string; fund: string; month: string; status: string; institutions: number; total: string; approvalItemId: string | null; paidOn: string | null;
  lines: { code: string; name: string; kind: string; annualQuota: string; reserveShare: string; amount: string }[];
}

const monthOf = (month: unknown) => {
  if (!isPeriod(month)) throw invalid('month', said.monthText({ text: String(month) }));
  return month;
};

/** The lines of the month, the run's totals, and the month submitted to sign-off as the job's actor (the 经办 step). */
async function computePrepayment(database: DatabaseHandle, { parameters, actor }: JobContext<PrepaymentParameters>) {
  return inScope(database, actor, async (tx) => {
    const run = (await repository.findPrepaymentRunById(tx, BigInt(parameters.runId)))!;
    if (run.status !== 'computing') return { run: parameters.runId, institutions: run.institutions, total: formatYuan(run.total) };
    const year = Number(parameters.month.slice(0, 4));
    const months = getParameters().integer('medical.prepayment', `${parameters.month}-01`, parameters.region);
    const quotas = await repository.quotasOfYear(tx, parameters.region, year);
    const lines = quotas.map((quota) => ({
      institution_id: quota.institution_id, month: parameters.month, run_id: run.id, region_code: quota.region_code, quota_id: quota.quota_id,
      annual_quota: quota.annual_quota, reserve_share: quota.reserve_share,
      amount: monthlyPrepayment(quota.annual_quota, parseDecimal(quota.reserve_share), months),
    }));
    await repository.insertPrepayments(tx, lines);
    const total = lines.reduce((sum, line) => sum + line.amount, 0n);
    await repository.updatePrepaymentRun(tx, run.id, { institutions: lines.length, total });
    const item = await submitForApproval(tx, actor, prepaymentSignoff, {
      regionCode: parameters.region, subjectKey: `medical.prepayment:${run.id}`, amount: total,
      title: render(said.prepaymentTitle({ region: parameters.region, month: parameters.month, institutions: lines.length, amount: formatYuan(total) }), 'zh-CN'),
      payload: { runId: parameters.runId, region: parameters.region, month: parameters.month, institutions: lines.length, total: formatYuan(total) },
    });
    await repository.updatePrepaymentRun(tx, run.id, { status: 'submitted', approval_item_id: BigInt(item.id) });
    await recordAudit(tx, actor, { action: 'medical.prepayment.compute', entityType: 'medical_prepayment_run', entityId: run.id, regionCode: parameters.region,
      after: { month: parameters.month, institutions: lines.length, total: formatYuan(total), approvalItem: item.id } });
    return { run: parameters.runId, institutions: lines.length, total: formatYuan(total), approvalItem: item.id };
  });
}

export const prepaymentJob: JobDefinition<PrepaymentParameters> = {
  kind: 'medical.prepayment', label: '定点医药机构月度预拨', permission: 'medical.settle', finish: computePrepayment,
};

/** 月度预拨审核: the run is the 经办 step; its final approval funds the 支出户 from the 财政专户. */
export const prepaymentSignoff = registerSignoffKind<PrepaymentPayload>({
  kind: 'medical.prepayment',
  label: '定点医药机构月度预拨',
  parameters: 'signoff.medical_prepayment',
  requestPermission: 'medical.settle',
  levels: medicalSignoffLevels,
  effect: async (tx, approver, item) => fundPrepayment(tx, approver, item.payload),
  subjectLink: (payload) => `/medical/prepayments?region=${payload.region}&month=${payload.month}`,
  // 预算指标 (R7.1): the month's prepayments on the lines they are booked on when paid (住院 / 门诊), committed until paid
  budgetDraws: async (tx, item) => budgetDrawsOf(await repository.prepaymentsByKind(tx, { runId: BigInt(item.payload.runId) })),
  budgetCommitments: async (tx, funds) => budgetDrawsOf(await repository.prepaymentsByKind(tx, { fundCodes: funds })),
});

const budgetDrawsOf = (rows: Awaited<ReturnType<typeof repository.prepaymentsByKind>>) =>
  rows.map((row) => ({ fund: row.fund_code, subject: `benefit_expense.${expenseTypeOf(row.kind)}`, amountFen: row.amount, year: row.year }));

async function fundPrepayment(tx: Tx, approver: Actor, payload: PrepaymentPayload) {
  const run = (await repository.findPrepaymentRunById(tx, BigInt(payload.runId)))!;
  const today = todayInChina();
  const entryId = await transferToExpenseAccount(tx, approver, {
    fund: run.fund_code, date: today, amount: run.total, key: `medical-prepayment-transfer:${run.id}`,
    memo: `用款：${run.month} 定点医药机构月度预拨（${run.institutions} 家）`, source: { type: 'medical_prepayment', id: String(run.id) },
  });
  await repository.updatePrepaymentRun(tx, run.id, { status: 'approved', ...(entryId === null ? {} : { transfer_entry_id: entryId }) });
  await recordAudit(tx, approver, { action: 'medical.prepayment.fund', entityType: 'medical_prepayment_run', entityId: run.id, regionCode: run.region_code,
    after: { month: run.month, total: formatYuan(run.total), transferEntry: entryId === null ? null : String(entryId) } });
  return { run: payload.runId, transferEntryId: entryId === null ? null : String(entryId) };
}

/** Creates (or finds) the month's run and its job; a failed job is queued again. Refused when no institution has a quota. */
export async function startPrepayment(database: DatabaseHandle, actor: Actor, input: { month: string; region?: string }) {
  const month = monthOf(input.month);
  const job = await inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const existing = await repository.findPrepaymentRun(tx, region, month);
    if (!existing && (await repository.quotasOfYear(tx, region, Number(month.slice(0, 4)))).length === 0) {
      throw notFound(said.noQuotas({ region, year: month.slice(0, 4) }));
    }
    const runId = existing?.id ?? newId();
    const { job: row, created } = await createOrFindJob(tx, actor, prepaymentJob, {
      key: `${month}/${region}`, regionCode: region, parameters: { region, month, runId: runId.toString() }, chunks: [],
    });
    if (created) await repository.insertPrepaymentRun(tx, { id: runId, region_code: region, fund_code: medicalFundOf(region), month, job_id: row.id, created_by: actor.username });
    return row;
  });
  return job.status === 'failed' ? retryJob(database, actor, job.id) : getJob(database, actor, job.id);
}

/** `sifund medical prepayments run`: the job worked here to its end, and the month as it stands. */
export async function runPrepayment(database: DatabaseHandle, actor: Actor, input: { month: string; region?: string }): Promise<PrepaymentView> {
  const started = await startPrepayment(database, actor, input);
  throwIfFailed(await runOrAttach(database, actor, BigInt(started.id)));
  return prepaymentView(database, actor, { month: input.month, region: started.regionCode ?? undefined });
}

async function viewOf(tx: Tx, run: NonNullable<Awaited<ReturnType<typeof repository.findPrepaymentRun>>>): Promise<PrepaymentView> {
  const lines = await repository.prepaymentsOfRun(tx, run.id);
  return {
    region: run.region_code, fund: run.fund_code, month: run.month, status: run.status, institutions: run.institutions, total: formatYuan(run.total),
    approvalItemId: run.approval_item_id === null ? null : String(run.approval_item_id), paidOn: run.paid_on,
    lines: lines.map((line) => ({
      code: line.code, name: line.name, kind: line.kind, annualQuota: formatYuan(line.annual_quota), reserveShare: line.reserve_share, amount: formatYuan(line.amount),
    })),
  };
}

export async function prepaymentView(database: DatabaseHandle, actor: Actor, input: { month: string; region?: string }): Promise<PrepaymentView> {
  const month = monthOf(input.month);
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const run = await repository.findPrepaymentRun(tx, region, month);
    if (!run) throw notFound(said.runNotFound({ region, period: month, what: said.prepaymentWhat() }));
    return viewOf(tx, run);
  });
}

/** Pays a signed-off month from the 支出户 on the day paid (default today): one entry, a debit per institution. */
export async function payPrepayment(database: DatabaseHandle, actor: Actor, input: { month: string; region?: string; paidOn?: string }): Promise<PrepaymentView> {
  const month = monthOf(input.month);
  const paidOn = input.paidOn ?? todayInChina();
  if (!isDate(paidOn)) throw invalid('paidOn', said.dateText({ text: paidOn }));
  return inScope(database, actor, async (tx) => {
    const region = await poolingRegionFor(tx, actor, input.region);
    const run = await repository.findPrepaymentRun(tx, region, month, true);
    if (!run) throw notFound(said.runNotFound({ region, period: month, what: said.prepaymentWhat() }));
    if (run.status === 'paid') throw conflict('month', said.alreadyPaid({ what: said.prepaymentWhat(), paidOn: run.paid_on! }));
    if (run.status !== 'approved') throw conflict('month', said.notApproved({ what: said.prepaymentWhat(), status: run.status }));
    const lines = await repository.prepaymentsOfRun(tx, run.id);
    const entryId = await payFromExpenseAccount(tx, actor, {
      fund: run.fund_code, date: paidOn, key: `medical-prepayment:${run.id}`, source: { type: 'medical_prepayment', id: String(run.id) },
      memo: `${run.month} 定点医药机构月度预拨（${run.institutions} 家）`,
      lines: lines.map((line) => ({ kind: line.kind, code: line.code, amount: line.amount })),
    });
    await repository.updatePrepaymentRun(tx, run.id, { status: 'paid', payment_entry_id: entryId, paid_on: paidOn });
    await recordAudit(tx, actor, { action: 'medical.prepayment.pay', entityType: 'medical_prepayment_run', entityId: run.id, regionCode: region,
      after: { month, total: formatYuan(run.total), paidOn, entry: String(entryId) } });
    return viewOf(tx, (await repository.findPrepaymentRun(tx, region, month))!);
  });
}
