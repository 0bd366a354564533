/**
 * Typed SQL of the occupational annuity accounts (职业年金个人账户, migrations/0042). Every function runs in the caller's
 * scoped transaction, so row-level security limits it to the actor's region subtree.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, reserveIds } from '../../../platform/ids.ts';
import { occupationalAnnuity } from '../billing/billing.calc.ts';
import { creditDifferences } from './paid-periods.sql.ts';
import './occupational-annuity.tables.ts';

/**
 * Brings the occupational annuity accounts of the employers' periods of `bills` in line with what is paid, the employee
 * and the employer part each by the rule of ./paid-periods.sql.ts, recorded against the period's latest bill and the
 * payment named. Writes nothing the second time. The caller holds the employers' allocation locks.
 */
export async function reconcileOccupationalAnnuityAccounts(tx: Tx, bills: readonly { employerId: bigint; billId: bigint; paymentId: bigint }[]): Promise<number> {
  if (!bills.length) return 0;
  const differences = creditDifferences({
    bills, insurance: occupationalAnnuity, parts: ['employee', 'employer'],
    credited: { table: 'occupational_annuity_entry', partColumn: 'part', contributionsOnly: false },
  });
  const { rows: [{ n }] } = await sql<{ n: number }>`${differences} select count(*)::int as n from difference where credit <> 0`.execute(tx);
  if (!n) return 0;
  const ids = reserveIds(n);
  const result = await sql`${differences}
    insert into occupational_annuity_entry (person_id, id, region_code, period, part, amount, employer_id, bill_id, payment_id)
    select d.person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by d.employer_id, d.period, d.person_id, d.part) - 1'))}, s.region_code,
      d.period, d.part, d.credit, d.employer_id, s.latest_bill, s.payment_id
    from difference d join period_bill s on s.employer_id = d.employer_id and s.period = d.period
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
