/** Typed SQL of the monthly allocation plans: written once by an approval, read as the current plan of a version and fund. */
import type { Tx } from '../../../platform/actor.ts';
import './allocation.tables.ts';

export type PlanRow = Awaited<ReturnType<typeof currentPlans>>[number];

/** The plans of the versions not superseded by a later one (one per version and fund). */
export const currentPlans = (tx: Tx, versionIds: bigint[]) => (versionIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('allocation_plan as plan').selectAll('plan')
    .where('plan.version_id', 'in', versionIds)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('allocation_plan as later').select('later.id').whereRef('later.supersedes_id', '=', 'plan.id'))))
    .orderBy('plan.fund').execute());

/** The current plan of a version and fund (one proposal per fund waits at a time: the sign-off engine's subject key). */
export const currentPlanOf = async (tx: Tx, versionId: bigint, fund: string) => (await currentPlans(tx, [versionId])).find((plan) => plan.fund === fund);

export const linesOf = (tx: Tx, planIds: bigint[]) => (planIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('allocation_plan_line').selectAll().where('plan_id', 'in', planIds).execute());

export const monthsOf = (tx: Tx, planIds: bigint[]) => (planIds.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('allocation_plan_month').selectAll().where('plan_id', 'in', planIds).orderBy('month').execute());

export async function insertPlan(tx: Tx, plan: {
  id: bigint; region_code: string; year: number; version_id: bigint; fund: string; method: 'even' | 'seasonal' | 'manual'; supersedes_id: bigint | null;
  approval_item_id: bigint; proposed_by: string; approved_by: string;
}, lines: { subject: string; name: string; amount: bigint; split: 'even' | 'seasonal' | 'manual'; basis_year: number | null; months: bigint[] }[]) {
  await tx.insertInto('allocation_plan').values(plan).execute();
  await tx.insertInto('allocation_plan_line').values(lines.map((line) => ({
    plan_id: plan.id, subject: line.subject, region_code: plan.region_code, name: line.name, amount: line.amount, split: line.split, basis_year: line.basis_year,
  }))).execute();
  await tx.insertInto('allocation_plan_month').values(lines.flatMap((line) => line.months.map((amount, index) => ({
    plan_id: plan.id, subject: line.subject, month: index + 1, region_code: plan.region_code, amount,
  })))).execute();
}
