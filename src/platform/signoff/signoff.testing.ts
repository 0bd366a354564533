/** Test helpers for flows that end in a sign-off: named signers and "approve through every level". */
import type { Actor, UserRole } from '../actor.ts';
import type { DatabaseHandle } from '../database.ts';
import { can } from '../access/permissions.ts';
import { decide, getApproval, type ApprovalItemView } from './signoff.service.ts';

/** A national-scope user of a role (distinct user ids, so separation of duties sees different people). */
export function testUser(role: UserRole, number: number): Actor {
  return { userId: BigInt(990_000 + number), username: `${role}.test${number}`, role, regionCode: null };
}

/** The default signers: a reviewer, an approver and an operator; each level is signed by the first unused one holding its permission. */
export const defaultSigners = () => [testUser('reviewer', 1), testUser('approver', 2), testUser('operator', 3)];

/**
 * Approves an item through every level it needs, each level by the next signer that holds its permission.
 * Returns the item as the last decision left it (approved, with its effect's result).
 */
export async function signOff(database: DatabaseHandle, item: { id: string } | string, signers: Actor[] = defaultSigners()): Promise<ApprovalItemView> {
  const id = BigInt(typeof item === 'string' ? item : item.id);
  const unused = [...signers];
  let view = await getApproval(database, signers[0], id);
  while (view.status === 'pending') {
    const level = view.nextLevel!;
    const index = unused.findIndex((signer) => can(signer, level.permission));
    if (index < 0) throw new Error(`item ${id}: no signer left holds ${level.permission} for level ${level.label}`);
    const [signer] = unused.splice(index, 1);
    view = await decide(database, signer, id, 'approve', `${signer.username} 同意`);
  }
  return view;
}
