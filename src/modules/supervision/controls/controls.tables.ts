/** Kysely table types of the monthly audit samples and their reviews (migrations/0051_supervision_controls.sql, 0063_sample_reviews.sql). */
import type { Generated } from 'kysely';
import type { SampleVerdict } from './controls.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    supervision_sample: {
      id: bigint; region_code: string; month: string; seed: bigint; size: number; population: number;
      taken_by_id: bigint | null; taken_by: string; taken_at: Generated<Date>;
    };
    supervision_sample_item: {
      sample_id: bigint; position: number; region_code: string; approval_item_id: bigint; kind: string; submitted_at: Date; submitted_by: string; subject: string;
    };
    supervision_sample_review: {
      sample_id: bigint; position: number; region_code: string; approval_item_id: bigint; verdict: SampleVerdict; note: string | null;
      reviewed_by_id: bigint | null; reviewed_by: string; reviewed_at: Generated<Date>;
    };
  }
}
