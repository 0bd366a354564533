/**
 * Period close (R5.5): a month is closed after it has ended and after the month before it (财会〔2017〕28号 and
 * 《会计基础工作规范》: 按月结账, in order, at the end of each month); closing checks that every bank account of the
 * fund is reconciled at the month end and that the trial balance balances and equals the journal; then nothing
 * posts into that month (the posting service and the database both refuse). Reopening is a sign-off item: requested by one person, approved by another.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../platform/actor.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { AppError, conflict, invalid } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { openItemsOfKind, registerSignoffKind, submitForApproval } from '../../platform/signoff/index.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { fundByCode } from './fund.service.ts';
import { trialBalanceRows } from './balance.service.ts';
import { reconciliationOfFund } from './bank/reconciliation.service.ts';
import { addMonths, isPeriod, periodEnd } from './journal.calc.ts';
import { allOf, ledgerMessages as say } from './ledger.messages.ts';
import type { Said } from '../../platform/messages.ts';
import * as repository from './ledger.repository.ts';

export async function listPeriods(database: DatabaseHandle, actor: Actor, fundCode: string) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const rows = await repository.periodsOfFund(tx, fund.id);
    const requests = await openItemsOfKind(tx, periodReopenSignoff.kind, `fund_period:${fund.code}:`);
    return rows.map((r) => ({
      period: r.period, status: r.status, closedAt: r.closed_at?.toISOString() ?? null, closedBy: r.closed_by, lines: Number(r.lines ?? 0),
      pendingReopenRequest: requests.filter((q) => (q.payload as ReopenPayload).period === r.period)
        .map((q) => ({ id: q.id.toString(), reason: (q.payload as ReopenPayload).reason, requestedBy: q.submitted_by }))[0] ?? null,
    }));
  });
}

export async function closePeriod(database: DatabaseHandle, actor: Actor, fundCode: string, period: string) {
  if (!isPeriod(period)) throw invalid('period', say.periodShape({ value: period }));
  requirePermission(actor, 'period.close');
  const today = todayInChina();
  if (periodEnd(period) >= today) throw conflict('period', say.periodNotEnded({ period, today }));
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    await checkPreviousClosed(tx, fund, period);
    await repository.ensurePeriod(tx, fund.id, period, fund.region_code);
    // FOR UPDATE waits for postings into the month in flight (they hold FOR SHARE) and keeps new ones out until commit.
    const current = await repository.lockPeriod(tx, fund.id, period);
    if (current.status === 'closed') throw conflict('period', say.periodAlreadyClosed({ period, fund: fund.code, closedBy: current.closed_by ?? '' }));
    const problems: Said[] = [];
    const rows = await trialBalanceRows(tx, fund.id, period);
    const total = (pick: (r: (typeof rows)[number]) => bigint) => rows.reduce((s, r) => s + pick(r), 0n);
    if (total((r) => r.debit) !== total((r) => r.credit) || total((r) => r.closing) !== 0n) problems.push(say.trialBalanceUnbalanced());
    const differences = await repository.countBalanceDifferencesInPeriod(tx, fund.id, period);
    if (Number(differences)) problems.push(say.balancesDifferFromJournal({ count: differences }));
    const reconciliations = await reconciliationOfFund(tx, fund, period);
    for (const r of reconciliations) if (!r.reconciled) problems.push(say.bankAccountNotReconciled({ account: r.account, accountName: r.accountName, reason: r.reason ?? '' }));
    if (problems.length) throw new AppError(409, 'not_ready', say.periodNotReady({ period, fund: fund.code, problems: allOf(problems) }), 'period');
    const closedAt = new Date();
    await repository.markPeriodClosed(tx, fund.id, period, closedAt, actor.username);
    await recordAudit(tx, actor, { action: 'ledger.period.close', entityType: 'fund_period', entityId: `${fund.code}:${period}`, regionCode: fund.region_code,
      before: { status: 'open' }, after: { status: 'closed', reconciliations: reconciliations.map((r) => ({ account: r.account, ledgerBalance: r.ledgerBalance, bankBalance: r.bankBalance })) } });
    for (const effect of periodCloseEffects.values()) await effect(tx, actor, { fund: fund.code, regionCode: fund.region_code, period });
    return { fund: fund.code, period, status: 'closed' as const, closedAt: closedAt.toISOString(), closedBy: actor.username };
  });
}

/** What another module does in the transaction that closes a fund's month (execution queues the month's analysis). */
export type PeriodCloseEffect = (tx: Tx, actor: Actor, closed: { fund: string; regionCode: string; period: string }) => Promise<void>;
const periodCloseEffects = new Map<string, PeriodCloseEffect>();

