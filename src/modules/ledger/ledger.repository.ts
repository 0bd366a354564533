/**
 * Typed SQL of the fund ledger. Every function runs in the caller's transaction (scoped: row-level security applies).
 * Bulk writes are single statements over unnest()ed arrays; arrays travel as text literals (arrayLiteral) and are
 * cast in SQL.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { Tables } from '../../platform/database.ts';
import type { AccountInfo, Movement } from './journal.calc.ts';

const PLAIN_ELEMENT = /^[0-9A-Za-z_.:+-]+$/;

/** One element of an array literal: NULL, as it is, or double-quoted with backslashes and quotes escaped. */
function arrayElement(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (PLAIN_ELEMENT.test(value) && !(value.length === 4 && value.toUpperCase() === 'NULL')) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * A PostgreSQL array literal of the values (null → NULL), quoting and escaping only the elements that need it. The
 * bulk writes send tens of thousands of ids, amounts, dates and codes per statement; pg's own serialisation quotes and
 * escapes every element, which cost more than the insert itself (measured, docs/decisions.md).
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const literal = new ArrayLiteral();
  for (const value of values) literal.add(value);
  return literal.toString();
}

/**
 * An array literal built element by element (posting builds one per column per batch): the elements are kept as they
 * come and joined once, natively, into one flat string (appending to a string instead made a rope of millions of
 * pieces for the collector).
 */
export class ArrayLiteral {
  private elements: (string | number | bigint)[] = [];
  private onlyNulls = true;
  /** Any text, number or null: quoted where needed. */
  add(value: string | number | null): void {
    if (value !== null) this.onlyNulls = false;
    this.elements.push(arrayElement(value));
  }
  /** A value that never needs quoting: digits (ids, amounts, counts) or a date or period already validated. */
  plain(value: string | number | bigint): void { this.onlyNulls = false; this.elements.push(value); }
  toString(): string { return `{${this.elements.join(',')}}`; }
  /**
   * The literal for `unnest` beside longer arrays of the same rows: an empty array when every element is null, as
   * unnest pads a shorter array with nulls (in the select list as in `unnest(a, b, …)`), so a column that is null in
   * every row (a batch's line memos, its approvers) is neither sent nor parsed element by element.
   */
  toPaddedString(): string { return this.onlyNulls ? '{}' : this.toString(); }
}

export interface FundRow { id: bigint; code: string; insurance: string; region_code: string; name: string; chart_year: number }

export const listFunds = (tx: Tx) =>
  tx.selectFrom('fund').innerJoin('region', 'region.code', 'fund.region_code')
    .select(['fund.id', 'fund.code', 'fund.insurance', 'fund.region_code', 'fund.name', 'fund.chart_year', 'region.name as region_name'])
    .orderBy('fund.code').execute();

export const findFundsByCodes = (tx: Tx, codes: string[]): Promise<FundRow[]> =>
  codes.length ? tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name', 'chart_year']).where('code', 'in', codes).execute() : Promise.resolve([]);

export async function accountsOfFunds(tx: Tx, fundIds: bigint[]): Promise<Map<bigint, AccountInfo[]>> {
  const result = new Map<bigint, AccountInfo[]>(fundIds.map((id) => [id, []]));
  if (!fundIds.length) return result;
  const rows = await tx.selectFrom('fund_account').select(['fund_id', 'id', 'code', 'name', 'role', 'subject', 'bank_account_number'])
    .where('fund_id', 'in', fundIds).orderBy('code').execute();
  for (const row of rows) result.get(row.fund_id)?.push({ id: row.id, code: row.code, name: row.name, role: row.role, subject: row.subject });
  return result;
}

export const bankAccountNumber = (tx: Tx, fundId: bigint, accountId: bigint) =>
  tx.selectFrom('fund_account').select(['bank_account_number']).where('fund_id', '=', fundId).where('id', '=', accountId).executeTakeFirst();

export interface ExistingEntry { fund_id: bigint; id: bigint; idempotency_key: string; content_hash: string }

