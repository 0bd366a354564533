/** The amounts a claim grants, each with how often it is paid and the benefit subject (chart `benefits`) it is paid under. */
export const claimItems = [
  'unemployment_benefit', 'medical_contribution',
  'one_off_disability_grant', 'disability_allowance', 'nursing_allowance', 'funeral_grant', 'dependant_pension', 'one_off_death_grant',
  'maternity_allowance', 'birth_medical_costs',
] as const;
export type ClaimItem = (typeof claimItems)[number];

export interface ClaimAmount {
  item: ClaimItem;
  frequency: 'once' | 'monthly';
  /** The benefit type of the paying fund's chart (社会保险待遇支出 by type, ledger chart `benefits`). */
  benefitType: string;
  /** Fen. */
  amount: bigint;
}
