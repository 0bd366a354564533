/**
 * 就业期间领取失业保险金 (unemployment benefit while employed): a month of unemployment benefit paid to a person an
 * employer declared a wage for to the tax bureau in the same month (重新就业). One finding per person and month;
 * amount: the benefit of that month.
 * 社会保险法 第五十一条 (重新就业的，停止享受失业保险待遇), 第八十八条; 失业保险条例 第十五条.
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface BenefitMonth {
  id_number: string; region_code: string; period: string; claim_id: bigint; benefit_amount: bigint;
  employers: { creditCode: string; wage: number; importId: string }[];
}

export const unemploymentWhileEmployed: DetectionRule = {
  name: 'unemployment-while-employed',
  title: supervisionSaid.unemploymentWhileEmployed,
  legalBasis: '社会保险法 第五十一条、第八十八条；失业保险条例 第十五条',
  parameters: [],
  async find(tx, { scope }) {
    const { rows } = await sql<BenefitMonth>`
      select p.id_number, m.region_code, m.period, m.claim_id, m.benefit_amount,
             json_agg(json_build_object('creditCode', t.credit_code, 'wage', t.wage, 'importId', t.import_id::text) order by t.credit_code) as employers
        from benefit_claim_month m
        join person p on p.id = m.person_id
        join supervision_tax_wage t on t.id_number = p.id_number and t.period = m.period
       where m.region_code like ${inScopePattern(scope)} and m.benefit_amount > 0 and t.wage > 0
       group by p.id_number, m.person_id, m.claim_id, m.period, m.region_code, m.benefit_amount
       order by m.period, p.id_number`.execute(tx);
    return rows.map((row) => ({
      key: `${row.id_number}/${row.period}`, subject: row.id_number, regionCode: row.region_code, period: row.period, amount: row.benefit_amount,
      evidence: {
        idNumber: row.id_number, period: row.period, claim: String(row.claim_id), benefitPaid: formatYuan(row.benefit_amount),
        taxWages: row.employers.map((e) => ({ ...e, wage: formatYuan(BigInt(e.wage)) })),
      },
    }));
  },
};
