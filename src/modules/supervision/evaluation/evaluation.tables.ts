/** Kysely table types of the evaluation's entered indicators (migrations/0079_evaluation_indicator_entries.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    evaluation_indicator_entry: {
      id: bigint; year: number; region_code: string; indicator: string; value: string; evidence: string; entered_by: string; entered_at: Generated<Date>;
    };
  }
}
