/**
 * What a certificate states, as pure functions: 参保证明 (participation: each insurance's periods of enrolment with
 * their employer, and the months paid) and 个人权益记录单 (the personal rights record: per year and insurance the
 * months paid and the contributions, and the pension individual account's year: opening, credits, interest,
 * closing). The facts are hashed as canonical JSON, so a verification can say the stored facts are the ones issued.
 * The verification code is random: 16 characters of Crockford's base32 (80 bits), read in groups of four.
 */
import { createHash, randomBytes } from 'node:crypto';
import { formatYuan, parseYuan } from '../../../platform/money.ts';

export const certificateKinds = ['participation', 'rights_record'] as const;
export type CertificateKind = (typeof certificateKinds)[number];
export const certificateKindNames: Record<CertificateKind, string> = { participation: '社会保险参保证明', rights_record: '社会保险个人权益记录单' };

export interface EnrolmentSpan { insurance: string; employerName: string; from: string; to: string | null }
export interface ContributionMonth { period: string; insurance: string; employerName: string; base: string; employeeAmount: string | null; employerAmount: string; paid: boolean }
export interface AccountYear { year: number; opening: string; credits: string; interest: string; closing: string }

export interface CertifiedPerson { name: string; idNumber: string }

export interface ParticipationFacts {
  kind: 'participation'; person: CertifiedPerson; issuedOn: string;
  insurances: { insurance: string; spans: EnrolmentSpan[]; monthsPaid: number; firstPaid: string | null; lastPaid: string | null }[];
}
export interface RightsRecordFacts {
  kind: 'rights_record'; person: CertifiedPerson; issuedOn: string;
  years: { year: number; insurances: { insurance: string; monthsPaid: number; employeeAmount: string; employerAmount: string }[]; account: AccountYear | null }[];
}
export type CertificateFacts = ParticipationFacts | RightsRecordFacts;

const insuranceOrder = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];
const byInsurance = (a: string, b: string) => insuranceOrder.indexOf(a) - insuranceOrder.indexOf(b);

/** Months paid in full (each period once, whatever the employer count), first and last, per insurance. */
function paidMonths(months: ContributionMonth[], insurance: string): string[] {
  return [...new Set(months.filter((m) => m.insurance === insurance && m.paid).map((m) => m.period))].sort();
}

export function participationFacts(person: CertifiedPerson, issuedOn: string, spans: EnrolmentSpan[], months: ContributionMonth[]): ParticipationFacts {
  const insurances = [...new Set([...spans.map((s) => s.insurance), ...months.map((m) => m.insurance)])].sort(byInsurance);
  return {
    kind: 'participation', person, issuedOn,
    insurances: insurances.map((insurance) => {
      const paid = paidMonths(months, insurance);
      return {
        insurance, spans: spans.filter((s) => s.insurance === insurance).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
        monthsPaid: paid.length, firstPaid: paid[0] ?? null, lastPaid: paid.at(-1) ?? null,
      };
    }),
  };
}

const fen = (yuan: string | null) => (yuan === null ? 0n : parseYuan(yuan));

/** Per year (oldest first) and insurance: months paid and the contributions paid; the account's year where there is one. */
export function rightsRecordFacts(person: CertifiedPerson, issuedOn: string, months: ContributionMonth[], accounts: AccountYear[]): RightsRecordFacts {
  const paid = months.filter((m) => m.paid);
  const years = [...new Set([...paid.map((m) => Number(m.period.slice(0, 4))), ...accounts.map((a) => a.year)])].sort((a, b) => a - b);
  return {
    kind: 'rights_record', person, issuedOn,
    years: years.map((year) => {
      const ofYear = paid.filter((m) => Number(m.period.slice(0, 4)) === year);
      return {
        year,
        insurances: [...new Set(ofYear.map((m) => m.insurance))].sort(byInsurance).map((insurance) => {
          const lines = ofYear.filter((m) => m.insurance === insurance);
          return {
            insurance, monthsPaid: new Set(lines.map((m) => m.period)).size,
            employeeAmount: formatYuan(lines.reduce((sum, m) => sum + fen(m.employeeAmount), 0n)),
            employerAmount: formatYuan(lines.reduce((sum, m) => sum + fen(m.employerAmount), 0n)),
          };
        }),
        account: accounts.find((a) => a.year === year) ?? null,
      };
    }),
  };
}

/** JSON with the keys of every object sorted: the same facts always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
export const factsHash = (facts: CertificateFacts) => sha256(canonicalJson(facts));

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base32: no I, L, O, U

/** A new verification code: 16 random characters, XXXX-XXXX-XXXX-XXXX. */
export function newVerificationCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let i = 0; i < 16; i++) { text = ALPHABET[Number(bits & 31n)] + text; bits >>= 5n; }
  return text.match(/.{4}/g)!.join('-');
}

/** A code as typed: case, spaces and hyphens ignored, O read as 0 and I/L as 1 (Crockford); null when it cannot be one. */
export function normalizeCode(typed: string): string | null {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length !== 16 || [...text].some((c) => !ALPHABET.includes(c))) return null;
  return text.match(/.{4}/g)!.join('-');
}

/** What is stored to find a code again: its hash, never the code. */
export const codeHash = (code: string) => sha256(code);