/**
 * Entries already posted under any of the (fund, key) pairs: one probe of the (fund_id, idempotency_key) index per
 * pair. The lateral subquery with its `limit 1` (a key is unique in its fund) keeps it so: as a plain join of 20,000
 * pairs the planner hashed the whole journal instead — 160–240 ms a lookup at 322,000 entries against 30–40 ms, and
 * growing with the journal.
 */
export async function entriesByKeys(tx: Tx, fundIds: string[], keys: string[]): Promise<ExistingEntry[]> {
  if (!keys.length) return [];
  const { rows } = await sql<ExistingEntry>`
    select e.fund_id, e.id, e.idempotency_key, e.content_hash
      from unnest(${arrayLiteral(fundIds)}::bigint[], ${arrayLiteral(keys)}::text[]) as k(fund_id, idempotency_key)
      cross join lateral (select e.fund_id, e.id, e.idempotency_key, e.content_hash from accounting_entry e
                           where e.fund_id = k.fund_id and e.idempotency_key = k.idempotency_key limit 1) e`.execute(tx);
  return rows;
}

/** Closed months among the (fund, period) pairs. */
export async function closedPeriods(tx: Tx, fundIds: bigint[], periods: string[]): Promise<{ fund_id: bigint; period: string }[]> {
  if (!periods.length) return [];
  const { rows } = await sql<{ fund_id: bigint; period: string }>`
    select p.fund_id, p.period from unnest(${fundIds.map(String)}::bigint[], ${periods}::text[]) as k(fund_id, period)
      join fund_period p on p.fund_id = k.fund_id and p.period = k.period where p.status = 'closed'`.execute(tx);
  return rows;
}

const LINE_COLUMNS = ['fundId', 'entryId', 'lineNumber', 'accountId', 'regionCode', 'period', 'valueDate', 'debit', 'credit', 'subject', 'reference', 'memo'] as const;
const ENTRY_COLUMNS = [
  'fundId', 'id', 'regionCode', 'period', 'valueDate', 'kind', 'memo', 'sourceType', 'sourceId', 'key', 'contentHash', 'reverses',
  'correctionOfPeriod', 'lineCount', 'total', 'createdById', 'createdBy', 'approvedById', 'approvedBy', 'voucherFromEnd',
] as const;
const COUNTER_COLUMNS = ['fundId', 'period', 'regionCode', 'entries'] as const;

/** The lines' columns of a bulk insert, each an array literal (insertEntriesWithLines). */
export type LineColumns = Record<(typeof LINE_COLUMNS)[number], ArrayLiteral>;
/**
 * The headers' columns of a bulk insert, each an array literal (insertEntriesWithLines). `voucherFromEnd`: how many
 * entries of the same fund and period follow the entry in the batch (0 for the last), which numbers it from its
 * counter.
 */
export type EntryColumns = Record<(typeof ENTRY_COLUMNS)[number], ArrayLiteral>;
/** How many entries a batch posts per (fund, period), one element per pair: what their voucher counters advance by. */
export type VoucherCounterColumns = Record<(typeof COUNTER_COLUMNS)[number], ArrayLiteral>;

const emptyColumns = <K extends string>(names: readonly K[]) => Object.fromEntries(names.map((name) => [name, new ArrayLiteral()])) as Record<K, ArrayLiteral>;
export const lineColumns = (): LineColumns => emptyColumns(LINE_COLUMNS);
export const entryColumns = (): EntryColumns => emptyColumns(ENTRY_COLUMNS);
export const voucherCounterColumns = (): VoucherCounterColumns => emptyColumns(COUNTER_COLUMNS);

/**
 * Writes entries and their lines in one statement: the database checks each entry against its lines when the whole
 * statement is done, and refuses lines and headers written apart (0015_ledger_speed.sql). The same statement advances
 * the voucher counter of each (fund, period) by the entries it posts there, in key order (concurrent postings lock
 * counters in the same order), and numbers each entry back from the counter's new value (0018_voucher_numbers.sql):
 * the counter rows stay locked until commit, so the numbers are gap-free and none is used twice. The arrays are
 * unnested in the select list (one ProjectSet node, the arrays read in step) rather than by `from unnest(a, b, …)`,
 * which stores every array's elements in a tuplestore of its own before the rows are put together (measured,
 * docs/decisions.md); a column null in every row goes as an empty array (toPaddedString).
 */
