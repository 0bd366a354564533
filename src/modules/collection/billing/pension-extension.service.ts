/**
 * 延长缴费: a person who reaches the statutory retirement age with fewer than the minimum contribution years may keep
 * paying pension until they have them (社会保险法 第十六条第二款; the minimum rises from 15 to 20 years from 2030 under the
 * 2024 NPC decision). Billing stops at the retirement month (migration 0022) unless the person's pension enrollment
 * carries an exception covering the month: granted here, dated by month, with its reason, audited. The agency judges
 * the missing years (the registry does not hold a person's whole contribution record): the reason records them.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { periodEnd } from '../../ledger/index.ts';
import { checkPeriod } from '../collection.scope.ts';
import { subjects } from '../collection.messages.ts';
import { extensionSaid } from './pension-extension.messages.ts';
import * as repository from './pension-extension.repository.ts';

export interface PensionExtensionInput { personId?: string; idNumber?: string; employer?: string; from: string; to?: string | null; reason?: string }

export interface PensionExtensionView {
  id: string; personId: string; employerId: string; creditCode: string; employerName: string; enrollmentId: string;
  from: string; to: string | null; reason: string; grantedBy: string; grantedAt: string;
}

type ExtensionRow = Awaited<ReturnType<typeof repository.extensionsOfPerson>>[number];
const view = (row: ExtensionRow): PensionExtensionView => ({
  id: String(row.id), personId: String(row.person_id), employerId: String(row.employer_id), creditCode: row.credit_code, employerName: row.employer_name,
  enrollmentId: String(row.enrollment_id), from: row.valid_from.slice(0, 7), to: row.valid_to?.slice(0, 7) ?? null,
  reason: row.reason, grantedBy: row.granted_by, grantedAt: row.granted_at.toISOString(),
});

async function findPerson(tx: Parameters<typeof repository.personWithRetirementMonth>[0], input: { personId?: string; idNumber?: string }) {
  const id = input.personId !== undefined ? BigInt(input.personId) : input.idNumber ? await repository.personIdByIdNumber(tx, input.idNumber) : undefined;
  const person = id === undefined ? undefined : await repository.personWithRetirementMonth(tx, id);
  if (!person) throw notFound(input.idNumber ? subjects.personByIdNumber({ idNumber: input.idNumber }) : subjects.person({ personId: input.personId ?? '' }));
  return person;
}

/**
 * Grants 延长缴费 on the person's pension enrollment (at `employer`, a credit code, when they have several) from month
 * `from` (YYYY-MM, not before the retirement month) to month `to` or open. Refused: no reason; a month before the
 * retirement month (they pay as usual); no pension enrollment covering `from`; an overlap with an earlier grant.
 */
export async function grantPensionExtension(database: DatabaseHandle, actor: Actor, input: PensionExtensionInput): Promise<PensionExtensionView> {
  requirePermission(actor, 'registry.employment.write');
  const from = checkPeriod(input.from, 'from');
  const to = input.to ? checkPeriod(input.to, 'to') : null;
  if (to !== null && to < from) throw invalid('to', extensionSaid.toBeforeFrom({ from }));
  const reason = input.reason?.trim();
  if (!reason) throw invalid('reason', extensionSaid.reasonRequired());
  return inScope(database, actor, async (tx) => {
    const person = await findPerson(tx, input);
    if (from < person.retirement_month) throw invalid('from', extensionSaid.beforeRetirement({ retirementMonth: person.retirement_month }));
    const enrollments = await repository.pensionEnrollmentsOn(tx, person.id, `${from}-01`, input.employer);
    if (enrollments.length === 0) throw invalid('from', extensionSaid.noPensionEnrollment({ month: from }));
    if (enrollments.length > 1) throw invalid('employer', extensionSaid.severalEnrollments({ month: from }));
    const [enrollment] = enrollments;
    const validTo = to === null ? null : periodEnd(to);
    const overlap = await repository.overlappingExtension(tx, enrollment.employer_id, enrollment.id, `${from}-01`, validTo);
    if (overlap) throw conflict('from', extensionSaid.overlaps({ from: overlap.valid_from.slice(0, 7) }));
    const row = await repository.insertExtension(tx, {
      employer_id: enrollment.employer_id, id: newId(), enrollment_id: enrollment.id, person_id: person.id, region_code: enrollment.region_code,
      valid_from: `${from}-01`, valid_to: validTo, reason, granted_by: actor.username,
    });
    const granted = view({ ...row, credit_code: enrollment.credit_code, employer_name: enrollment.employer_name });
    await recordAudit(tx, actor, { action: 'pension.extension.grant', entityType: 'person', entityId: person.id, regionCode: enrollment.region_code, after: granted });
    return granted;
  });
}

/** The person's 延长缴费 exceptions, newest first, with the month they reach the statutory retirement age. */
export async function pensionExtensions(database: DatabaseHandle, actor: Actor, input: { personId?: string; idNumber?: string }) {
  return inScope(database, actor, async (tx) => {
    const person = await findPerson(tx, input);
    return { personId: String(person.id), retirementMonth: person.retirement_month, extensions: (await repository.extensionsOfPerson(tx, person.id)).map(view) };
  });
}
