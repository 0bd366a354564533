/** Kysely table types of the responsibility-sharing settlements (migrations/0065_sharing_settlement.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';

declare module '../../../platform/database.ts' {
  interface Tables {
    sharing_settlement: {
      id: bigint; region_code: string; scheme: string; year: number; fund: string;
      gap: bigint; borne: bigint; remitted: bigint; settled_on: string;
      approval_item_id: bigint; submitted_by: string; approved_by: string; approved_at: Generated<Date>;
    };
    sharing_settlement_county: {
      settlement_id: bigint; region_code: string; gap: bigint; own_gap: bigint;
      province_share: bigint; city_share: bigint; county_share: bigint; entry_id: bigint | null;
    };
  }
}
