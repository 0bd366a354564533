/** Typed SQL of the sign-off engine (approval_item, approval_step; migrations/0008_signoff.sql). */
import { sql, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../actor.ts';
import type { Tables } from '../database.ts';
import type { ItemStatus, RiskGrade, SignoffLevel, StepAction } from './signoff.calc.ts';

declare module '../database.ts' {
  interface Tables {
    approval_item: {
      id: bigint; kind: string; region_code: string; title: string; subject_key: string; amount: bigint | null; risk: RiskGrade;
      levels: SignoffLevel[]; parameter_refs: unknown; payload: unknown; status: Generated<ItemStatus>; next_level: Generated<number>;
      submitted_by_id: bigint | null; submitted_by: string; submitted_at: Generated<Date>; deadline_on: string; decided_at: Date | null; result: unknown;
    };
    approval_step: {
      item_id: bigint; seq: number; region_code: string; action: StepAction; level: number | null; level_name: string | null;
      user_id: bigint | null; username: string; role: string; comment: string | null; at: Generated<Date>;
    };
  }
}

export type ItemRow = Selectable<Tables['approval_item']>;
export type StepRow = Selectable<Tables['approval_step']>;
const OPEN: ItemStatus[] = ['pending', 'returned'];

/** The open (pending or returned) items of these subjects. */
export const openItemsOfSubjects = (tx: Tx, subjectKeys: string[]) => (subjectKeys.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('approval_item').select(['id', 'kind', 'status', 'subject_key', 'payload', 'submitted_by', 'next_level'])
    .where('subject_key', 'in', subjectKeys).where('status', 'in', OPEN).execute());

/** The open items of a kind whose subject key starts with the prefix (e.g. every open reopen of one fund). */
export const openItemsOfKind = (tx: Tx, kind: string, subjectPrefix: string) =>
  tx.selectFrom('approval_item').select(['id', 'kind', 'status', 'subject_key', 'payload', 'submitted_by'])
    .where('kind', '=', kind).where('subject_key', 'like', `${subjectPrefix}%`).where('status', 'in', OPEN).execute();

export const insertItem = (tx: Tx, item: Insertable<Tables['approval_item']>) => tx.insertInto('approval_item').values(item).execute();

export async function findItem(tx: Tx, id: bigint, forUpdate: boolean): Promise<ItemRow | undefined> {
  let query = tx.selectFrom('approval_item').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export const updateItem = (tx: Tx, id: bigint, changes: Updateable<Tables['approval_item']>) =>
  tx.updateTable('approval_item').set(changes).where('id', '=', id).execute();

/** Items by status and kind, optionally only those a user submitted (the caller orders and pages them). */
export function itemsQuery(tx: Tx, filter: { statuses: ItemStatus[]; kind?: string; fund?: string; submittedById?: bigint }) {
  let rows = tx.selectFrom('approval_item').selectAll();
  if (filter.statuses.length) rows = rows.where('status', 'in', filter.statuses);
  if (filter.kind) rows = rows.where('kind', '=', filter.kind);
  if (filter.fund) rows = rows.where(sql<string>`payload ->> 'fund'`, '=', filter.fund);
  if (filter.submittedById !== undefined) rows = rows.where('submitted_by_id', '=', filter.submittedById);
  return rows;
}

export const stepsOfItems = (tx: Tx, ids: bigint[]) => (ids.length === 0 ? Promise.resolve([]) :
  tx.selectFrom('approval_step').selectAll().where('item_id', 'in', ids).orderBy('item_id').orderBy('seq').execute());

/** Appends the next step of an item (the item's row is locked by the caller, so seq numbers never collide). */
export async function appendStep(tx: Tx, step: Omit<Insertable<Tables['approval_step']>, 'seq'>) {
  const { rows } = await sql<{ seq: number }>`select coalesce(max(seq), 0) + 1 as seq from approval_step where item_id = ${step.item_id}`.execute(tx);
  await tx.insertInto('approval_step').values({ ...step, seq: rows[0].seq }).execute();
}
