/** Kysely table types of pension awards (migrations/0032_pension_payroll.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';
import type { AwardStatus } from '../payroll/payroll.statuses.ts';

export { awardStatuses, type AwardStatus } from '../payroll/payroll.statuses.ts';
export type PensionScheme = 'enterprise' | 'public';

declare module '../../../platform/database.ts' {
  interface Tables {
    pension_award: {
      person_id: bigint; id: bigint; region_code: string; fund_code: string; scheme: PensionScheme; awarded_on: string; first_period: string;
      basic_pension: bigint; account_pension: bigint; transitional_pension: bigint; monthly_amount: bigint; bank_account: string;
      quote: unknown; status: Generated<AwardStatus>; status_reason: string | null; status_changed_on: string | null;
      approval_item_id: bigint | null; awarded_by: string; created_at: Generated<Date>;
    };
  }
}
