/** Kysely table types of contribution collection (migrations/0005_billing.sql, 0006_payments.sql, 0035_assessed_bases.sql, 0042_occupational_annuity.sql). */
import type { Generated } from 'kysely';
import type { BilledInsurance } from './billing/billing.calc.ts';

export const billKinds = ['regular', 'supplementary', 'credit_note'] as const;

declare module '../../platform/database.ts' {
  interface Tables {
    bill: {
      employer_id: bigint; id: bigint; number: string; period: string; kind: Generated<(typeof billKinds)[number]>; sequence: Generated<number>;
      region_code: string; due_date: string; run_id: bigint | null; chunk: number | null; persons: number; lines: number; total: bigint;
      assessed_persons: Generated<number>; parameter_refs: unknown; issued_at: Generated<Date>;
    };
    bill_item: {
      employer_id: bigint; bill_id: bigint; insurance: BilledInsurance; fund_code: string; region_code: string; employer_amount: bigint; employee_amount: bigint;
    };
    bill_line: {
      employer_id: bigint; bill_id: bigint; person_id: bigint; insurance: BilledInsurance; region_code: string; base: bigint; base_assessed: Generated<boolean>;
      employer_rate: string; employee_rate: string | null; employer_amount: bigint; employee_amount: bigint | null;
    };
    payment: {
      employer_id: bigint; id: bigint; region_code: string; paid_on: string; amount: bigint; reference: string | null;
      source: 'bank_file' | 'manual' | 'tax'; import_key: string; file_name: string | null; line_number: number | null;
      recorded_by: string; recorded_at: Generated<Date>;
    };
    payment_allocation: {
      employer_id: bigint; id: bigint; payment_id: bigint; bill_id: bigint | null; insurance: BilledInsurance | null;
      part: 'employee' | 'employer' | 'late_fee' | 'credit'; amount: bigint; allocated_on: string; booked_on: string | null; fund_code: string | null;
      region_code: string; created_at: Generated<Date>;
    };
    payment_reversal: {
      employer_id: bigint; payment_id: bigint; region_code: string; reason: string; reversed_on: string; reversed_by: string; reversed_at: Generated<Date>; approval_item_id: bigint | null;
    };
    individual_account_entry: {
      person_id: bigint; id: bigint; region_code: string; year: number; period: string | null;
      kind: 'contribution' | 'interest' | 'back_interest' | 'opening' | 'transfer_in' | 'transfer_out'; amount: bigint;
      employer_id: bigint | null; bill_id: bigint | null; payment_id: bigint | null; rate: string | null; created_at: Generated<Date>;
    };
    interest_run: { year: number; rate: string; method: string; persons: number; amount: bigint; back_interest: Generated<bigint>; run_by: string; run_at: Generated<Date> };
  }
}
