/** Kysely table types of the budget adjustments (migrations/0053_budget_adjustments.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';

export const adjustmentStatuses = ['submitted', 'returned', 'cancelled', 'approved'] as const;
export type AdjustmentStatus = (typeof adjustmentStatuses)[number];

declare module '../../../platform/database.ts' {
  interface Tables {
    budget_adjustment: {
      id: bigint; region_code: string; year: number; version_id: bigint; explanation: string; status: Generated<AdjustmentStatus>;
      approval_item_id: bigint; requested_by: string; requested_by_id: bigint | null; requested_at: Generated<Date>;
      result_version_id: bigint | null; approved_by: string | null; approved_at: Date | null;
    };
    budget_adjustment_line: {
      adjustment_id: bigint; fund: string; side: 'income' | 'expense'; subject: string; region_code: string; name: string;
      from_amount: bigint | null; to_amount: bigint; reason: string;
    };
  }
}
