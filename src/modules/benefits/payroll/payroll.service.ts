/**
 * The monthly pension payroll (基本养老金月度发放, R4): one batch per pension fund and month, computed as a job of the
 * kernel runner (kind `pension.payroll`, key <period>/<fund>: a second run finds the first and adds nothing; killed,
 * it resumes with the chunks not done), a line per award active in the month. The finished batch is the 经办 step of
 * its sign-off (kind `pension.payroll`: 复核 and 审批 by the staff of the fund's pooling region). Its final approval
 * files the 用款申请 (fund transfer request, kind `fund.transfer`, decided by finance) for what the 支出户 does not hold
 * free already (ledger expense-account.service): approved, it moves that from the 财政专户 to the 支出户 (收支两条线,
 * 财社〔2017〕144号: 支出户 receives from the 财政专户 only) and the batch is funded; a batch the 支出户 covers is funded at once. Then the bank file (社会化发放, payroll.bank.ts) pays it, and the bank's result file books the expense
 * Dr 社会保险待遇支出—基本养老金 / Cr 支出户 on the day paid (cash basis, 财会〔2017〕28号).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { newId, reserveIds } from '../../../platform/ids.ts';
import { formatDecimal, formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobView } from '../../../platform/jobs/index.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { listMaskingFor, maskPersonalData } from '../../../platform/personal-data.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { render } from '../../../platform/messages.ts';
import { accountBalanceNow, chartFor, expenseAccountFunding, isPeriod, postEntries, registerExpenseAccountCommitments } from '../../ledger/index.ts';
import { payrollSaid } from './payroll.messages.ts';
import * as repository from './payroll.repository.ts';
import { fundOrder, fundOrdersOfTransfer } from './payment-order.repository.ts';
import { offsetEntryLines, offsetOverpayments, type OffsetsTaken } from './offsets.ts';
import { batchStatuses, type BatchStatus, type LineStatus } from './payroll.tables.ts';

/** About this many awards per chunk (set-based inserts), at least MIN_CHUNKS for a visible progress bar, at most MAX_CHUNKS. */
const AWARDS_PER_CHUNK = 5000;
const MIN_CHUNKS = 10;
const MAX_CHUNKS = 50;

/** `offsetShare`: benefits.payroll.offset_share in force on the month's first day in the fund's region (offsets.ts). */
interface PayrollParameters { period: string; fund: string; insurance: string; region: string; batchId: string; offsetShare: string }
interface PayrollChunk { personFrom: string; personTo: string }

registerExpenseAccountCommitments('benefits', repository.expenseAccountCommitments);

/** The 财政专户 and 支出户 of any fund (chart in force in the year): a 用款申请 moves money between them. */
export function transferAccounts(period: string) {
  const chart = chartFor(Number(period.slice(0, 4)));
  const role = (name: string) => chart.accounts.find((a) => a.role === name)!.code;
  return { specialBank: role('special_bank'), expenseBank: role('expense_bank') };
}

/** The ledger subject a payroll is booked on (payrollAccounts: the basic_pension benefit account). */
const PAYROLL_SUBJECT = 'benefit_expense.basic_pension';

/** The accounts a pension fund's payroll moves money through (chart in force in the year). */
export function payrollAccounts(insurance: string, period: string) {
  const chart = chartFor(Number(period.slice(0, 4)));
  const benefit = chart.benefits[insurance]?.find((b) => b.type === 'basic_pension');
  if (!benefit) throw new Error(`the chart of ${chart.year} has no basic_pension benefit account for ${insurance}`);
  return { ...transferAccounts(period), pensionExpense: benefit.code };
}

async function computeChunk(tx: Tx, { parameters }: JobContext<PayrollParameters>, { payload }: { chunk: number; payload: PayrollChunk }) {
  const [from, to] = [BigInt(payload.personFrom), BigInt(payload.personTo)];
  const count = await repository.countAwardsInRange(tx, parameters.fund, parameters.period, from, to);
  await repository.insertLinesOfChunk(tx, {
    batchId: BigInt(parameters.batchId), fundCode: parameters.fund, regionCode: parameters.region, period: parameters.period, from, to, ids: reserveIds(Math.max(count, 1)),
    offsetShare: parameters.offsetShare,
  });
}

