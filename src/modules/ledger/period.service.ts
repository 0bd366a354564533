/**
 * Period close (R5.5): closing a month checks that every bank account of the fund is reconciled at the month end
 * and that the trial balance balances and equals the journal; then nothing posts into that month (the posting
 * service and the database both refuse). Reopening is requested by one person and approved by another (audited).
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor } from '../../platform/actor.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { fundByCode } from './fund.service.ts';
import { trialBalanceRows } from './balance.service.ts';
import { reconciliationOfFund } from './bank/reconciliation.service.ts';
import { isPeriod } from './journal.calc.ts';

const CLOSERS = ['reviewer', 'approver', 'finance', 'admin'];
const REOPEN_APPROVERS = ['approver', 'admin'];

export async function listPeriods(database: DatabaseHandle, actor: Actor, fundCode: string) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const { rows } = await sql<{ period: string; status: string; closed_at: Date | null; closed_by: string | null; lines: string | null }>`
      select p.period, p.status, p.closed_at, p.closed_by, (select sum(line_count) from account_balance b where b.fund_id = p.fund_id and b.period = p.period) as lines
        from fund_period p where p.fund_id = ${fund.id} order by p.period desc`.execute(tx);
    const requests = await tx.selectFrom('period_reopen_request').selectAll().where('fund_id', '=', fund.id).where('status', '=', 'pending').execute();
    return rows.map((r) => ({
      period: r.period, status: r.status, closedAt: r.closed_at?.toISOString() ?? null, closedBy: r.closed_by, lines: Number(r.lines ?? 0),
      pendingReopenRequest: requests.filter((q) => q.period === r.period).map((q) => ({ id: q.id.toString(), reason: q.reason, requestedBy: q.requested_by }))[0] ?? null,
    }));
  });
}

export async function closePeriod(database: DatabaseHandle, actor: Actor, fundCode: string, period: string) {
  if (!isPeriod(period)) throw invalid('period', `must be YYYY-MM, got "${period}"`);
  if (!CLOSERS.includes(actor.role)) throw forbidden('closing a month needs the reviewer, approver or finance role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    await tx.insertInto('fund_period').values({ fund_id: fund.id, period, region_code: fund.region_code }).onConflict((oc) => oc.doNothing()).execute();
    // FOR UPDATE waits for postings into the month in flight (they hold FOR SHARE) and keeps new ones out until commit.
    const current = await tx.selectFrom('fund_period').selectAll().where('fund_id', '=', fund.id).where('period', '=', period).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'closed') throw conflict('period', `${period} of fund ${fund.code} is already closed (by ${current.closed_by})`);
    const problems: string[] = [];
    const rows = await trialBalanceRows(tx, fund.id, period);
    const total = (pick: (r: (typeof rows)[number]) => bigint) => rows.reduce((s, r) => s + pick(r), 0n);
    if (total((r) => r.debit) !== total((r) => r.credit) || total((r) => r.closing) !== 0n) problems.push('the trial balance does not balance');
    const { rows: differences } = await sql<{ n: string }>`
      select count(*) as n from (
        select account_id, sum(debit) as debit, sum(credit) as credit from accounting_entry_line where fund_id = ${fund.id} and period = ${period} group by account_id
      ) j full join (select account_id, debit, credit from account_balance where fund_id = ${fund.id} and period = ${period}) k using (account_id)
      where coalesce(j.debit, 0) <> coalesce(k.debit, 0) or coalesce(j.credit, 0) <> coalesce(k.credit, 0)`.execute(tx);
    if (Number(differences[0].n)) problems.push(`balances differ from the journal on ${differences[0].n} accounts (run sifund ledger check)`);
    const reconciliations = await reconciliationOfFund(tx, fund, period);
    for (const r of reconciliations) if (!r.reconciled) problems.push(`bank account ${r.account} ${r.accountName} is not reconciled: ${r.reason}`);
    if (problems.length) throw new AppError(409, 'not_ready', `${period} of fund ${fund.code} cannot be closed: ${problems.join('; ')}`, 'period');
    const closedAt = new Date();
    await tx.updateTable('fund_period').set({ status: 'closed', closed_at: closedAt, closed_by: actor.username }).where('fund_id', '=', fund.id).where('period', '=', period).execute();
    await recordAudit(tx, actor, { action: 'ledger.period.close', entityType: 'fund_period', entityId: `${fund.code}:${period}`, regionCode: fund.region_code,
      before: { status: 'open' }, after: { status: 'closed', reconciliations: reconciliations.map((r) => ({ account: r.account, ledgerBalance: r.ledgerBalance, bankBalance: r.bankBalance })) } });
    return { fund: fund.code, period, status: 'closed' as const, closedAt: closedAt.toISOString(), closedBy: actor.username };
  });
}

export async function requestReopen(database: DatabaseHandle, actor: Actor, fundCode: string, period: string, reason: string) {
  if (!isPeriod(period)) throw invalid('period', `must be YYYY-MM, got "${period}"`);
  if (!reason?.trim()) throw invalid('reason', 'is required: say why the closed month must change');
  if (!['operator', ...CLOSERS].includes(actor.role)) throw forbidden('requesting a reopen needs a ledger role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const current = await tx.selectFrom('fund_period').selectAll().where('fund_id', '=', fund.id).where('period', '=', period).executeTakeFirst();
    if (current?.status !== 'closed') throw conflict('period', `${period} of fund ${fund.code} is not closed`);
    const pending = await tx.selectFrom('period_reopen_request').select('id').where('fund_id', '=', fund.id).where('period', '=', period).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw conflict('period', `a reopen request for ${period} is already pending (${pending.id})`);
    const id = newId();
    await tx.insertInto('period_reopen_request').values({ fund_id: fund.id, id, period, region_code: fund.region_code, reason: reason.trim(), requested_by_id: actor.userId, requested_by: actor.username }).execute();
    await recordAudit(tx, actor, { action: 'ledger.period.reopen_request', entityType: 'period_reopen_request', entityId: id, regionCode: fund.region_code, after: { fund: fund.code, period, reason: reason.trim() } });
    return { id: id.toString(), fund: fund.code, period, status: 'pending' as const, requestedBy: actor.username };
  });
}

/** Approves or rejects a reopen request; the requester cannot decide their own request (maker-checker). */
export async function decideReopen(database: DatabaseHandle, actor: Actor, fundCode: string, requestId: bigint, approve: boolean) {
  if (!REOPEN_APPROVERS.includes(actor.role)) throw forbidden('approving a reopen needs the approver role');
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const request = await tx.selectFrom('period_reopen_request').selectAll().where('fund_id', '=', fund.id).where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!request) throw notFound(`reopen request ${requestId}`);
    if (request.status !== 'pending') throw conflict('status', `request ${requestId} is already ${request.status}`);
    if (request.requested_by === actor.username || (request.requested_by_id !== null && request.requested_by_id === actor.userId)) {
      throw forbidden('the person who asked to reopen a month cannot approve it (maker-checker)');
    }
    const status = approve ? 'approved' : 'rejected';
    await tx.updateTable('period_reopen_request').set({ status, decided_by_id: actor.userId, decided_by: actor.username, decided_at: new Date() })
      .where('fund_id', '=', fund.id).where('id', '=', requestId).execute();
    if (approve) {
      await tx.selectFrom('fund_period').select('period').where('fund_id', '=', fund.id).where('period', '=', request.period).forUpdate().execute();
      await tx.updateTable('fund_period').set({ status: 'open', closed_at: null, closed_by: null }).where('fund_id', '=', fund.id).where('period', '=', request.period).execute();
    }
    await recordAudit(tx, actor, { action: approve ? 'ledger.period.reopen' : 'ledger.period.reopen_reject', entityType: 'fund_period', entityId: `${fund.code}:${request.period}`,
      regionCode: fund.region_code, before: { status: 'closed' }, after: { status: approve ? 'open' : 'closed', requestId: requestId.toString(), reason: request.reason, requestedBy: request.requested_by } });
    return { id: requestId.toString(), fund: fund.code, period: request.period, status, decidedBy: actor.username };
  });
}
