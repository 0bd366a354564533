/**
 * 挂床住院 (bed-holding): an inpatient stay of at least supervision.bed_holding_days inpatient days (discharged −
 * admitted) whose claim lines per inpatient day are below supervision.bed_holding_items_per_day — a patient on the
 * ward's books but hardly treated. [check] The claim details carry no dates of service, so which days had no
 * treatment cannot be seen: the lines per day of the whole stay are the proxy, and a stay at exactly the figure is
 * no finding. One finding per claim, about the institution; amount: what the stay's claim charged.
 * 医疗保障基金使用监督管理条例 第十五条 (不得分解住院、挂床住院), 第三十八条 (责令退回，处一倍以上二倍以下罚款).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface HeldStay {
  institution_code: string; claim_id: string; id_number: string; region_code: string; admitted: string; discharged: string;
  days: number; lines: number; per_day: string; amount: bigint;
}

export const bedHolding: DetectionRule = {
  name: 'bed-holding',
  title: supervisionSaid.bedHolding,
  legalBasis: '医疗保障基金使用监督管理条例 第十五条、第三十八条',
  parameters: ['supervision.bed_holding_days', 'supervision.bed_holding_items_per_day'],
  async find(tx, { scope, parameters }) {
    const { rows } = await sql<HeldStay>`
      select institution_code, claim_id, id_number, region_code, admitted::text as admitted, discharged::text as discharged,
             discharged - admitted as days, count(*)::int as lines, round(count(*)::numeric / (discharged - admitted), 2)::text as per_day, sum(amount)::bigint as amount
        from supervision_claim_detail
       where region_code like ${inScopePattern(scope)} and discharged - admitted >= ${parameters.bedHoldingDays}::int
       group by institution_code, claim_id, id_number, region_code, admitted, discharged
      having count(*) < ${parameters.bedHoldingItemsPerDay}::numeric * (discharged - admitted)
       order by institution_code, claim_id`.execute(tx);
    return rows.map((row) => ({
      key: `${row.institution_code}/${row.claim_id}`, subject: row.institution_code, regionCode: row.region_code, period: row.admitted.slice(0, 7), amount: row.amount,
      evidence: {
        institution: row.institution_code, claimId: row.claim_id, idNumber: row.id_number, admitted: row.admitted, discharged: row.discharged,
        inpatientDays: row.days, claimLines: row.lines, linesPerDay: row.per_day, linesPerDayBelow: parameters.bedHoldingItemsPerDay, shortestStay: parameters.bedHoldingDays,
        claimAmount: formatYuan(row.amount),
      },
    }));
  },
};
