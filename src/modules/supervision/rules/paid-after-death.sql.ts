/**
 * 死亡后继续发放 (pension paid after death): payroll lines paid, or sent to the bank, for months after the month of a
 * pensioner's death in the death registry (养老金发放至死亡当月), whatever else happened since (the death import
 * suspends the award and opens a recovery; the finding stands on the payroll's own data). One finding per death;
 * amount: the months paid after it.
 * 社会保险法 第八十八条 (骗取社会保险待遇的，责令退回，处二倍以上五倍以下罚款); 社会保险经办条例 第四十六条 (多发待遇追回).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface PaidAfterDeath {
  id_number: string; region_code: string; date_of_death: string; import_id: bigint; first_period: string; amount: bigint;
  lines: { period: string; amount: number; status: string; paidOn: string | null; reference: string }[];
}

export const paidAfterDeath: DetectionRule = {
  name: 'paid-after-death',
  title: supervisionSaid.paidAfterDeath,
  legalBasis: '社会保险法 第八十八条；社会保险经办条例 第四十六条',
  parameters: [],
  async find(tx, { scope }) {
    const { rows } = await sql<PaidAfterDeath>`
      select p.id_number, d.region_code, d.date_of_death::text as date_of_death, d.import_id, min(b.period) as first_period, sum(l.amount)::bigint as amount,
             json_agg(json_build_object('period', b.period, 'amount', l.amount, 'status', l.status, 'paidOn', l.paid_on, 'reference', l.reference) order by b.period) as lines
        from death_record d
        join person p on p.id = d.person_id
        join payroll_line l on l.person_id = d.person_id
        join payroll_batch b on b.id = l.batch_id
       where d.region_code like ${inScopePattern(scope)}
         and b.period > to_char(d.date_of_death, 'YYYY-MM')
         and l.status in ('paid', 'sent')
       group by p.id_number, d.person_id, d.id, d.region_code, d.date_of_death, d.import_id
       order by p.id_number`.execute(tx);
    return rows.map((row) => ({
      key: `${row.id_number}/${row.date_of_death}`, subject: row.id_number, regionCode: row.region_code, period: row.first_period, amount: row.amount,
      evidence: {
        idNumber: row.id_number, dateOfDeath: row.date_of_death, deathImport: String(row.import_id), paidAfterDeath: formatYuan(row.amount),
        payrollLines: row.lines.map((line) => ({ ...line, amount: formatYuan(BigInt(line.amount)) })),
      },
    }));
  },
};
