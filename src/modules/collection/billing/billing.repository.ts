/**
 * Typed SQL of billing (bill, bill_line, bill_item; migrations/0005_billing.sql; the runs are jobs, 0013_jobs.sql):
 * how a run splits its employers, the set-based chunk and reassessment statements (their text is built in billing.sql.ts), correcting
 * bills, and reading bills. Every function runs in the caller's transaction (scoped: row-level security applies),
 * except the two that take `db`, which the caller may also give the pool.
 */
import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import type { IdBlock } from '../../../platform/ids.ts';
import type { RoundingMode } from '../../../platform/money.ts';
import type { BillingParameters } from './billing.calc.ts';
import { billChunkSql, reassessmentSql } from './billing.sql.ts';
import type { billKinds } from '../collection.tables.ts';

type FundsByRegion = Record<string, Record<string, string>>;

// ── runs and chunks ──

export const poolingRegions = (tx: Tx) => tx.selectFrom('pooling_region').select(['insurance', 'region_code']).execute();

export const fundCodes = (tx: Tx) => tx.selectFrom('fund').select('code').execute();

/** How many active employers each region of the subtree has, by region code. */
export async function activeEmployersPerRegion(tx: Tx, prefix: string) {
  return (await sql<{ region_code: string; n: number }>`
      select region_code, count(*)::int as n from employer where region_code like ${prefix} || '%' and status = 'active' group by region_code order by region_code`.execute(tx)).rows;
}

/** The subtree's active employers split into `chunkCount` ranges of consecutive ids (ntile), in order. */
export async function employerRanges(tx: Tx, chunkCount: number, prefix: string) {
  if (chunkCount === 0) return [];
  return (await sql<{ employer_from: bigint; employer_to: bigint }>`
        select min(id) as employer_from, max(id) as employer_to
        from (select id, ntile(${chunkCount}::int) over (order by id) as n from employer where region_code like ${prefix} || '%' and status = 'active') t
        group by n order by n`.execute(tx)).rows;
}