/** After the last chunk: the batch's totals, and the batch submitted to sign-off as the job's actor (the 经办 step). */
async function finishPayroll(database: DatabaseHandle, { parameters, actor }: JobContext<PayrollParameters>) {
  const batchId = BigInt(parameters.batchId);
  return inScope(database, actor, async (tx) => {
    const batch = (await repository.findBatchById(tx, batchId, true))!;
    if (batch.status !== 'computing') return { batch: parameters.batchId, payees: batch.payees, total: formatYuan(batch.total), approvalItem: String(batch.approval_item_id) };
    const { payees, total, offsetTotal } = await repository.batchTotals(tx, batchId);
    await repository.updateBatch(tx, batchId, { status: 'computed', payees, total, offset_total: offsetTotal });
    const item = await submitForApproval(tx, actor, payrollSignoff, {
      regionCode: parameters.region, subjectKey: `pension.payroll:${batchId}`, amount: total,
      title: render(payrollSaid.payrollTitle({ fund: parameters.fund, period: parameters.period, payees, amount: formatYuan(total) }), 'zh-CN'),
      payload: { batchId: parameters.batchId, fund: parameters.fund, period: parameters.period, payees, total: formatYuan(total), offset: formatYuan(offsetTotal) },
    });
    await repository.updateBatch(tx, batchId, { status: 'submitted', approval_item_id: BigInt(item.id) });
    await recordAudit(tx, actor, { action: 'payroll.compute', entityType: 'payroll_batch', entityId: batchId, regionCode: parameters.region,
      after: { fund: parameters.fund, period: parameters.period, payees, total: formatYuan(total), approvalItem: item.id } });
    return { batch: parameters.batchId, payees, total: formatYuan(total), approvalItem: item.id };
  });
}

export const payrollJob: JobDefinition<PayrollParameters, PayrollChunk> = {
  kind: 'pension.payroll', label: '养老金月度发放', permission: 'payroll.run', runChunk: computeChunk, finish: finishPayroll,
};

/** `offset`: what the lines keep back against overpayments (absent on items submitted before offsets). */
interface PayrollPayload { batchId: string; fund: string; period: string; payees: number; total: string; offset?: string }
/** A payroll batch's transfer names its batch, a one-off payment order's its order (payment-order.service.ts). */
/** A 用款申请: a payroll batch's, one payment order's, or a run's orders pooled per fund (`orders`: how many). */
export interface TransferPayload { requestId: string; batchId?: string; orderId?: string; orders?: number; fund: string; period: string; amount: string }

/** 养老金发放审核: the run is the 经办 step; 复核 and 审批 by the staff of the fund's pooling region. */
export const payrollSignoff = registerSignoffKind<PayrollPayload>({
  kind: 'pension.payroll',
  label: '养老金月度发放',
  parameters: 'signoff.pension_payroll',
  requestPermission: 'payroll.run',
  levels: [
    { name: 'review', label: '复核', permission: 'payroll.review' },
    { name: 'approve', label: '审批', permission: 'payroll.approve' },
  ],
  effect: async (tx, approver, item) => ({ ...(await requestTransfer(tx, approver, item.payload)) }),
  subjectLink: (payload) => `/benefits/payroll/${payload.batchId}`,
  // 预算指标 (R7.1): the batch's total on the basic pension line of the payroll month's year; committed until its lines are paid
  budgetDraws: async (tx, item) => {
    const batch = (await repository.findBatchById(tx, BigInt(item.payload.batchId)))!;
    return [{ fund: batch.fund_code, subject: PAYROLL_SUBJECT, amountFen: batch.total, year: Number(batch.period.slice(0, 4)) }];
  },
  budgetCommitments: async (tx, funds) => (await repository.unpaidPayrollByFund(tx, funds))
    .map((row) => ({ fund: row.fund_code, subject: PAYROLL_SUBJECT, amountFen: row.amount, year: row.year })),
});