export function registerPeriodCloseEffect(name: string, effect: PeriodCloseEffect) {
  if (periodCloseEffects.has(name) && periodCloseEffects.get(name) !== effect) throw new Error(`period close effect ${name} registered twice`);
  periodCloseEffects.set(name, effect);
}

/**
 * A 409 unless the month before `period` is closed, or is before the fund's first month with entries (nothing to
 * close there). Its row is locked, so it cannot be reopened while this month closes.
 */
async function checkPreviousClosed(tx: Tx, fund: { id: bigint; code: string }, period: string): Promise<void> {
  const previous = addMonths(period, -1);
  const first = await repository.firstEntryPeriod(tx, fund.id);
  if (first === null || previous < first) return;
  const status = await repository.lockPeriodStatus(tx, fund.id, previous);
  if (status?.status !== 'closed') throw conflict('period', say.previousPeriodOpen({ previous, fund: fund.code }));
}

type ReopenPayload = { fund: string; period: string; reason: string };

/** 反结账: reopening a closed month changes closed accounts, so it is a high-risk sign-off item. */
export const periodReopenSignoff = registerSignoffKind<ReopenPayload>({
  kind: 'ledger.period_reopen',
  label: '反结账',
  parameters: 'signoff.period_reopen',
  requestPermission: 'period.reopen.request',
  levels: [{ name: 'approve', label: '审批', permission: 'period.reopen.approve' }],
  async effect(tx, approver, item) {
    const fund = await fundByCode(tx, item.payload.fund);
    const current = await repository.lockPeriodStatus(tx, fund.id, item.payload.period);
    if (current?.status !== 'closed') throw conflict('period', say.periodNoLongerClosed({ period: item.payload.period, fund: fund.code }));
    await repository.markPeriodOpen(tx, fund.id, item.payload.period);
    await recordAudit(tx, approver, { action: 'ledger.period.reopen', entityType: 'fund_period', entityId: `${fund.code}:${item.payload.period}`, regionCode: fund.region_code,
      before: { status: 'closed' }, after: { status: 'open', approvalItem: item.id.toString(), reason: item.payload.reason, requestedBy: item.submittedBy } });
    return { fund: fund.code, period: item.payload.period, status: 'open' };
  },
  subjectLink: (payload) => `/ledger/periods?fund=${payload.fund}`,
});

export async function requestReopen(database: DatabaseHandle, actor: Actor, fundCode: string, period: string, reason: string) {
  if (!isPeriod(period)) throw invalid('period', say.periodShape({ value: period }));
  if (!reason?.trim()) throw invalid('reason', say.reopenReasonRequired());
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const current = await repository.findPeriod(tx, fund.id, period);
    if (current?.status !== 'closed') throw conflict('period', say.periodNotClosed({ period, fund: fund.code }));
    return submitForApproval(tx, actor, periodReopenSignoff, {
      regionCode: fund.region_code, title: `反结账 ${fund.code} ${period}`, subjectKey: `fund_period:${fund.code}:${period}`,
      payload: { fund: fund.code, period, reason: reason.trim() }, comment: reason.trim(),
    });
  });
}
