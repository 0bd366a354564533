/** Kysely table types of the supervision cases and their recoveries (migrations/0054_supervision_cases.sql, 0070 the penalty, 0081 the assignment). Money in fen. */
import type { Generated } from 'kysely';
import type { CaseStatus, SubjectKind, Violation } from './cases.statuses.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    supervision_case: {
      id: bigint; number: string; region_code: string; subject_kind: SubjectKind; subject: string; kind: string; amount_involved: bigint; reason: string;
      status: Generated<CaseStatus>; opening_item_id: bigint; conclusion_item_id: bigint | null; violation: Violation | null; legal_basis: string | null;
      conclusion_note: string | null; opened_by: string; opened_at: Generated<Date>; concluded_at: Date | null; closed_by: string | null; closed_at: Date | null;
      /** 罚款: the provision (supervision.penalty_multiples), the multiple (numeric, as text) and the amount in fen */
      penalty_provision: string | null; penalty_multiple: string | null; penalty_amount: bigint | null;
      /** 承办人: the inspector the case is assigned to (migration 0081) */
      assigned_to: Generated<string>;
    };
    supervision_case_finding: { case_id: bigint; finding_id: bigint; region_code: string; released_at: Date | null };
    supervision_case_amount: { case_id: bigint; fund_code: string; region_code: string; amount: bigint };
    supervision_case_recovery: {
      id: bigint; case_id: bigint; region_code: string; fund_code: string; amount: bigint; recovered_on: string; bank_reference: string; entry_id: string;
      recorded_by: string; recorded_at: Generated<Date>;
    };
    supervision_case_step: {
      id: bigint; case_id: bigint; region_code: string; step: string; username: string; note: string | null; approval_item_id: bigint | null; at: Generated<Date>;
      /** the inspector a step 'assigned' gives the case to */
      assignee?: string | null;
    };
  }
}