/** 用款申请: the agency asks finance to move the payroll's money from the 财政专户 to the 支出户. */
export const fundTransferSignoff = registerSignoffKind<TransferPayload>({
  kind: 'fund.transfer',
  label: '用款申请',
  parameters: 'signoff.fund_transfer',
  requestPermission: 'fund.transfer.request',
  levels: [{ name: 'finance', label: '财政审核', permission: 'fund.transfer.approve' }],
  effect: async (tx, approver, item) => ({ ...(await applyTransfer(tx, approver, item.id, item.payload)) }),
  subjectLink: (payload) => (payload.batchId ? `/benefits/payroll/${payload.batchId}` : null),
});

/**
 * The payroll's final approval: the batch is signed off. Its offsets are recovered first (offsets.ts: a recovery per
 * overpayment, one entry for the batch; a line kept back whole is paid there and then). What the 支出户 holds free pays
 * the rest first; a 用款申请 for what is still short waits for finance (ledger expense-account.service). A batch the
 * 支出户 covers whole is funded there and then.
 */
async function requestTransfer(tx: Tx, approver: Actor, payload: PayrollPayload) {
  const batchId = BigInt(payload.batchId);
  const batch = (await repository.findBatchById(tx, batchId, true))!;
  const today = todayInChina();
  const offsetEntry = batch.offset_total > 0n ? await recoverOffsets(tx, approver, batch, today) : null;
  const payable = batch.total - batch.offset_total;
  const funding = await expenseAccountFunding(tx, batch.fund_code, payable, today);
  const fromExpenseAccount = formatYuan(funding.fromExpenseAccount);
  const offsets = { offset: formatYuan(batch.offset_total), offsetEntry };
  if (funding.shortfall === 0n) {
    await repository.updateBatch(tx, batchId, { status: 'funded' });
    await recordAudit(tx, approver, { action: 'payroll.fund', entityType: 'payroll_batch', entityId: batchId, regionCode: batch.region_code,
      after: { fund: batch.fund_code, period: batch.period, total: formatYuan(batch.total), ...offsets, fromExpenseAccount } });
    return { batch: payload.batchId, ...offsets, fromExpenseAccount, transferRequest: null };
  }
  const id = newId();
  const purpose = render(payrollSaid.transferPurpose({ period: batch.period, batch: batchId.toString(), payees: batch.payees, total: formatYuan(batch.total), offset: formatYuan(batch.offset_total), fromExpenseAccount }), 'zh-CN');
  await repository.insertTransferRequest(tx, {
    id, fund_code: batch.fund_code, region_code: batch.region_code, amount: funding.shortfall, batch_id: batchId, requested_by: approver.username, approval_item_id: null, purpose,
  });
  const item = await submitForApproval(tx, approver, fundTransferSignoff, {
    regionCode: batch.region_code, subjectKey: `fund.transfer:${id}`, amount: funding.shortfall,
    title: render(payrollSaid.transferTitle({ fund: batch.fund_code, period: batch.period, amount: formatYuan(funding.shortfall) }), 'zh-CN'),
    payload: { requestId: id.toString(), batchId: payload.batchId, fund: batch.fund_code, period: batch.period, amount: formatYuan(funding.shortfall) },
  });
  await repository.setTransferApprovalItem(tx, id, BigInt(item.id));
  await repository.updateBatch(tx, batchId, { status: 'signed_off', transfer_request_id: id });
  return { batch: payload.batchId, ...offsets, fromExpenseAccount, transferRequest: id.toString(), transferItem: item.id };
}

/**
 * The batch's offsets recovered (each line's, against the pensioner's open overpayments of the fund) and booked in one
 * entry; a line kept back whole is paid on the day, with its event. A line that can no longer keep back what it was
 * computed with (a recovery recorded since would be counted twice) refuses the approval: it never pays a different
 * amount from the one signed.
 */
