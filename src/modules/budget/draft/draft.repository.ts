/**
 * What a budget draft reads from the fund ledger (read only, typed SQL): the funds of a region and their cash-basis
 * actuals per subject and month, from the ledger's balances per account and period (account_balance), never the journal.
 */
import type { Tx } from '../../../platform/actor.ts';

export interface DraftFundRow { id: bigint; code: string; insurance: string; region_code: string; name: string }

/** The funds whose pooling region lies within the region (its code prefix), by code. */
export const fundsWithin = (tx: Tx, regionPrefix: string): Promise<DraftFundRow[]> =>
  tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name'])
    .where('region_code', 'like', `${regionPrefix}%`).orderBy('code').execute();

export const regionName = (tx: Tx, code: string) => tx.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();

/** The first month each fund has any posting in (its go-live), by fund id. */
export async function firstMonths(tx: Tx, fundIds: bigint[]): Promise<Map<bigint, string>> {
  if (!fundIds.length) return new Map();
  const rows = await tx.selectFrom('account_balance').select(['fund_id', (eb) => eb.fn.min('period').as('first')])
    .where('fund_id', 'in', fundIds).groupBy('fund_id').execute();
  return new Map(rows.map((row) => [row.fund_id, row.first as string]));
}

export interface MovementRow { fund_id: bigint; role: 'revenue' | 'expense' | 'fund_balance'; subject: string | null; period: string; debit: bigint; credit: bigint }

/** Debits and credits of the funds' revenue, expense and 基金结余 accounts per subject and month, up to `lastMonth`. */
export async function nominalMovements(tx: Tx, fundIds: bigint[], lastMonth: string): Promise<MovementRow[]> {
  if (!fundIds.length) return [];
  const rows = await tx.selectFrom('account_balance as balance')
    .innerJoin('fund_account as account', (join) => join.onRef('account.fund_id', '=', 'balance.fund_id').onRef('account.id', '=', 'balance.account_id'))
    .select(['balance.fund_id', 'account.role', 'account.subject', 'balance.period', (eb) => eb.fn.sum<string>('balance.debit').as('debit'), (eb) => eb.fn.sum<string>('balance.credit').as('credit')])
    .where('balance.fund_id', 'in', fundIds).where('balance.period', '<=', lastMonth).where('account.role', 'in', ['revenue', 'expense', 'fund_balance'])
    .groupBy(['balance.fund_id', 'account.role', 'account.subject', 'balance.period']).execute();
  return rows.map((row) => ({ ...row, role: row.role as MovementRow['role'], debit: BigInt(row.debit), credit: BigInt(row.credit) }));
}