export async function insertEntriesWithLines(tx: Tx, h: EntryColumns, l: LineColumns, c: VoucherCounterColumns) {
  const a = (column: ArrayLiteral) => column.toPaddedString();
  await sql`with counters as (
      insert into voucher_counter as c (fund_id, period, region_code, last_number)
      select * from unnest(${a(c.fundId)}::bigint[], ${a(c.period)}::text[], ${a(c.regionCode)}::text[], ${a(c.entries)}::int4[]) order by 1, 2
      on conflict (fund_id, period) do update set last_number = c.last_number + excluded.last_number
      returning c.fund_id, c.period, c.last_number),
    lines as (
      insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit, subject, reference, memo)
      select unnest(${a(l.fundId)}::bigint[]), unnest(${a(l.entryId)}::bigint[]), unnest(${a(l.lineNumber)}::int2[]), unnest(${a(l.accountId)}::bigint[]),
        unnest(${a(l.regionCode)}::text[]), unnest(${a(l.period)}::text[]), unnest(${a(l.valueDate)}::date[]), unnest(${a(l.debit)}::bigint[]),
        unnest(${a(l.credit)}::bigint[]), unnest(${a(l.subject)}::text[]), unnest(${a(l.reference)}::text[]), unnest(${a(l.memo)}::text[]))
    insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, memo, source_type, source_id, idempotency_key, content_hash,
      reverses_entry_id, correction_of_period, line_count, total, created_by_id, created_by, approved_by_id, approved_by, voucher_number)
    select h.fund_id, h.id, h.region_code, h.period, h.value_date, h.kind, h.memo, h.source_type, h.source_id, h.idempotency_key, h.content_hash,
      h.reverses_entry_id, h.correction_of_period, h.line_count, h.total, h.created_by_id, h.created_by, h.approved_by_id, h.approved_by,
      counters.last_number - h.voucher_from_end
    from (select unnest(${a(h.fundId)}::bigint[]) as fund_id, unnest(${a(h.id)}::bigint[]) as id, unnest(${a(h.regionCode)}::text[]) as region_code,
        unnest(${a(h.period)}::text[]) as period, unnest(${a(h.valueDate)}::date[]) as value_date, unnest(${a(h.kind)}::text[]) as kind,
        unnest(${a(h.memo)}::text[]) as memo, unnest(${a(h.sourceType)}::text[]) as source_type, unnest(${a(h.sourceId)}::text[]) as source_id,
        unnest(${a(h.key)}::text[]) as idempotency_key, unnest(${a(h.contentHash)}::text[]) as content_hash, unnest(${a(h.reverses)}::bigint[]) as reverses_entry_id,
        unnest(${a(h.correctionOfPeriod)}::text[]) as correction_of_period, unnest(${a(h.lineCount)}::int4[]) as line_count, unnest(${a(h.total)}::bigint[]) as total,
        unnest(${a(h.createdById)}::bigint[]) as created_by_id, unnest(${a(h.createdBy)}::text[]) as created_by, unnest(${a(h.approvedById)}::bigint[]) as approved_by_id,
        unnest(${a(h.approvedBy)}::text[]) as approved_by, unnest(${a(h.voucherFromEnd)}::int4[]) as voucher_from_end) as h
    join counters on counters.fund_id = h.fund_id and counters.period = h.period`.execute(tx);
}

/** Movements per (account, period) of a fund up to a period: what a trial balance reads (never the journal). */
export async function movementsUpTo(tx: Tx, fundId: bigint, period: string): Promise<Movement[]> {
  const rows = await tx.selectFrom('account_balance').select(['account_id', 'period', 'debit', 'credit'])
    .where('fund_id', '=', fundId).where('period', '<=', period).execute();
  return rows.map((r) => ({ accountId: r.account_id, period: r.period, debit: r.debit, credit: r.credit }));
}

