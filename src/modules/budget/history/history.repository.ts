/** Typed SQL of the past final accounts (migration 0064): fund-year versions and their values, append-only. */
import { sql, type Generated } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { HistoryKind } from './history.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    budget_history_year: {
      id: bigint; region_code: string; fund_id: bigint; year: number; version: number; import_id: bigint; chart_year: number;
      imported_by: string; imported_at: Generated<Date>;
    };
    budget_history_value: { year_id: bigint; region_code: string; subject: string; kind: HistoryKind; amount: bigint; source_row: number };
  }
}

export interface FundRow { id: bigint; code: string; insurance: string; region_code: string; name: string }

/** The funds of these (insurance, pooling region) pairs visible in the scope. */
export async function fundsOf(tx: Tx, pairs: { insurance: string; region: string }[]): Promise<FundRow[]> {
  if (!pairs.length) return [];
  return tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name'])
    .where((eb) => eb.or(pairs.map((pair) => eb.and([eb('insurance', '=', pair.insurance), eb('region_code', '=', pair.region)])))).execute();
}

export const fundByCode = (tx: Tx, code: string) =>
  tx.selectFrom('fund').select(['id', 'code', 'insurance', 'region_code', 'name']).where('code', '=', code).executeTakeFirst();

/** The highest version of each fund-year already imported, as "fundId/year". */
export async function latestVersions(tx: Tx, fundIds: bigint[]): Promise<Map<string, number>> {
  if (!fundIds.length) return new Map();
  const rows = await tx.selectFrom('budget_history_year').select(['fund_id', 'year', (eb) => eb.fn.max('version').as('version')])
    .where('fund_id', 'in', fundIds).groupBy(['fund_id', 'year']).execute();
  return new Map(rows.map((row) => [`${row.fund_id}/${row.year}`, Number(row.version)]));
}

export async function insertYears(tx: Tx, years: { id: bigint; region_code: string; fund_id: bigint; year: number; version: number; import_id: bigint; chart_year: number; imported_by: string }[]) {
  if (years.length) await tx.insertInto('budget_history_year').values(years).execute();
}

export async function insertValues(tx: Tx, values: { year_id: bigint; region_code: string; subject: string; kind: HistoryKind; amount: bigint; source_row: number }[]) {
  for (let start = 0; start < values.length; start += 2000) await tx.insertInto('budget_history_value').values(values.slice(start, start + 2000)).execute();
}

export interface StoredValue { fund_id: bigint; year: number; version: number; import_id: bigint; imported_at: Date; chart_year: number; subject: string; amount: bigint }

/** The values of the latest version of each fund-year of the funds, oldest year first. */
export async function latestValues(tx: Tx, fundIds: bigint[]): Promise<StoredValue[]> {
  if (!fundIds.length) return [];
  return tx.selectFrom('budget_history_year as y')
    .innerJoin('budget_history_value as v', 'v.year_id', 'y.id')
    .select(['y.fund_id', 'y.year', 'y.version', 'y.import_id', 'y.imported_at', 'y.chart_year', 'v.subject', 'v.amount'])
    .where('y.fund_id', 'in', fundIds)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('budget_history_year as later').select('later.id')
      .whereRef('later.fund_id', '=', 'y.fund_id').whereRef('later.year', '=', 'y.year').whereRef('later.version', '>', 'y.version'))))
    .orderBy('y.fund_id').orderBy('y.year').execute();
}

/** Persons with an enrollment in force on `day` under the region prefix, per insurance, region and whether the employer is in the public-institution scheme. */
export async function enrolledNow(tx: Tx, regionPrefix: string, day: string, publicEmployerTypes: readonly string[]) {
  return (await sql<{ insurance: string; region_code: string; public: boolean; count: number }>`
    select e.insurance, e.region_code, em.employer_type = any(${[...publicEmployerTypes]}::text[]) as public, count(distinct e.person_id)::int as count
    from enrollment e join employer em on em.id = e.employer_id
    where e.region_code like ${`${regionPrefix}%`} and e.valid_from <= ${day}::date and (e.valid_to is null or e.valid_to >= ${day}::date)
    group by 1, 2, 3`.execute(tx)).rows;
}

/** Live pension awards under the region prefix per paying fund and region: their count and monthly amount (fen, as text). */
export async function liveAwards(tx: Tx, regionPrefix: string) {
  return (await sql<{ fund_code: string; region_code: string; count: number; monthly: string }>`
    select fund_code, region_code, count(*)::int as count, sum(basic_pension + account_pension + transitional_pension)::text as monthly
    from pension_award where status <> 'stopped' and region_code like ${`${regionPrefix}%`} group by 1, 2`.execute(tx)).rows;
}
