/** Typed SQL of certificates: a person's enrolment spans with their employer, and certificates issued. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import './certificates.tables.ts';

export const findPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name', 'region_code']).where('id', '=', personId).executeTakeFirst();

/** Each enrolment of the person: insurance, employer, from and to (null while open). */
export async function enrolmentsOf(tx: Tx, personId: bigint) {
  return (await sql<{ insurance: string; employer_name: string; valid_from: string; valid_to: string | null }>`
    select n.insurance, e.name as employer_name, n.valid_from::text as valid_from, n.valid_to::text as valid_to
    from enrollment n join employer e on e.id = n.employer_id
    where n.person_id = ${personId} order by n.valid_from, n.insurance`.execute(tx)).rows;
}

export const insertCertificate = (tx: Tx, certificate: Insertable<Tables['certificate']>) => tx.insertInto('certificate').values(certificate).execute();

export const findByCodeHash = (tx: Tx, hash: string) =>
  tx.selectFrom('certificate').select(['kind', 'facts', 'facts_hash', sql<string>`issued_on::text`.as('issued_on')]).where('code_hash', '=', hash).executeTakeFirst();
