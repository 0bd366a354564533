/**
 * 分解住院 (split admission): a patient discharged and admitted again to the same institution within a number of days
 * (supervision.readmission_days), each stay settled as a claim of its own. One finding per readmission, about the
 * institution; amount: what the readmission's claim charged.
 * 医疗保障基金使用监督管理条例 第十五条 (不得分解住院、挂床住院), 第三十八条 (责令退回，处一倍以上二倍以下罚款).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface Stay { claimId: string; admitted: string; discharged: string; amount: string; items: { item: string; quantity: string; amount: string }[] }
interface Readmission {
  institution_code: string; id_number: string; region_code: string; period: string; days: number; amount: bigint;
  first_claim: string; first_admitted: string; first_discharged: string; first_amount: bigint;
  claim_id: string; admitted: string; discharged: string;
}

export const splitAdmission: DetectionRule = {
  name: 'split-admission',
  title: supervisionSaid.splitAdmission,
  legalBasis: '医疗保障基金使用监督管理条例 第十五条、第三十八条',
  parameters: ['supervision.readmission_days'],
  async find(tx, { scope, parameters }) {
    const { rows } = await sql<Readmission>`
      with stays as (
        select person_id, id_number, region_code, institution_code, claim_id, min(admitted) as admitted, max(discharged) as discharged, sum(amount)::bigint as amount
          from supervision_claim_detail
         where region_code like ${inScopePattern(scope)}
         group by person_id, id_number, region_code, institution_code, claim_id),
      ordered as (
        select s.*, lag(claim_id) over w as first_claim, lag(admitted) over w as first_admitted, lag(discharged) over w as first_discharged, lag(amount) over w as first_amount
          from stays s
        window w as (partition by person_id, institution_code order by admitted, discharged, claim_id))
      select institution_code, id_number, region_code, to_char(admitted, 'YYYY-MM') as period, (admitted - first_discharged) as days, amount,
             first_claim, first_admitted::text as first_admitted, first_discharged::text as first_discharged, first_amount,
             claim_id, admitted::text as admitted, discharged::text as discharged
        from ordered
       where first_claim is not null and admitted >= first_discharged and admitted - first_discharged <= ${parameters.readmissionDays}::int
       order by institution_code, admitted, id_number`.execute(tx);
    if (rows.length === 0) return [];
    const items = await claimItems(tx, rows.flatMap((r) => [r.first_claim, r.claim_id]), rows.flatMap((r) => [r.institution_code, r.institution_code]));
    const stay = (institution: string, claimId: string, admitted: string, discharged: string, amount: bigint): Stay =>
      ({ claimId, admitted, discharged, amount: formatYuan(amount), items: items.get(`${institution}/${claimId}`) ?? [] });
    return rows.map((row) => ({
      key: `${row.institution_code}/${row.claim_id}`, subject: row.institution_code, regionCode: row.region_code, period: row.period, amount: row.amount,
      evidence: {
        institution: row.institution_code, idNumber: row.id_number, daysBetween: row.days, readmissionDays: parameters.readmissionDays,
        firstStay: stay(row.institution_code, row.first_claim, row.first_admitted, row.first_discharged, row.first_amount),
        readmission: stay(row.institution_code, row.claim_id, row.admitted, row.discharged, row.amount),
      },
    }));
  },
};

/**
 * The items of the claims (claimIds[k] of institutions[k]), by institution/claim id, in file order. Looked up by
 * institution and claim id, the index's key: by claim id alone the lookup read every claim detail of the year.
 */
async function claimItems(tx: Parameters<DetectionRule['find']>[0], claimIds: string[], institutions: string[]) {
  const { rows } = await sql<{ institution_code: string; claim_id: string; item: string; quantity: string; amount: bigint }>`
    select institution_code, claim_id, item, quantity::text as quantity, amount from supervision_claim_detail
     where (institution_code, claim_id) in (select * from unnest(${institutions}::text[], ${claimIds}::text[]))
     order by institution_code, claim_id, import_id, line`.execute(tx);
  const byClaim = new Map<string, Stay['items']>();
  for (const row of rows) {
    const key = `${row.institution_code}/${row.claim_id}`;
    byClaim.set(key, [...(byClaim.get(key) ?? []), { item: row.item, quantity: row.quantity, amount: formatYuan(row.amount) }]);
  }
  return byClaim;
}
