/**
 * 重复收费 (repeat charging): the same item charged again on one claim. The medical platform's claim details give one
 * line per item of a claim with its quantity (a stay's bed days are one 床位费 line of quantity 7), so what counts as
 * a repeat is a line identical to another of the same claim — same item, same quantity, same amount — beyond the
 * number of such lines allowed (supervision.repeat_charging_lines, 1: the second identical line is a repeat). The
 * same item with another quantity or amount is no repeat. One finding per claim, about the institution; amount: the
 * repeated lines beyond those allowed.
 * 医疗保障基金使用监督管理条例 第十五条 (不得重复收费), 第三十八条 (责令退回，处一倍以上二倍以下罚款).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface RepeatedClaim {
  institution_code: string; claim_id: string; id_number: string; region_code: string; period: string; amount: bigint;
  repeats: { item: string; quantity: string; amount: number; times: number; lines: number[] }[];
}

export const repeatCharging: DetectionRule = {
  name: 'repeat-charging',
  title: supervisionSaid.repeatCharging,
  legalBasis: '医疗保障基金使用监督管理条例 第十五条、第三十八条',
  parameters: ['supervision.repeat_charging_lines'],
  async find(tx, { scope, parameters }) {
    const allowed = parameters.repeatChargingLines;
    const { rows } = await sql<RepeatedClaim>`
      with repeated as (
        select institution_code, claim_id, id_number, region_code, admitted, item, quantity, amount, count(*)::int as times, array_agg(line order by line) as lines
          from supervision_claim_detail
         where region_code like ${inScopePattern(scope)}
         group by institution_code, claim_id, id_number, region_code, admitted, item, quantity, amount
        having count(*) > ${allowed}::int)
      select institution_code, claim_id, id_number, region_code, to_char(admitted, 'YYYY-MM') as period, sum((times - ${allowed}::int) * amount)::bigint as amount,
             json_agg(json_build_object('item', item, 'quantity', quantity::text, 'amount', amount, 'times', times, 'lines', lines) order by item, quantity, amount) as repeats
        from repeated
       group by institution_code, claim_id, id_number, region_code, admitted
       order by institution_code, claim_id`.execute(tx);
    return rows.map((row) => ({
      key: `${row.institution_code}/${row.claim_id}`, subject: row.institution_code, regionCode: row.region_code, period: row.period, amount: row.amount,
      evidence: {
        institution: row.institution_code, claimId: row.claim_id, idNumber: row.id_number, linesAllowed: allowed,
        repeats: row.repeats.map((repeat) => ({ ...repeat, amount: formatYuan(BigInt(repeat.amount)) })),
      },
    }));
  },
};
