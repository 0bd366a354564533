/** Kysely table type of the occupational annuity accounts (migrations/0042_occupational_annuity.sql). */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    occupational_annuity_entry: {
      person_id: bigint; id: bigint; region_code: string; period: string; part: 'employee' | 'employer'; amount: bigint;
      employer_id: bigint; bill_id: bigint; payment_id: bigint; created_at: Generated<Date>;
    };
  }
}
