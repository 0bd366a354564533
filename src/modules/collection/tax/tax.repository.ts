/** Typed SQL of the tax-authority collection model: the assessment lines, the collection rows (tax_collection, migration 0023). */
import { sql, type Generated, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import type { Insurance } from '../../registry/index.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    tax_collection: {
      employer_id: bigint; id: bigint; region_code: string; collected_on: string; period: string; person_id: bigint; id_number: string;
      insurance: Insurance; amount: bigint; tax_voucher: string; payment_key: string; import_id: bigint; line_number: number;
      recorded_by: string; recorded_at: Generated<Date>;
    };
  }
}

export type NewTaxCollection = Insertable<Tables['tax_collection']>;

/** The bills sent to the tax bureau: what the employer owes for the month (credit notes are refunds, not assessments). */
const ASSESSED_KINDS: ('regular' | 'supplementary')[] = ['regular', 'supplementary'];

/** The regions (of the subtree, in the caller's scope) that hold bills of the period. */
export async function billRegionsOfPeriod(tx: Tx, period: string, regionPrefix: string): Promise<string[]> {
  const rows = await tx.selectFrom('bill').select('region_code').distinct()
    .where('period', '=', period).where('kind', 'in', ASSESSED_KINDS).where('region_code', 'like', `${regionPrefix}%`).execute();
  return rows.map((row) => row.region_code).sort();
}

export interface AssessmentLineRow {
  employer_id: bigint; bill_id: bigint; person_id: bigint; insurance: Insurance;
  period: string; credit_code: string; id_number: string; base: bigint; employer_amount: bigint; employee_amount: bigint | null;
}

export type AssessmentCursor = Pick<AssessmentLineRow, 'employer_id' | 'bill_id' | 'person_id' | 'insurance'>;

/** A page of the assessment: the lines of the period's bills in these regions, in key order after `after`. */
export async function assessmentLines(tx: Tx, period: string, regions: string[], after: AssessmentCursor | null, limit: number): Promise<AssessmentLineRow[]> {
  const past = after ? sql`and (l.employer_id, l.bill_id, l.person_id, l.insurance) > (${after.employer_id}, ${after.bill_id}, ${after.person_id}, ${after.insurance})` : sql``;
  return (await sql<AssessmentLineRow>`
    select l.employer_id, l.bill_id, l.person_id, l.insurance, b.period, e.credit_code, p.id_number, l.base, l.employer_amount, l.employee_amount
    from bill b
      join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
      join employer e on e.id = b.employer_id
      join person p on p.id = l.person_id
    where b.period = ${period} and b.kind = any(${ASSESSED_KINDS}::text[]) and b.region_code = any(${regions}::text[]) ${past}
    order by l.employer_id, l.bill_id, l.person_id, l.insurance
    limit ${limit}`.execute(tx)).rows;
}

export interface PersonRow { id: bigint; id_number: string }

export async function personsByIdNumbers(tx: Tx, idNumbers: string[]): Promise<Map<string, PersonRow>> {
  if (!idNumbers.length) return new Map();
  const rows = await tx.selectFrom('person').select(['id', 'id_number']).where(sql<boolean>`id_number = any(${idNumbers}::text[])`).execute();
  return new Map(rows.map((row) => [row.id_number, row]));
}

export interface RecordedCollection {
  tax_voucher: string; id_number: string; insurance: Insurance; credit_code: string; period: string; collected_on: string; amount: bigint;
}

/** The rows recorded before with one of these identities (tax voucher, ID number, insurance). */
export async function recordedCollections(tx: Tx, vouchers: string[]): Promise<RecordedCollection[]> {
  if (!vouchers.length) return [];
  return (await sql<RecordedCollection>`
    select t.tax_voucher, t.id_number, t.insurance, e.credit_code, t.period, t.collected_on, t.amount
    from tax_collection t join employer e on e.id = t.employer_id
    where t.tax_voucher = any(${vouchers}::text[])`.execute(tx)).rows;
}

export async function insertCollections(tx: Tx, rows: NewTaxCollection[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insertInto('tax_collection').values(rows.slice(i, i + 2000)).execute();
}

/** The regular bill of each employer for the period (a payment names it, so its money pays that month first). */
export async function regularBillNumbers(tx: Tx, employerIds: bigint[], period: string): Promise<Map<bigint, string>> {
  if (!employerIds.length) return new Map();
  const rows = await tx.selectFrom('bill').select(['employer_id', 'number'])
    .where(sql<boolean>`employer_id = any(${employerIds}::bigint[])`).where('period', '=', period).where('kind', '=', 'regular').execute();
  return new Map(rows.map((row) => [row.employer_id, row.number]));
}

export interface ReconciliationRow { credit_code: string; id_number: string; insurance: Insurance; assessed: bigint; collected: bigint }

/**
 * Per employer, person and insurance of the period in these regions: what the bills sent to the tax bureau assessed
 * and what the bureau's files collected, where the two differ.
 */
export async function assessedAndCollected(tx: Tx, period: string, regions: string[]): Promise<ReconciliationRow[]> {
  return (await sql<ReconciliationRow>`
    with assessed as (
      select l.employer_id, l.person_id, l.insurance, sum(l.employer_amount + coalesce(l.employee_amount, 0))::bigint as amount
      from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
      where b.period = ${period} and b.kind = any(${ASSESSED_KINDS}::text[]) and b.region_code = any(${regions}::text[])
      group by l.employer_id, l.person_id, l.insurance
    ),
    collected as (
      select employer_id, person_id, insurance, sum(amount)::bigint as amount
      from tax_collection where period = ${period} and region_code = any(${regions}::text[])
      group by employer_id, person_id, insurance
    )
    select e.credit_code, p.id_number, d.insurance, d.assessed, d.collected
    from (
      select employer_id, person_id, insurance, coalesce(a.amount, 0)::bigint as assessed, coalesce(c.amount, 0)::bigint as collected
      from assessed a full join collected c using (employer_id, person_id, insurance)
    ) d join employer e on e.id = d.employer_id join person p on p.id = d.person_id
    where d.assessed <> d.collected
    order by e.credit_code, p.id_number, d.insurance`.execute(tx)).rows;
}
