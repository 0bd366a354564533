/** Kysely table types of the self-service portals (migrations/0007_portal.sql). */
import type { Generated } from 'kysely';

export const requestKinds = ['hire', 'separate'] as const;
/** The request's review state is its sign-off item's: pending, returned (退回补正), approved, cancelled (撤回). */
export const requestStatuses = ['pending', 'returned', 'approved', 'cancelled'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

declare module '../../../platform/database.ts' {
  interface Tables {
    employment_request: {
      employer_id: bigint; id: bigint; region_code: string; kind: (typeof requestKinds)[number]; id_number: string; name: string;
      person_id: bigint | null; employment_id: bigint | null; hired_on: string | null; separated_on: string | null;
      separation_reason: 'voluntary' | 'involuntary' | 'retirement' | 'death' | 'other' | null;
      requested_by: string; requested_at: Generated<Date>; approval_item_id: bigint;
    };
  }
}
