/**
 * The staff a task of a region may be given to (岗位责任 of a fund's execution, the inspector of a case …): active
 * users of a role holding the task's permission, of the region itself or a region above it (990100 covers 990102).
 * One rule for every module that assigns staff: the choices it lists and the refusal of anyone else name the same rule.
 */
import { provinceOf, scopePrefix, staffRoles, type Tx } from '../actor.ts';
import { invalid } from '../errors.ts';
import { can, permissionDescriptions, type Permission } from './permissions.ts';
import * as repository from './staff.repository.ts';
import { staffSaid as said } from './staff.messages.ts';

export type { StaffRow } from './staff.repository.ts';

/** A user may take a task of a region their own region covers (the region itself or one below it). */
export const regionCovers = (userRegion: string, region: string) => region.startsWith(scopePrefix(userRegion));

/** The region and the regions above it (GB/T 2260: county 990102 → city 990100 → province 990000). */
const coveringRegions = (region: string) => [...new Set([region, `${region.slice(0, 4)}00`, provinceOf(region)])];

/** The staff roles that hold a permission. */
const rolesHolding = (permission: Permission) => staffRoles.filter((role) => can({ role }, permission));

/** Who may take a task of the region needing the permission: by region (the nearest first) then name. */
export const eligibleStaff = (tx: Tx, region: string, permission: Permission) => repository.activeStaffOf(tx, coveringRegions(region), rolesHolding(permission));

/** The user named, if they may take the task; else 400 naming `field` and the rule they fail. */
export async function checkStaff(tx: Tx, input: { username: string; region: string; permission: Permission; field: string }): Promise<repository.StaffRow> {
  const { username, region, permission, field } = input;
  const staff = await repository.staffByUsername(tx, username);
  if (!staff) throw invalid(field, said.userUnknown({ username }));
  if (staff.status !== 'active') throw invalid(field, said.userDisabled({ username }));
  if (!(rolesHolding(permission) as readonly string[]).includes(staff.role)) throw invalid(field, said.userLacks({ username, role: staff.role, code: permission, permission: permissionDescriptions[permission].split(' ')[0] }));
  if (!staff.region_code || !regionCovers(staff.region_code, region)) throw invalid(field, said.userRegionNotCovering({ username, userRegion: staff.region_code ?? '—', region }));
  return staff;
}
