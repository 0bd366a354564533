/**
 * Typed SQL of bank statements and reconciliation (bank_statement, bank_statement_line, bank_match, bank_match_member;
 * migrations/0004_ledger.sql). Every function runs in the caller's transaction (scoped: row-level security applies).
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import type { StatementLine } from './statement.schema.ts';

/** Serialises matching on one bank account (auto-match and manual matches never race). */
export const lockAccountMatching = (tx: Tx, fundId: bigint, accountId: bigint) =>
  sql`select pg_advisory_xact_lock(hashtext(${`bank_match:${fundId}:${accountId}`}))`.execute(tx);

/** The statements already imported from a file with this digest (one row per statement of a multi-statement file). */
export const statementsOfFile = (tx: Tx, fundId: bigint, accountId: bigint, sha256: string) =>
  tx.selectFrom('bank_statement').selectAll().where('fund_id', '=', fundId).where('account_id', '=', accountId)
    .where('file_sha256', 'like', `${sha256}%`).orderBy('id').execute();

/** Which of these dedupe keys already have a line on the account. */
export const dedupeKeysOnFile = (tx: Tx, fundId: bigint, accountId: bigint, keys: string[]) =>
  tx.selectFrom('bank_statement_line').select('dedupe_key').where('fund_id', '=', fundId)
    .where('account_id', '=', accountId).where('dedupe_key', 'in', keys).execute();

export const insertStatement = (tx: Tx, statement: Insertable<Tables['bank_statement']>) => tx.insertInto('bank_statement').values(statement).execute();

/** One statement's lines in one statement; a line already on file (same dedupe key) is skipped. */
export async function insertStatementLines(tx: Tx, target: { fundId: bigint; statementId: bigint; accountId: bigint; regionCode: string }, lineIds: string[], l: StatementLine[], keys: string[]) {
  await sql`
          insert into bank_statement_line (fund_id, id, statement_id, account_id, region_code, file_line, booking_date, value_date, amount, reference,
                                           counterparty_name, counterparty_account, description, bank_transaction_id, dedupe_key)
          select ${target.fundId}, id, ${target.statementId}, ${target.accountId}, ${target.regionCode}, file_line, booking_date, value_date, amount, reference,
                 counterparty_name, counterparty_account, description, bank_transaction_id, dedupe_key
            from unnest(${lineIds}::bigint[], ${l.map((x) => x.fileLine)}::int[], ${l.map((x) => x.bookingDate)}::date[],
                        ${l.map((x) => x.valueDate)}::date[], ${l.map((x) => x.amount.toString())}::bigint[], ${l.map((x) => x.reference)}::text[],
                        ${l.map((x) => x.counterpartyName)}::text[], ${l.map((x) => x.counterpartyAccount)}::text[], ${l.map((x) => x.description)}::text[],
                        ${l.map((x) => x.bankTransactionId)}::text[], ${keys}::text[])
                 as t(id, file_line, booking_date, value_date, amount, reference, counterparty_name, counterparty_account, description, bank_transaction_id, dedupe_key)
          on conflict (fund_id, account_id, dedupe_key) do nothing`.execute(tx);
}

/** The account's bank lines booked up to `until` (every one when null), each with its active match if any. */
export async function bankLinesWithMatches(tx: Tx, fundId: bigint, accountId: bigint, until: string | null) {
  const { rows } = await sql<{ id: bigint; booking_date: string; amount: bigint; reference: string | null; description: string | null; counterparty_name: string | null; match_id: bigint | null }>`
    select b.id, b.booking_date, b.amount, b.reference, coalesce(b.description, b.counterparty_name) as description, b.counterparty_name, m.match_id
      from bank_statement_line b
      left join bank_match_member m on m.fund_id = b.fund_id and m.bank_line_id = b.id and m.active
     where b.fund_id = ${fundId} and b.account_id = ${accountId} and (${until}::date is null or b.booking_date <= ${until}::date)
     order by b.booking_date, b.id`.execute(tx);
  return rows;
}

