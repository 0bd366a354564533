/** Typed SQL of benefit claims: the person's record a claim reads, the claims, their stops and the months booked. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import './claims.tables.ts';
import type { ClaimKind, ClaimStatus } from './claims.tables.ts';

export interface ClaimPerson { id: bigint; id_number: string; name: string; region_code: string }

export const personByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name', 'region_code']).where('id_number', '=', idNumber).executeTakeFirst() as Promise<ClaimPerson | undefined>;

export interface LastEmployment { employer_id: bigint; hired_on: string; separated_on: string | null; separation_reason: string | null }

/** The person's latest employment (by hiring date): the one an unemployment claim follows. */
export const lastEmployment = (tx: Tx, personId: bigint) =>
  tx.selectFrom('employment').select(['employer_id', sql<string>`hired_on::text`.as('hired_on'), sql<string | null>`separated_on::text`.as('separated_on'), 'separation_reason'])
    .where('person_id', '=', personId).orderBy('hired_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst() as Promise<LastEmployment | undefined>;

/** The employer the person worked for on the date (the latest hire covering it). */
export const employerOn = (tx: Tx, personId: bigint, date: string) =>
  tx.selectFrom('employment').select('employer_id').where('person_id', '=', personId).where('hired_on', '<=', date)
    .where((eb) => eb.or([eb('separated_on', 'is', null), eb('separated_on', '>=', date)]))
    .orderBy('hired_on', 'desc').limit(1).executeTakeFirst();

/**
 * 用人单位上年度职工月平均工资: the employer's declared monthly wages of the year (each person's latest version),
 * averaged and rounded once to the fen; null when it declared none.
 */
export async function employerAverageWage(tx: Tx, employerId: bigint, year: number): Promise<bigint | null> {
  const { rows } = await sql<{ average: string | null }>`select round(avg(monthly_wage))::bigint::text as average from (
      select distinct on (person_id) monthly_wage from base_declaration where employer_id = ${employerId} and year = ${year}
      order by person_id, version desc) latest`.execute(tx);
  return rows[0]?.average === null || rows[0]?.average === undefined ? null : BigInt(rows[0].average);
}

export interface ClaimOfPerson { id: bigint; status: ClaimStatus; event_date: string; months: number | null; first_period: string | null; last_period: string | null; stop_period: string | null }

/** The person's earlier unemployment claims (approved or stopped), newest first. */
export const unemploymentClaimsOf = (tx: Tx, personId: bigint) =>
  tx.selectFrom('benefit_claim').select(['id', 'status', sql<string>`event_date::text`.as('event_date'), 'months', 'first_period', 'last_period', 'stop_period'])
    .where('person_id', '=', personId).where('kind', '=', 'unemployment').where('status', 'in', ['approved', 'stopped']).orderBy('event_date', 'desc').execute() as Promise<ClaimOfPerson[]>;

export interface NewClaim {
  person_id: bigint; id: bigint; region_code: string; kind: ClaimKind; paying_insurance: string; event_date: string; input: string; amounts: string; trace: string;
  monthly_amount: bigint; one_off_amount: bigint; months: number | null; first_period: string | null; last_period: string | null; approval_item_id: bigint; submitted_by: string;
  payee_name: string | null; payee_id_number: string | null; bank_account: string | null;
}

export const insertClaim = (tx: Tx, claim: NewClaim) => tx.insertInto('benefit_claim').values(claim).execute();

export const approveClaim = (tx: Tx, personId: bigint, id: bigint, set: { fund_code: string; approved_by: string }) =>
  tx.updateTable('benefit_claim').set({ ...set, status: 'approved', approved_at: sql`now()` })
    .where('person_id', '=', personId).where('id', '=', id).where('status', '=', 'submitted').returning(['region_code', 'kind']).executeTakeFirst();

export const stopClaim = (tx: Tx, personId: bigint, id: bigint, stop: { stop_period: string; stop_reason: string; stopped_on: string; stopped_by: string }) =>
  tx.updateTable('benefit_claim').set({ ...stop, status: 'stopped' })
    .where('person_id', '=', personId).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();

export interface ClaimRow {
  person_id: bigint; id: bigint; id_number: string; name: string; region_code: string; kind: ClaimKind; status: ClaimStatus; signoff_status: string;
  paying_insurance: string; fund_code: string | null; event_date: string; monthly_amount: bigint; one_off_amount: bigint; months: number | null;
  first_period: string | null; last_period: string | null; stop_period: string | null; stop_reason: string | null; amounts: unknown; approval_item_id: bigint; submitted_by: string;
  payee_name: string | null; payee_id_number: string | null; bank_account: string | null;
}

export interface ClaimFilter { kind?: ClaimKind; status?: ClaimStatus; personId?: bigint; regionPrefix?: string; idNumber?: string }

/** Claims with their person and the status of their sign-off item (ordered by the caller). */
export function claimsQuery(tx: Tx, filter: ClaimFilter) {
  let query = tx.selectFrom('benefit_claim as c').innerJoin('person as p', 'p.id', 'c.person_id').innerJoin('approval_item as i', 'i.id', 'c.approval_item_id')
    .select([
      'c.person_id', 'c.id', 'p.id_number', 'p.name', 'c.region_code', 'c.kind', 'c.status', 'i.status as signoff_status', 'c.paying_insurance', 'c.fund_code',
      sql<string>`c.event_date::text`.as('event_date'), 'c.monthly_amount', 'c.one_off_amount', 'c.months', 'c.first_period', 'c.last_period', 'c.stop_period', 'c.stop_reason',
      'c.amounts', 'c.approval_item_id', 'c.submitted_by', 'c.payee_name', 'c.payee_id_number', 'c.bank_account',
    ]);
  if (filter.kind) query = query.where('c.kind', '=', filter.kind);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.personId !== undefined) query = query.where('c.person_id', '=', filter.personId);
  if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.idNumber) query = query.where('p.id_number', '=', filter.idNumber);
  return query;
}

