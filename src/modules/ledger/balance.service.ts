/**
 * Reading the ledger: trial balance (from balances per account and period, never the journal), an account's lines
 * for a month (drill-down), entries with their source documents, and the consistency check that recomputes the
 * balances from the journal.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../platform/actor.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import * as repository from './ledger.repository.ts';
import { ledgerMessages } from './ledger.messages.ts';
import { accountsOf, fundByCode } from './fund.service.ts';
import { isPeriod, trialBalance, voucherNumber, type TrialBalanceRow } from './journal.calc.ts';

export interface TrialBalanceLine { code: string; name: string; role: string; opening: string; debit: string; credit: string; closing: string }
export interface TrialBalanceView {
  fund: string; period: string; accounts: TrialBalanceLine[];
  totals: { opening: string; debit: string; credit: string; closing: string };
}

export async function trialBalanceRows(tx: Tx, fundId: bigint, period: string): Promise<TrialBalanceRow[]> {
  return trialBalance(await accountsOf(tx, fundId), await repository.movementsUpTo(tx, fundId, period), period);
}

export function trialBalanceView(fund: string, period: string, rows: TrialBalanceRow[]): TrialBalanceView {
  const sum = (pick: (r: TrialBalanceRow) => bigint) => formatYuan(rows.reduce((s, r) => s + pick(r), 0n));
  return {
    fund, period,
    accounts: rows.map((r) => ({
      code: r.account.code, name: r.account.name, role: r.account.role,
      opening: formatYuan(r.opening), debit: formatYuan(r.debit), credit: formatYuan(r.credit), closing: formatYuan(r.closing),
    })),
    // Double entry: the openings and the closings each add up to zero, and debits equal credits.
    totals: { opening: sum((r) => r.opening), debit: sum((r) => r.debit), credit: sum((r) => r.credit), closing: sum((r) => r.closing) },
  };
}

export async function getTrialBalance(database: DatabaseHandle, actor: Actor, fundCode: string, period: string): Promise<TrialBalanceView> {
  if (!isPeriod(period)) throw invalid('period', ledgerMessages.periodShape({ value: period }));
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    return trialBalanceView(fund.code, period, await trialBalanceRows(tx, fund.id, period));
  });
}

export interface CheckReport {
  ok: boolean;
  funds: number;
  entries: number;
  lines: number;
  differences: { fund: string; account: string; period: string; journal: { debit: string; credit: string }; balances: { debit: string; credit: string } }[];
  unbalancedEntries: { fund: string; entryId: string; lines: number; debit: string; credit: string }[];
}

/** `sifund ledger check`: recomputes balances from the journal and lists every difference (exit 1 when any). */
export async function checkLedger(database: DatabaseHandle, actor: Actor, fundCode?: string): Promise<CheckReport> {
  return inScope(database, actor, async (tx) => {
    const fund = fundCode ? await fundByCode(tx, fundCode) : null;
    const funds = new Map((await repository.listFunds(tx)).map((f) => [f.id, f.code]));
    const accounts = new Map((await repository.accountCodes(tx)).map((a) => [`${a.fund_id}|${a.id}`, a.code]));
    const differences = (await repository.balanceDifferences(tx, fund?.id ?? null)).map((d) => ({
      fund: funds.get(d.fund_id) ?? String(d.fund_id), account: accounts.get(`${d.fund_id}|${d.account_id}`) ?? String(d.account_id), period: d.period,
      journal: { debit: formatYuan(d.journal_debit ?? 0n), credit: formatYuan(d.journal_credit ?? 0n) },
      balances: { debit: formatYuan(d.kept_debit ?? 0n), credit: formatYuan(d.kept_credit ?? 0n) },
    }));
    const unbalancedEntries = (await repository.unbalancedEntries(tx, fund?.id ?? null)).map((e) => ({
      fund: funds.get(e.fund_id) ?? String(e.fund_id), entryId: e.id.toString(), lines: Number(e.lines), debit: formatYuan(e.debit), credit: formatYuan(e.credit),
    }));
    const counts = await repository.countEntriesAndLines(tx, fund?.id ?? null);
    return {
      ok: differences.length === 0 && unbalancedEntries.length === 0, funds: fund ? 1 : funds.size,
      entries: Number(counts.entries), lines: Number(counts.lines), differences, unbalancedEntries,
    };
  });
}

const entryView = (e: NonNullable<Awaited<ReturnType<typeof repository.findEntry>>>, fundCode: string) => ({
  id: e.id.toString(), voucherNumber: voucherNumber(e.period, e.voucher_number), fund: fundCode, period: e.period, date: e.value_date, kind: e.kind, memo: e.memo,
  source: e.source_type ? { type: e.source_type, id: e.source_id } : null, key: e.idempotency_key,
  reversesEntryId: e.reverses_entry_id?.toString() ?? null, correctionOfPeriod: e.correction_of_period,
  total: formatYuan(e.total), lineCount: e.line_count, createdBy: e.created_by, approvedBy: e.approved_by, postedAt: e.posted_at.toISOString(),
});

