/**
 * The projection's starting point from the registry and the pension awards (typed SQL only). Reads other modules'
 * tables without writing them: the budget is a reader of the whole system's facts.
 */
import { sql, type Insertable } from 'kysely';
import type { Tables } from '../../../platform/database.ts';
import './projection.tables.ts';
import type { Tx } from '../../../platform/actor.ts';

/** Every pension pooling region (统筹地区). */
export async function pensionPoolingRegions(tx: Tx): Promise<string[]> {
  const rows = await tx.selectFrom('pooling_region').select('region_code').where('insurance', '=', 'pension').orderBy('region_code').execute();
  return rows.map((row) => row.region_code);
}

/**
 * 在职参保缴费人员 of the enterprise scheme in a pool on a day: persons with a pension enrollment in force under the
 * region prefix, in a job not yet ended, at an employer outside the public-institution scheme (国发〔2015〕2号), and
 * without a live pension award; once each (one pension relationship per person), as a SQL fragment of person ids.
 */
const contributorIds = (regionPrefix: string, asOf: string, publicEmployerTypes: readonly string[]) => sql`
  select distinct e.person_id as id
  from enrollment e
  join employment m on m.employer_id = e.employer_id and m.id = e.employment_id
  join employer em on em.id = e.employer_id
  where e.insurance = 'pension' and e.region_code like ${`${regionPrefix}%`}
    and e.valid_from <= ${asOf}::date and (e.valid_to is null or e.valid_to >= ${asOf}::date)
    and (m.separated_on is null or m.separated_on >= ${asOf}::date)
    and em.employer_type <> all(${[...publicEmployerTypes]}::text[])
    and not exists (select 1 from pension_award a where a.person_id = e.person_id and a.status <> 'stopped')`;

export interface ContributorRow { gender: 'M' | 'F'; occupation: string | null; birth_year: number; count: number }

/** The contributors by sex, occupation (which decides a woman's retirement age) and birth year. */
export async function contributorsByCohort(tx: Tx, regionPrefix: string, asOf: string, publicEmployerTypes: readonly string[]): Promise<ContributorRow[]> {
  const { rows } = await sql<ContributorRow>`
    select p.gender, p.occupation, extract(year from p.birth_date)::int as birth_year, count(*)::int as count
    from person p join (${contributorIds(regionPrefix, asOf, publicEmployerTypes)}) c on c.id = p.id
    group by 1, 2, 3 order by 3, 1, 2`.execute(tx);
  return rows;
}

/** The latest year, not after `year`, with a base declared by any of the contributors; null when none. */
export async function latestDeclarationYear(tx: Tx, regionPrefix: string, asOf: string, publicEmployerTypes: readonly string[], year: number): Promise<number | null> {
  const { rows } = await sql<{ year: number | null }>`
    select max(d.year)::int as year from base_declaration d join (${contributorIds(regionPrefix, asOf, publicEmployerTypes)}) c on c.id = d.person_id
    where d.year <= ${year}`.execute(tx);
  return rows[0]?.year ?? null;
}

/**
 * The contributors' bases declared for `year` (the latest version; one declaration per person), each clamped to
 * [floor, ceiling] (国办发〔2019〕13号): how many and their sum, in fen.
 */
export async function declaredBases(tx: Tx, regionPrefix: string, asOf: string, publicEmployerTypes: readonly string[], year: number, limits: { floor: bigint; ceiling: bigint }) {
  const { rows } = await sql<{ persons: number; total: string }>`
    with latest as (
      select distinct on (d.person_id) d.monthly_wage
      from base_declaration d join (${contributorIds(regionPrefix, asOf, publicEmployerTypes)}) c on c.id = d.person_id
      where d.year = ${year}
      order by d.person_id, d.version desc, d.monthly_wage desc)
    select count(*)::int as persons, coalesce(sum(least(greatest(monthly_wage, ${limits.floor}::bigint), ${limits.ceiling}::bigint)), 0)::text as total
    from latest`.execute(tx);
  return { persons: rows[0].persons, total: BigInt(rows[0].total) };
}

export interface PensionerRow { gender: 'M' | 'F'; birth_year: number; count: number; monthly_total: string }

/** 离退休人员: the fund's active awards by sex and birth year, with the sum of their monthly amounts in `period`. */
export async function pensionersByCohort(tx: Tx, fundCode: string, period: string): Promise<PensionerRow[]> {
  const { rows } = await sql<PensionerRow>`
    select p.gender, extract(year from p.birth_date)::int as birth_year, count(*)::int as count,
      sum(pension_amount_in(a.person_id, a.id, ${period}))::text as monthly_total
    from pension_award a join person p on p.id = a.person_id
    where a.fund_code = ${fundCode} and a.status = 'active'
    group by 1, 2 order by 2, 1`.execute(tx);
  return rows;
}

/** The pensions the fund awarded from `fromPeriod` on: how many and the sum of their first monthly amounts (fen). */
export async function recentAwards(tx: Tx, fundCode: string, fromPeriod: string) {
  const { rows } = await sql<{ awards: number; total: string }>`
    select count(*)::int as awards, coalesce(sum(monthly_amount), 0)::text as total
    from pension_award where fund_code = ${fundCode} and first_period >= ${fromPeriod}`.execute(tx);
  return { awards: rows[0].awards, total: BigInt(rows[0].total) };
}

// ── a pool's own scenarios (projection-scenarios.service.ts; migrations/0078) ──

/** A pool's active scenarios in the order they were saved (one of them, given its name or id). */
export const activeScenarios = (tx: Tx, pool: string, only: { name?: string; id?: bigint } = {}) => {
  let query = tx.selectFrom('budget_projection_scenario').selectAll().where('region_code', '=', pool).where('status', '=', 'active');
  if (only.name !== undefined) query = query.where('name', '=', only.name);
  if (only.id !== undefined) query = query.where('id', '=', only.id);
  return query.orderBy('created_at').orderBy('id').execute();
};
export type ScenarioRow = Awaited<ReturnType<typeof activeScenarios>>[number];

/** Whether the pool has a scenario of this name, archived ones included (a name is never used twice). */
export const scenarioNameTaken = async (tx: Tx, pool: string, name: string) =>
  (await tx.selectFrom('budget_projection_scenario').select('id').where('region_code', '=', pool).where('name', '=', name).executeTakeFirst()) !== undefined;

export const insertScenario = (tx: Tx, row: Insertable<Tables['budget_projection_scenario']>) => tx.insertInto('budget_projection_scenario').values(row).execute();

export const lockScenario = (tx: Tx, id: bigint) => tx.selectFrom('budget_projection_scenario').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const archiveScenarioRow = (tx: Tx, id: bigint, by: string) =>
  tx.updateTable('budget_projection_scenario').set({ status: 'archived', archived_by: by, archived_at: new Date() }).where('id', '=', id).execute();
