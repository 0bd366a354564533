/**
 * Typed SQL of the bulk import: look-ups of what the file refers to or would duplicate, and set-based inserts (unnest
 * of arrays, one chunk per call). Every function runs in the caller's scoped transaction (row-level security applies).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { EmployerInput, PersonInput } from '../registry.validate.ts';

export const regionCodes = (tx: Tx) => tx.selectFrom('region').select('code').execute();

/** Which of the ID numbers are registered already, in any region (a security-definer function sees past the scope). */
export async function registeredIdNumbers(tx: Tx, idNumbers: string[]) {
  const { rows } = await sql<{ id_number: string }>`select registered_id_numbers(${idNumbers}::text[]) as id_number`.execute(tx);
  return rows;
}

/** Which of the credit codes are registered already, in any region. */
export async function registeredCreditCodes(tx: Tx, creditCodes: string[]) {
  const { rows } = await sql<{ code: string }>`select registered_credit_codes(${creditCodes}::text[]) as code`.execute(tx);
  return rows;
}

export async function insertPersons(tx: Tx, ids: string[], chunk: (PersonInput & { regionCode: string })[]): Promise<void> {
  await sql`insert into person (id, id_number, name, gender, birth_date, hukou_type, occupation, phone, region_code)
      select * from unnest(${ids}::bigint[], ${chunk.map((p) => p.idNumber)}::text[],
        ${chunk.map((p) => p.name)}::text[], ${chunk.map((p) => p.gender)}::text[], ${chunk.map((p) => p.birthDate)}::date[],
        ${chunk.map((p) => p.hukouType ?? null)}::text[], ${chunk.map((p) => p.occupation ?? null)}::text[], ${chunk.map((p) => p.phone ?? null)}::text[],
        ${chunk.map((p) => p.regionCode)}::text[])`.execute(tx);
}

export async function insertEmployers(tx: Tx, ids: string[], chunk: (EmployerInput & { regionCode: string })[]): Promise<void> {
  await sql`insert into employer (id, credit_code, name, region_code, industry_code, work_injury_class, employer_type)
      select * from unnest(${ids}::bigint[], ${chunk.map((e) => e.creditCode)}::text[],
        ${chunk.map((e) => e.name)}::text[], ${chunk.map((e) => e.regionCode)}::text[], ${chunk.map((e) => e.industryCode ?? null)}::text[],
        ${chunk.map((e) => e.workInjuryClass ?? null)}::smallint[], ${chunk.map((e) => e.employerType ?? 'enterprise')}::text[])`.execute(tx);
}

export const employersByCreditCodes = (tx: Tx, creditCodes: string[]) =>
  tx.selectFrom('employer').select(['id', 'credit_code', 'name', 'region_code', 'work_injury_class', 'industry_code']).where('credit_code', 'in', creditCodes).execute();

export const personsByIdNumbers = (tx: Tx, idNumbers: string[]) =>
  tx.selectFrom('person').select(['id', 'id_number', 'birth_date']).where('id_number', 'in', idNumbers).execute();

/** The open employments among the (employer, person) pairs. */
export async function openEmploymentsAmong(tx: Tx, pairs: { employerId: bigint; personId: bigint }[]) {
  const { rows } = await sql<{ employer_id: bigint; person_id: bigint }>`select employer_id, person_id from employment
      where separated_on is null and (employer_id, person_id) in (select * from unnest(${pairs.map((g) => g.employerId.toString())}::bigint[], ${pairs.map((g) => g.personId.toString())}::bigint[]))`.execute(tx);
  return rows;
}

interface NewEmployment { employerId: bigint; employmentId: bigint; personId: bigint; regionCode: string; hiredOn: string }

export async function insertEmployments(tx: Tx, chunk: NewEmployment[]): Promise<void> {
  await sql`insert into employment (employer_id, id, person_id, region_code, hired_on)
      select * from unnest(${chunk.map((g) => g.employerId.toString())}::bigint[], ${chunk.map((g) => g.employmentId.toString())}::bigint[],
        ${chunk.map((g) => g.personId.toString())}::bigint[], ${chunk.map((g) => g.regionCode)}::text[], ${chunk.map((g) => g.hiredOn)}::date[])`.execute(tx);
}

/** Enrollments from the hire date, one per (employment, insurance). */
export async function insertEnrollments(tx: Tx, enrollments: { g: NewEmployment; insurance: string; id: bigint }[]): Promise<void> {
  await sql`insert into enrollment (employer_id, id, employment_id, person_id, insurance, region_code, valid_from)
      select * from unnest(${enrollments.map((e) => e.g.employerId.toString())}::bigint[], ${enrollments.map((e) => e.id.toString())}::bigint[],
        ${enrollments.map((e) => e.g.employmentId.toString())}::bigint[], ${enrollments.map((e) => e.g.personId.toString())}::bigint[],
        ${enrollments.map((e) => e.insurance)}::text[], ${enrollments.map((e) => e.g.regionCode)}::text[], ${enrollments.map((e) => e.g.hiredOn)}::date[])`.execute(tx);
}

/** First-year base declarations (version 1) of the hire year, declared by `declaredBy`. */
export async function insertBaseDeclarations(tx: Tx, declaredBy: bigint | null, bases: { g: NewEmployment & { monthlyWage?: bigint }; id: bigint }[]): Promise<void> {
  await sql`insert into base_declaration (employer_id, id, person_id, region_code, year, monthly_wage, declared_by)
        select e, i, p, r, y, w, ${declaredBy} from unnest(${bases.map((b) => b.g.employerId.toString())}::bigint[], ${bases.map((b) => b.id.toString())}::bigint[],
          ${bases.map((b) => b.g.personId.toString())}::bigint[], ${bases.map((b) => b.g.regionCode)}::text[], ${bases.map((b) => Number(b.g.hiredOn.slice(0, 4)))}::smallint[],
          ${bases.map((b) => b.g.monthlyWage!.toString())}::bigint[]) as t(e, i, p, r, y, w)`.execute(tx);
}
