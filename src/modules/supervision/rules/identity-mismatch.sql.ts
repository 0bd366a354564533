/**
 * 项目与性别、年龄不符 (identity mismatch): a claim item restricted by sex or age charged to a patient who is not of
 * that sex or age — an item whose name contains a word of supervision.item_sex (产科、分娩 for women, 前列腺 for men …)
 * or of supervision.item_age (新生儿 below 1 year …), the age in whole years on the day of admission. The patient's
 * sex and birth date are read from the ID number on the claim (checkIdNumber, GB 11643: digits 7–14 the birth date,
 * digit 17 odd for a man). One finding per claim, about the institution; amount: the mismatched items' amounts.
 * 医疗保障基金使用监督管理条例 第十五条 (不得将不属于医疗保障基金支付范围的医药费用纳入结算；不得串换项目),
 * 第三十八条 (责令退回，处一倍以上二倍以下罚款).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { checkIdNumber } from '../../registry/index.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule, type RuleParameters } from './rule.ts';

interface RestrictedLine {
  institution_code: string; claim_id: string; id_number: string; region_code: string; admitted: string;
  item: string; quantity: string; amount: bigint; line: number;
}
/** A mismatched line and the restriction it breaks (flat, one evidence table row): the sex allowed, or the ages. */
interface Mismatch { item: string; quantity: string; amount: bigint; line: number; word: string; allowedSex?: string; ageFrom?: number; ageBelow?: number }

/** A LIKE pattern for the item names containing `word` (its LIKE characters escaped). */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Age in whole years on `on` of a person born on `birthDate` (both YYYY-MM-DD). */
const ageOn = (birthDate: string, on: string) => Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (on.slice(5) < birthDate.slice(5) ? 1 : 0);

/** What the patient may not be charged for in `line`: the first restriction it breaks, or undefined. */
function mismatchOf(line: RestrictedLine, { itemSex, itemAge }: Pick<RuleParameters, 'itemSex' | 'itemAge'>): Mismatch | undefined {
  const patient = checkIdNumber(line.id_number);
  if (!patient.ok) return undefined;
  const charged = { item: line.item, quantity: line.quantity, amount: line.amount, line: line.line };
  for (const [word, sex] of Object.entries(itemSex)) {
    if (line.item.includes(word) && patient.gender !== sex) return { ...charged, word, allowedSex: sex };
  }
  const age = ageOn(patient.birthDate, line.admitted);
  for (const [word, range] of Object.entries(itemAge)) {
    if (line.item.includes(word) && !(age >= range.from && age < range.below)) return { ...charged, word, ageFrom: range.from, ageBelow: range.below };
  }
  return undefined;
}

export const identityMismatch: DetectionRule = {
  name: 'identity-mismatch',
  title: supervisionSaid.identityMismatch,
  legalBasis: '医疗保障基金使用监督管理条例 第十五条、第三十八条',
  parameters: ['supervision.item_sex', 'supervision.item_age'],
  async find(tx, { scope, parameters }) {
    const words = [...Object.keys(parameters.itemSex), ...Object.keys(parameters.itemAge)];
    if (words.length === 0) return [];
    const { rows } = await sql<RestrictedLine>`
      select institution_code, claim_id, id_number, region_code, admitted::text as admitted, item, quantity::text as quantity, amount, line
        from supervision_claim_detail
       where region_code like ${inScopePattern(scope)} and item like any(${words.map(containing)}::text[])
       order by institution_code, claim_id, import_id, line`.execute(tx);
    const claims = new Map<string, { row: RestrictedLine; mismatches: Mismatch[] }>();
    for (const row of rows) {
      const mismatch = mismatchOf(row, parameters);
      if (!mismatch) continue;
      const key = `${row.institution_code}/${row.claim_id}`;
      const claim = claims.get(key) ?? { row, mismatches: [] };
      claim.mismatches.push(mismatch);
      claims.set(key, claim);
    }
    return [...claims].map(([key, { row, mismatches }]) => {
      const patient = checkIdNumber(row.id_number) as { gender: string; birthDate: string };
      return {
        key, subject: row.institution_code, regionCode: row.region_code, period: row.admitted.slice(0, 7), amount: mismatches.reduce((sum, m) => sum + m.amount, 0n),
        evidence: {
          institution: row.institution_code, claimId: row.claim_id, idNumber: row.id_number, admitted: row.admitted,
          patient: { sex: patient.gender, birthDate: patient.birthDate, ageOnAdmission: ageOn(patient.birthDate, row.admitted) },
          items: mismatches.map((m) => ({ ...m, amount: formatYuan(m.amount) })),
        },
      };
    });
  },
};
