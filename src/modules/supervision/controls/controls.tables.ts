/** Kysely table types of the monthly audit samples (migrations/0051_supervision_controls.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    supervision_sample: {
      id: bigint; region_code: string; month: string; seed: bigint; size: number; population: number;
      taken_by_id: bigint | null; taken_by: string; taken_at: Generated<Date>;
    };
    supervision_sample_item: {
      sample_id: bigint; position: number; region_code: string; approval_item_id: bigint; kind: string; submitted_at: Date; submitted_by: string; subject: string;
    };
  }
}
