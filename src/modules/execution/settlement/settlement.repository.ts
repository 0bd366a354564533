/**
 * Typed SQL of the year-end settlement: the movements of a fund's 支出户 (expense_bank) in a year, sorted by whether the
 * entry has the fund's 财政专户 (special_bank) on its other side (the ledger's entry lines, migrations/0004_ledger.sql;
 * the balance before the year from account_balance), and the settlements (migrations/0059_year_end_settlement.sql).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './settlement.tables.ts';

export type SettlementRow = Awaited<ReturnType<typeof settlementsOf>>[number];

/** The codes of a fund's 支出户 and 财政专户 accounts (the settling transfer's two lines). */
export async function bankAccountsOf(tx: Tx, fundId: bigint): Promise<{ expenseBank: string; specialBank: string } | undefined> {
  const rows = await tx.selectFrom('fund_account').select(['role', 'code']).where('fund_id', '=', fundId).where('role', 'in', ['expense_bank', 'special_bank']).execute();
  const expenseBank = rows.find((row) => row.role === 'expense_bank')?.code, specialBank = rows.find((row) => row.role === 'special_bank')?.code;
  return expenseBank && specialBank ? { expenseBank, specialBank } : undefined;
}

/** A 支出户's year, fen: its balance before the year, its debits and credits with and without the 财政专户 opposite. */
export interface ExpenseAccountYear {
  opening: bigint; fromSpecial: bigint; otherDebits: bigint; toSpecial: bigint; otherCredits: bigint;
}

/** The fund's 支出户 in the periods of `year` (January to December), and its balance before them. */
export async function expenseAccountYear(tx: Tx, fundId: bigint, year: number): Promise<ExpenseAccountYear> {
  const from = `${year}-01`, to = `${year}-12`;
  const { rows: [row] } = await sql<{ opening: string; from_special: string; other_debits: string; to_special: string; other_credits: string }>`
    with bank as (
      select id, role from fund_account where fund_id = ${fundId} and role in ('expense_bank', 'special_bank')
    ), year_lines as (
      select line.entry_id, line.debit, line.credit,
             exists (select 1 from accounting_entry_line other
                      where other.fund_id = line.fund_id and other.entry_id = line.entry_id
                        and other.account_id = (select id from bank where role = 'special_bank')) as with_special
        from accounting_entry_line line
       where line.fund_id = ${fundId} and line.account_id = (select id from bank where role = 'expense_bank')
         and line.period between ${from} and ${to}
    )
    select (select coalesce(sum(balance.debit - balance.credit), 0) from account_balance balance
             where balance.fund_id = ${fundId} and balance.account_id = (select id from bank where role = 'expense_bank') and balance.period < ${from}) as opening,
           coalesce(sum(debit) filter (where with_special), 0) as from_special,
           coalesce(sum(debit) filter (where not with_special), 0) as other_debits,
           coalesce(sum(credit) filter (where with_special), 0) as to_special,
           coalesce(sum(credit) filter (where not with_special), 0) as other_credits
      from year_lines`.execute(tx);
  return {
    opening: BigInt(row.opening), fromSpecial: BigInt(row.from_special), otherDebits: BigInt(row.other_debits),
    toSpecial: BigInt(row.to_special), otherCredits: BigInt(row.other_credits),
  };
}

export const settlementsOf = (tx: Tx, funds: string[], year: number) => (funds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('year_end_settlement').selectAll().where('fund', 'in', funds).where('year', '=', year).orderBy('fund').execute());

export const insertSettlement = (tx: Tx, row: {
  id: bigint; region_code: string; fund: string; year: number; opening_balance: bigint; transferred: bigint; other_receipts: bigint; paid: bigint;
  returned_in_year: bigint; closing_balance: bigint; current_balance: bigint; committed: bigint; returned: bigint; entry_id: bigint | null; settled_on: string;
  approval_item_id: bigint; submitted_by: string; approved_by: string;
}) => tx.insertInto('year_end_settlement').values(row).execute();
