/** Kysely table types of the monthly pension payroll (migrations/0032_pension_payroll.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';
import type { BatchStatus, LineStatus } from './payroll.statuses.ts';

export { batchStatuses, lineStatuses, type BatchStatus, type LineStatus } from './payroll.statuses.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    payroll_batch: {
      id: bigint; fund_code: string; region_code: string; period: string; status: Generated<BatchStatus>; payees: Generated<number>; total: Generated<bigint>;
      /** What the lines keep back against overpayments (migrations/0074); the bank pays total − offset_total. */
      offset_total: Generated<bigint>;
      job_id: bigint; approval_item_id: bigint | null; transfer_request_id: bigint | null; created_by: string; created_at: Generated<Date>;
    };
    payroll_line: {
      person_id: bigint; id: bigint; batch_id: bigint; award_id: bigint; region_code: string; reference: string; amount: bigint;
      /** Kept back against the pensioner's overpayments (offsets.ts, migrations/0074); the bank pays amount − amount_offset. */
      amount_offset: Generated<bigint>;
      status: Generated<LineStatus>; return_count: Generated<number>; reason: string | null; paid_on: string | null;
    };
    payroll_line_event: {
      person_id: bigint; id: bigint; line_id: bigint; region_code: string; event: 'sent' | 'paid' | 'returned'; happened_on: string;
      reason: string | null; import_id: bigint | null; recorded_by: string; recorded_at: Generated<Date>;
    };
    fund_transfer_request: {
      id: bigint; fund_code: string; region_code: string; amount: bigint; purpose: string; batch_id: bigint | null;
      /** The one-off benefit payment order it funds (migrations/0043); null for a payroll batch's. */
      payment_order_id: Generated<bigint | null>;
      status: Generated<'pending' | 'approved'>; approval_item_id: bigint | null; entry_id: bigint | null; requested_by: string; created_at: Generated<Date>;
    };
  }
}
