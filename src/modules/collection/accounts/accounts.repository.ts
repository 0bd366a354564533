/**
 * Typed SQL of the pension individual accounts. Every function runs in the caller's scoped transaction, so
 * row-level security limits it to the actor's region subtree.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import { formatDecimal, type Decimal } from '../../../platform/money.ts';
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import { billedInsurances } from '../billing/billing.calc.ts';
import type { InterestWeights } from './interest.calc.ts';

export const findPerson = (tx: Tx, id: bigint) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name']).where('id', '=', id).executeTakeFirst();

export const findPersonByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name']).where('id_number', '=', idNumber).executeTakeFirst();

/**
 * One interest run at a time, and none while an account entry is being written: the entries' open-year trigger
 * (migrations/0026) holds this lock shared, so a run sees every entry committed before it, and an entry written after
 * it is dated in the next year. Two runs of a year started together: the second waits here and then finds the first.
 */
export async function lockInterestRun(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('interest_run'), 0)`.execute(tx);
}

export const insertInterestRun = (tx: Tx, run: Insertable<Tables['interest_run']>) => tx.insertInto('interest_run').values(run).returningAll().executeTakeFirstOrThrow();

export const findInterestRun = (tx: Tx, year: number) =>
  tx.selectFrom('interest_run').selectAll().where('year', '=', year).executeTakeFirst();

/** The runs of the years before `year`, in order: the years closed to new entries, with the rate and method each applied. */
export const interestRunsBefore = (tx: Tx, year: number) =>
  tx.selectFrom('interest_run').select(['year', 'rate', 'method']).where('year', '<', year).orderBy('year').execute();

/** The first run of a year after `year`, if any. */
export const laterInterestRun = (tx: Tx, year: number) =>
  tx.selectFrom('interest_run').select('year').where('year', '>', year).orderBy('year').limit(1).executeTakeFirst();

/**
 * Whether any account was open during `year`: an entry of an earlier year, or one of the year itself other than a
 * 建账余额 (an opening balance taken over is the year's closing balance, its interest credited by the old system).
 */
export async function accountsOpenIn(tx: Tx, year: number): Promise<boolean> {
  const { rows } = await sql<{ open: boolean }>`select exists (
      select 1 from individual_account_entry where year < ${year}::smallint or (year = ${year}::smallint and kind <> 'opening')) as open`.execute(tx);
  return rows[0].open;
}

/** The contribution periods of earlier years credited in `year`: back-payments into closed years. */
export async function backPaymentPeriods(tx: Tx, year: number): Promise<string[]> {
  const rows = await tx.selectFrom('individual_account_entry').select('period').distinct()
    .where('year', '=', year).where('kind', '=', 'contribution').where('period', '<', `${year}-01`).orderBy('period').execute();
  return rows.map((row) => row.period!);
}

/** The (person, period) pairs of back-payments credited in `year`: an upper bound of the 补记利息 entries. */
export async function countBackPayments(tx: Tx, year: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select distinct person_id, period from individual_account_entry
      where year = ${year}::smallint and kind = 'contribution' and period < ${`${year}-01`}) back_payments`.execute(tx);
  return rows[0].n;
}

/** Region codes that lie outside the scope prefix (region is reference data, readable in every scope). */
export const regionsOutside = (tx: Tx, prefix: string) =>
  tx.selectFrom('region').select('code').where('code', 'not like', `${prefix}%`).orderBy('code').limit(1).execute();

export const regionCodes = async (tx: Tx) =>
  (await tx.selectFrom('region').select('code').orderBy('code').execute()).map((region) => region.code);