/** Serialises sweeps of one fund and month (two servers checking at the same moment): the second sees the first's entry. */
export async function lockSweep(tx: Tx, fundId: bigint, period: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('ledger.sweep'), hashtext(${`${fundId}:${period}`}))`.execute(tx);
}

/** An account's balance over every period posted so far (debit − credit, fen). */
export async function balanceNow(tx: Tx, fundId: bigint, accountId: bigint): Promise<bigint> {
  const row = await tx.selectFrom('account_balance').select((eb) => eb.fn.coalesce(eb.fn.sum<string>(sql`debit - credit`), sql`0`).as('balance'))
    .where('fund_id', '=', fundId).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return BigInt(row.balance as string);
}

export const findEntry = (tx: Tx, fundId: bigint, entryId: bigint) =>
  tx.selectFrom('accounting_entry').selectAll().where('fund_id', '=', fundId).where('id', '=', entryId).executeTakeFirst();

export const entryLines = (tx: Tx, fundId: bigint, entryId: bigint) =>
  tx.selectFrom('accounting_entry_line as l').innerJoin('fund_account as a', (join) => join.onRef('a.fund_id', '=', 'l.fund_id').onRef('a.id', '=', 'l.account_id'))
    .select(['l.line_number', 'l.debit', 'l.credit', 'l.subject', 'l.reference', 'l.memo', 'a.code as account_code', 'a.name as account_name', 'a.role as account_role'])
    .where('l.fund_id', '=', fundId).where('l.entry_id', '=', entryId).orderBy('l.line_number').execute();

/** The entries a business document caused, in every fund, that are neither reversals nor reversed yet. */
export async function unreversedEntriesOfSource(tx: Tx, sourceType: string, sourceId: string): Promise<{ fund_code: string; id: bigint }[]> {
  return (await sql<{ fund_code: string; id: bigint }>`
    select f.code as fund_code, e.id from fund f
      join accounting_entry e on e.fund_id = f.id and e.source_type = ${sourceType} and e.source_id = ${sourceId}
    where e.kind <> 'reversal' and not exists (select 1 from accounting_entry r where r.fund_id = e.fund_id and r.reverses_entry_id = e.id)
    order by f.code, e.id`.execute(tx)).rows;
}

export const reversalOf = (tx: Tx, fundId: bigint, entryId: bigint) =>
  tx.selectFrom('accounting_entry').select(['id', 'period', 'voucher_number']).where('fund_id', '=', fundId).where('reverses_entry_id', '=', entryId).executeTakeFirst();

/** Recomputes movements per (account, period) from the journal and lists every difference from account_balance. */
export async function balanceDifferences(tx: Tx, fundId: bigint | null) {
  const { rows } = await sql<{ fund_id: bigint; account_id: bigint; period: string; journal_debit: bigint | null; journal_credit: bigint | null; kept_debit: bigint | null; kept_credit: bigint | null }>`
    with journal as (
      select fund_id, account_id, period, sum(debit)::bigint as debit, sum(credit)::bigint as credit, count(*) as line_count
        from accounting_entry_line where (${fundId === null ? null : String(fundId)}::bigint is null or fund_id = ${fundId === null ? null : String(fundId)}::bigint)
       group by fund_id, account_id, period),
    kept as (
      select fund_id, account_id, period, debit, credit, line_count from account_balance
       where (${fundId === null ? null : String(fundId)}::bigint is null or fund_id = ${fundId === null ? null : String(fundId)}::bigint))
    select coalesce(j.fund_id, k.fund_id) as fund_id, coalesce(j.account_id, k.account_id) as account_id, coalesce(j.period, k.period) as period,
           j.debit as journal_debit, j.credit as journal_credit, k.debit as kept_debit, k.credit as kept_credit
      from journal j full join kept k on k.fund_id = j.fund_id and k.account_id = j.account_id and k.period = j.period
     where coalesce(j.debit, 0) <> coalesce(k.debit, 0) or coalesce(j.credit, 0) <> coalesce(k.credit, 0) or coalesce(j.line_count, 0) <> coalesce(k.line_count, 0)
     order by 1, 2, 3 limit 1000`.execute(tx);
  return rows;
}

/** Entries whose lines do not add up or do not match their header (the database prevents these; the check proves it). */
export async function unbalancedEntries(tx: Tx, fundId: bigint | null) {
  const { rows } = await sql<{ fund_id: bigint; id: bigint; line_count: number; total: bigint; lines: bigint; debit: bigint; credit: bigint }>`
    select e.fund_id, e.id, e.line_count, e.total, coalesce(l.lines, 0) as lines, coalesce(l.debit, 0) as debit, coalesce(l.credit, 0) as credit
      from accounting_entry e
      left join (select fund_id, entry_id, count(*)::bigint as lines, sum(debit)::bigint as debit, sum(credit)::bigint as credit
                   from accounting_entry_line group by fund_id, entry_id) l on l.fund_id = e.fund_id and l.entry_id = e.id
     where (${fundId === null ? null : String(fundId)}::bigint is null or e.fund_id = ${fundId === null ? null : String(fundId)}::bigint)
       and (coalesce(l.lines, 0) <> e.line_count or coalesce(l.debit, 0) <> coalesce(l.credit, 0) or coalesce(l.debit, 0) <> e.total)
     limit 1000`.execute(tx);
  return rows;
}


/** Codes of the funds that have a sweep entry (归集) in `period`: the scheduled sweep skips them. */
export const fundsSweptIn = async (tx: Tx, period: string): Promise<Set<string>> =>
  new Set((await tx.selectFrom('accounting_entry as e').innerJoin('fund as f', 'f.id', 'e.fund_id').select('f.code').distinct()
    .where('e.kind', '=', 'sweep').where('e.period', '=', period).execute()).map((r) => r.code));

/** Whether a sweep entry of the fund and period was posted after `since`. */
export async function sweepPostedSince(tx: Tx, fundCode: string, period: string, since: Date): Promise<boolean> {
  const row = await tx.selectFrom('accounting_entry as e').innerJoin('fund as f', 'f.id', 'e.fund_id').select('e.id')
    .where('f.code', '=', fundCode).where('e.kind', '=', 'sweep').where('e.period', '=', period).where('e.posted_at', '>', since).executeTakeFirst();
  return row !== undefined;
}

/** How many sweep entries the fund has for the period (a top-up after late receipts is the next one). */
export async function countSweeps(tx: Tx, fundId: bigint, period: string): Promise<number> {
  const row = await tx.selectFrom('accounting_entry').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('fund_id', '=', fundId).where('kind', '=', 'sweep').where('period', '=', period).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises ensureFunds (server start and `sifund demo` may overlap). */
export async function lockEnsureFunds(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7310400)`.execute(tx);
}

