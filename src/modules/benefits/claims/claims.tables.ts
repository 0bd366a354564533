/** Kysely table types of benefit claims (migrations/0041_benefit_claims.sql, 0055_work_injury_months.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';
import type { ClaimKind, ClaimStatus } from './claims.statuses.ts';

export { claimKinds, claimStatuses, type ClaimKind, type ClaimStatus } from './claims.statuses.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    benefit_claim: {
      person_id: bigint; id: bigint; region_code: string; kind: ClaimKind; status: Generated<ClaimStatus>; paying_insurance: string; event_date: string;
      input: unknown; amounts: unknown; trace: unknown; monthly_amount: bigint; one_off_amount: bigint; months: number | null;
      first_period: string | null; last_period: string | null; fund_code: string | null; approval_item_id: bigint; submitted_by: string;
      approved_by: string | null; approved_at: Date | null; stop_period: string | null; stop_reason: string | null; stopped_on: string | null; stopped_by: string | null;
      payee_name: string | null; payee_id_number: string | null; bank_account: string | null;
      created_at: Generated<Date>;
    };
    benefit_claim_month: {
      person_id: bigint; claim_id: bigint; period: string; region_code: string; benefit_amount: bigint; medical_contribution: bigint;
      unemployment_entry_id: bigint; medical_entry_id: bigint; medical_fund_code: string; recorded_by: string; recorded_at: Generated<Date>;
    };
    benefit_claim_part_stop: {
      person_id: bigint; claim_id: bigint; part: string; region_code: string; stop_period: string; reason: string; stopped_on: string; stopped_by: string; recorded_at: Generated<Date>;
    };
    work_injury_month: {
      person_id: bigint; claim_id: bigint; period: string; region_code: string; amount: bigint; parts: unknown; recorded_by: string; recorded_at: Generated<Date>;
    };
  }
}
