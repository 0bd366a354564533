/** What every payment order of a claim carries (the claim's approval, the unemployment months, the work-injury months). */
import { conflict } from '../../../platform/errors.ts';
import { claimSaid } from './claims.messages.ts';

/** A claim's orders: source `benefit_claim`, the claim's id, the part an amount's item or a month (`unemployment_benefit:YYYY-MM`, `nursing_allowance:YYYY-MM`). */
export const CLAIM_PAYMENT_SOURCE = 'benefit_claim';

/** Whose benefit, the fund paying, the payee the claim form named. */
export function claimPayment(claim: { person_id: bigint; region_code: string; name: string; id_number: string; payee_name: string | null; payee_id_number: string | null; bank_account: string | null }, fund: string) {
  if (!claim.bank_account) throw conflict('bankAccount', claimSaid.noPayeeAccount({ name: claim.name, idNumber: claim.id_number }));
  return { personId: claim.person_id, regionCode: claim.region_code, fund, payeeName: claim.payee_name!, payeeIdNumber: claim.payee_id_number!, bankAccount: claim.bank_account };
}

