/**
 * Typed SQL of the credit grades and the blacklist: the facts every subject is graded on (one set-based query over the
 * cases, their amounts and recoveries, the open findings and the listings in force), the run's writes (the history of
 * the grades that changed and the current grades, each one statement over arrays), the listings and their steps.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../supervision.tables.ts';
import '../cases/cases.tables.ts';
import './credit.tables.ts';
import type { SubjectKind } from '../cases/cases.statuses.ts';
import type { ListingStatus } from './credit.statuses.ts';

export interface SubjectFactsRow {
  subject_kind: SubjectKind; subject: string; region_code: string; concluded_cases: number; concluded_amount: bigint; open_findings: number; outstanding: bigint;
  listed: boolean; current_grade: string | null;
}

/**
 * Every subject supervision knows in scope — a case not withdrawn, an open finding, a listing in force, or a grade
 * already given (so a subject whose record cleared is graded again) — with the facts it is graded on: the cases
 * concluded with an established violation since `since` and their amounts to recover, its open findings, what its
 * concluded cases still have to recover, and whether a listing is in force on `today`. A finding's subject kind is its
 * rule's (`rules` and `kinds` side by side).
 */
export async function subjectFacts(tx: Tx, input: { since: string; today: string; rules: string[]; kinds: SubjectKind[] }): Promise<SubjectFactsRow[]> {
  const { rows } = await sql<SubjectFactsRow>`
    with case_totals as (
      select c.id, c.subject_kind, c.subject, c.region_code, c.status, c.violation, c.concluded_at,
             coalesce((select sum(a.amount) from supervision_case_amount a where a.case_id = c.id), 0) as to_recover,
             coalesce((select sum(r.amount) from supervision_case_recovery r where r.case_id = c.id), 0) as recovered
        from supervision_case c where c.status <> 'withdrawn'),
    facts as (
      select subject_kind, subject, region_code,
             (violation = 'established' and concluded_at >= ${input.since}::date)::int as concluded_cases,
             case when violation = 'established' and concluded_at >= ${input.since}::date then to_recover else 0 end as concluded_amount,
             0 as open_findings,
             case when status in ('concluded', 'recovering') then to_recover - recovered else 0 end as outstanding,
             false as listed
        from case_totals
      union all
      select k.kind, f.subject, f.region_code, 0, 0, 1, 0, false
        from supervision_finding f join unnest(${input.rules}::text[], ${input.kinds}::text[]) as k (rule, kind) on k.rule = f.rule
       where f.status = 'open'
      union all
      select subject_kind, subject, region_code, 0, 0, 0, 0, true
        from supervision_blacklist where status = 'listed' and listed_on <= ${input.today}::date and ${input.today}::date < listed_until
      union all
      select subject_kind, subject, region_code, 0, 0, 0, 0, false from supervision_credit_grade)
    select f.subject_kind, f.subject, min(f.region_code) as region_code, sum(f.concluded_cases)::int as concluded_cases,
           sum(f.concluded_amount)::bigint as concluded_amount, sum(f.open_findings)::int as open_findings, sum(f.outstanding)::bigint as outstanding,
           bool_or(f.listed) as listed, g.grade as current_grade
      from facts f left join supervision_credit_grade g on g.subject_kind = f.subject_kind and g.subject = f.subject
     group by f.subject_kind, f.subject, g.grade
     order by f.subject_kind, f.subject`.execute(tx);
  return rows;
}

export const insertRun = (tx: Tx, row: { id: bigint; region_code: string; as_of: string; parameters: string; subjects: number; changed: number; run_by: string }) =>
  tx.insertInto('supervision_credit_run').values(row).execute();

export interface GradeWrite {
  id: bigint; subject_kind: SubjectKind; subject: string; region_code: string; grade: string; previous_grade: string | null; facts: string; reasons: string;
}

/** The history rows of the grades that changed, one statement. */
export async function insertGradeHistory(tx: Tx, runId: bigint, gradedOn: string, rows: GradeWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into supervision_credit_grade_history (id, subject_kind, subject, region_code, grade, previous_grade, facts, reasons, run_id, graded_on)
    select id, subject_kind, subject, region_code, grade, previous_grade, facts, reasons, ${runId}, ${gradedOn}::date
      from unnest(${rows.map((r) => String(r.id))}::bigint[], ${rows.map((r) => r.subject_kind)}::text[], ${rows.map((r) => r.subject)}::text[],
                  ${rows.map((r) => r.region_code)}::text[], ${rows.map((r) => r.grade)}::text[], ${rows.map((r) => r.previous_grade)}::text[],
                  ${rows.map((r) => r.facts)}::jsonb[], ${rows.map((r) => r.reasons)}::jsonb[])
        as n (id, subject_kind, subject, region_code, grade, previous_grade, facts, reasons)`.execute(tx);
}

/** Every graded subject's current grade, facts and reasons, one statement (insert or replace). */
export async function upsertGrades(tx: Tx, runId: bigint, gradedOn: string, rows: GradeWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into supervision_credit_grade (subject_kind, subject, region_code, grade, facts, reasons, run_id, graded_on)
    select subject_kind, subject, region_code, grade, facts, reasons, ${runId}, ${gradedOn}::date
      from unnest(${rows.map((r) => r.subject_kind)}::text[], ${rows.map((r) => r.subject)}::text[], ${rows.map((r) => r.region_code)}::text[],
                  ${rows.map((r) => r.grade)}::text[], ${rows.map((r) => r.facts)}::jsonb[], ${rows.map((r) => r.reasons)}::jsonb[])
        as n (subject_kind, subject, region_code, grade, facts, reasons)
    on conflict (subject_kind, subject) do update
      set region_code = excluded.region_code, grade = excluded.grade, facts = excluded.facts, reasons = excluded.reasons, run_id = excluded.run_id,
          graded_on = excluded.graded_on`.execute(tx);
}

