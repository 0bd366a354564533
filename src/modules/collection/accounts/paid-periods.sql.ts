/**
 * The one rule both personal accounts are credited by — the pension individual account (个人账户, payments.repository
 * reconcileIndividualAccounts) and the occupational annuity account (职业年金个人账户, occupational-annuity.repository):
 * a period of the employer whose part of the insurance is paid in full over all its bills (a credit note lowers what is
 * due, a supplementary bill adds to it) owes each person what their lines of the period add up to for that part; a
 * part not paid in full (again, after a payment reversal) owes nothing yet. Each person is owed the difference from
 * what was credited for the period and part before.
 *
 * `creditDifferences` gives the `with …` clause whose `difference (employer_id, person_id, period, part, credit)` rows
 * say it, beside `period_bill (employer_id, period, payment_id, latest_bill, region_code, bill_ids)`: the period's
 * latest bill and the payment the credit is recorded against. The caller appends its insert into its own account
 * table. Any number of employers in one statement (a collection file credits all its payers' accounts at once).
 */
import { sql, type RawBuilder } from 'kysely';

export type AccountPart = 'employee' | 'employer';

export interface CreditedEntries {
  /** The account's entry table. */
  table: 'individual_account_entry' | 'occupational_annuity_entry';
  /** Its part column; null when the account holds the employee part only. */
  partColumn: 'part' | null;
  /** Entries other than contribution credits the table keeps (e.g. interest), left out. */
  contributionsOnly: boolean;
}

export function creditDifferences(input: {
  bills: readonly { employerId: bigint; billId: bigint; paymentId: bigint }[]; insurance: string; parts: readonly AccountPart[]; credited: CreditedEntries;
}): RawBuilder<unknown> {
  const { insurance, credited } = input;
  const parts = sql.join(input.parts.map((part) => sql`(${part}::text)`));
  const creditedPart = credited.partColumn ? sql.ref(`e.${credited.partColumn}`) : sql`'employee'::text`;
  return sql`
    with paid_by (employer_id, bill_id, payment_id) as (
      select * from unnest(${input.bills.map((x) => x.employerId)}::bigint[], ${input.bills.map((x) => x.billId)}::bigint[], ${input.bills.map((x) => x.paymentId)}::bigint[])
    ),
    period as (
      select b.employer_id, b.period, max(p.payment_id) as payment_id
      from paid_by p join bill b on b.employer_id = p.employer_id and b.id = p.bill_id group by b.employer_id, b.period
    ),
    period_bill as (
      select b.employer_id, b.period, min(p.payment_id) as payment_id, (array_agg(b.id order by b.number desc))[1] as latest_bill, min(b.region_code) as region_code,
        array_agg(b.id) as bill_ids
      from bill b join period p on p.employer_id = b.employer_id and p.period = b.period
      group by b.employer_id, b.period
    ),
    status as (
      select s.employer_id, s.period, part.part,
        (select coalesce(sum(case when part.part = 'employee' then i.employee_amount else i.employer_amount end), 0) from bill_item i
          where i.employer_id = s.employer_id and i.bill_id = any(s.bill_ids) and i.insurance = ${insurance})
        <= (select coalesce(sum(a.amount), 0) from payment_allocation a
          where a.employer_id = s.employer_id and a.bill_id = any(s.bill_ids) and a.insurance = ${insurance} and a.part = part.part) as complete
      from period_bill s cross join (values ${parts}) as part (part)
    ),
    due as (
      select b.employer_id, l.person_id, s.period, s.part, sum(case when s.part = 'employee' then l.employee_amount else l.employer_amount end)::bigint as amount
      from status s join bill b on b.employer_id = s.employer_id and b.period = s.period
        join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id and l.insurance = ${insurance}
      where s.complete
      group by b.employer_id, l.person_id, s.period, s.part
      having sum(case when s.part = 'employee' then l.employee_amount else l.employer_amount end) is not null
    ),
    credited as (
      select e.employer_id, e.person_id, e.period, ${creditedPart} as part, sum(e.amount)::bigint as amount
      from ${sql.table(credited.table)} e join period_bill s on s.employer_id = e.employer_id and s.period = e.period
      ${credited.contributionsOnly ? sql`where e.kind = 'contribution'` : sql``}
      group by e.employer_id, e.person_id, e.period, 4
    ),
    difference as (
      select coalesce(d.employer_id, c.employer_id) as employer_id, coalesce(d.person_id, c.person_id) as person_id, coalesce(d.period, c.period) as period,
        coalesce(d.part, c.part) as part, coalesce(d.amount, 0) - coalesce(c.amount, 0) as credit
      from due d full join credited c on c.employer_id = d.employer_id and c.person_id = d.person_id and c.period = d.period and c.part = d.part
    )`;
}
