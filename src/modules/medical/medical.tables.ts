/** Kysely table types of designated institutions and their settlement (migrations/0036_medical_institutions.sql). Money is bigint fen. */
import type { Generated } from 'kysely';
import { institutionKindValues } from './medical.schemas.ts';

/** 三级医院、二级医院、一级医院、定点药店 (named in the schemas, which the web reads without the table types). */
export const institutionKinds = institutionKindValues;
export type InstitutionKind = (typeof institutionKinds)[number];
/** computing → submitted (in sign-off) → approved (funded: 财政专户 → 支出户) → paid. */
export type PrepaymentRunStatus = 'computing' | 'submitted' | 'approved' | 'paid';
/** submitted → approved (funded, recoveries booked as receivables) → paid. */
export type YearEndRunStatus = 'submitted' | 'approved' | 'paid';
/** pending → paid (settlement > 0) | recovery_open → recovered (settlement < 0) | settled (nothing to move). */
export type YearEndLineStatus = 'pending' | 'paid' | 'recovery_open' | 'recovered' | 'settled';
/** 年终清算方式 (medical.year_end_method): total budget, or a hospital by DIP points. */
export type YearEndMethod = 'total_budget' | 'dip';

declare module '../../platform/database.ts' {
  interface Tables {
    medical_institution: {
      id: bigint; code: string; name: string; region_code: string; pooling_region_code: string; kind: InstitutionKind; bank_account: string;
      status: Generated<'active' | 'suspended' | 'terminated'>; created_by: string; created_at: Generated<Date>;
    };
    medical_quota: {
      institution_id: bigint; id: bigint; region_code: string; year: number; annual_quota: bigint; reserve_share: string;
      source: 'entered' | 'imported' | 'budget'; import_id: bigint | null; allocation_id: bigint | null; recorded_by: string; recorded_at: Generated<Date>;
    };
    medical_monthly_settlement: {
      institution_id: bigint; month: string; line: number; region_code: string; dip_group: string | null; cases: number; cost: bigint;
      visits: number; patients: number; inpatient_days: number; total_cost: bigint; fund_payable: bigint; import_id: bigint;
    };
    medical_prepayment_run: {
      id: bigint; region_code: string; fund_code: string; month: string; status: Generated<PrepaymentRunStatus>; institutions: Generated<number>; total: Generated<bigint>;
      job_id: bigint; approval_item_id: bigint | null; transfer_entry_id: bigint | null; payment_entry_id: bigint | null; paid_on: string | null;
      created_by: string; created_at: Generated<Date>;
    };
    medical_prepayment: {
      institution_id: bigint; month: string; run_id: bigint; region_code: string; quota_id: bigint; annual_quota: bigint; reserve_share: string; amount: bigint;
    };
    medical_year_end_run: {
      id: bigint; region_code: string; fund_code: string; year: number; status: Generated<YearEndRunStatus>; rules: unknown; approval_item_id: bigint | null;
      transfer_entry_id: bigint | null; paid_on: string | null; created_by: string; created_at: Generated<Date>;
    };
    medical_year_end_settlement: {
      institution_id: bigint; year: number; run_id: bigint; region_code: string; quota: bigint; actual: bigint; prepaid: bigint; allowed: bigint;
      saving_reward: bigint; overrun_paid: bigint; settlement: bigint; status: Generated<YearEndLineStatus>; entry_id: bigint | null;
      repaid_on: string | null; repayment_entry_id: bigint | null; credit_grade: string | null;
      /** how the line was settled (medical.year_end_method) and, by DIP, the year's points it was paid on */
      method: Generated<YearEndMethod>; points: string | null;
    };
  }
}