async function recoverOffsets(tx: Tx, approver: Actor, batch: { id: bigint; fund_code: string; period: string; offset_total: bigint }, today: string) {
  const accounts = payrollAccounts(batch.fund_code.slice(0, batch.fund_code.lastIndexOf('-')), today.slice(0, 7));
  const taken: OffsetsTaken = { offset: 0n, thisYear: 0n, earlierYears: 0n, offsets: [] };
  const keptWhole: repository.OffsetLine[] = [];
  for (const line of await repository.offsetLinesOfBatch(tx, batch.id)) {
    const part = await offsetOverpayments(tx, approver, { personId: line.person_id, fund: batch.fund_code, amount: line.amount_offset, reference: line.reference, on: today, reservedByOwnLine: line.amount_offset });
    if (part.offset !== line.amount_offset) {
      throw conflict('batchId', payrollSaid.offsetNoLongerOwed({ reference: line.reference, offset: formatYuan(line.amount_offset), owed: formatYuan(part.offset) }));
    }
    taken.offset += part.offset;
    taken.thisYear += part.thisYear;
    taken.earlierYears += part.earlierYears;
    taken.offsets.push(...part.offsets);
    if (line.amount_offset === line.amount) keptWhole.push(line);
  }
  if (keptWhole.length) {
    await repository.setLineStatus(tx, keptWhole, { status: 'paid', paid_on: today });
    await repository.insertLineEvents(tx, keptWhole.map((line) => ({
      person_id: line.person_id, id: newId(), line_id: line.id, region_code: line.region_code, event: 'paid' as const, happened_on: today, reason: null, import_id: null, recorded_by: approver.username,
    })));
  }
  const lines = offsetEntryLines(taken, accounts.pensionExpense, accounts.pensionExpense, today);
  if (!lines.length) return null;
  const [posted] = await postEntries(tx, approver, [{
    key: `payroll-offset:${batch.id}`, fund: batch.fund_code, period: today.slice(0, 7), date: today, source: { type: 'payroll_batch', id: String(batch.id) },
    memo: render(payrollSaid.offsetMemo({ period: batch.period, amount: formatYuan(taken.offset) }), 'zh-CN'), lines,
  }]);
  return posted.entryId;
}

/** Finance approves the transfer: Dr 支出户 / Cr 财政专户, refused when the 财政专户 cannot cover it; the batch or order is funded. */
async function applyTransfer(tx: Tx, approver: Actor, itemId: bigint, payload: TransferPayload) {
  const request = await repository.findTransferRequest(tx, BigInt(payload.requestId));
  if (!request) throw notFound(payrollSaid.batchNotFound({ id: payload.batchId ?? payload.orderId ?? payload.requestId }));
  const today = todayInChina();
  // any fund's 用款申请: a payroll's, or a payment order's of an unemployment, work-injury or medical fund
  const accounts = transferAccounts(today.slice(0, 7));
  const balance = await accountBalanceNow(tx, request.fund_code, accounts.specialBank);
  if (balance < request.amount) {
    throw conflict('amount', payrollSaid.specialAccountShort({ balance: formatYuan(balance), amount: formatYuan(request.amount), fund: request.fund_code }));
  }
  const [posted] = await postEntries(tx, approver, [{
    key: `fund-transfer:${request.id}`, fund: request.fund_code, period: today.slice(0, 7), date: today, source: { type: 'fund_transfer', id: String(request.id) },
    memo: `用款申请：${request.purpose}`,
    lines: [{ account: accounts.expenseBank, debit: request.amount }, { account: accounts.specialBank, credit: request.amount }],
  }]);
  await repository.approveTransferRequest(tx, request.id, BigInt(posted.entryId));
  if (request.batch_id !== null) await repository.updateBatch(tx, request.batch_id, { status: 'funded' });
  if (request.payment_order_id !== null) await fundOrder(tx, request.payment_order_id);
  // a run's pooled request (payment-order.service requestPooledTransfers): every order naming it
  const pooledOrders = request.batch_id === null && request.payment_order_id === null ? await fundOrdersOfTransfer(tx, request.id) : null;
  const funded = { batch: request.batch_id?.toString() ?? null, order: request.payment_order_id?.toString() ?? null, ...(pooledOrders === null ? {} : { orders: pooledOrders }) };
  await recordAudit(tx, approver, { action: 'fund.transfer', entityType: 'fund_transfer_request', entityId: request.id, regionCode: request.region_code,
    after: { fund: request.fund_code, amount: formatYuan(request.amount), entry: posted.entryId, ...funded, approvalItem: itemId.toString() } });
  return { fund: request.fund_code, amount: formatYuan(request.amount), entryId: posted.entryId, ...funded };
}

