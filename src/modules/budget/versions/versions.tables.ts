/** Kysely table types of the budget versions (migrations/0049_budget_versions.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';

export const versionStatuses = ['drafted', 'submitted', 'returned', 'approved'] as const;
export type VersionStatus = (typeof versionStatuses)[number];
/** drafted from the model, the sum of the regions below, or created by an approved adjustment (预算调整) */
export type VersionBasis = 'model' | 'aggregated' | 'adjustment';

declare module '../../../platform/database.ts' {
  interface Tables {
    budget_version: {
      id: bigint; region_code: string; year: number; number: number; status: Generated<VersionStatus>; basis: VersionBasis;
      chart_year: number | null; last_actual_month: string | null; sources: unknown | null; submissions: Generated<number>;
      created_by: string; created_by_id: bigint | null; created_at: Generated<Date>;
      approval_item_id: bigint | null; approved_at: Date | null; approved_by: string | null;
    };
    budget_version_table: {
      version_id: bigint; fund: string; region_code: string; scheme: string; table_code: string; table_name: string;
      total_income: bigint; total_expense: bigint; balance: bigint; previous_accumulated_balance: bigint; accumulated_balance: bigint;
    };
    budget_line: {
      version_id: bigint; fund: string; side: 'income' | 'expense'; subject: string; parent_subject: string | null; line_number: number; region_code: string;
      name: string; amount: bigint; drafted_amount: bigint; forecast: unknown | null; reason: string | null; adjusted_by: string | null; adjusted_at: Date | null;
    };
    budget_line_comment: {
      version_id: bigint; id: bigint; fund: string; side: 'income' | 'expense'; subject: string; region_code: string; submission: number;
      comment: string; commented_by: string; commented_by_id: bigint | null; created_at: Generated<Date>;
    };
    budget_target: {
      version_id: bigint; fund: string; indicator: string; region_code: string; dimension: 'decision' | 'process' | 'output' | 'effect';
      name: string; unit: string; comparison: 'at_least' | 'at_most'; target_value: string; reason: string | null;
    };
  }
}
