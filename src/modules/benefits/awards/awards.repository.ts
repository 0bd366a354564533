/** Typed SQL of pension awards. */
import { sql, type Insertable } from 'kysely';
import type { Tables } from '../../../platform/database.ts';
import type { Tx } from '../../../platform/actor.ts';
import './awards.tables.ts';
import type { AccountChangeStatus, AwardEventKind, AwardStatus, PensionScheme } from './awards.tables.ts';

export interface AwardPerson { id: bigint; id_number: string; name: string; region_code: string; birth_date: string; gender: 'M' | 'F' }

export const personByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name', 'region_code', sql<string>`birth_date::text`.as('birth_date'), 'gender'])
    .where('id_number', '=', idNumber).executeTakeFirst() as Promise<AwardPerson | undefined>;

/** The type of the employer of the person's latest employment (the scheme the pension is paid from follows it). */
export async function lastEmployerType(tx: Tx, personId: bigint): Promise<string | null> {
  const row = await tx.selectFrom('employment as m').innerJoin('employer as e', 'e.id', 'm.employer_id')
    .select('e.employer_type').where('m.person_id', '=', personId).orderBy('m.hired_on', 'desc').orderBy('m.id', 'desc').limit(1).executeTakeFirst();
  return row?.employer_type ?? null;
}

/** The fund of `insurance` of the nearest region above (or at) `regionCode` that has one. */
export async function fundPooling(tx: Tx, insurance: string, regionCode: string): Promise<{ code: string; region_code: string } | undefined> {
  return tx.selectFrom('fund').select(['code', 'region_code']).where('insurance', '=', insurance)
    .where(sql<boolean>`${regionCode} like region_scope_prefix(region_code) || '%'`)
    .orderBy(sql`length(region_scope_prefix(region_code))`, 'desc').limit(1).executeTakeFirst();
}

export const liveAwardOf = (tx: Tx, personId: bigint) =>
  tx.selectFrom('pension_award').select(['id', 'status', sql<string>`awarded_on::text`.as('awarded_on')])
    .where('person_id', '=', personId).where('status', '<>', 'stopped').executeTakeFirst();

export interface NewAward {
  person_id: bigint; id: bigint; region_code: string; fund_code: string; scheme: PensionScheme; awarded_on: string; first_period: string;
  basic_pension: bigint; account_pension: bigint; transitional_pension: bigint; monthly_amount: bigint; bank_account: string; quote: string;
  approval_item_id: bigint | null; awarded_by: string; contribution_months: number | null;
}

export const insertAward = (tx: Tx, award: NewAward) => tx.insertInto('pension_award').values(award).execute();

/** A demo award as a row of insertDemoAwards' JSON array: ids and amounts in fen as decimal text; the fund follows the scheme. */
export interface DemoAwardRow {
  person_id: string; id: string; region_code: string; scheme: PensionScheme; awarded_on: string; first_period: string;
  basic_pension: string; account_pension: string; transitional_pension: string; monthly_amount: string; bank_account: string;
  awarded_by: string; contribution_months: number;
}

/** The JSON array insertDemoAwards reads: each award's quote, already JSON text, spliced into its row as it is. */
export const demoAwardRows = (awards: { row: DemoAwardRow; quote: string }[]) =>
  `[${awards.map(({ row, quote }) => `${JSON.stringify(row).slice(0, -1)},"quote":${quote}}`).join(',')}]`;

/**
 * Writes the demo's awards of one JSON array (demoAwardRows) in one statement, each paid by the scheme's fund; a person
 * with a live award is skipped. The quotes are read as the rows' jsonb, neither escaped into a JSON string nor parsed
 * twice (the stored jsonb is the same as `quote::jsonb` of the text).
 */