/** The account's ledger lines dated from `ledgerFrom` to `until` (open ends when null), each with its active match if any. */
export async function ledgerLinesWithMatches(tx: Tx, fundId: bigint, accountId: bigint, ledgerFrom: string | null, until: string | null) {
  const { rows } = await sql<{ entry_id: bigint; period: string; voucher_number: number; line_number: number; value_date: string; amount: bigint; reference: string | null; memo: string | null; match_id: bigint | null }>`
    select l.entry_id, e.period, e.voucher_number, l.line_number, l.value_date, l.debit - l.credit as amount, coalesce(l.reference, e.source_id) as reference,
           coalesce(l.memo, e.memo) as memo, m.match_id
      from accounting_entry_line l
      join accounting_entry e on e.fund_id = l.fund_id and e.id = l.entry_id
      left join bank_match_member m on m.fund_id = l.fund_id and m.entry_id = l.entry_id and m.line_number = l.line_number and m.active
     where l.fund_id = ${fundId} and l.account_id = ${accountId}
       and (${ledgerFrom}::date is null or l.value_date >= ${ledgerFrom}::date) and (${until}::date is null or l.value_date <= ${until}::date)
     order by l.value_date, l.entry_id, l.line_number`.execute(tx);
  return rows;
}

/** The first day any statement of the account covers (null before the first import). */
export async function firstStatementDate(tx: Tx, fundId: bigint, accountId: bigint): Promise<string | null> {
  const row = await tx.selectFrom('bank_statement').select((eb) => eb.fn.min('from_date').as('start')).where('fund_id', '=', fundId).where('account_id', '=', accountId).executeTakeFirst();
  return (row?.start as string | null) ?? null;
}

export const insertMatch = (tx: Tx, match: Insertable<Tables['bank_match']>) => tx.insertInto('bank_match').values(match).execute();

export const insertMatchMembers = (tx: Tx, members: Insertable<Tables['bank_match_member']>[]) => tx.insertInto('bank_match_member').values(members).execute();

export const findMatchOfAccount = (tx: Tx, fundId: bigint, accountId: bigint, matchId: bigint) =>
  tx.selectFrom('bank_match').selectAll().where('fund_id', '=', fundId).where('id', '=', matchId).where('account_id', '=', accountId).executeTakeFirst();

export const markMatchUndone = (tx: Tx, fundId: bigint, matchId: bigint, undoneAt: Date, undoneBy: string) =>
  tx.updateTable('bank_match').set({ undone_at: undoneAt, undone_by: undoneBy }).where('fund_id', '=', fundId).where('id', '=', matchId).execute();

export const deactivateMatchMembers = (tx: Tx, fundId: bigint, matchId: bigint) =>
  tx.updateTable('bank_match_member').set({ active: false }).where('fund_id', '=', fundId).where('match_id', '=', matchId).execute();

/** The account's statements' dates and balances, in the order they end. */
export const statementBalancesOfAccount = (tx: Tx, fundId: bigint, accountId: bigint) =>
  tx.selectFrom('bank_statement').select(['from_date', 'to_date', 'opening_balance', 'closing_balance'])
    .where('fund_id', '=', fundId).where('account_id', '=', accountId).orderBy('to_date').orderBy('id').execute();

/** The sum of the account's bank lines booked after `after` (on it too when `inclusive`) up to `date`; null when none. */
export async function bankLinesTotal(tx: Tx, fundId: bigint, accountId: bigint, date: string, after: string, inclusive: boolean): Promise<bigint | null> {
  const { rows: [row] } = await sql<{ total: bigint | null }>`
    select sum(amount)::bigint as total from bank_statement_line
     where fund_id = ${fundId} and account_id = ${accountId} and booking_date <= ${date}::date
       and (booking_date > ${after}::date or (${inclusive} and booking_date = ${after}::date))`.execute(tx);
  return row.total;
}

/** Has the account any balance row (did it ever move)? */
export const accountHasMoved = async (tx: Tx, fundId: bigint, accountId: bigint): Promise<boolean> =>
  !!(await tx.selectFrom('account_balance').select('period').where('fund_id', '=', fundId).where('account_id', '=', accountId).limit(1).executeTakeFirst());

/** The account's matches not undone, newest first (at most 500). */
export const activeMatchesOfAccount = (tx: Tx, fundId: bigint, accountId: bigint) =>
  tx.selectFrom('bank_match').select(['id', 'method', 'rule', 'created_at', 'created_by'])
    .where('fund_id', '=', fundId).where('account_id', '=', accountId).where('undone_at', 'is', null).orderBy('id', 'desc').limit(500).execute();

/** The statements imported for a bank account (the caller orders and pages them). */
export const statementsQuery = (tx: Tx, fundId: bigint, accountId: bigint) =>
  tx.selectFrom('bank_statement').selectAll().where('fund_id', '=', fundId).where('account_id', '=', accountId);
