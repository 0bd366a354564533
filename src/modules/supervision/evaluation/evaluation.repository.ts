/**
 * Typed SQL of the performance evaluation: what the system's own records say of each county (or city) in a year —
 * the bills of the year's months and what was paid on them (by the due date or at all), the bases declared or
 * assessed, the arrears at the year's start and end, the persons billed and the inspection findings; and the values
 * entered by hand for what the records cannot show (append-only, the latest entry counts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './evaluation.tables.ts';

/** The level of the regions evaluated: the counties (区县), or the cities (地市) with everything of their counties. */
export type EvaluationLevel = 'county' | 'city';

/** The evaluated region a record's region code belongs to: itself for a county, its city (the code's first four digits, then 00) for a city. */
const unitOf = (level: EvaluationLevel, column: string): RawBuilder<string> =>
  (level === 'city' ? sql<string>`substr(${sql.ref(column)}, 1, 4) || '00'` : sql<string>`${sql.ref(column)}`);

export interface RegionFacts {
  region: string; name: string;
  billed: bigint; paid: bigint; paid_on_time: bigint;
  lines: number; assessed_lines: number; insured: number;
  arrears_start: bigint; arrears_end: bigint; findings: number;
}

/**
 * Per county (or city) under the region prefix: the principal billed for the months of `year` and paid on it (ever,
 * and by each bill's due date); the bill lines with a base (and those whose base was assessed, not declared: 核定);
 * the persons billed; the arrears (the unpaid principal of the bills due by then) at `start` and at `end`; the
 * findings of the year. A city's figures are those of every record in it, its own (city-level employers) and its counties'.
 */
export async function regionFacts(tx: Tx, input: { prefix: string; level: EvaluationLevel; year: number; start: string; end: string }): Promise<RegionFacts[]> {
  const prefix = `${input.prefix}%`, from = `${input.year}-01`, to = `${input.year}-12`;
  const { rows } = await sql<RegionFacts>`
    with county as (select code, name from region where level = ${input.level} and code like ${prefix}),
    year_bill as (
      select b.employer_id, b.id, ${unitOf(input.level, 'b.region_code')} as region_code, b.total, b.due_date from bill b
      where b.period between ${from} and ${to} and b.region_code like ${prefix}
    ),
    collection as (
      select y.region_code, sum(y.total)::bigint as billed, coalesce(sum(p.paid), 0)::bigint as paid, coalesce(sum(p.on_time), 0)::bigint as paid_on_time
      from year_bill y left join lateral (
        select sum(a.amount) as paid, sum(a.amount) filter (where a.allocated_on <= y.due_date) as on_time
        from payment_allocation a where a.employer_id = y.employer_id and a.bill_id = y.id and a.part in ('employee', 'employer')
      ) p on true
      group by y.region_code
    ),
    billed_line as (
      select y.region_code, count(*) filter (where l.base > 0)::int as lines, count(*) filter (where l.base > 0 and l.base_assessed)::int as assessed_lines,
        count(distinct l.person_id)::int as insured
      from year_bill y join bill_line l on l.employer_id = y.employer_id and l.bill_id = y.id
      group by y.region_code
    ),
    arrears as (
      select ${unitOf(input.level, 'b.region_code')} as region_code,
        coalesce(sum(greatest(0, b.total - coalesce(p.by_start, 0))) filter (where b.due_date <= ${input.start}::date), 0)::bigint as arrears_start,
        coalesce(sum(greatest(0, b.total - coalesce(p.by_end, 0))), 0)::bigint as arrears_end
      from bill b left join lateral (
        select sum(a.amount) filter (where a.allocated_on <= ${input.start}::date) as by_start, sum(a.amount) filter (where a.allocated_on <= ${input.end}::date) as by_end
        from payment_allocation a where a.employer_id = b.employer_id and a.bill_id = b.id and a.part in ('employee', 'employer')
      ) p on true
      where b.due_date <= ${input.end}::date and b.region_code like ${prefix}
      group by 1
    ),
    finding as (
      select ${unitOf(input.level, 'f.region_code')} as region_code, count(f.id)::int as findings
      from supervision_finding f where f.region_code like ${prefix} and f.period between ${from} and ${to}
      group by 1
    )
    select c.code as region, c.name, coalesce(k.billed, 0)::bigint as billed, coalesce(k.paid, 0)::bigint as paid, coalesce(k.paid_on_time, 0)::bigint as paid_on_time,
      coalesce(l.lines, 0) as lines, coalesce(l.assessed_lines, 0) as assessed_lines, coalesce(l.insured, 0) as insured,
      coalesce(r.arrears_start, 0)::bigint as arrears_start, coalesce(r.arrears_end, 0)::bigint as arrears_end, coalesce(f.findings, 0) as findings
    from county c
      left join collection k on k.region_code = c.code
      left join billed_line l on l.region_code = c.code
      left join arrears r on r.region_code = c.code
      left join finding f on f.region_code = c.code
    order by c.code`.execute(tx);
  return rows;
}

export interface EntryRow {
  id: bigint; year: number; region_code: string; indicator: string; value: string; evidence: string; entered_by: string; entered_at: Date;
}

/** Keeps an entry; answers when it was entered. */
export async function insertEntry(tx: Tx, row: Omit<EntryRow, 'entered_at'>): Promise<Date> {
  return (await tx.insertInto('evaluation_indicator_entry').values(row).returning('entered_at').executeTakeFirstOrThrow()).entered_at;
}

/** The latest entry of each region and indicator of a year under the prefix (the one the evaluation reads). */
export async function latestEntries(tx: Tx, input: { year: number; prefix: string }): Promise<EntryRow[]> {
  const { rows } = await sql<EntryRow>`
    select distinct on (region_code, indicator) id, year, region_code, indicator, value::text as value, evidence, entered_by, entered_at
    from evaluation_indicator_entry where year = ${input.year} and region_code like ${`${input.prefix}%`}
    order by region_code, indicator, entered_at desc, id desc`.execute(tx);
  return rows;
}

/** Every entry of a region's year, newest first (the history an auditor reads: what each ranking was computed on). */
export async function entryHistory(tx: Tx, input: { year: number; region: string }): Promise<EntryRow[]> {
  return tx.selectFrom('evaluation_indicator_entry')
    .select(['id', 'year', 'region_code', 'indicator', sql<string>`value::text`.as('value'), 'evidence', 'entered_by', 'entered_at'])
    .where('year', '=', input.year).where('region_code', '=', input.region)
    .orderBy('entered_at', 'desc').orderBy('id', 'desc').execute();
}

/** A region's level and name, in scope (null: unknown or outside it). */
export async function regionOf(tx: Tx, code: string): Promise<{ code: string; name: string; level: string } | undefined> {
  return tx.selectFrom('region').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}
