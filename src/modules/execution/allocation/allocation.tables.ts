/** Kysely table types of the monthly allocation plans (migrations/0058_allocation_plans.sql). Money columns are bigint fen. */
import type { Generated } from 'kysely';
import type { AllocationMethod } from './allocation.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    allocation_plan: {
      id: bigint; region_code: string; year: number; version_id: bigint; fund: string; method: AllocationMethod; supersedes_id: bigint | null;
      approval_item_id: bigint; proposed_by: string; approved_by: string; approved_at: Generated<Date>;
    };
    allocation_plan_line: {
      plan_id: bigint; subject: string; region_code: string; name: string; amount: bigint; split: AllocationMethod; basis_year: number | null;
    };
    allocation_plan_month: { plan_id: bigint; subject: string; month: number; region_code: string; amount: bigint };
  }
}
