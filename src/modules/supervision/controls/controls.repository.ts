/**
 * Typed SQL of the risk-graded controls: the month's operations from the sign-off engine's items (read only), the
 * audit samples (written once, append-only). A month runs from its first day 00:00 to the next month's, Beijing time.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import './controls.tables.ts';

export interface OperationRow { id: bigint; kind: string; region_code: string; submitted_at: Date; submitted_by: string; title: string }
export type SampleRow = Tables['supervision_sample'] & { taken_at: Date };
export type SampleItemRow = Tables['supervision_sample_item'];
export type SampleReviewRow = Tables['supervision_sample_review'] & { reviewed_at: Date };

const monthStart = (month: string) => sql`(${`${month}-01`}::date)::timestamp at time zone 'Asia/Shanghai'`;
const monthEnd = (month: string) => sql`((${`${month}-01`}::date + interval '1 month')::date)::timestamp at time zone 'Asia/Shanghai'`;

/** The month's items of these kinds graded high when submitted, under the region prefix, by id; withdrawn ones are no operation. */
export async function highRiskOperations(tx: Tx, kinds: string[], scope: string, month: string): Promise<OperationRow[]> {
  if (kinds.length === 0) return [];
  const { rows } = await sql<OperationRow>`select id, kind, region_code, submitted_at, submitted_by, title from approval_item
    where kind = any(${kinds}::text[]) and risk = 'high' and status <> 'cancelled' and region_code like ${`${scope}%`}
      and submitted_at >= ${monthStart(month)} and submitted_at < ${monthEnd(month)}
    order by id`.execute(tx);
  return rows;
}

/** How many items of each of these kinds were submitted in the month under the region prefix (withdrawn ones included). */
export async function submittedPerKind(tx: Tx, kinds: string[], scope: string, month: string): Promise<{ kind: string; count: number }[]> {
  if (kinds.length === 0) return [];
  const { rows } = await sql<{ kind: string; count: number }>`select kind, count(*)::int as count from approval_item
    where kind = any(${kinds}::text[]) and region_code like ${`${scope}%`} and submitted_at >= ${monthStart(month)} and submitted_at < ${monthEnd(month)}
    group by kind`.execute(tx);
  return rows;
}

/** How many distinct operations of each kind the month's samples under the region prefix drew, and how many reviews found irregular. */
export async function sampledPerKind(tx: Tx, scope: string, month: string): Promise<{ kind: string; count: number; irregular: number }[]> {
  const { rows } = await sql<{ kind: string; count: number; irregular: number }>`select i.kind, count(distinct i.approval_item_id)::int as count,
      count(distinct r.approval_item_id) filter (where r.verdict = 'irregular')::int as irregular
    from supervision_sample_item i join supervision_sample s on s.id = i.sample_id
    left join supervision_sample_review r on r.sample_id = i.sample_id and r.position = i.position
    where s.month = ${month} and i.region_code like ${`${scope}%`}
    group by i.kind`.execute(tx);
  return rows;
}

export const regionExists = async (tx: Tx, code: string) =>
  (await sql<{ code: string }>`select code from region where code = ${code}`.execute(tx)).rows.length > 0;

export const findSample = (tx: Tx, key: { regionCode: string; month: string; seed: bigint; size: number }) =>
  tx.selectFrom('supervision_sample').selectAll().where('region_code', '=', key.regionCode).where('month', '=', key.month)
    .where('seed', '=', key.seed).where('size', '=', key.size).executeTakeFirst() as Promise<SampleRow | undefined>;

/** Inserts the sample unless the same one was taken meanwhile; true when this call wrote it. */
export async function insertSample(tx: Tx, sample: Insertable<Tables['supervision_sample']>): Promise<boolean> {
  const written = await tx.insertInto('supervision_sample').values(sample)
    .onConflict((conflict) => conflict.columns(['region_code', 'month', 'seed', 'size']).doNothing()).returning('id').executeTakeFirst();
  return written !== undefined;
}

export async function insertSampleItems(tx: Tx, items: SampleItemRow[]): Promise<void> {
  if (items.length) await tx.insertInto('supervision_sample_item').values(items).execute();
}

export const samplesOfMonth = (tx: Tx, month: string, scope: string) =>
  tx.selectFrom('supervision_sample').selectAll().where('month', '=', month).where('region_code', 'like', `${scope}%`)
    .orderBy('taken_at').orderBy('id').execute() as Promise<SampleRow[]>;

export const itemsOfSamples = (tx: Tx, sampleIds: bigint[]) => sampleIds.length === 0 ? Promise.resolve([] as SampleItemRow[])
  : tx.selectFrom('supervision_sample_item').selectAll().where('sample_id', 'in', sampleIds).orderBy('sample_id').orderBy('position').execute();

export const reviewsOfSamples = (tx: Tx, sampleIds: bigint[]) => sampleIds.length === 0 ? Promise.resolve([] as SampleReviewRow[])
  : tx.selectFrom('supervision_sample_review').selectAll().where('sample_id', 'in', sampleIds).execute() as Promise<SampleReviewRow[]>;

export const findSampleById = (tx: Tx, id: bigint) =>
  tx.selectFrom('supervision_sample').selectAll().where('id', '=', id).executeTakeFirst() as Promise<SampleRow | undefined>;

export const sampleItemAt = (tx: Tx, sampleId: bigint, position: number) =>
  tx.selectFrom('supervision_sample_item').selectAll().where('sample_id', '=', sampleId).where('position', '=', position).executeTakeFirst();

/** Who had a hand in an operation: its submitter and everyone who acted on its sign-off (user ids where known, usernames). */
export async function handsOnOperation(tx: Tx, approvalItemId: bigint): Promise<{ user_id: bigint | null; username: string }[]> {
  const { rows } = await sql<{ user_id: bigint | null; username: string }>`
    select submitted_by_id as user_id, submitted_by as username from approval_item where id = ${approvalItemId}
    union select user_id, username from approval_step where item_id = ${approvalItemId}`.execute(tx);
  return rows;
}

/** Records the review unless the operation was reviewed meanwhile; true when this call wrote it. */
export async function insertReview(tx: Tx, review: Insertable<Tables['supervision_sample_review']>): Promise<boolean> {
  const written = await tx.insertInto('supervision_sample_review').values(review)
    .onConflict((conflict) => conflict.columns(['sample_id', 'position']).doNothing()).returning('position').executeTakeFirst();
  return written !== undefined;
}
