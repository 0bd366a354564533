/** Typed SQL of 延长缴费 exceptions (pension_extension, migrations/0035_assessed_bases.sql), in the caller's transaction. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import './pension-extension.tables.ts';

/** The person and the first day of the month they reach the statutory retirement age (the same SQL rule billing uses). */
export async function personWithRetirementMonth(tx: Tx, personId: bigint) {
  const [row] = (await sql<{ id: bigint; name: string; id_number: string; retirement_month: string }>`
    select id, name, id_number, to_char(statutory_retirement_month(birth_date, gender, occupation), 'YYYY-MM') as retirement_month
    from person where id = ${personId}`.execute(tx)).rows;
  return row;
}

export const personIdByIdNumber = async (tx: Tx, idNumber: string) =>
  (await tx.selectFrom('person').select('id').where('id_number', '=', idNumber).executeTakeFirst())?.id;

/** The person's pension enrollments covering `day` (and their employment), optionally at one employer (credit code). */
export async function pensionEnrollmentsOn(tx: Tx, personId: bigint, day: string, creditCode?: string) {
  return (await sql<{ employer_id: bigint; id: bigint; region_code: string; credit_code: string; employer_name: string }>`
    select n.employer_id, n.id, n.region_code, e.credit_code, e.name as employer_name
    from enrollment n join employment m on m.employer_id = n.employer_id and m.id = n.employment_id join employer e on e.id = n.employer_id
    where n.person_id = ${personId} and n.insurance = 'pension' and n.valid_from <= ${day}::date and (n.valid_to is null or n.valid_to >= ${day}::date)
      and (m.separated_on is null or m.separated_on >= ${day}::date)
      ${creditCode ? sql`and e.credit_code = ${creditCode}` : sql``}
    order by m.hired_on, n.id`.execute(tx)).rows;
}

/** An exception on the enrollment that overlaps [from, to] (to null: open). */
export const overlappingExtension = (tx: Tx, employerId: bigint, enrollmentId: bigint, from: string, to: string | null) =>
  tx.selectFrom('pension_extension').select(['valid_from', 'valid_to'])
    .where('employer_id', '=', employerId).where('enrollment_id', '=', enrollmentId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]))
    .$if(to !== null, (q) => q.where('valid_from', '<=', to!))
    .executeTakeFirst();

export const insertExtension = (tx: Tx, row: Insertable<Tables['pension_extension']>) =>
  tx.insertInto('pension_extension').values(row).returningAll().executeTakeFirstOrThrow();

/** A person's exceptions with their employer, newest first. */
export const extensionsOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('pension_extension as x').innerJoin('employer as e', 'e.id', 'x.employer_id')
    .select(['x.id', 'x.employer_id', 'x.enrollment_id', 'x.person_id', 'x.valid_from', 'x.valid_to', 'x.reason', 'x.granted_by', 'x.granted_at', 'e.credit_code', 'e.name as employer_name'])
    .where('x.person_id', '=', personId).orderBy('x.valid_from', 'desc').execute();
