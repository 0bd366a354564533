/**
 * Typed SQL of the monthly analysis: the drivers the data holds behind a fund's income and expense — the persons
 * billed and their bases (bill lines of the month's regular and supplementary bills, migrations/0005_billing.sql) and
 * the pensioners paid and their amounts (payroll lines of the fund's batch of the month, migrations/0032_pension_payroll.sql),
 * the unemployed paid and their benefit (the month's unemployment benefit of each claim, migrations/0041_benefit_claims.sql).
 * Read-only; the row-level security of both tables keeps them to the actor's scope.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

/** Of one fund in a month: distinct persons billed, their lines, and the sum of their bases (fen). */
export interface ContributorCount { fund_code: string; persons: number; lines: number; base_total: bigint }

/**
 * Persons billed to each fund in the month (a bill item names the fund its insurance's money goes to; maternity is
 * billed to the medical fund). A credit note only returns money of lines already counted, so it adds no contributor;
 * a person counts once per fund.
 */
export async function contributorsInMonth(tx: Tx, fundCodes: string[], period: string): Promise<ContributorCount[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; persons: string; lines: string; base_total: string }>`
    select item.fund_code, count(distinct line.person_id) as persons, count(*) as lines, sum(line.base) as base_total
      from bill
      join bill_item item on item.employer_id = bill.employer_id and item.bill_id = bill.id
      join bill_line line on line.employer_id = item.employer_id and line.bill_id = item.bill_id and line.insurance = item.insurance
     where bill.period = ${period} and bill.kind <> 'credit_note' and item.fund_code = any(${fundCodes}::text[])
     group by item.fund_code`.execute(tx);
  return rows.map((row) => ({ fund_code: row.fund_code, persons: Number(row.persons), lines: Number(row.lines), base_total: BigInt(row.base_total) }));
}

/** Of one fund's payroll in a month: the pensioners on it and the sum of their amounts (fen). */
export interface PensionerCount { fund_code: string; pensioners: number; amount_total: bigint }

export async function pensionersInMonth(tx: Tx, fundCodes: string[], period: string): Promise<PensionerCount[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; pensioners: string; amount_total: string }>`
    select batch.fund_code, count(distinct line.person_id) as pensioners, sum(line.amount) as amount_total
      from payroll_batch batch
      join payroll_line line on line.batch_id = batch.id
     where batch.fund_code = any(${fundCodes}::text[]) and batch.period = ${period}
     group by batch.fund_code`.execute(tx);
  return rows.map((row) => ({ fund_code: row.fund_code, pensioners: Number(row.pensioners), amount_total: BigInt(row.amount_total) }));
}

/** Of one unemployment fund in a month: the claimants paid their benefit (失业保险金) and its sum (fen). */
export interface ClaimantCount { fund_code: string; claimants: number; amount_total: bigint }

/** The unemployment benefit paid per fund in the month: one row per claim and month (benefit_claim_month), the person counted once. */
export async function claimantsInMonth(tx: Tx, fundCodes: string[], period: string): Promise<ClaimantCount[]> {
  if (!fundCodes.length) return [];
  const { rows } = await sql<{ fund_code: string; claimants: string; amount_total: string }>`
    select claim.fund_code, count(distinct month.person_id) as claimants, sum(month.benefit_amount) as amount_total
      from benefit_claim_month month
      join benefit_claim claim on claim.person_id = month.person_id and claim.id = month.claim_id
     where claim.kind = 'unemployment' and claim.fund_code = any(${fundCodes}::text[]) and month.period = ${period}
     group by claim.fund_code`.execute(tx);
  return rows.map((row) => ({ fund_code: row.fund_code, claimants: Number(row.claimants), amount_total: BigInt(row.amount_total) }));
}
