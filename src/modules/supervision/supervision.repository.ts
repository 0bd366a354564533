/**
 * Typed SQL of the inspections: the imported tax wages and claim details, and the findings. Reads the registry's
 * employers and persons to place imported rows (never writes another module's tables); the rules' own queries live
 * in rules/*.sql.ts.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import './supervision.tables.ts';
import './cases/cases.tables.ts';
import type { FindingStatus } from './supervision.statuses.ts';

export interface KnownEmployer { id: bigint; credit_code: string; region_code: string }
export interface KnownPerson { id: bigint; id_number: string; region_code: string }

/** The employers with these credit codes under the region prefix. */
export async function employersByCreditCodes(tx: Tx, creditCodes: string[], scope: string): Promise<KnownEmployer[]> {
  if (creditCodes.length === 0) return [];
  const { rows } = await sql<KnownEmployer>`select id, credit_code, region_code from employer
    where credit_code = any(${creditCodes}::text[]) and region_code like ${`${scope}%`}`.execute(tx);
  return rows;
}

/** The persons with these ID numbers under the region prefix. */
export async function personsByIdNumbers(tx: Tx, idNumbers: string[], scope: string): Promise<KnownPerson[]> {
  if (idNumbers.length === 0) return [];
  const { rows } = await sql<KnownPerson>`select id, id_number, region_code from person
    where id_number = any(${idNumbers}::text[]) and region_code like ${`${scope}%`}`.execute(tx);
  return rows;
}

/** The tax wages recorded already for these employers in these periods. */
export const recordedTaxWages = (tx: Tx, employerIds: bigint[], periods: string[]) => employerIds.length === 0 ? Promise.resolve([])
  : tx.selectFrom('supervision_tax_wage').select(['employer_id', 'period', 'id_number', 'wage', 'import_id'])
    .where('employer_id', 'in', employerIds).where('period', 'in', periods).execute();

export type TaxWageRow = { employer_id: bigint; id: bigint; region_code: string; period: string; credit_code: string; id_number: string; wage: bigint; import_id: bigint; line: number };

const BATCH = 2000;

export async function insertTaxWages(tx: Tx, rows: TaxWageRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await tx.insertInto('supervision_tax_wage').values(rows.slice(start, start + BATCH)).execute();
}

/** The claims (institution, claim id) imported already, with the import that brought each. */
export async function importedClaims(tx: Tx, claims: { institution: string; claimId: string }[]) {
  if (claims.length === 0) return [];
  const { rows } = await sql<{ institution_code: string; claim_id: string; import_id: bigint }>`
    select distinct on (d.institution_code, d.claim_id) d.institution_code, d.claim_id, d.import_id
      from supervision_claim_detail d
      join unnest(${claims.map((c) => c.institution)}::text[], ${claims.map((c) => c.claimId)}::text[]) as c (institution_code, claim_id)
        on c.institution_code = d.institution_code and c.claim_id = d.claim_id
     order by d.institution_code, d.claim_id, d.import_id`.execute(tx);
  return rows;
}

export type ClaimDetailRow = {
  person_id: bigint; id: bigint; region_code: string; claim_id: string; institution_code: string; id_number: string; admitted: string; discharged: string;
  item: string; quantity: string; amount: bigint; import_id: bigint; line: number;
};

export async function insertClaimDetails(tx: Tx, rows: ClaimDetailRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await tx.insertInto('supervision_claim_detail').values(rows.slice(start, start + BATCH)).execute();
}

/**
 * Clears the open findings of a rule under the region prefix (a re-run replaces them); how many. A finding once linked
 * to a case (one whose opening was withdrawn is open again) is kept: the case still names it.
 */
export async function deleteOpenFindings(tx: Tx, rule: string, scope: string): Promise<number> {
  const result = await tx.deleteFrom('supervision_finding').where('rule', '=', rule).where('status', '=', 'open').where('region_code', 'like', `${scope}%`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('supervision_case_finding').select('case_id').whereRef('supervision_case_finding.finding_id', '=', 'supervision_finding.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type FindingInsert = {
  id: bigint; rule: string; finding_key: string; subject: string; region_code: string; period: string; amount: bigint; evidence: string; legal_basis: string; job_id: bigint;
};

/** Adds findings; one already taken up or dismissed (the same rule and key) is kept as it is. How many were added. */
export async function insertFindings(tx: Tx, rows: FindingInsert[]): Promise<number> {
  let added = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const result = await tx.insertInto('supervision_finding').values(rows.slice(start, start + BATCH))
      .onConflict((conflict) => conflict.columns(['rule', 'finding_key']).doNothing()).executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

export interface FindingFilter { rule?: string; status?: FindingStatus }

/** Findings with the filter (ordered by the caller). */
export function findingsQuery(tx: Tx, filter: FindingFilter) {
  let query = tx.selectFrom('supervision_finding')
    .select(['id', 'rule', 'subject', 'region_code', 'period', 'amount', 'evidence', 'legal_basis', 'status', 'job_id', 'found_at'])
    // the case it was last taken up in (cases/: at most one open at a time)
    .select(sql<string | null>`(select c.id::text || ' ' || c.number from supervision_case_finding l join supervision_case c on c.id = l.case_id
      where l.finding_id = supervision_finding.id order by l.released_at is null desc, c.opened_at desc limit 1)`.as('case_ref'));
  if (filter.rule) query = query.where('rule', '=', filter.rule);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

/** What a run added, per rule. */
export async function findingsOfJob(tx: Tx, jobId: bigint) {
  const { rows } = await sql<{ rule: string; findings: number; amount: bigint }>`
    select rule, count(*)::int as findings, coalesce(sum(amount), 0)::bigint as amount from supervision_finding where job_id = ${jobId} group by rule`.execute(tx);
  return rows;
}