/** Every pooling region (统筹地区) of every insurance, with the region's name, by region code. */
export const poolingRegionsWithNames = (tx: Tx) =>
  tx.selectFrom('pooling_region').innerJoin('region', 'region.code', 'pooling_region.region_code')
    .select(['pooling_region.insurance', 'pooling_region.region_code', 'region.name as region_name']).orderBy('pooling_region.region_code').execute();

export const fundCodes = (tx: Tx) => tx.selectFrom('fund').select('code').execute();

export const insertFund = (tx: Tx, fund: Insertable<Tables['fund']>) => tx.insertInto('fund').values(fund).execute();

export const allFunds = (tx: Tx) => tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code']).execute();

/** Adds the accounts a fund lacks (by code) and leaves those it has; the result counts the rows added. */
export const insertMissingAccounts = (tx: Tx, accounts: Insertable<Tables['fund_account']>[]) =>
  tx.insertInto('fund_account').values(accounts).onConflict((oc) => oc.columns(['fund_id', 'code']).doNothing()).executeTakeFirst();

/** A fund's accounts with their bank account numbers, by code. */
export const accountsWithBankNumbers = (tx: Tx, fundId: bigint) =>
  tx.selectFrom('fund_account').select(['code', 'name', 'role', 'subject', 'bank_account_number'])
    .where('fund_id', '=', fundId).orderBy('code').execute();

export const setBankAccountNumber = (tx: Tx, fundId: bigint, accountId: bigint, number: string | null) =>
  tx.updateTable('fund_account').set({ bank_account_number: number }).where('fund_id', '=', fundId).where('id', '=', accountId).execute();

