/** Typed SQL of the duplicate-pension report (重复参保): persons with pension enrollments at several employers. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

export interface DuplicatePensionRow {
  person_id: bigint; id_number: string; name: string; retirement_month: string;
  employer_id: bigint; credit_code: string; employer_name: string; employer_status: string; employment_id: bigint; hired_on: string;
  /** The one billing bills: the earliest employment (hired_on, then id) at an active employer. */
  first_active: boolean;
}

/**
 * Pension enrollments covering their employer region's cut-off day (`cutoffs`, region → date) of persons who have
 * such enrollments at more than one employer, at least one of them in the region subtree `prefix`; by person, then
 * hire. Read through enrollment_pension_person (migration 0022).
 */
export async function duplicatePensionEnrollments(tx: Tx, cutoffs: { region: string; cutoff: string }[], prefix: string): Promise<DuplicatePensionRow[]> {
  const { rows } = await sql<DuplicatePensionRow>`
    with cutoff (region_code, cutoff) as (select * from unnest(${cutoffs.map((c) => c.region)}::text[], ${cutoffs.map((c) => c.cutoff)}::date[])),
    covering as (
      select o.person_id, o.employer_id, m.id as employment_id, m.hired_on, e.credit_code, e.name as employer_name, e.status as employer_status, e.region_code
      from enrollment o
        join employment m on m.employer_id = o.employer_id and m.id = o.employment_id
        join employer e on e.id = o.employer_id
        join cutoff c on c.region_code = e.region_code
      where o.insurance = 'pension' and o.valid_from <= c.cutoff and (o.valid_to is null or o.valid_to >= c.cutoff)
        and m.hired_on <= c.cutoff and (m.separated_on is null or m.separated_on >= c.cutoff)
    ),
    duplicated as (
      select person_id from covering group by person_id
      having count(distinct employer_id) > 1 and bool_or(region_code like ${prefix} || '%')
    )
    select c.person_id, p.id_number, p.name, to_char(statutory_retirement_month(p.birth_date, p.gender, p.occupation), 'YYYY-MM') as retirement_month,
      c.employer_id, c.credit_code, c.employer_name, c.employer_status, c.employment_id, to_char(c.hired_on, 'YYYY-MM-DD') as hired_on,
      c.employer_status = 'active' and row_number() over (partition by c.person_id order by c.employer_status = 'active' desc, c.hired_on, c.employment_id) = 1 as first_active
    from covering c join duplicated d on d.person_id = c.person_id join person p on p.id = c.person_id
    order by p.id_number, c.hired_on, c.employment_id`.execute(tx);
  return rows;
}

/** Every region code (reference data): the cut-off day is a regional parameter. */
export async function regionCodes(tx: Tx): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`select code from region order by code`.execute(tx);
  return rows.map((r) => r.code);
}
