/** Kysely table types of the year-end settlements (migrations/0059_year_end_settlement.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    year_end_settlement: {
      id: bigint; region_code: string; fund: string; year: number;
      opening_balance: bigint; transferred: bigint; other_receipts: bigint; paid: bigint; returned_in_year: bigint; closing_balance: bigint; current_balance: bigint;
      committed: bigint; returned: bigint; entry_id: bigint | null; settled_on: string;
      approval_item_id: bigint; submitted_by: string; approved_by: string; approved_at: Generated<Date>;
    };
  }
}
