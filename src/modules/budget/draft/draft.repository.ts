/**
 * What a budget draft reads from the fund ledger (read only, typed SQL): the funds of a region and their cash-basis
 * actuals per subject and month, from the ledger's balances per account and period (account_balance), never the journal;
 * and the drivers of its actuarial lines from the bills and the benefit tables, one set-based query per driver for
 * every fund of the draft.
 */
import { sql } from 'kysely';
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

/** A driver of one fund and month: how many persons, and the sum of their amounts (fen). */
export interface DriverRow { fund_code: string; period: string; persons: number; total: bigint }

const driverRows = (rows: { fund_code: string; period: string; persons: number; total: string }[]): DriverRow[] =>
  rows.map((row) => ({ ...row, total: BigInt(row.total) }));

/**
 * 缴费人数 and their bases: persons billed in the month (regular bills: the month's contributions as assessed, not a
 * supplementary or credit note for another month) for the fund's insurance (a public institution's pension lines go
 * to the 机关事业 fund; the medical fund's maternity lines are left out, the same persons), each person once however many employers bill them, with the sum of the bases billed.
 */
export async function contributorsPerMonth(tx: Tx, fundCodes: string[], firstMonth: string, lastMonth: string): Promise<DriverRow[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; period: string; persons: number; total: string }>`
    select i.fund_code, b.period, count(distinct l.person_id)::int as persons, sum(l.base)::text as total
    from bill b
    join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
    join fund f on f.code = i.fund_code
    join bill_line l on l.employer_id = i.employer_id and l.bill_id = i.bill_id and l.insurance = i.insurance
    where b.kind = 'regular' and b.period between ${firstMonth} and ${lastMonth} and i.fund_code = any(${fundCodes}::text[])
      and (i.insurance <> 'maternity' or f.insurance = 'maternity')
    group by 1, 2`.execute(tx);
  return driverRows(rows);
}

/**
 * 领取养老金人数 and what they were paid: the persons of the fund's pension payroll of the month (computed or further on),
 * less the lines the bank returned (not paid; a line paid on a later attempt is 'paid' again).
 */
export async function pensionersPerMonth(tx: Tx, fundCodes: string[], firstMonth: string, lastMonth: string): Promise<DriverRow[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; period: string; persons: number; total: string }>`
    select b.fund_code, b.period, count(distinct l.person_id)::int as persons, sum(l.amount)::text as total
    from payroll_batch b join payroll_line l on l.batch_id = b.id
    where b.status <> 'computing' and l.status <> 'returned' and b.period between ${firstMonth} and ${lastMonth} and b.fund_code = any(${fundCodes}::text[])
    group by 1, 2`.execute(tx);
  return driverRows(rows);
}

/** 领取失业保险金人数 and their 失业保险金: the unemployment claims' months recorded as paid, per paying fund. */
export async function unemploymentClaimantsPerMonth(tx: Tx, fundCodes: string[], firstMonth: string, lastMonth: string): Promise<DriverRow[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; period: string; persons: number; total: string }>`
    select c.fund_code, m.period, count(distinct m.person_id)::int as persons, sum(m.benefit_amount)::text as total
    from benefit_claim_month m join benefit_claim c on c.person_id = m.person_id and c.id = m.claim_id
    where c.kind = 'unemployment' and m.period between ${firstMonth} and ${lastMonth} and c.fund_code = any(${fundCodes}::text[])
    group by 1, 2`.execute(tx);
  return driverRows(rows);
}