export async function entryDetail(database: DatabaseHandle, actor: Actor, fundCode: string, entryId: bigint) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const entry = await repository.findEntry(tx, fund.id, entryId);
    if (!entry) throw notFound(ledgerMessages.entryOfFund({ entryId, fund: fundCode }));
    const lines = await repository.entryLines(tx, fund.id, entryId);
    const reversedBy = await repository.reversalOf(tx, fund.id, entryId);
    const reverses = entry.reverses_entry_id === null ? undefined : await repository.findEntry(tx, fund.id, entry.reverses_entry_id);
    return {
      ...entryView(entry, fund.code), reversedByEntryId: reversedBy?.id.toString() ?? null,
      reversesVoucherNumber: reverses ? voucherNumber(reverses.period, reverses.voucher_number) : null,
      reversedByVoucherNumber: reversedBy ? voucherNumber(reversedBy.period, reversedBy.voucher_number) : null,
      lines: lines.map((l) => ({
        lineNumber: l.line_number, account: l.account_code, accountName: l.account_name, role: l.account_role,
        debit: formatYuan(l.debit), credit: formatYuan(l.credit), subject: l.subject, reference: l.reference, memo: l.memo,
      })),
    };
  });
}

export interface EntryFilter { period?: string; sourceType?: string; sourceId?: string; kind?: string; limit?: number; before?: bigint }

/** Entries of a fund, newest first (keyset paging by id); by source document to go from a bill to its postings. */
export async function listEntries(database: DatabaseHandle, actor: Actor, fundCode: string, filter: EntryFilter) {
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const limit = Math.min(filter.limit ?? 50, 500);
    const rows = await repository.findEntries(tx, fund.id, { ...filter, limit });
    return { items: rows.map((e) => entryView(e, fund.code)), nextBefore: rows.length === limit ? rows[rows.length - 1].id.toString() : null };
  });
}

/**
 * Drill-down from a balance (明细账): the lines of one account in one month, with their entries, in posting order; each
 * line with the balance after it, the page with the balance before its first line and the month's count of lines, so
 * that every page's 余额 column is exact.
 */
export async function accountLines(database: DatabaseHandle, actor: Actor, fundCode: string, accountCode: string, period: string, paging: { limit?: number; offset?: number } = {}) {
  if (!isPeriod(period)) throw invalid('period', ledgerMessages.periodShape({ value: period }));
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const account = (await accountsOf(tx, fund.id)).find((a) => a.code === accountCode);
    if (!account) throw notFound(ledgerMessages.accountOfFund({ account: accountCode, fund: fundCode }));
    const balance = (await trialBalanceRows(tx, fund.id, period)).find((r) => r.account.id === account.id)!;
    const limit = Math.min(paging.limit ?? 100, 1000);
    const rows = await repository.accountLinesInPeriod(tx, fund.id, account.id, period, limit, paging.offset ?? 0);
    const total = await repository.lineCountInPeriod(tx, fund.id, account.id, period);
    const balanceAfter = (movedBefore: bigint) => balance.opening + movedBefore;
    // a page past the last line starts (and ends) at the month's closing balance
    const pageOpening = rows.length ? balanceAfter(rows[0].moved_through - (rows[0].debit - rows[0].credit)) : (paging.offset ?? 0) > 0 ? balance.closing : balance.opening;
    return {
      fund: fund.code, account: { code: account.code, name: account.name, role: account.role }, period,
      opening: formatYuan(balance.opening), debit: formatYuan(balance.debit), credit: formatYuan(balance.credit), closing: formatYuan(balance.closing),
      total, pageOpening: formatYuan(pageOpening),
      lines: rows.map((r) => ({
        entryId: r.entry_id.toString(), voucherNumber: voucherNumber(period, r.voucher_number), lineNumber: r.line_number, date: r.value_date,
        debit: formatYuan(r.debit), credit: formatYuan(r.credit), balance: formatYuan(balanceAfter(r.moved_through)),
        subject: r.subject, reference: r.reference, memo: r.memo ?? r.entry_memo, kind: r.kind, source: r.source_type ? { type: r.source_type, id: r.source_id } : null,
      })),
    };
  });
}

/** A fund's account balance over every period posted so far (debit − credit, fen), read in the caller's transaction:
 * what a module checks before it draws on a bank account (the database refuses a bank account below zero anyway). */
export async function accountBalanceNow(tx: Tx, fundCode: string, accountCode: string): Promise<bigint> {
  const fund = await fundByCode(tx, fundCode);
  const account = (await accountsOf(tx, fund.id)).find((a) => a.code === accountCode);
  if (!account) throw notFound(ledgerMessages.fund({ fund: `${fundCode}/${accountCode}` }));
  return repository.balanceNow(tx, fund.id, account.id);
}
