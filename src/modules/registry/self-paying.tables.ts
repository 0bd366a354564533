/** Kysely table types of self-paying contributors (migrations/0034_self_paying_contributors.sql). */
import type { Generated } from 'kysely';

declare module '../../platform/database.ts' {
  interface Tables {
    self_paying_registration: {
      employer_id: bigint; person_id: bigint; kind: 'flexible' | 'individual_business'; business_credit_code: string | null; region_code: string;
      registered_by: string; registered_at: Generated<Date>;
    };
    self_paying_terms: {
      employer_id: bigint; id: bigint; person_id: bigint; region_code: string; valid_from: string; base_ratio: string | null; insurances: string[];
      reason: string; recorded_by: string; recorded_at: Generated<Date>;
    };
  }
}
