/** Kysely table types of the one-off benefit payment orders (migrations/0043_benefit_payment_order.sql). Money in fen. */
import type { Generated } from 'kysely';
import type { PaymentOrderStatus } from './payroll.statuses.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    benefit_payment_order: {
      person_id: bigint; id: bigint; region_code: string; fund_code: string; benefit_type: string; subject_code: string; amount: bigint; amount_offset: Generated<bigint>;
      payee_name: string; payee_id_number: string; bank_account: string; reason: string; source_type: string; source_id: bigint; source_part: Generated<string>; reference: string;
      status: Generated<PaymentOrderStatus>; return_count: Generated<number>; return_reason: string | null; paid_on: string | null;
      approval_item_id: bigint | null; transfer_request_id: bigint | null; requested_by: string; created_at: Generated<Date>;
    };
    benefit_payment_order_event: {
      person_id: bigint; id: bigint; order_id: bigint; region_code: string; event: 'sent' | 'paid' | 'returned'; happened_on: string;
      reason: string | null; import_id: bigint | null; recorded_by: string; recorded_at: Generated<Date>;
    };
  }
}
