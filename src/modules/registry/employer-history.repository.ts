/** Typed SQL of the employer's dated facts (单位登记事项变更). Runs in the caller's scoped transaction. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { Tables } from '../../platform/database.ts';
import type { employerTypes } from './registry.tables.ts';
import './employer-history.tables.ts';

export type EmployerType = (typeof employerTypes)[number];

export const insertFacts = (tx: Tx, row: Insertable<Tables['employer_fact_history']>) =>
  tx.insertInto('employer_fact_history').values(row).execute();

/** The facts in force on `date` (the registration's for a day before it): migrations/0026 employer_facts_row. */
export async function factsOn(tx: Tx, employerId: bigint, date: string) {
  const { rows } = await sql<{ valid_from: string; employer_type: string; region_code: string; work_injury_class: number | null; work_injury_float: string }>`
    select valid_from::text as valid_from, employer_type, region_code, work_injury_class, work_injury_float::text as work_injury_float
    from employer_facts_row(${employerId}, ${date}::date)`.execute(tx);
  return rows[0];
}

/** The days after `day` on which a fact set takes effect, in order. */
export const laterFactDays = async (tx: Tx, employerId: bigint, day: string) =>
  (await tx.selectFrom('employer_fact_history').select(sql<string>`valid_from::text`.as('day')).distinct()
    .where('employer_id', '=', employerId).where('valid_from', '>', day).orderBy('day').execute()).map((row) => row.day);

/** The first row: the registration. */
export const registrationDay = async (tx: Tx, employerId: bigint) =>
  (await tx.selectFrom('employer_fact_history').select(sql<string>`min(valid_from)::text`.as('day')).where('employer_id', '=', employerId).executeTakeFirst())?.day ?? null;

/** Sets the employer's current facts (the employer row is today's facts; the trigger of migrations/0026 finds them recorded). */
export const setCurrentFacts = (tx: Tx, employerId: bigint, facts: { employer_type: EmployerType; region_code: string; work_injury_class: number | null; work_injury_float: string }) =>
  tx.updateTable('employer').set({ ...facts, updated_at: sql`now()` }).where('id', '=', employerId).execute();

/** Every row, the newest fact first (by day, then as recorded). */
export const factHistory = (tx: Tx, employerId: bigint) =>
  tx.selectFrom('employer_fact_history')
    .select(['id', sql<string>`valid_from::text`.as('valid_from'), 'employer_type', 'region_code', 'work_injury_class', sql<string>`work_injury_float::text`.as('work_injury_float'), 'changed_by', 'reason', 'recorded_at'])
    .where('employer_id', '=', employerId).orderBy('valid_from', 'desc').orderBy('id', 'desc').execute();

export const regionExists = async (tx: Tx, code: string) => Boolean(await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
