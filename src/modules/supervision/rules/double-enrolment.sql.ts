/**
 * 重复参保 (double enrolment): a person with employee basic pension enrolments at two employers both in force in the
 * same month. A month counts for an enrolment as billing counts it: the enrolment and its employment cover the month's
 * cut-off day (contribution.mid_month_cutoff_day, the rule of billing.sql.ts and of the duplicate-pension report), so
 * a change of employer in the middle of a month is no finding. The registry holds no resident pension enrolments,
 * so only employee enrolments are compared. One finding per pair of enrolments, in the month their overlap starts;
 * evidence: both enrolments and the months they share (up to today).
 * Amount: 0 — billing bills one pension employment a month (the earliest at an active employer, duplicate-pension.
 * service.ts), so the finding asks for the registry to be put right (转移或终止), not for contributions back.
 * 社会保险法 第十条 (职工应当参加基本养老保险); 人社部发〔2016〕94号 (一人一个养老保险关系，重复缴费清理) [check].
 */
import { sql } from 'kysely';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface Enrolment { creditCode: string; employerName: string; enrolmentId: string; validFrom: string; validTo: string | null; hiredOn: string; separatedOn: string | null }
interface DoubleEnrolment { id_number: string; region_code: string; first_month: string; last_month: string; months: number; first: Enrolment; second: Enrolment }

export const doubleEnrolment: DetectionRule = {
  name: 'double-enrolment',
  title: supervisionSaid.doubleEnrolment,
  legalBasis: '社会保险法 第十条；人社部发〔2016〕94号',
  parameters: ['contribution.mid_month_cutoff_day'],
  async find(tx, { scope, parameters }) {
    const { rows } = await sql<DoubleEnrolment>`
      with spans as (
        select n.person_id, n.employer_id, n.id, n.region_code, n.valid_from, n.valid_to, m.hired_on, m.separated_on, e.credit_code, e.name,
               greatest(n.valid_from, m.hired_on) as starts, least(coalesce(n.valid_to, current_date), coalesce(m.separated_on, current_date), current_date) as ends
          from enrollment n
          join employment m on m.employer_id = n.employer_id and m.id = n.employment_id
          join employer e on e.id = n.employer_id
         where n.insurance = 'pension'),
      pairs as (
        select a.person_id, a.region_code as first_region, b.region_code as second_region, greatest(a.starts, b.starts) as starts, least(a.ends, b.ends) as ends,
               json_build_object('creditCode', a.credit_code, 'employerName', a.name, 'enrolmentId', a.id::text, 'validFrom', a.valid_from::text, 'validTo', a.valid_to::text,
                                 'hiredOn', a.hired_on::text, 'separatedOn', a.separated_on::text) as first,
               json_build_object('creditCode', b.credit_code, 'employerName', b.name, 'enrolmentId', b.id::text, 'validFrom', b.valid_from::text, 'validTo', b.valid_to::text,
                                 'hiredOn', b.hired_on::text, 'separatedOn', b.separated_on::text) as second
          from spans a join spans b on b.person_id = a.person_id and b.employer_id > a.employer_id
         where greatest(a.starts, b.starts) <= least(a.ends, b.ends)
           and (a.region_code like ${inScopePattern(scope)} or b.region_code like ${inScopePattern(scope)})),
      pairs_shared as (
        select p.*, shared.first_month, shared.last_month, shared.months
          from pairs p
          cross join lateral (
            select min(c.month) as first_month, max(c.month) as last_month, count(*)::int as months
              from generate_series(date_trunc('month', p.starts), p.ends, interval '1 month') as g(month_start)
              cross join lateral (select to_char(g.month_start, 'YYYY-MM') as month,
                                         least(g.month_start::date + ${parameters.midMonthCutoffDay}::int - 1, (g.month_start + interval '1 month')::date - 1) as cutoff) c
             where c.cutoff between p.starts and p.ends) shared
         where shared.months > 0)
      select pe.id_number, case when s.first_region like ${inScopePattern(scope)} then s.first_region else s.second_region end as region_code,
             s.first_month, s.last_month, s.months, s.first, s.second
        from pairs_shared s join person pe on pe.id = s.person_id
       order by pe.id_number, s.first_month`.execute(tx);
    return rows.map((row) => ({
      key: `${row.id_number}/${row.first.enrolmentId}/${row.second.enrolmentId}`, subject: row.id_number, regionCode: row.region_code, period: row.first_month, amount: 0n,
      evidence: {
        idNumber: row.id_number, firstMonth: row.first_month, lastMonth: row.last_month, months: row.months, cutoffDay: parameters.midMonthCutoffDay,
        enrolments: [row.first, row.second],
      },
    }));
  },
};
