/** Kysely table types of the saved projection scenarios (migrations/0078_projection_scenarios.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    budget_projection_scenario: {
      id: bigint; region_code: string; name: string; label: string; overrides: unknown; note: string | null;
      status: Generated<'active' | 'archived'>; created_by: string; created_at: Generated<Date>; archived_by: string | null; archived_at: Date | null;
    };
  }
}
