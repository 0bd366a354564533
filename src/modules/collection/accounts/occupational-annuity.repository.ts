/**
 * Typed SQL of the occupational annuity accounts (职业年金个人账户, migrations/0042). Every function runs in the caller's
 * scoped transaction, so row-level security limits it to the actor's region subtree.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, reserveIds } from '../../../platform/ids.ts';
import { occupationalAnnuity } from '../billing/billing.calc.ts';
import './occupational-annuity.tables.ts';

/**
 * Brings the occupational annuity accounts of the employer's periods of `bills` in line with what is paid, part by
 * part: a period whose annuity employee (employer) part is paid in full over all its bills owes each person what
 * their annuity lines' employee (employer) amounts of the period add up to; a part not paid in full (again, after a
 * payment reversal) owes nothing yet. Each person gets the difference from what was credited for the period and part
 * before, recorded against the period's latest bill and the payment named. Writes nothing the second time. The
 * caller holds the employer's allocation lock.
 */
export async function reconcileOccupationalAnnuityAccounts(tx: Tx, employerId: bigint, bills: { billId: bigint; paymentId: bigint }[]): Promise<number> {
  if (!bills.length) return 0;
  const paidBy = sql.join(bills.map((x) => sql`(${x.billId}::bigint, ${x.paymentId}::bigint)`));
  const status = sql`
    with paid_by (bill_id, payment_id) as (values ${paidBy}),
    period as (
      select b.period, max(p.payment_id) as payment_id from paid_by p join bill b on b.employer_id = ${employerId} and b.id = p.bill_id group by b.period
    ),
    period_bill as (
      select b.period, min(p.payment_id) as payment_id, (array_agg(b.id order by b.number desc))[1] as latest_bill, min(b.region_code) as region_code,
        array_agg(b.id) as bill_ids
      from bill b join period p on p.period = b.period where b.employer_id = ${employerId}
      group by b.period
    ),
    status as (
      select s.period, s.payment_id, s.latest_bill, s.region_code, part.part,
        (select coalesce(sum(case when part.part = 'employee' then i.employee_amount else i.employer_amount end), 0) from bill_item i
          where i.employer_id = ${employerId} and i.bill_id = any(s.bill_ids) and i.insurance = ${occupationalAnnuity})
        <= (select coalesce(sum(a.amount), 0) from payment_allocation a
          where a.employer_id = ${employerId} and a.bill_id = any(s.bill_ids) and a.insurance = ${occupationalAnnuity} and a.part = part.part) as complete
      from period_bill s cross join (values ('employee'), ('employer')) as part (part)
    ),
    due as (
      select l.person_id, s.period, s.part, sum(case when s.part = 'employee' then l.employee_amount else l.employer_amount end)::bigint as amount
      from status s join bill b on b.employer_id = ${employerId} and b.period = s.period
        join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id and l.insurance = ${occupationalAnnuity}
      where s.complete
      group by l.person_id, s.period, s.part
    ),
    credited as (
      select e.person_id, e.period, e.part, sum(e.amount)::bigint as amount
      from occupational_annuity_entry e join period_bill s on s.period = e.period
      where e.employer_id = ${employerId}
      group by e.person_id, e.period, e.part
    ),
    difference as (
      select coalesce(d.person_id, c.person_id) as person_id, coalesce(d.period, c.period) as period, coalesce(d.part, c.part) as part,
        coalesce(d.amount, 0) - coalesce(c.amount, 0) as credit
      from due d full join credited c on c.person_id = d.person_id and c.period = d.period and c.part = d.part
    )`;
  const { rows: [{ n }] } = await sql<{ n: number }>`${status} select count(*)::int as n from difference where credit <> 0`.execute(tx);
  if (!n) return 0;
  const ids = reserveIds(n);
  const result = await sql`${status}
    insert into occupational_annuity_entry (person_id, id, region_code, period, part, amount, employer_id, bill_id, payment_id)
    select d.person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by d.period, d.person_id, d.part) - 1'))}, s.region_code,
      d.period, d.part, d.credit, ${employerId}, s.latest_bill, s.payment_id
    from difference d join period_bill s on s.period = d.period
    where d.credit <> 0`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

/** A person's occupational annuity entries, with the bill and the employer, in order of period. */
export const annuityEntriesOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('occupational_annuity_entry as entry')
    .innerJoin('bill', (join) => join.onRef('bill.employer_id', '=', 'entry.employer_id').onRef('bill.id', '=', 'entry.bill_id'))
    .innerJoin('employer', 'employer.id', 'entry.employer_id')
    .select(['entry.period', 'entry.part', 'entry.amount', 'bill.number as bill_number', 'employer.name as employer_name'])
    .where('entry.person_id', '=', personId)
    .orderBy('entry.period').orderBy('entry.id')
    .execute();
