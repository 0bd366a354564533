/** Typed SQL of arrears: bills with their per-insurance totals and allocations, and the employers behind them. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Insurance } from '../../registry/index.ts';
import { netCreditNotes, type AllocatedPart, type BillState } from './arrears.calc.ts';

export interface BillStateFilter {
  employerId?: bigint;
  /** Several employers at once (a collection file's payers). */
  employerIds?: readonly bigint[];
  /** Region subtree of the bills (scope prefix, '' for all). */
  regionPrefix?: string;
  /**
   * The report as it stood on this day: bills of periods up to its month and allocations dated on or before it; a
   * reassessment's bills (supplementary bills and credit notes) only when issued by the end of the day in China, so
   * a past report reproduces after a later reassessment. A period's regular bill counts by its period, as history
   * loaded after the fact (the demo city, a takeover) bills past periods today.
   */
  asOf?: string;
}

interface BillStateRow {
  employer_id: bigint; id: bigint; number: string; kind: string; period: string; due_date: string; region_code: string;
  items: { insurance: Insurance; fund: string; employer: string; employee: string }[];
  allocations: { insurance: Insurance; part: AllocatedPart; amount: string; date: string }[];
}

/**
 * Bills that may still owe something: not paid in full by their due date (a bill paid in full on time owes no
 * principal and no late fee and is skipped), with their items and principal and late-fee allocations.
 */
export async function billsNotPaidOnTime(tx: Tx, filter: BillStateFilter): Promise<BillState[]> {
  const asOf = filter.asOf ?? null;
  const employers = filter.employerIds ?? (filter.employerId === undefined ? null : [filter.employerId]);
  // the first instant of the next day in China (policy dates are Beijing dates)
  const endOfDay = sql`((${asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const rows = (await sql<BillStateRow>`
    select b.employer_id, b.id, b.number, b.kind, b.period, b.due_date::text as due_date, b.region_code,
      (select json_agg(json_build_object('insurance', i.insurance, 'fund', i.fund_code, 'employer', i.employer_amount::text, 'employee', i.employee_amount::text) order by i.insurance)
         from bill_item i where i.employer_id = b.employer_id and i.bill_id = b.id) as items,
      (select coalesce(json_agg(json_build_object('insurance', a.insurance, 'part', a.part, 'amount', a.amount::text, 'date', a.allocated_on::text) order by a.allocated_on, a.id), '[]')
         from payment_allocation a where a.employer_id = b.employer_id and a.bill_id = b.id and (${asOf}::date is null or a.allocated_on <= ${asOf}::date)) as allocations
    from bill b
    where (${employers}::bigint[] is null or b.employer_id = any(${employers}::bigint[]))
      and b.region_code like ${filter.regionPrefix ?? ''} || '%'
      and (${asOf}::date is null or (b.period <= to_char(${asOf}::date, 'YYYY-MM') and (b.kind = 'regular' or b.issued_at < ${endOfDay})))
      and (b.kind = 'credit_note' or b.total > (select coalesce(sum(a.amount), 0) from payment_allocation a
                     where a.employer_id = b.employer_id and a.bill_id = b.id and a.part in ('employee', 'employer')
                       and a.allocated_on <= b.due_date and (${asOf}::date is null or a.allocated_on <= ${asOf}::date)))
    order by b.employer_id, b.period, b.number`.execute(tx)).rows;
  return netCreditNotes(rows.map((row) => ({
    employerId: row.employer_id, billId: row.id, number: row.number, kind: row.kind, period: row.period, dueDate: row.due_date, regionCode: row.region_code,
    items: (row.items ?? []).map((i) => ({ insurance: i.insurance, fund: i.fund, employerAmount: BigInt(i.employer), employeeAmount: BigInt(i.employee) })),
    allocations: row.allocations.map((a) => ({ insurance: a.insurance, part: a.part, amount: BigInt(a.amount), date: a.date })),
  })));
}

/**
 * 滞纳金减免 granted (late_fee_waiver, written by the final approval of its sign-off), per employer: the day it is
 * dated and the amount (fen), oldest first; for one employer or a region subtree.
 */
export interface Waiver { asOf: string; amount: bigint }

export async function lateFeeWaivers(tx: Tx, filter: { employerId?: bigint; employerIds?: readonly bigint[]; regionPrefix?: string }): Promise<Map<bigint, Waiver[]>> {
  const employers = filter.employerIds ?? (filter.employerId === undefined ? null : [filter.employerId]);
  const rows = (await sql<{ employer_id: bigint; as_of: string; amount: bigint }>`
    select employer_id, as_of::text as as_of, amount from late_fee_waiver
    where (${employers}::bigint[] is null or employer_id = any(${employers}::bigint[]))
      and region_code like ${filter.regionPrefix ?? ''} || '%'
    order by employer_id, as_of, id`.execute(tx)).rows;
  const waivers = new Map<bigint, Waiver[]>();
  for (const row of rows) waivers.set(row.employer_id, [...(waivers.get(row.employer_id) ?? []), { asOf: row.as_of, amount: BigInt(row.amount) }]);
  return waivers;
}

/** What an employer's waivers dated up to `day` take off its late fees (fen). */
export const waivedBy = (waivers: Waiver[] | undefined, day: string): bigint =>
  (waivers ?? []).reduce((sum, waiver) => (waiver.asOf <= day ? sum + waiver.amount : sum), 0n);

export interface EmployerRow { id: bigint; credit_code: string; name: string; region_code: string }

export async function employersByIds(tx: Tx, ids: bigint[]): Promise<Map<bigint, EmployerRow>> {
  if (!ids.length) return new Map();
  const rows = await tx.selectFrom('employer').select(['id', 'credit_code', 'name', 'region_code']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function employersByCreditCodes(tx: Tx, codes: string[]): Promise<EmployerRow[]> {
  if (!codes.length) return [];
  return tx.selectFrom('employer').select(['id', 'credit_code', 'name', 'region_code']).where('credit_code', 'in', codes).execute();
}

export async function employerByCreditCode(tx: Tx, creditCode: string): Promise<EmployerRow | undefined> {
  return tx.selectFrom('employer').select(['id', 'credit_code', 'name', 'region_code']).where('credit_code', '=', creditCode).executeTakeFirst();
}
