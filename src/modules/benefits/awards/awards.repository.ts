/** Typed SQL of pension awards. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import './awards.tables.ts';
import type { AwardStatus, PensionScheme } from './awards.tables.ts';

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
  approval_item_id: bigint | null; awarded_by: string;
}

export const insertAward = (tx: Tx, award: NewAward) => tx.insertInto('pension_award').values(award).execute();

export interface AwardFilter { status?: AwardStatus; fund?: string }

/** Awards with their person, for the list (ordered by the caller). */
export function awardsQuery(tx: Tx, filter: AwardFilter) {
  let query = tx.selectFrom('pension_award as a').innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'a.id', 'a.person_id', 'p.id_number', 'p.name', 'a.region_code', 'a.fund_code', 'a.scheme', sql<string>`a.awarded_on::text`.as('awarded_on'), 'a.first_period',
      'a.basic_pension', 'a.account_pension', 'a.transitional_pension', 'a.monthly_amount', 'a.status', 'a.status_reason', 'a.approval_item_id',
    ]);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.fund) query = query.where('a.fund_code', '=', filter.fund);
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

/**
 * The demo city's pensioners (sifund demo): an award for every person whose last employment ended in retirement, paid
 * from the fund of their employer's scheme. Placeholder figures consistent with the person's history, drawn in SQL:
 * N = contribution years (the retirement job's years, at least 15 with deemed years 视同缴费年限), I = an index in
 * [0.6, 2.0) from the person's id, W = the province's current average wage $1 (fen); basic = (W + W × I) / 2 × N × 1%
 * (国发〔2005〕38号), account = W × I × 8% × 12 × min(N, years since 1996) ÷ the divisor of the retirement age (139, 170,
 * 195). $2 the enterprise fund, $3 the public-institution fund (or the enterprise fund), $4 public employer types.
 */
export async function insertDemoAwards(tx: Tx, ids: IdBlock, input: { averageWage: bigint; enterpriseFund: string; publicFund: string; publicTypes: readonly string[]; regionPrefix: string }): Promise<number> {
  const result = await sql`insert into pension_award (person_id, id, region_code, fund_code, scheme, awarded_on, first_period, basic_pension, account_pension,
      transitional_pension, monthly_amount, bank_account, quote, approval_item_id, awarded_by)
    select person_id, ${sql.raw(idExpression(ids, 'k'))}, region_code, case when public then ${input.publicFund} else ${input.enterpriseFund} end,
      case when public then 'public' else 'enterprise' end, retired_on, to_char(retired_on + interval '1 month', 'YYYY-MM'), basic, account, 0, basic + account,
      '6217' || lpad((abs(hashint8(person_id)) % 1000000000000000)::text, 15, '0'),
      jsonb_build_object('source', 'sifund demo', 'contributionYears', years, 'averageIndex', round(idx::numeric, 4), 'averageWage', ${input.averageWage}::bigint,
        'divisor', divisor, 'basicPension', basic, 'accountPension', account, 'reference', '国发〔2005〕38号'),
      null, 'system:demo'
    from (
      select *, round((${input.averageWage}::numeric + ${input.averageWage}::numeric * idx) / 2 * years / 100)::bigint as basic,
        round(${input.averageWage}::numeric * idx * 0.08 * 12 * least(years, greatest(0, extract(year from retired_on) - 1996)) / divisor)::bigint as account
      from (
        select m.person_id, row_number() over (order by m.person_id) - 1 as k, p.region_code, m.separated_on as retired_on,
          e.employer_type = any(${[...input.publicTypes]}::text[]) as public,
          greatest(15, floor((m.separated_on - m.hired_on) / 365.25))::int as years,
          0.6 + (abs(hashint8(m.person_id)) % 1400) / 1000.0 as idx,
          case when extract(year from age(m.separated_on, p.birth_date)) >= 60 then 139 when extract(year from age(m.separated_on, p.birth_date)) >= 55 then 170 else 195 end as divisor
        from employment m join person p on p.id = m.person_id join employer e on e.id = m.employer_id
        where m.separation_reason = 'retirement' and p.region_code like ${`${input.regionPrefix}%`}
      ) retirees
    ) figures
    on conflict do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

export const countDemoRetirees = async (tx: Tx) => Number((await tx.selectFrom('employment').select((eb) => eb.fn.countAll<string>().as('n'))
  .where('separation_reason', '=', 'retirement').executeTakeFirstOrThrow()).n);

/** Monthly total of the active awards per fund. */
export const monthlyTotalsByFund = (tx: Tx) => tx.selectFrom('pension_award').select(['fund_code', (eb) => eb.fn.sum<string>('monthly_amount').as('total')])
  .where('status', '=', 'active').groupBy('fund_code').execute();
