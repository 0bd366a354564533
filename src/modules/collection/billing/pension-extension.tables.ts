/** Kysely table type of 延长缴费 exceptions (migrations/0035_assessed_bases.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    pension_extension: {
      employer_id: bigint; id: bigint; enrollment_id: bigint; person_id: bigint; region_code: string;
      valid_from: string; valid_to: string | null; reason: string; granted_by: string; granted_at: Generated<Date>;
    };
  }
}