export async function insertDemoAwards(tx: Tx, rows: string, funds: { enterprise: string; public: string }): Promise<number> {
  const result = await sql`insert into pension_award (person_id, id, region_code, fund_code, scheme, awarded_on, first_period, basic_pension, account_pension,
      transitional_pension, monthly_amount, bank_account, quote, approval_item_id, awarded_by, contribution_months)
    select person_id, id, region_code, case when scheme = 'public' then ${funds.public} else ${funds.enterprise} end, scheme, awarded_on, first_period,
      basic_pension, account_pension, transitional_pension, monthly_amount, bank_account, quote, null, awarded_by, contribution_months
    from jsonb_to_recordset(${rows}::jsonb) as r(person_id bigint, id bigint, region_code text, scheme text, awarded_on date, first_period text,
      basic_pension bigint, account_pension bigint, transitional_pension bigint, monthly_amount bigint, bank_account text, quote jsonb,
      awarded_by text, contribution_months integer)
    on conflict do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

export interface AwardFilter { status?: AwardStatus; fund?: string; idNumber?: string; personId?: bigint }

/** Awards with their person, for the list (ordered by the caller). */
export function awardsQuery(tx: Tx, filter: AwardFilter) {
  let query = tx.selectFrom('pension_award as a').innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'a.id', 'a.person_id', 'p.id_number', 'p.name', 'a.region_code', 'a.fund_code', 'a.scheme', sql<string>`a.awarded_on::text`.as('awarded_on'), 'a.first_period',
      'a.basic_pension', 'a.account_pension', 'a.transitional_pension', 'a.monthly_amount', 'a.status', 'a.status_reason', 'a.approval_item_id',
    ]);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.fund) query = query.where('a.fund_code', '=', filter.fund);
  if (filter.idNumber) query = query.where('p.id_number', '=', filter.idNumber.trim().toUpperCase());
  if (filter.personId !== undefined) query = query.where('a.person_id', '=', filter.personId);
  return query;
}

/** Suspends the awards (暂停发放) with the reason, as of the day. */
export async function suspendAwards(tx: Tx, awards: { personId: bigint; awardId: bigint }[], reason: string, on: string): Promise<number> {
  if (!awards.length) return 0;
  const result = await sql`update pension_award a set status = 'suspended', status_reason = ${reason}, status_changed_on = ${on}::date
    from unnest(${awards.map((a) => a.personId.toString())}::bigint[], ${awards.map((a) => a.awardId.toString())}::bigint[]) as s(person_id, id)
    where a.person_id = s.person_id and a.id = s.id and a.status = 'active'`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

export interface DemoRetiree {
  person_id: string; id_number: string; region_code: string; birth_date: string; gender: 'M' | 'F'; hired_on: string; retired_on: string; employer_type: string;
}

/** The demo's retirees: every person under the prefix whose employment ended in retirement, with that job. */
export const demoRetirees = (tx: Tx, regionPrefix: string) =>
  tx.selectFrom('employment as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('employer as e', 'e.id', 'm.employer_id')
    .select([
      sql<string>`m.person_id::text`.as('person_id'), 'p.id_number', 'p.region_code', sql<string>`p.birth_date::text`.as('birth_date'), 'p.gender',
      sql<string>`m.hired_on::text`.as('hired_on'), sql<string>`m.separated_on::text`.as('retired_on'), 'e.employer_type',
    ])
    .where('m.separation_reason', '=', 'retirement').where('p.region_code', 'like', `${regionPrefix}%`).orderBy('m.person_id')
    .execute() as Promise<DemoRetiree[]>;

/** Monthly total of the active awards per fund. */
export const monthlyTotalsByFund = (tx: Tx) => tx.selectFrom('pension_award').select(['fund_code', (eb) => eb.fn.sum<string>('monthly_amount').as('total')])
  .where('status', '=', 'active').groupBy('fund_code').execute();

/** What happened to an award and from which month (append-only; the award's status follows). */
export const insertAwardEvent = (tx: Tx, row: {
  person_id: bigint; id: bigint; award_id: bigint; region_code: string; event: AwardEventKind; effective_period: string; happened_on: string; reason: string;
  source_type: string; source_id: bigint | null; recorded_by: string;
}) => tx.insertInto('pension_award_event').values(row).execute();

export interface AwardToChange { person_id: bigint; id: bigint; id_number: string; name: string; region_code: string; status: AwardStatus; first_period: string; bank_account: string; dead: boolean }

/** One award with its person, its account and whether a death is recorded for them, locked for a change of its status or its account. */
export async function lockAward(tx: Tx, awardId: bigint): Promise<AwardToChange | undefined> {
  const { rows } = await sql<AwardToChange>`select a.person_id, a.id, p.id_number, p.name, a.region_code, a.status, a.first_period, a.bank_account,
      exists (select 1 from death_record d where d.person_id = a.person_id) as dead
    from pension_award a join person p on p.id = a.person_id where a.id = ${awardId} for update of a`.execute(tx);
  return rows[0] && { ...rows[0], person_id: BigInt(rows[0].person_id), id: BigInt(rows[0].id) };
}

/** Moves an award to a status (resumed: active; stopped) with the reason, as of the day. */
export const setAwardStatus = (tx: Tx, award: { personId: bigint; awardId: bigint }, status: AwardStatus, reason: string, on: string) =>
  tx.updateTable('pension_award').set({ status, status_reason: reason, status_changed_on: on })
    .where('person_id', '=', award.personId).where('id', '=', award.awardId).execute();

/** An award's dated amounts (养老金调整 and corrections), in the order they take effect. */
export const amountsOfAward = (tx: Tx, personId: bigint, awardId: bigint) =>
  tx.selectFrom('pension_award_amount').select(['effective_period', 'monthly_amount', 'increase', 'adjustment_run_id'])
    .where('person_id', '=', personId).where('award_id', '=', awardId).orderBy('effective_period').orderBy('id').execute();

/** What happened to an award (suspended, resumed, stopped, amount changed), oldest first. */
export const eventsOfAward = (tx: Tx, personId: bigint, awardId: bigint) =>
  tx.selectFrom('pension_award_event').select(['event', 'effective_period', sql<string>`happened_on::text`.as('happened_on'), 'reason', 'recorded_by'])
    .where('person_id', '=', personId).where('award_id', '=', awardId).orderBy('happened_on').orderBy('id').execute();

/** The award's latest `limit` months of the payroll, newest first: what each line paid and what the bank answered. */
export async function paymentsOfAward(tx: Tx, personId: bigint, awardId: bigint, limit: number) {
  const { rows } = await sql<{ period: string; batch_id: string; reference: string; amount: string; amount_offset: string; status: string; paid_on: string | null; return_count: number; reason: string | null }>`
    select b.period, b.id::text as batch_id, l.reference, l.amount::text as amount, l.amount_offset::text as amount_offset, l.status, l.paid_on::text as paid_on, l.return_count, l.reason
    from payroll_line l join payroll_batch b on b.id = l.batch_id
    where l.person_id = ${personId} and l.award_id = ${awardId} order by b.period desc limit ${limit}`.execute(tx);
  return rows;
}

/** What the retirement age reads of a person: birth date, gender and occupation (the post: 女工人 or 女干部). */
export const personForRetirement = (tx: Tx, personId: bigint) => tx.selectFrom('person')
  .select(['id', 'id_number', 'name', 'region_code', sql<string>`birth_date::text`.as('birth_date'), 'gender', 'occupation'])
  .where('id', '=', personId).executeTakeFirst();

// ── 养老金发放账户变更 (award-account.service.ts; migrations/0077) ──

export const insertAccountChange = (tx: Tx, row: Insertable<Tables['pension_award_account_change']>) =>
  tx.insertInto('pension_award_account_change').values(row).execute();

export const setAccountChangeStatus = (tx: Tx, id: bigint, patch: { status: AccountChangeStatus; approved_by?: string; approved_at?: Date }) =>
  tx.updateTable('pension_award_account_change').set(patch).where('id', '=', id).execute();

/** Moves the award's account (the database allows it only to an approved change's account). */
export const setAwardAccount = (tx: Tx, award: { personId: bigint; awardId: bigint }, bankAccount: string) =>
  tx.updateTable('pension_award').set({ bank_account: bankAccount }).where('person_id', '=', award.personId).where('id', '=', award.awardId).execute();

/** An award's account change requests, newest first. */
export const accountChangesOfAward = (tx: Tx, personId: bigint, awardId: bigint) => tx.selectFrom('pension_award_account_change').selectAll()
  .where('person_id', '=', personId).where('award_id', '=', awardId).orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