function checkPeriod(period: string) {
  if (!isPeriod(period)) throw invalid('period', fieldRules.required());
  return period;
}

/**
 * Creates (or finds) the payroll job of every pension fund of the region subtree (default: the actor's region, the
 * whole installation for a system actor) with awards active in the period; a failed one is queued again.
 */
export async function startPayroll(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<JobView[]> {
  const period = checkPeriod(input.period);
  const region = input.region ?? actor.regionCode;
  if (region && !inActorScope(actor, region)) throw forbidden(payrollSaid.noFunds({ region }));
  const jobs = await inScope(database, actor, async (tx) => {
    const funds = await repository.fundsWithActiveAwards(tx, scopePrefix(region ?? null), period);
    if (!funds.length) throw notFound(payrollSaid.noFunds({ region: region ?? '*' }));
    const found = [];
    for (const fund of funds) {
      const chunkCount = Math.min(fund.awards, Math.max(MIN_CHUNKS, Math.min(MAX_CHUNKS, Math.ceil(fund.awards / AWARDS_PER_CHUNK))));
      const existing = await repository.findBatch(tx, fund.fund_code, period);
      const batchId = existing?.id ?? newId();
      const ranges = existing ? [] : await repository.awardRanges(tx, fund.fund_code, period, chunkCount);
      const parameters: PayrollParameters = {
        period, fund: fund.fund_code, insurance: fund.insurance, region: fund.region_code, batchId: batchId.toString(),
        offsetShare: formatDecimal(getParameters().rate('benefits.payroll.offset_share', `${period}-01`, fund.region_code)),
      };
      const { job, created } = await createOrFindJob(tx, actor, payrollJob, {
        key: `${period}/${fund.fund_code}`, regionCode: fund.region_code, parameters,
        chunks: ranges.map((r) => ({ personFrom: r.person_from, personTo: r.person_to })),
      });
      if (created) await repository.insertBatch(tx, { id: batchId, fund_code: fund.fund_code, region_code: fund.region_code, period, job_id: job.id, created_by: actor.username });
      found.push(job);
    }
    return found;
  });
  const views: JobView[] = [];
  for (const job of jobs) views.push(job.status === 'failed' ? await retryJob(database, actor, job.id) : await getJob(database, actor, job.id));
  return views;
}

/** `sifund payroll run`: every fund's job worked here to its end (or followed while another process works it). */
export async function runPayroll(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }, onProgress?: (fund: string, progress: { done: number; total: number }) => void) {
  const jobs: JobView[] = [];
  for (const started of await startPayroll(database, actor, input)) {
    const fund = started.key.slice(started.key.indexOf('/') + 1);
    jobs.push(throwIfFailed(await runOrAttach(database, actor, BigInt(started.id), { onProgress: (progress) => onProgress?.(fund, progress) })));
  }
  return { jobs, summary: await payrollSummary(database, actor, input) };
}

export interface BatchView {
  id: string; fund: string; regionCode: string; period: string; status: BatchStatus; payees: number; total: string; offset: string; payable: string;
  jobId: string; approvalItemId: string | null; transferRequestId: string | null; createdBy: string; createdAt: string;
}

const batchView = (b: NonNullable<Awaited<ReturnType<typeof repository.findBatchById>>>): BatchView => ({
  id: b.id.toString(), fund: b.fund_code, regionCode: b.region_code, period: b.period, status: b.status, payees: b.payees, total: formatYuan(b.total),
  offset: formatYuan(b.offset_total), payable: formatYuan(b.total - b.offset_total),
  jobId: b.job_id.toString(), approvalItemId: b.approval_item_id?.toString() ?? null, transferRequestId: b.transfer_request_id?.toString() ?? null,
  createdBy: b.created_by, createdAt: b.created_at.toISOString(),
});

export interface PayrollSummary { period: string; payees: number; total: string; status: BatchStatus | 'none'; batches: BatchView[] }