/** Every account of every fund visible in the scope (id and code). */
export const accountCodes = (tx: Tx) => tx.selectFrom('fund_account').select(['fund_id', 'id', 'code']).execute();

/** How many entries the journal holds and how many lines the balances count, of one fund or (null) every fund. */
export async function countEntriesAndLines(tx: Tx, fundId: bigint | null): Promise<{ entries: string; lines: string }> {
  const { rows: [counts] } = await sql<{ entries: string; lines: string }>`
      select (select count(*) from accounting_entry where ${fundId !== null ? sql`fund_id = ${fundId}` : sql`true`}) as entries,
             (select coalesce(sum(line_count), 0) from account_balance where ${fundId !== null ? sql`fund_id = ${fundId}` : sql`true`}) as lines`.execute(tx);
  return counts;
}

export interface EntryQuery { period?: string; sourceType?: string; sourceId?: string; kind?: string; before?: bigint; limit: number }

/** A fund's entries, newest first (keyset paging by id), optionally of one period, source document or kind. */
export function findEntries(tx: Tx, fundId: bigint, filter: EntryQuery) {
  let query = tx.selectFrom('accounting_entry').selectAll().where('fund_id', '=', fundId);
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.sourceType) query = query.where('source_type', '=', filter.sourceType);
  if (filter.sourceId) query = query.where('source_id', '=', filter.sourceId);
  if (filter.kind) query = query.where('kind', '=', filter.kind as never);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

/**
 * The lines of one account in one month, with their entries, in posting order; `moved_through`: debit − credit of the
 * month's lines up to and including each line (the running balance from the month's opening).
 */
export async function accountLinesInPeriod(tx: Tx, fundId: bigint, accountId: bigint, period: string, limit: number, offset: number) {
  const { rows } = await sql<{
    entry_id: bigint; voucher_number: number; line_number: number; value_date: string; debit: bigint; credit: bigint; moved_through: bigint; subject: string | null;
    reference: string | null; memo: string | null; entry_memo: string; kind: string; source_type: string | null; source_id: string | null;
  }>`
    select l.entry_id, e.voucher_number, l.line_number, l.value_date, l.debit, l.credit,
           sum(l.debit - l.credit) over (order by l.value_date, l.entry_id, l.line_number rows between unbounded preceding and current row)::bigint as moved_through,
           l.subject, l.reference, l.memo, e.memo as entry_memo, e.kind, e.source_type, e.source_id
      from accounting_entry_line l
      join accounting_entry e on e.fund_id = l.fund_id and e.id = l.entry_id
     where l.fund_id = ${fundId} and l.account_id = ${accountId} and l.period = ${period}
     order by l.value_date, l.entry_id, l.line_number limit ${limit} offset ${offset}`.execute(tx);
  return rows;
}

/** How many lines an account has in a month (kept in account_balance by the posting trigger). */
export async function lineCountInPeriod(tx: Tx, fundId: bigint, accountId: bigint, period: string): Promise<number> {
  const row = await tx.selectFrom('account_balance').select('line_count').where('fund_id', '=', fundId).where('account_id', '=', accountId).where('period', '=', period).executeTakeFirst();
  return Number(row?.line_count ?? 0n);
}

// ── the hledger export (hledger.export.ts) ──

/** Net (debit − credit) per account of a fund's lines in `period` dated before `before`. */
export async function netBeforeDateInPeriod(tx: Tx, fundId: bigint, period: string, before: string): Promise<{ account_id: bigint; net: bigint }[]> {
  const { rows } = await sql<{ account_id: bigint; net: bigint }>`
    select account_id, sum(debit - credit)::bigint as net from accounting_entry_line
     where fund_id = ${fundId} and period = ${period} and value_date < ${before} group by account_id`.execute(tx);
  return rows;
}

/** The next `limit` entries of a fund's month after id `after`, dated from … to, in id order (keyset paging). */
export const entriesAfterInPeriod = (tx: Tx, fundId: bigint, period: string, range: { after: bigint; from: string; to: string; limit: number }) =>
  tx.selectFrom('accounting_entry').select(['id', 'value_date', 'memo', 'kind', 'idempotency_key', 'source_type', 'source_id', 'reverses_entry_id'])
    .where('fund_id', '=', fundId).where('period', '=', period).where('id', '>', range.after)
    .where('value_date', '>=', range.from).where('value_date', '<=', range.to)
    .orderBy('id').limit(range.limit).execute();

