/**
 * Which employer an actor may look at: staff any employer in their region subtree (row-level security), an employer
 * account only its own, as if no other existed (another employer's code answers 404); insured persons none.
 */
import type { Actor, Tx } from '../../../platform/actor.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { employerByCreditCode, type EmployerRow } from './arrears.repository.ts';
import { arrearsSaid, subjects } from '../collection.messages.ts';

/** The employer an employer account is limited to; null for staff. Persons are refused. */
export function ownEmployerOnly(actor: Actor): bigint | null {
  if (actor.role === 'person') throw forbidden(arrearsSaid.notForPersons());
  if (actor.role === 'employer') return actor.employerId ?? -1n;
  return null;
}

export async function visibleEmployer(tx: Tx, actor: Actor, creditCode: string): Promise<EmployerRow> {
  const only = ownEmployerOnly(actor);
  const employer = await employerByCreditCode(tx, creditCode.trim().toUpperCase());
  if (!employer || (only !== null && employer.id !== only)) throw notFound(subjects.employer({ creditCode }));
  return employer;
}