/** The current grades with the filter (ordered by the caller). */
export function gradesQuery(tx: Tx, filter: { subjectKind?: SubjectKind; grade?: string }) {
  let query = tx.selectFrom('supervision_credit_grade')
    .select(['subject_kind', 'subject', 'region_code', 'grade', 'facts', 'reasons', 'graded_on']);
  if (filter.subjectKind) query = query.where('subject_kind', '=', filter.subjectKind);
  if (filter.grade) query = query.where('grade', '=', filter.grade);
  return query;
}

/** The due day of the inspection plan's rows (below): the last inspection plus the grade's interval, else the day graded. */
export const inspectionDueOn = sql<string>`coalesce((p.last_inspected::date + make_interval(months => p.interval_months))::date, p.graded_on::date)`;

/**
 * The inspection plan (检查计划): each graded subject whose grade has an interval (`intervals`: grade → months), with the
 * day it was last inspected — the latest case opened about it, a withdrawn one aside, its day in China — and the day it is due: that
 * day plus its grade's interval, or the day it was graded when it was never inspected. Filtered to the subjects due
 * by `dueBy` when given; ordered by the caller (the columns of the derived table).
 */
export function inspectionPlanQuery(tx: Tx, intervals: Record<string, number>, filter: { subjectKind?: SubjectKind; dueBy?: string }) {
  let query = tx.selectFrom((db) => db.selectFrom('supervision_credit_grade as g')
    .select(['g.subject_kind', 'g.subject', 'g.region_code', 'g.grade', sql<string>`g.graded_on::text`.as('graded_on'),
      sql<number>`(${JSON.stringify(intervals)}::jsonb ->> g.grade)::int`.as('interval_months'),
      sql<string | null>`(select max((c.opened_at at time zone 'Asia/Shanghai')::date)::text from supervision_case c
        where c.subject_kind = g.subject_kind and c.subject = g.subject and c.status <> 'withdrawn')`.as('last_inspected')])
    .where(sql<boolean>`${JSON.stringify(intervals)}::jsonb ? g.grade`)
    .as('p'))
    .select(['p.subject_kind', 'p.subject', 'p.region_code', 'p.grade', 'p.graded_on', 'p.interval_months', 'p.last_inspected',
      sql<string>`${inspectionDueOn}::text`.as('due_on')]);
  if (filter.subjectKind) query = query.where('p.subject_kind', '=', filter.subjectKind);
  if (filter.dueBy) query = query.where(sql<boolean>`${inspectionDueOn} <= ${filter.dueBy}::date`);
  return query;
}

/** A grade's place in the scheme (1 = the best), 0 for a grade the scheme no longer has: a list's order key. */
export const gradePlace = (gradesBestFirst: string[]) => sql<number>`coalesce(array_position(${gradesBestFirst}::text[], grade), 0)`;

/** How many subjects of each kind have each grade. */
export async function gradeCounts(tx: Tx) {
  const { rows } = await sql<{ subject_kind: SubjectKind; grade: string; subjects: number }>`
    select subject_kind, grade, count(*)::int as subjects from supervision_credit_grade group by subject_kind, grade order by subject_kind, grade`.execute(tx);
  return rows;
}

export const gradeOfSubject = (tx: Tx, subjectKind: SubjectKind, subject: string) => tx.selectFrom('supervision_credit_grade')
  .select(['subject_kind', 'subject', 'region_code', 'grade', 'facts', 'reasons', 'graded_on']).where('subject_kind', '=', subjectKind).where('subject', '=', subject)
  .executeTakeFirst();

/** The current grades of these subjects, whatever their kind (a finding names a code only). */
export const gradesOfSubjects = (tx: Tx, subjects: string[]) => subjects.length === 0 ? Promise.resolve([])
  : tx.selectFrom('supervision_credit_grade').select(['subject_kind', 'subject', 'grade']).where('subject', 'in', subjects).execute();