/** An upper bound of the interest entries a run writes: one per person at most. */
export const countPersons = async (tx: Tx) =>
  Number((await tx.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * Credits the interest of `year` to every account in one statement and returns how many entries and how much.
 * Per person: weighted = Σ earlier years' entries × opening weight + Σ this year's entries (but a 建账余额) × the weight of their
 * month (the contribution period's month when it lies in the year, else December: interest.calc.ts creditMonth),
 * then interest = rate × weighted / denominator rounded once half up (sign × ⌊(2|n| + d) / 2d⌋, numeric, exact),
 * the same arithmetic as yearEnd(). Entries go to the person's region; a zero interest writes no entry.
 */
export async function insertInterestForYear(tx: Tx, year: number, rate: Decimal, weights: InterestWeights, ids: IdBlock) {
  const denominator = weights.denominator * 10n ** BigInt(rate.scale);
  const monthWeights = weights.months.map(String);
  const { rows } = await sql<{ persons: number; amount: bigint }>`
    with weighted as (
      select person_id,
        sum(case when year < ${year}::smallint then amount::numeric * ${String(weights.opening)}::numeric
                 else amount::numeric * (${monthWeights}::numeric[])[
                   case when period like ${`${year}-%`} then substr(period, 6, 2)::int else 12 end] end) * ${String(rate.units)}::numeric as numerator
      from individual_account_entry
      where year < ${year}::smallint or (year = ${year}::smallint and kind not in ('interest', 'back_interest', 'opening'))
      group by person_id
    ), interest as (
      select w.person_id, p.region_code,
        (sign(w.numerator) * div(2 * abs(w.numerator) + ${String(denominator)}::numeric, 2 * ${String(denominator)}::numeric))::bigint as amount
      from weighted w join person p on p.id = w.person_id
    ), inserted as (
      insert into individual_account_entry (person_id, id, region_code, year, kind, amount, rate)
      select person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by person_id) - 1'))}, region_code, ${year}::smallint, 'interest', amount, ${formatDecimal(rate)}::numeric
      from interest where amount <> 0
      returning amount
    )
    select count(*)::int as persons, coalesce(sum(amount), 0)::bigint as amount from inserted`.execute(tx);
  return rows[0];
}

/**
 * 补记利息 of `year`: per person and back-payment period, the net amount credited in `year` for that earlier period
 * times its growth over the closed years (the growth of each period computed exactly by missedGrowth, passed in),
 * rounded once half up, less the amount — missedInterest() in SQL. A zero writes no entry.
 */
export async function insertBackInterestForYear(tx: Tx, year: number, growth: { period: string; numerator: bigint; denominator: bigint }[], ids: IdBlock) {
  if (!growth.length) return { persons: 0, amount: 0n };
  const { rows } = await sql<{ persons: number; amount: bigint }>`
    with growth as (
      select * from unnest(${growth.map((g) => g.period)}::text[], ${growth.map((g) => String(g.numerator))}::numeric[], ${growth.map((g) => String(g.denominator))}::numeric[])
        as g(period, numerator, denominator)
    ), back_payment as (
      select e.person_id, e.period, sum(e.amount)::numeric as amount
      from individual_account_entry e
      where e.year = ${year}::smallint and e.kind = 'contribution' and e.period < ${`${year}-01`}
      group by e.person_id, e.period
    ), back_interest as (
      select b.person_id, b.period, p.region_code,
        (sign(b.amount) * div(2 * abs(b.amount * g.numerator) + g.denominator, 2 * g.denominator) - b.amount)::bigint as amount
      from back_payment b join growth g on g.period = b.period join person p on p.id = b.person_id
    ), inserted as (
      insert into individual_account_entry (person_id, id, region_code, year, period, kind, amount)
      select person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by person_id, period) - 1'))}, region_code, ${year}::smallint, period, 'back_interest', amount
      from back_interest where amount <> 0
      returning person_id, amount
    )
    select count(distinct person_id)::int as persons, coalesce(sum(amount), 0)::bigint as amount from inserted`.execute(tx);
  return rows[0];
}

/** Last year-end's balance: every entry of the years before `year`. */
export async function balanceBefore(tx: Tx, personId: bigint, year: number): Promise<bigint> {
  const row = await tx.selectFrom('individual_account_entry').select(sql<bigint>`coalesce(sum(amount), 0)::bigint`.as('balance'))
    .where('person_id', '=', personId).where('year', '<', year).executeTakeFirstOrThrow();
  return row.balance;
}

/** The year of a person's first account entry; undefined for a person without an account. */
export async function firstEntryYear(tx: Tx, personId: bigint): Promise<number | undefined> {
  const row = await tx.selectFrom('individual_account_entry').select((eb) => eb.fn.min<number>('year').as('year')).where('person_id', '=', personId).executeTakeFirst();
  return row?.year ?? undefined;
}

/** The entries of `year`, with the bill and employer of a contribution, in order of period. */
export const entriesOfYear = (tx: Tx, personId: bigint, year: number) =>
  tx.selectFrom('individual_account_entry as entry')
    .leftJoin('bill', (join) => join.onRef('bill.employer_id', '=', 'entry.employer_id').onRef('bill.id', '=', 'entry.bill_id'))
    .leftJoin('employer', 'employer.id', 'entry.employer_id')
    .select(['entry.kind', 'entry.period', 'entry.amount', 'bill.number as bill_number', 'employer.name as employer_name'])
    .where('entry.person_id', '=', personId).where('entry.year', '=', year)
    .orderBy(sql`entry.period nulls last`).orderBy('entry.id')
    .execute();

/**
 * A pension line's month is paid when its employee part is credited to the individual account: a contribution entry
 * of the person, the employer and the period (credited only once the bill's pension employee part is paid in full,
 * see reconcileIndividualAccounts). Reads `line` and `bill`.
 */
const pensionPeriodPaid = sql<boolean>`exists (
        select 1 from individual_account_entry entry where entry.person_id = line.person_id and entry.employer_id = line.employer_id
          and entry.period = bill.period and entry.kind = 'contribution')`;

/**
 * A person's enterprise pension months up to `lastPeriod`, one row per employer and period: the net base of the
 * period's lines (a credit note's lines carry the reversed base negated, a supplementary bill's the new one), the
 * region billed (whose average wage set the base limits) and whether the month is paid. Lines billed into the
 * public-institution fund (机关事业单位, 国发〔2015〕2号) are left out: they are another scheme's record.
 */
export async function enterprisePensionMonths(tx: Tx, personId: bigint, lastPeriod: string) {
  const { rows } = await sql<{ period: string; credit_code: string; region_code: string; base: bigint; paid: boolean }>`
    select bill.period, employer.credit_code, min(line.region_code) as region_code, sum(line.base)::bigint as base, bool_or(${pensionPeriodPaid}) as paid
    from bill_line line
      join bill on bill.employer_id = line.employer_id and bill.id = line.bill_id
      join bill_item item on item.employer_id = line.employer_id and item.bill_id = line.bill_id and item.insurance = line.insurance
      join employer on employer.id = line.employer_id
    where line.person_id = ${personId} and line.insurance = 'pension' and bill.period <= ${lastPeriod}
      and not exists (select 1 from fund where fund.code = item.fund_code and fund.insurance = 'public_pension')
    group by bill.period, line.employer_id, employer.credit_code
    order by bill.period, employer.credit_code`.execute(tx);
  return rows;
}

/**
 * A person's bill lines with the bill, the employer and whether the line is paid: a pension line when its employee
 * part is credited to the individual account (a contribution entry of that employer and period; see
 * reconcileIndividualAccounts); another insurance when the
 * payments allocated to the bill's item (employee and employer parts, reversals included) cover the item's total.
 */
export function contributionLines(tx: Tx, personId: bigint, range: { from?: string; to?: string }) {
  let query = tx.selectFrom('bill_line as line')
    .innerJoin('bill', (join) => join.onRef('bill.employer_id', '=', 'line.employer_id').onRef('bill.id', '=', 'line.bill_id'))
    .innerJoin('bill_item as item', (join) => join.onRef('item.employer_id', '=', 'line.employer_id').onRef('item.bill_id', '=', 'line.bill_id').onRef('item.insurance', '=', 'line.insurance'))
    .innerJoin('employer', 'employer.id', 'line.employer_id')
    .select(['bill.period', 'bill.number as bill_number', 'employer.name as employer_name', 'employer.credit_code', 'line.insurance', 'line.base',
      'line.employee_amount', 'line.employer_amount'])
    .select(sql<boolean>`case when line.insurance = 'pension' then ${pensionPeriodPaid}
      else coalesce((select sum(allocation.amount) from payment_allocation allocation
        where allocation.employer_id = line.employer_id and allocation.bill_id = line.bill_id and allocation.insurance = line.insurance
          and allocation.part in ('employee', 'employer')), 0) >= item.employer_amount + item.employee_amount end`.as('paid'))
    .where('line.person_id', '=', personId);
  if (range.from) query = query.where('bill.period', '>=', range.from);
  if (range.to) query = query.where('bill.period', '<=', range.to);
  return query.orderBy('bill.period').orderBy('bill.number')
    .orderBy(sql`array_position(${billedInsurances}::text[], line.insurance)`).execute();
}
