/** Typed SQL of the staff a task may be given to (staff.ts): a user by name, the active users of roles in regions. */
import type { Tx, Role } from '../actor.ts';

export interface StaffRow { id: bigint; username: string; name: string; role: Role; region_code: string | null; status: 'active' | 'disabled' }

export const staffByUsername = (tx: Tx, username: string): Promise<StaffRow | undefined> =>
  tx.selectFrom('app_user').select(['id', 'username', 'display_name as name', 'role', 'region_code', 'status']).where('username', '=', username).executeTakeFirst();

/** The active users of the roles whose region is one of `regions` (the region and its ancestors), by region then name. */
export const activeStaffOf = (tx: Tx, regions: string[], roles: readonly Role[]): Promise<StaffRow[]> =>
  roles.length === 0 ? Promise.resolve([]) : tx.selectFrom('app_user').select(['id', 'username', 'display_name as name', 'role', 'region_code', 'status'])
    .where('region_code', 'in', regions).where('role', 'in', [...roles]).where('status', '=', 'active')
    .orderBy('region_code', 'desc').orderBy('username').execute();
