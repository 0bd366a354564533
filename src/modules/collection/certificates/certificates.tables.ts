/** Kysely table types of certificates (migrations/0024_dunning_and_certificates.sql). */
import type { Generated } from 'kysely';
import type { CertificateKind } from './certificates.calc.ts';

declare module '../../../platform/database.ts' {
  interface Tables {
    certificate: {
      person_id: bigint; id: bigint; kind: CertificateKind; region_code: string; code_hash: string; facts: unknown; facts_hash: string;
      issued_on: string; issued_by: string; issued_at: Generated<Date>;
    };
  }
}
