/** Kysely table types of dunning (migrations/0024_dunning_and_certificates.sql). */
import type { Generated } from 'kysely';
import type { DeliveryMethod, NoticeKind, WaiverGround } from './dunning.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    dunning_counter: { region_code: string; year: number; kind: NoticeKind; last_number: number };
    dunning_notice: {
      employer_id: bigint; id: bigint; number: string; kind: NoticeKind; region_code: string; as_of: string; principal: bigint; late_fee: bigint;
      periods: unknown; deadline: string | null; issued_by: string; issued_at: Generated<Date>;
    };
    dunning_delivery: {
      employer_id: bigint; id: bigint; notice_id: bigint; region_code: string; method: DeliveryMethod; delivered_on: string; recipient: string;
      note: string | null; recorded_by: string; recorded_at: Generated<Date>;
    };
    instalment_agreement: {
      employer_id: bigint; id: bigint; region_code: string; approval_item_id: bigint; as_of: string; principal: bigint; instalments: unknown;
      reason: string; approved_by: string; approved_at: Generated<Date>;
    };
    late_fee_waiver: {
      employer_id: bigint; id: bigint; region_code: string; approval_item_id: bigint; as_of: string; amount: bigint; ground: WaiverGround;
      document: string; approved_by: string; approved_at: Generated<Date>;
    };
  }
}
