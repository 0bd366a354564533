/** Kysely table types of the death registry, overpayments and survivors' entitlements (migrations/0037, 0040). Money in fen. */
import type { Generated } from 'kysely';

export const overpaymentStatuses = ['open', 'recovered'] as const;
export type OverpaymentStatus = (typeof overpaymentStatuses)[number];
/**
 * death: months paid after a death; stopped: months paid from the month an operator stopped the award (终止发放);
 * case: a supervision case's amount to recover by offset against the pension (抵扣待遇, payroll/offsets.ts).
 */
export type OverpaymentCause = 'death' | 'stopped' | 'case';
export const recoveryMethods = ['refund', 'instalment', 'offset'] as const;
export type RecoveryMethod = (typeof recoveryMethods)[number];
export type EntitlementKind = 'funeral_grant' | 'survivor_pension';

declare module '../../../platform/database.ts' {
  interface Tables {
    death_record: { person_id: bigint; id: bigint; region_code: string; date_of_death: string; import_id: bigint; recorded_by: string; recorded_at: Generated<Date> };
    benefit_overpayment: {
      person_id: bigint; id: bigint; region_code: string; award_id: bigint; cause: OverpaymentCause; death_record_id: bigint | null; periods: string[]; amount: bigint;
      status: Generated<OverpaymentStatus>; created_at: Generated<Date>;
      /** The award event (终止发放) that opened it (migrations/0040); null for a death's. */
      award_event_id: Generated<bigint | null>;
      /** The supervision case that opened it (cause `case`, migrations/0074). */
      case_id: Generated<bigint | null>;
    };
    benefit_overpayment_recovery: {
      person_id: bigint; id: bigint; overpayment_id: bigint; region_code: string; method: RecoveryMethod; amount: bigint; recovered_on: string; reference: string;
      recorded_by: string; recorded_at: Generated<Date>;
    };
    survivor_entitlement: {
      person_id: bigint; id: bigint; region_code: string; award_id: bigint; death_record_id: bigint; kind: EntitlementKind; amount: bigint; basis: string;
      status: Generated<'pending' | 'paid'>; created_at: Generated<Date>;
    };
  }
}
