/** Kysely table types of the credit grades and the blacklist (migrations/0062_supervision_credit.sql). Money in fen. */
import type { Generated } from 'kysely';
import type { ListingStatus } from './credit.statuses.ts';
import type { SubjectKind } from '../cases/cases.statuses.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    supervision_credit_run: {
      id: bigint; region_code: string; as_of: string; parameters: string; subjects: number; changed: number; run_by: string; run_at: Generated<Date>;
    };
    supervision_credit_grade: {
      subject_kind: SubjectKind; subject: string; region_code: string; grade: string; facts: unknown; reasons: unknown; run_id: bigint; graded_on: string;
    };
    supervision_credit_grade_history: {
      id: bigint; subject_kind: SubjectKind; subject: string; region_code: string; grade: string; previous_grade: string | null; facts: unknown; reasons: unknown;
      run_id: bigint; graded_on: string;
    };
    supervision_blacklist: {
      id: bigint; subject_kind: SubjectKind; subject: string; region_code: string; reason: string; notified_on: string; status: Generated<ListingStatus>;
      listing_item_id: bigint; listed_on: string | null; listed_until: string | null; removal_item_id: bigint | null; removal_reason: string | null;
      removed_on: string | null; proposed_by: string; proposed_at: Generated<Date>;
    };
    supervision_blacklist_step: {
      id: bigint; listing_id: bigint; region_code: string; step: string; username: string; note: string | null; approval_item_id: bigint | null; at: Generated<Date>;
    };
  }
}
