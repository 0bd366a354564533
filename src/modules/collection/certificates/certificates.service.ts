/**
 * Certificates anyone can verify: 参保证明 and 个人权益记录单 (社会保险法 第七十四条: the agency keeps each person's
 * rights record and provides it to them free of charge). Each download issues a new certificate with its own random
 * verification code; the certificate row keeps the code's hash, the facts it states (ID number masked) and their
 * hash. GET /api/public/verify/:code answers, without sign-in, what the document says — or that the code is unknown.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, systemActor, widenScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { maskIdNumber } from '../../../platform/personal-data.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { accountStatement, contributionRecord } from '../accounts/accounts.service.ts';
import { issuingAgency } from '../billing/bill-notice.service.ts';
import { subjects } from '../collection.messages.ts';
import {
  codeHash, factsHash, newVerificationCode, normalizeCode, participationFacts, rightsRecordFacts,
  type CertificateFacts, type CertificateKind,
} from './certificates.calc.ts';
import { certificatesSaid } from './certificates.messages.ts';
import * as repository from './certificates.repository.ts';

/** A certificate as issued: the facts it states, the full ID number printed on it, its code and the issuing agency. */
export interface IssuedCertificate { id: string; kind: CertificateKind; verificationCode: string; facts: CertificateFacts; idNumber: string; agency: string | null }

/** An insured person reads their own record across regions; staff within their scope. */
function readerOf(actor: Actor, personId: bigint): Actor {
  if (actor.role === 'person') {
    if (actor.personId !== personId) throw notFound(subjects.person({ personId }));
    return widenScope(actor, null, '本人参保证明 an insured person\'s own certificate');
  }
  if (actor.role === 'employer') throw forbidden(certificatesSaid.staffAndPersonOnly());
  return actor;
}

export async function issueCertificate(database: DatabaseHandle, actor: Actor, personId: bigint, kind: CertificateKind): Promise<IssuedCertificate> {
  const reader = readerOf(actor, personId);
  const issuedOn = todayInChina();
  const { person, enrolments } = await inScope(database, reader, async (tx) => {
    const found = await repository.findPerson(tx, personId);
    if (!found) throw notFound(subjects.person({ personId }));
    return { person: found, enrolments: await repository.enrolmentsOf(tx, personId) };
  });
  const months = (await contributionRecord(database, actor, personId)).items;
  const certified = { name: person.name, idNumber: maskIdNumber(person.id_number) };
  let facts: CertificateFacts;
  if (kind === 'participation') {
    facts = participationFacts(certified, issuedOn, enrolments.map((e) => ({ insurance: e.insurance, employerName: e.employer_name, from: e.valid_from, to: e.valid_to })), months);
  } else {
    const years = [...new Set(months.filter((m) => m.paid).map((m) => Number(m.period.slice(0, 4))))].sort((a, b) => a - b);
    const accounts = await Promise.all(years.map(async (year) => {
      const statement = await accountStatement(database, actor, personId, year);
      return { year, opening: statement.opening, credits: statement.creditsTotal, interest: statement.interest, closing: statement.closing };
    }));
    facts = rightsRecordFacts(certified, issuedOn, months, accounts);
  }
  const verificationCode = newVerificationCode();
  const id = newId();
  await inScope(database, reader, async (tx) => {
    await repository.insertCertificate(tx, {
      person_id: personId, id, kind, region_code: person.region_code, code_hash: codeHash(verificationCode), facts: JSON.stringify(facts),
      facts_hash: factsHash(facts), issued_on: issuedOn, issued_by: actor.username,
    });
    await recordAudit(tx, reader, { action: 'certificate.issue', entityType: 'certificate', entityId: id, regionCode: person.region_code, after: { kind, personId: String(personId), issuedOn } });
  });
  const agency = await issuingAgency(database, widenToPooledFunds(reader, CERTIFICATES_ACROSS_POOLS), person.region_code);
  return { id: String(id), kind, verificationCode, facts, idNumber: person.id_number, agency };
}

/** The agency that issues a region's documents may sit above a county's scope. */
const CERTIFICATES_ACROSS_POOLS = '参保证明列示经办机构';

export interface VerifiedCertificate {
  kind: CertificateKind; name: string; idNumber: string; issuedOn: string;
  /** The stored facts still hash to what was stored at issue. */
  intact: boolean;
  facts: CertificateFacts;
}

/** What the document with this code says (anyone may ask): 404 when no certificate has the code. */
export async function verifyCertificate(database: DatabaseHandle, typed: string): Promise<VerifiedCertificate> {
  const code = normalizeCode(typed);
  if (!code) throw invalid('verificationCode', certificatesSaid.notACode());
  const found = await inScope(database, systemActor('verify'), (tx) => repository.findByCodeHash(tx, codeHash(code)));
  if (!found) throw notFound(certificatesSaid.documentWithCode({ code }));
  const facts = (typeof found.facts === 'string' ? JSON.parse(found.facts) : found.facts) as CertificateFacts;
  return { kind: found.kind, name: facts.person.name, idNumber: facts.person.idNumber, issuedOn: found.issued_on, intact: factsHash(facts) === found.facts_hash, facts };
}
