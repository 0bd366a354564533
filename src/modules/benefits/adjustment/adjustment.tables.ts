/** Kysely table types of the annual pension adjustment (migrations/0037). Money columns are bigint fen. */
import type { Generated } from 'kysely';

export type AdjustmentRunStatus = 'computing' | 'submitted' | 'applied';

declare module '../../../platform/database.ts' {
  interface Tables {
    pension_adjustment_run: {
      id: bigint; region_code: string; year: number; effective_period: string; status: Generated<AdjustmentRunStatus>; rules: string; awards: number;
      total_before: bigint; total_increase: bigint; approval_item_id: bigint | null; submitted_by: string; applied_at: Date | null; created_at: Generated<Date>;
      /** the job that computed it (migrations/0073); null for a run before */
      job_id: bigint | null;
    };
    pension_adjustment_line: {
      person_id: bigint; id: bigint; run_id: bigint; award_id: bigint; region_code: string; amount_before: bigint; increase: bigint; parts: string;
    };
  }
}
