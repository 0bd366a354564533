/** Kysely table types of pension awards (migrations/0032_pension_payroll.sql, 0037_pension_deaths_adjustment.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';
import type { AwardStatus } from '../payroll/payroll.statuses.ts';

export { awardStatuses, type AwardStatus } from '../payroll/payroll.statuses.ts';
export type PensionScheme = 'enterprise' | 'public';
/** 养老金发放账户变更 (migrations/0077): submitted → approved (the award's account moved) | returned (→ submitted) | cancelled. */
export type AccountChangeStatus = 'submitted' | 'approved' | 'returned' | 'cancelled';
export type AwardEventKind = 'suspended' | 'resumed' | 'stopped' | 'amount_changed';

declare module '../../../platform/database.ts' {
  interface Tables {
    pension_award: {
      person_id: bigint; id: bigint; region_code: string; fund_code: string; scheme: PensionScheme; awarded_on: string; first_period: string;
      basic_pension: bigint; account_pension: bigint; transitional_pension: bigint; monthly_amount: bigint; bank_account: string;
      quote: unknown; status: Generated<AwardStatus>; status_reason: string | null; status_changed_on: string | null;
      approval_item_id: bigint | null; awarded_by: string; created_at: Generated<Date>;
      /** N of the quote in months, deemed months included (migrations/0037); null for awards from before. */
      contribution_months: number | null;
    };
    pension_award_event: {
      person_id: bigint; id: bigint; award_id: bigint; region_code: string; event: AwardEventKind; effective_period: string; happened_on: string;
      reason: string; source_type: string; source_id: bigint | null; recorded_by: string; recorded_at: Generated<Date>;
    };
    pension_award_account_change: {
      id: bigint; person_id: bigint; award_id: bigint; region_code: string; from_account: string; to_account: string; reason: string;
      status: Generated<AccountChangeStatus>; approval_item_id: bigint; requested_by: string; requested_at: Generated<Date>;
      approved_by: string | null; approved_at: Date | null;
    };
    pension_award_amount: {
      person_id: bigint; id: bigint; award_id: bigint; region_code: string; effective_period: string; monthly_amount: bigint; increase: bigint;
      adjustment_run_id: bigint; created_at: Generated<Date>;
    };
  }
}