export const claimById = (tx: Tx, id: bigint) => claimsQuery(tx, {}).where('c.id', '=', id).executeTakeFirst() as Promise<ClaimRow | undefined>;

/** A claim with the input it was submitted with and the trace of its calculation. */
export const claimDetailById = (tx: Tx, id: bigint) =>
  claimsQuery(tx, {}).select(['c.input', 'c.trace']).where('c.id', '=', id).executeTakeFirst() as Promise<(ClaimRow & { input: unknown; trace: unknown }) | undefined>;

export interface AutomaticStop { person_id: bigint; id: bigint; region_code: string; stop_period: string; cause: 'employment' | 'pension' }

/** Two runs of a month take turns: the second finds what the first booked and ordered (one per claimant and month). */
export async function lockClaimMonth(tx: Tx, period: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('benefits.claim_month'), hashtext(${period}))`.execute(tx);
}

/**
 * Approved unemployment claims that stop by the month: from the month of an employment hired after the separation
 * (再就业) or the first month of a pension award (开始领取基本养老金), whichever comes first, when it is not after `period`.
 */
export async function automaticStops(tx: Tx, period: string): Promise<AutomaticStop[]> {
  const { rows } = await sql<{ person_id: string; id: string; region_code: string; stop_period: string; cause: 'employment' | 'pension' }>`
    select person_id::text, id::text, region_code, stop_period, cause from (
      select c.person_id, c.id, c.region_code, s.stop_period, s.cause, row_number() over (partition by c.person_id, c.id order by s.stop_period, s.cause) as n
      from benefit_claim c
      join lateral (
        select to_char(e.hired_on, 'YYYY-MM') as stop_period, 'employment' as cause from employment e where e.person_id = c.person_id and e.hired_on > c.event_date
        union all
        select a.first_period, 'pension' from pension_award a where a.person_id = c.person_id
      ) s on s.stop_period <= ${period}
      where c.kind = 'unemployment' and c.status = 'approved') found
    where n = 1`.execute(tx);
  return rows.map((r) => ({ person_id: BigInt(r.person_id), id: BigInt(r.id), region_code: r.region_code, stop_period: r.stop_period, cause: r.cause }));
}

export interface PayableMonth {
  person_id: bigint; id: bigint; region_code: string; monthly_amount: bigint; fund_code: string; amounts: unknown; approval_item_id: bigint;
  name: string; id_number: string; payee_name: string | null; payee_id_number: string | null; bank_account: string | null;
}

/** The unemployment claims owed the month (approved, within their months, not stopped by it) not yet booked for it, with their payee. */
export const payableInMonth = (tx: Tx, period: string) =>
  tx.selectFrom('benefit_claim as c').innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'c.id', 'c.region_code', 'c.monthly_amount', 'c.fund_code', 'c.amounts', 'c.approval_item_id', 'p.name', 'p.id_number', 'c.payee_name', 'c.payee_id_number', 'c.bank_account'])
    .where('c.kind', '=', 'unemployment').where('c.status', 'in', ['approved', 'stopped']).where('c.first_period', '<=', period).where('c.last_period', '>=', period)
    .where((eb) => eb.or([eb('c.stop_period', 'is', null), eb('c.stop_period', '>', period)]))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('benefit_claim_month as m').select('m.period')
      .whereRef('m.person_id', '=', 'c.person_id').whereRef('m.claim_id', '=', 'c.id').where('m.period', '=', period))))
    .orderBy('c.person_id').orderBy('c.id').execute() as Promise<PayableMonth[]>;

export const insertClaimMonths = (tx: Tx, rows: {
  person_id: bigint; claim_id: bigint; period: string; region_code: string; benefit_amount: bigint; medical_contribution: bigint;
  unemployment_entry_id: bigint; medical_entry_id: bigint; medical_fund_code: string; recorded_by: string;
}[]) => (rows.length ? tx.insertInto('benefit_claim_month').values(rows).execute() : Promise.resolve([]));

/** What a work-injury claim's months depend on besides its input (work-injury.calc.ts WorkInjuryMonthFacts), read for one month. */
export interface WorkInjuryClaimFacts {
  retirement_period: string | null; death_period: string | null; pension: bigint | null;
  stops: { part: string; fromPeriod: string; reason: string }[];
}

/**
 * The facts of the claims given, for the month: the person's statutory retirement month (statutory_retirement_month,
 * migration 0022), the month of a death on record, the live pension award's amount in the month (pension_amount_in,
 * 0037; null before its first month or without one), the operator's stops — of a part, and of the whole claim (`all`).
 */
const workInjuryFacts = (period: string) => sql<WorkInjuryClaimFacts>`
  to_char(statutory_retirement_month(p.birth_date, p.gender, p.occupation), 'YYYY-MM') as retirement_period,
  (select to_char(d.date_of_death, 'YYYY-MM') from death_record d where d.person_id = c.person_id) as death_period,
  (select pension_amount_in(a.person_id, a.id, ${period})::text from pension_award a
    where a.person_id = c.person_id and a.status <> 'stopped' and a.first_period <= ${period}) as pension,
  coalesce((select jsonb_agg(jsonb_build_object('part', s.part, 'fromPeriod', s.stop_period, 'reason', s.reason) order by s.part)
    from benefit_claim_part_stop s where s.person_id = c.person_id and s.claim_id = c.id), '[]'::jsonb)
    || case when c.stop_period is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('part', 'all', 'fromPeriod', c.stop_period, 'reason', c.stop_reason)) end as stops`;

const factsOf = <T extends { pension: string | bigint | null }>(row: T) => ({ ...row, pension: row.pension === null ? null : BigInt(row.pension) });

export interface WorkInjuryOwed extends PayableMonth, WorkInjuryClaimFacts { input: unknown; event_date: string; first_period: string }

/**
 * The work-injury claims with monthly amounts owed the month (approved, started by it, not stopped as a whole by it)
 * and not yet ordered for it, with their payee and the month's facts.
 */
export async function workInjuryOwedInMonth(tx: Tx, period: string): Promise<WorkInjuryOwed[]> {
  const { rows } = await sql<WorkInjuryOwed & { pension: string | null }>`
    select c.person_id, c.id, c.region_code, c.monthly_amount, c.fund_code, c.amounts, c.approval_item_id, p.name, p.id_number,
      c.payee_name, c.payee_id_number, c.bank_account, c.input, c.event_date::text as event_date, c.first_period, ${workInjuryFacts(period)}
    from benefit_claim c join person p on p.id = c.person_id
    where c.kind = 'work_injury' and c.first_period is not null and c.status in ('approved', 'stopped') and c.first_period <= ${period}
      and (c.stop_period is null or c.stop_period > ${period})
      and not exists (select 1 from work_injury_month m where m.person_id = c.person_id and m.claim_id = c.id and m.period = ${period})
    order by c.person_id, c.id`.execute(tx);
  return rows.map(factsOf);
}

/** One claim's facts for the month (its page shows the stops in force and the amounts of the month). */
export async function workInjuryFactsOfClaim(tx: Tx, personId: bigint, claimId: bigint, period: string): Promise<WorkInjuryClaimFacts> {
  const { rows } = await sql<WorkInjuryClaimFacts & { pension: string | null }>`
    select ${workInjuryFacts(period)} from benefit_claim c join person p on p.id = c.person_id where c.person_id = ${personId} and c.id = ${claimId}`.execute(tx);
  return factsOf(rows[0]);
}

export const insertPartStop = (tx: Tx, stop: { person_id: bigint; claim_id: bigint; part: string; region_code: string; stop_period: string; reason: string; stopped_on: string; stopped_by: string }) =>
  tx.insertInto('benefit_claim_part_stop').values(stop).execute();

export const insertWorkInjuryMonth = (tx: Tx, row: { person_id: bigint; claim_id: bigint; period: string; region_code: string; amount: bigint; parts: string; recorded_by: string }) =>
  tx.insertInto('work_injury_month').values(row).execute();

/** The months a work-injury claim was ordered, oldest first. */
export const workInjuryMonthsOf = (tx: Tx, personId: bigint, claimId: bigint) =>
  tx.selectFrom('work_injury_month').select(['period', 'amount', 'parts']).where('person_id', '=', personId).where('claim_id', '=', claimId).orderBy('period').execute();
