/** Kysely table type of the employer's dated facts (migrations/0026_years_and_history.sql). */
import type { Generated } from 'kysely';

declare module '../../platform/database.ts' {
  interface Tables {
    employer_fact_history: {
      employer_id: bigint; id: bigint; valid_from: string; employer_type: string; region_code: string; work_injury_class: number | null;
      work_injury_float: string; changed_by: string; reason: string; recorded_at: Generated<Date>;
    };
  }
}
