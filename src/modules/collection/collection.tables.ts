/** Kysely table types of contribution collection (migrations/0005_billing.sql). */
import type { Generated } from 'kysely';
import type { Insurance } from '../registry/index.ts';

export const billKinds = ['regular', 'supplementary', 'credit_note'] as const;

declare module '../../platform/database.ts' {
  interface Tables {
    billing_run: {
      id: bigint; period: string; region_code: string; status: Generated<'running' | 'completed'>; parameters: unknown; chunks: number;
      started_by: string; started_at: Generated<Date>; finished_at: Date | null;
    };
    billing_chunk: {
      run_id: bigint; chunk: number; employer_from: bigint; employer_to: bigint; done_at: Date | null; bills: number | null; lines: number | null;
    };
    bill: {
      employer_id: bigint; id: bigint; number: string; period: string; kind: Generated<(typeof billKinds)[number]>; sequence: Generated<number>;
      region_code: string; due_date: string; run_id: bigint | null; chunk: number | null; persons: number; lines: number; total: bigint;
      parameter_refs: unknown; issued_at: Generated<Date>;
    };
    bill_item: {
      employer_id: bigint; bill_id: bigint; insurance: Insurance; fund_code: string; region_code: string; employer_amount: bigint; employee_amount: bigint;
    };
    bill_line: {
      employer_id: bigint; bill_id: bigint; person_id: bigint; insurance: Insurance; region_code: string; base: bigint;
      employer_rate: string; employee_rate: string | null; employer_amount: bigint; employee_amount: bigint | null;
    };
  }
}
