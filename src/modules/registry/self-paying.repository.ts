/** Typed SQL of self-paying contributors (migrations/0034_self_paying_contributors.sql), in the caller's scoped transaction. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { Tables } from '../../platform/database.ts';
import './self-paying.tables.ts';

export const findPersonByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').select(['id', 'id_number', 'name']).where('id_number', '=', idNumber).executeTakeFirst();

export const regionExists = async (tx: Tx, code: string) => Boolean(await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());

export const nextPayerNumber = async (tx: Tx): Promise<bigint> =>
  BigInt((await sql<{ n: string }>`select nextval('self_paying_payer_number')::text as n`.execute(tx)).rows[0].n);

/** The payer record (缴费主体) bills and payments are addressed to: an employer row of type self_paying (the Kysely type knows only employers' types). */
export async function insertPayerRecord(tx: Tx, row: { id: bigint; payerCode: string; name: string; regionCode: string }): Promise<void> {
  await sql`insert into employer (id, credit_code, name, region_code, employer_type) values (${row.id}, ${row.payerCode}, ${row.name}, ${row.regionCode}, 'self_paying')`.execute(tx);
}

export const insertRegistration = (tx: Tx, row: Insertable<Tables['self_paying_registration']>) => tx.insertInto('self_paying_registration').values(row).execute();

export const insertTerms = (tx: Tx, row: Insertable<Tables['self_paying_terms']>) => tx.insertInto('self_paying_terms').values(row).execute();

/** The registration of a person, or of a payer code, with the person and the payer code. */
function registrations(tx: Tx) {
  return tx.selectFrom('self_paying_registration as r').innerJoin('employer as e', 'e.id', 'r.employer_id').innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.employer_id', 'r.person_id', 'r.kind', 'r.business_credit_code', 'r.region_code', 'r.registered_by', 'r.registered_at', 'e.credit_code as payer_code', 'p.id_number', 'p.name']);
}

export const registrationOfPerson = (tx: Tx, personId: bigint) => registrations(tx).where('r.person_id', '=', personId).executeTakeFirst();

export const registrationByPayerCode = (tx: Tx, payerCode: string) => registrations(tx).where('e.credit_code', '=', payerCode).executeTakeFirst();

/** Every terms row of a payer, the newest first (by month, then as recorded). */
export const termsHistory = (tx: Tx, employerId: bigint) =>
  tx.selectFrom('self_paying_terms')
    .select(['id', sql<string>`to_char(valid_from, 'YYYY-MM')`.as('from_month'), sql<string | null>`base_ratio::text`.as('base_ratio'), 'insurances', 'reason', 'recorded_by', 'recorded_at'])
    .where('employer_id', '=', employerId).orderBy('valid_from', 'desc').orderBy('id', 'desc').execute();
