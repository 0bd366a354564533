/** Kysely table types of the inspections' imported data and findings (migrations/0048_supervision.sql). Money in fen. */
import type { Generated } from 'kysely';
import type { FindingStatus } from './supervision.statuses.ts';

declare module '../../platform/database.ts' {
  interface Tables {
    supervision_tax_wage: {
      employer_id: bigint; id: bigint; region_code: string; period: string; credit_code: string; id_number: string; wage: bigint; import_id: bigint; line: number;
    };
    supervision_claim_detail: {
      person_id: bigint; id: bigint; region_code: string; claim_id: string; institution_code: string; id_number: string; admitted: string; discharged: string;
      item: string; quantity: string; amount: bigint; import_id: bigint; line: number;
    };
    supervision_finding: {
      id: bigint; rule: string; finding_key: string; subject: string; region_code: string; period: string; amount: bigint; evidence: string; legal_basis: string;
      status: Generated<FindingStatus>; job_id: bigint; found_at: Generated<Date>;
    };
  }
}
