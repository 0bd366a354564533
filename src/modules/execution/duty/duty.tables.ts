/** Kysely table type of the duty assignments (migrations/0060_duty_assignments.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    duty_assignment: {
      id: bigint; region_code: string; scheme: string; user_id: bigint; username: string; name: string; valid_from: string;
      supersedes_id: bigint | null; assigned_by: string; assigned_at: Generated<Date>;
    };
  }
}
