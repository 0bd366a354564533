/** Kysely table types of the checks that warn (migrations/0080_control_check_events.sql). */
import type { Generated } from 'kysely';

declare module '../database.ts' {
  interface Tables {
    control_check_event: {
      id: bigint; point: string; region_code: string; subject: string; outcome: 'stopped' | 'overridden';
      warnings: unknown; reason: string | null; actor: string; happened_at: Generated<Date>;
    };
  }
}
