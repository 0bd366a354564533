/** Typed SQL of the monthly reconciliation of collection business records against the fund ledger. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { OTHER_INCOME_ACCOUNT, PREMIUM_REVENUE_ACCOUNT, SUSPENSE_RECEIPTS_ACCOUNT } from '../fund-accounts.ts';

/** The funds the transaction's scope holds whole (their region inside the scope), by code. */
export async function fundsInScope(tx: Tx, regionPrefix: string): Promise<{ code: string; name: string }[]> {
  return (await sql<{ code: string; name: string }>`
    select code, name from fund where region_code like ${regionPrefix} || '%' order by code`.execute(tx)).rows;
}

/**
 * What the business records say each fund collected in a month (fen): the bill parts paid and the 暂收款 taken in
 * or drawn (credit rows), by the day their money was booked (booked_on; allocated_on for rows written before
 * migration 0027), reversals included.
 */
export async function collectedPerFund(tx: Tx, from: string, to: string): Promise<Map<string, bigint>> {
  const rows = (await sql<{ fund_code: string; amount: string }>`
    select fund_code, sum(amount)::text as amount from payment_allocation
    where fund_code is not null and coalesce(booked_on, allocated_on) between ${from}::date and ${to}::date
    group by fund_code`.execute(tx)).rows;
  return new Map(rows.map((row) => [row.fund_code, BigInt(row.amount)]));
}

/**
 * What the ledger booked from payments in a month (fen), per fund: the net credit of 社会保险费收入, 其他收入 and
 * 暂收款 in the entries a payment or a refund caused and in their reversals.
 */
export async function bookedPerFund(tx: Tx, period: string): Promise<Map<string, bigint>> {
  const rows = (await sql<{ code: string; amount: string }>`
    select f.code, sum(l.credit - l.debit)::text as amount
    from accounting_entry e
      join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id
      join fund_account a on a.fund_id = l.fund_id and a.id = l.account_id
      join fund f on f.id = e.fund_id
    where e.period = ${period} and a.code in (${PREMIUM_REVENUE_ACCOUNT}, ${OTHER_INCOME_ACCOUNT}, ${SUSPENSE_RECEIPTS_ACCOUNT})
      and (e.source_type in ('payment', 'refund') or exists (select 1 from accounting_entry r
        where r.fund_id = e.fund_id and r.id = e.reverses_entry_id and r.source_type = 'payment'))
    group by f.code`.execute(tx)).rows;
  return new Map(rows.map((row) => [row.code, BigInt(row.amount)]));
}