/** The batches of the period in the subtree, their payees and total, and the least advanced status among them. */
export async function payrollSummary(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<PayrollSummary> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const batches = (await repository.batchesOfPeriod(tx, period, scopePrefix(input.region ?? null))).map(batchView);
    const least = batches.reduce<BatchStatus | 'none'>((status, b) => (status === 'none' || batchStatuses.indexOf(b.status) < batchStatuses.indexOf(status) ? b.status : status), 'none');
    const total = batches.reduce((sum, b) => sum + BigInt(b.total.replace('.', '')), 0n);
    return { period, payees: batches.reduce((sum, b) => sum + b.payees, 0), total: formatYuan(total), status: least, batches };
  });
}

const newestFirst: SortKey[] = [{ by: 'period', direction: 'desc' }, { by: 'id', direction: 'desc' }];

export async function listBatches(database: DatabaseHandle, actor: Actor, filter: { period?: string; fund?: string }, request: ListRequest): Promise<ListAnswer<BatchView>> {
  return inScope(database, actor, (tx) => listPage(tx, repository.batchesQuery(tx, filter), newestFirst, request, (rows) => rows.map(batchView)));
}

/** The batches past the cursor, uncounted: the pages of the list's export. */
export async function batchRows(database: DatabaseHandle, actor: Actor, filter: { period?: string; fund?: string }, request: ListRequest) {
  return inScope(database, actor, async (tx) => {
    const page = await keysetPage(repository.batchesQuery(tx, filter), newestFirst, request);
    return { items: page.items.map(batchView), nextCursor: page.nextCursor };
  });
}

export interface LineView { reference: string; idNumber: string; name: string; amount: string; amountOffset: string; status: LineStatus; returnCount: number; reason: string | null; paidOn: string | null }

const lineOrder: SortKey[] = [{ by: 'l.reference', direction: 'asc' }];

const lineViews = (actor: Actor) => {
  const masking = listMaskingFor(actor);
  return (rows: Awaited<ReturnType<ReturnType<typeof repository.linesQuery>['execute']>>): LineView[] => rows.map((l) => maskPersonalData({
    reference: l.reference, idNumber: l.id_number, name: l.name, amount: formatYuan(l.amount), amountOffset: formatYuan(l.amount_offset), status: l.status, returnCount: l.return_count, reason: l.reason, paidOn: l.paid_on,
  }, masking));
};

async function findBatchView(tx: Tx, batchId: bigint): Promise<BatchView> {
  const batch = await repository.findBatchById(tx, batchId);
  if (!batch) throw notFound(payrollSaid.batchNotFound({ id: batchId }));
  return batchView(batch);
}

/** A batch with a page of its lines (by reference). */
export async function batchDetail(database: DatabaseHandle, actor: Actor, batchId: bigint, filter: { status?: LineStatus }, request: ListRequest) {
  return inScope(database, actor, async (tx) => ({
    batch: await findBatchView(tx, batchId),
    lines: await listPage(tx, repository.linesQuery(tx, batchId, filter.status), lineOrder, request, lineViews(actor)),
  }));
}

export const getBatch = (database: DatabaseHandle, actor: Actor, batchId: bigint) => inScope(database, actor, (tx) => findBatchView(tx, batchId));

/** The batch's lines past the cursor, uncounted: the pages of its export (every line, masked as the list masks them). */
export async function batchLinesPage(database: DatabaseHandle, actor: Actor, batchId: bigint, filter: { status?: LineStatus }, request: ListRequest) {
  return inScope(database, actor, async (tx) => {
    const page = await keysetPage(repository.linesQuery(tx, batchId, filter.status), lineOrder, request);
    return { items: lineViews(actor)(page.items), nextCursor: page.nextCursor };
  });
}

export interface RegionPayrollView { fund: string; fundName: string; regionCode: string; regionName: string; payees: number; total: string }

/** 养老金发放汇总 by fund and the pensioners' region: what the summary's files show beside its batches. */
export async function payrollByRegion(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<RegionPayrollView[]> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => (await repository.payrollByRegion(tx, period, scopePrefix(input.region ?? null))).map((r) => ({
    fund: r.fund_code, fundName: r.fund_name, regionCode: r.region_code, regionName: r.region_name, payees: r.payees, total: formatYuan(BigInt(r.total)),
  })));
}