export const countEmployersInRange = async (tx: Tx, from: bigint, to: bigint): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from employer where id between ${from} and ${to}`.execute(tx)).rows[0].n;

/**
 * Bills a chunk's employers (id in [from, to], region below `regionPrefix`, no bill for the period yet) in one
 * set-based statement that writes bills, lines and items at once (billing.sql.ts).
 */
export async function insertBillsOfChunk(tx: Tx, sqlInput: { parameters: BillingParameters; funds: FundsByRegion; billIds: IdBlock; rounding: RoundingMode },
  chunk: { from: bigint; to: bigint; regionPrefix: string; period: string; runId: bigint; chunk: number }): Promise<void> {
  const statement = billChunkSql(sqlInput.parameters, sqlInput.funds, sqlInput.billIds, sqlInput.rounding);
  await tx.executeQuery(CompiledQuery.raw(statement, [chunk.from, chunk.to, chunk.regionPrefix, chunk.period, Number(chunk.period.slice(0, 4)), chunk.runId, chunk.chunk]));
}

/** Fresh statistics of the bill tables after a run (migrations/0016: the planner must see the month just billed). */
export async function analyzeBillTables(db: Kysely<Tables>): Promise<void> {
  await sql`select analyze_billing_tables()`.execute(db);
}

/** Employers billed in the run who hold unused credit (`db`: a transaction or the pool). */
export const employersWithCreditInRun = async (db: Kysely<Tables>, runId: bigint) =>
  (await sql<{ employer_id: bigint }>`
    select b.employer_id from bill b join payment_allocation a on a.employer_id = b.employer_id and a.part = 'credit'
    where b.run_id = ${runId} group by b.employer_id having sum(a.amount) > 0`.execute(db)).rows;

// ── a period's summary ──

export const billCountsOfPeriod = async (tx: Tx, period: string, prefix: string) =>
  (await sql<{ employers: number; lines: number }>`
      select count(distinct employer_id)::int as employers, coalesce(sum(lines), 0)::int as lines
      from bill where period = ${period} and region_code like ${prefix} || '%'`.execute(tx)).rows[0];

export const countPersonsBilledInPeriod = async (tx: Tx, period: string, prefix: string): Promise<number> =>
  // grouped, then counted: count(distinct) sorts in one backend, a grouping runs in parallel workers
  // (docs/decisions.md, "Billing against its floor")
  (await sql<{ n: number }>`
      select count(*)::int as n from (
        select l.person_id from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
        where b.period = ${period} and b.region_code like ${prefix} || '%'
        group by l.person_id) persons`.execute(tx)).rows[0].n;

/** The period's bill items summed per insurance (amounts as text). */
export const itemTotalsOfPeriod = async (tx: Tx, period: string, prefix: string) =>
  (await sql<{ insurance: string; employer: string; employee: string }>`
      select i.insurance, sum(i.employer_amount)::bigint as employer, sum(i.employee_amount)::bigint as employee
      from bill b join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
      where b.period = ${period} and b.region_code like ${prefix} || '%'
      group by i.insurance`.execute(tx)).rows;

// ── reassessment: correcting bills ──

export interface DifferenceRow {
  action: 'bill' | 'reverse'; person_id: bigint; insurance: string; region_code: string; fund_code: string; base: bigint; base_assessed: boolean;
  employer_rate: string; employee_rate: string | null; employer_amount: bigint; employee_amount: bigint | null;
}

export const findEmployerByCreditCode = (tx: Tx, creditCode: string) =>
  tx.selectFrom('employer').select(['id', 'credit_code', 'name', 'region_code']).where('credit_code', '=', creditCode).executeTakeFirst();

/** The employer as it was on `date` (its dated facts, migration 0026): what a reassessment of a past period bills by. */
export async function findEmployerForReassessment(tx: Tx, id: bigint, date: string) {
  const [row] = (await sql<{ id: bigint; credit_code: string; region_code: string; work_injury_class: number | null; work_injury_float: string }>`
    select id, credit_code, region_code, work_injury_class, work_injury_float::text from employer_facts_on(${date}::date) where id = ${id}`.execute(tx)).rows;
  return row;
}

/**
 * When the employer was registered, as the registry keeps it (it records no registration date of its own): the
 * earlier of its first enrollment's start — a late registration enrolls its employees from their hire — and the day
 * its record was created, in China (YYYY-MM-DD).
 */
export async function employerRegisteredOn(tx: Tx, employerId: bigint): Promise<string> {
  const { rows } = await sql<{ registered_on: string }>`
      select to_char(least((select min(n.valid_from) from enrollment n where n.employer_id = e.id), (e.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as registered_on
        from employer e where e.id = ${employerId}`.execute(tx);
  return rows[0].registered_on;
}

/** One reassessment of an employer at a time (two would both see the same difference). */
export async function lockReassessment(tx: Tx, creditCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('bill_reassessment'), hashtext(${creditCode}))`.execute(tx);
}

/**
 * What an employer's period should bill now against every line billed so far, per person and insurance, in one
 * statement (billing.sql.ts): the lines to bill and the lines to reverse. Writes nothing.
 */
export async function billingDifferences(tx: Tx, sqlInput: { parameters: BillingParameters; funds: FundsByRegion; rounding: RoundingMode }, employerId: bigint, period: string): Promise<DifferenceRow[]> {
  const statement = reassessmentSql(sqlInput.parameters, sqlInput.funds, sqlInput.rounding);
  const { rows } = await tx.executeQuery<DifferenceRow>(CompiledQuery.raw(statement, [employerId, period, Number(period.slice(0, 4))]));
  return rows;
}

export const countBillsOfPeriod = async (tx: Tx, employerId: bigint, period: string): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from bill where employer_id = ${employerId} and period = ${period}`.execute(tx)).rows[0].n;

export const countBillsOfKind = async (tx: Tx, employerId: bigint, period: string, kind: string): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from bill where employer_id = ${employerId} and period = ${period} and kind = ${kind}`.execute(tx)).rows[0].n;

export const insertBill = (tx: Tx, bill: Insertable<Tables['bill']>) => tx.insertInto('bill').values(bill).execute();

export const insertBillLines = (tx: Tx, lines: Insertable<Tables['bill_line']>[]) => tx.insertInto('bill_line').values(lines).execute();

export const insertBillItems = (tx: Tx, items: Insertable<Tables['bill_item']>[]) => tx.insertInto('bill_item').values(items).execute();

// ── reading bills ──

export interface BillLineRow {
  bill_id: bigint; person_id: bigint; id_number: string; name: string; insurance: string; base: bigint; base_assessed: boolean; employer_rate: string; employee_rate: string | null;
  employer_amount: bigint; employee_amount: bigint | null;
}

/** The lines of the bills with each person's ID number and name, rates as trimmed text, by bill and ID number. */
export async function linesOfBills(tx: Tx, bills: { employer_id: bigint; id: bigint }[]): Promise<BillLineRow[]> {
  return (await sql<BillLineRow>`
    select l.bill_id, l.person_id, p.id_number, p.name, l.insurance, l.base, l.base_assessed, trim_scale(l.employer_rate)::text as employer_rate, trim_scale(l.employee_rate)::text as employee_rate,
      l.employer_amount, l.employee_amount
    from bill_line l join person p on p.id = l.person_id
    where (l.employer_id, l.bill_id) in (${sql.join(bills.map((b) => sql`(${b.employer_id}::bigint, ${b.id}::bigint)`))})
    order by l.bill_id, p.id_number`.execute(tx)).rows;
}

export const itemsOfBills = (tx: Tx, bills: { employer_id: bigint; id: bigint }[]) =>
  tx.selectFrom('bill_item').selectAll()
    .where((eb) => eb.or(bills.map((b) => eb.and([eb('employer_id', '=', b.employer_id), eb('bill_id', '=', b.id)])))).execute();

/** The names of funds by code, also of funds above the caller's scope (migration 0019: names only). */
export async function fundNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = (await sql<{ code: string; name: string }>`select code, name from fund_names(${codes}::text[])`.execute(tx)).rows;
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** Bills with their employer's code and name. */
function billQuery(tx: Tx) {
  return tx.selectFrom('bill').innerJoin('employer', 'employer.id', 'bill.employer_id')
    .select(['bill.employer_id', 'bill.id', 'bill.number', 'bill.kind', 'bill.period', 'bill.region_code', 'bill.due_date', 'bill.persons', 'bill.lines',
      'bill.total', 'bill.assessed_persons', 'bill.parameter_refs', 'bill.issued_at', 'employer.credit_code', 'employer.name as employer_name']);
}

export type BillRow = Awaited<ReturnType<ReturnType<typeof billQuery>['executeTakeFirstOrThrow']>>;

export interface BillFilter { period?: string; creditCode?: string; employerId: bigint | null; regionPrefix?: string; kind?: (typeof billKinds)[number] }

/**
 * Bills matching the filter, with their employer: of one period, one employer (by credit code, or by id for an
 * employer account), a region subtree or a kind. The caller orders and pages (lists.ts).
 */
export function billsQuery(tx: Tx, filter: BillFilter) {
  let q = billQuery(tx);
  if (filter.period) q = q.where('bill.period', '=', filter.period);
  if (filter.creditCode) q = q.where('employer.credit_code', '=', filter.creditCode);
  if (filter.employerId !== null) q = q.where('bill.employer_id', '=', filter.employerId);
  if (filter.regionPrefix) q = q.where('bill.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.kind) q = q.where('bill.kind', '=', filter.kind);
  return q;
}

/** A bill by number, optionally only if it is of this employer. */
export function findBillByNumber(tx: Tx, number: string, employerId: bigint | null): Promise<BillRow | undefined> {
  let q = billQuery(tx).where('bill.number', '=', number);
  if (employerId !== null) q = q.where('bill.employer_id', '=', employerId);
  return q.executeTakeFirst();
}

/** The agency (经办机构) nearest above or at a region: a county's own branch, else its city's centre, else the province's. */
export const nearestAgency = async (tx: Tx, regionCode: string): Promise<{ name: string; region_code: string } | undefined> =>
  (await sql<{ name: string; region_code: string }>`
    select name, region_code from agency where ${regionCode} like region_scope_prefix(region_code) || '%'
    order by length(region_scope_prefix(region_code)) desc, name limit 1`.execute(tx)).rows[0];