/** The lines of the given entries of a fund, by entry and line number. */
export const linesOfEntries = (tx: Tx, fundId: bigint, entryIds: bigint[]) =>
  tx.selectFrom('accounting_entry_line').select(['entry_id', 'account_id', 'debit', 'credit'])
    .where('fund_id', '=', fundId).where('entry_id', 'in', entryIds).orderBy('entry_id').orderBy('line_number').execute();

/** A fund's months that have a period row, newest first, with the lines posted in each. */
export async function periodsOfFund(tx: Tx, fundId: bigint) {
  const { rows } = await sql<{ period: string; status: string; closed_at: Date | null; closed_by: string | null; lines: string | null }>`
      select p.period, p.status, p.closed_at, p.closed_by, (select sum(line_count) from account_balance b where b.fund_id = p.fund_id and b.period = p.period) as lines
        from fund_period p where p.fund_id = ${fundId} order by p.period desc`.execute(tx);
  return rows;
}

/** Creates the month's period row (open) unless it exists. */
export const ensurePeriod = (tx: Tx, fundId: bigint, period: string, regionCode: string) =>
  tx.insertInto('fund_period').values({ fund_id: fundId, period, region_code: regionCode }).onConflict((oc) => oc.doNothing()).execute();

/**
 * The month's period row, locked: FOR UPDATE waits for postings into the month in flight (they hold FOR SHARE) and
 * keeps new ones out until commit.
 */
export const lockPeriod = (tx: Tx, fundId: bigint, period: string) =>
  tx.selectFrom('fund_period').selectAll().where('fund_id', '=', fundId).where('period', '=', period).forUpdate().executeTakeFirstOrThrow();

/** The month's status, its row locked (undefined when the month has no row). */
export const lockPeriodStatus = (tx: Tx, fundId: bigint, period: string) =>
  tx.selectFrom('fund_period').select('status').where('fund_id', '=', fundId).where('period', '=', period).forUpdate().executeTakeFirst();

export const findPeriod = (tx: Tx, fundId: bigint, period: string) =>
  tx.selectFrom('fund_period').selectAll().where('fund_id', '=', fundId).where('period', '=', period).executeTakeFirst();

/** How many accounts' balances for the month differ from the sums of the journal's lines (a count, as text). */
export async function countBalanceDifferencesInPeriod(tx: Tx, fundId: bigint, period: string): Promise<string> {
  const { rows: differences } = await sql<{ n: string }>`
      select count(*) as n from (
        select account_id, sum(debit) as debit, sum(credit) as credit from accounting_entry_line where fund_id = ${fundId} and period = ${period} group by account_id
      ) j full join (select account_id, debit, credit from account_balance where fund_id = ${fundId} and period = ${period}) k using (account_id)
      where coalesce(j.debit, 0) <> coalesce(k.debit, 0) or coalesce(j.credit, 0) <> coalesce(k.credit, 0)`.execute(tx);
  return differences[0].n;
}

export const markPeriodClosed = (tx: Tx, fundId: bigint, period: string, closedAt: Date, closedBy: string) =>
  tx.updateTable('fund_period').set({ status: 'closed', closed_at: closedAt, closed_by: closedBy }).where('fund_id', '=', fundId).where('period', '=', period).execute();

export const markPeriodOpen = (tx: Tx, fundId: bigint, period: string) =>
  tx.updateTable('fund_period').set({ status: 'open', closed_at: null, closed_by: null }).where('fund_id', '=', fundId).where('period', '=', period).execute();

/** The fund's first month with entries, or null when it has none (the months before it have nothing to close). */
export async function firstEntryPeriod(tx: Tx, fundId: bigint): Promise<string | null> {
  const { first } = await tx.selectFrom('accounting_entry').select((e) => e.fn.min('period').as('first')).where('fund_id', '=', fundId).executeTakeFirstOrThrow();
  return first ?? null;
}