export const historyOfSubject = (tx: Tx, subjectKind: SubjectKind, subject: string) => tx.selectFrom('supervision_credit_grade_history')
  .select(['grade', 'previous_grade', 'facts', 'reasons', 'run_id', 'graded_on']).where('subject_kind', '=', subjectKind).where('subject', '=', subject)
  .orderBy('graded_on', 'desc').orderBy('id', 'desc').execute();

/** A subject's cases concluded with an established violation since the date: how many, the largest amount to recover, the region of the latest. */
export async function establishedCases(tx: Tx, subjectKind: SubjectKind, subject: string, since: string) {
  const { rows: [row] } = await sql<{ cases: number; largest_case: bigint; region_code: string | null }>`
    select count(*)::int as cases, coalesce(max(t.to_recover), 0)::bigint as largest_case,
           (array_agg(t.region_code order by t.concluded_at desc))[1] as region_code
      from (select c.region_code, c.concluded_at, coalesce((select sum(a.amount) from supervision_case_amount a where a.case_id = c.id), 0) as to_recover
              from supervision_case c
             where c.subject_kind = ${subjectKind} and c.subject = ${subject} and c.violation = 'established' and c.concluded_at >= ${since}::date) t`.execute(tx);
  return row;
}

const listingColumns = [
  'id', 'subject_kind', 'subject', 'region_code', 'reason', 'notified_on', 'status', 'listing_item_id', 'listed_on', 'listed_until', 'removal_item_id',
  'removal_reason', 'removed_on', 'proposed_by', 'proposed_at',
] as const;

export type ListingRow = Awaited<ReturnType<typeof findListing>> & {};

/** The listing, locked for the change that follows when asked. */
export async function findListing(tx: Tx, id: bigint, forUpdate = false) {
  let query = tx.selectFrom('supervision_blacklist').select(listingColumns).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A subject's listings, newest first. */
export const listingsOfSubject = (tx: Tx, subjectKind: SubjectKind, subject: string) => tx.selectFrom('supervision_blacklist').select(listingColumns)
  .where('subject_kind', '=', subjectKind).where('subject', '=', subject).orderBy('proposed_at', 'desc').orderBy('id', 'desc').execute();

/** Whether these subjects have a listing in force on the day (by code, whatever the kind). */
export const listedSubjects = (tx: Tx, subjects: string[], today: string) => subjects.length === 0 ? Promise.resolve([])
  : tx.selectFrom('supervision_blacklist').select(['subject_kind', 'subject']).where('subject', 'in', subjects).where('status', '=', 'listed')
    .where('listed_on', '<=', today).where('listed_until', '>', today).execute();

export type ListingInsert = {
  id: bigint; subject_kind: SubjectKind; subject: string; region_code: string; reason: string; notified_on: string; listing_item_id: bigint; proposed_by: string;
};

export const insertListing = (tx: Tx, row: ListingInsert) => tx.insertInto('supervision_blacklist').values(row).execute();

export const updateListing = (tx: Tx, id: bigint, change: Partial<{
  status: ListingStatus; listed_on: string; listed_until: string; removal_item_id: bigint | null; removal_reason: string | null; removed_on: string;
}>) => tx.updateTable('supervision_blacklist').set(change).where('id', '=', id).execute();

/**
 * The listings with the filter (ordered by the caller): `in_force` — listed and within the term on the day (an
 * expired listing is off by its dates); `proposed`; `all`.
 */
export function listingsQuery(tx: Tx, filter: { show: 'in_force' | 'proposed' | 'all'; today: string }) {
  let query = tx.selectFrom('supervision_blacklist').select(listingColumns);
  if (filter.show === 'in_force') query = query.where('status', '=', 'listed').where('listed_on', '<=', filter.today).where('listed_until', '>', filter.today);
  if (filter.show === 'proposed') query = query.where('status', '=', 'proposed');
  return query;
}

export const insertStep = (tx: Tx, row: { id: bigint; listing_id: bigint; region_code: string; step: string; username: string; note: string | null; approval_item_id: bigint | null }) =>
  tx.insertInto('supervision_blacklist_step').values(row).execute();

export const stepsOfListing = (tx: Tx, listingId: bigint) => tx.selectFrom('supervision_blacklist_step')
  .select(['step', 'username', 'note', 'approval_item_id', 'at']).where('listing_id', '=', listingId).orderBy('at').orderBy('id').execute();

/** The kinds a code names among the cases, findings' grades and listings (a code given without its kind). */
export async function kindsOfSubject(tx: Tx, subject: string): Promise<SubjectKind[]> {
  const { rows } = await sql<{ subject_kind: SubjectKind }>`
    select subject_kind from supervision_case where subject = ${subject} and status <> 'withdrawn'
    union select subject_kind from supervision_credit_grade where subject = ${subject}
    union select subject_kind from supervision_blacklist where subject = ${subject}
    order by subject_kind`.execute(tx);
  return rows.map((r) => r.subject_kind);
}
