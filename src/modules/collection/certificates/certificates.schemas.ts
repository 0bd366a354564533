/** Answers of the certificate routes. TypeBox only (the web takes the types from here). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable } from '../../../platform/http/schemas.ts';

export const CertificateKindName = Type.Union([Type.Literal('participation'), Type.Literal('rights_record')], { description: 'participation 参保证明; rights_record 个人权益记录单' });

const Person = Type.Object({ name: Type.String(), idNumber: Type.String({ description: 'masked' }) });
const ParticipationFacts = Type.Object({
  kind: Type.Literal('participation'), person: Person, issuedOn: DateOnly,
  insurances: Type.Array(Type.Object({
    insurance: Type.String(), spans: Type.Array(Type.Object({ insurance: Type.String(), employerName: Type.String(), from: DateOnly, to: Nullable(DateOnly) })),
    monthsPaid: Type.Integer(), firstPaid: Nullable(Month), lastPaid: Nullable(Month),
  })),
});
const RightsRecordFacts = Type.Object({
  kind: Type.Literal('rights_record'), person: Person, issuedOn: DateOnly,
  years: Type.Array(Type.Object({
    year: Type.Integer(),
    insurances: Type.Array(Type.Object({ insurance: Type.String(), monthsPaid: Type.Integer(), employeeAmount: Money, employerAmount: Money })),
    account: Nullable(Type.Object({ year: Type.Integer(), opening: Money, credits: Money, interest: Money, closing: Money })),
  })),
});
export const CertificateFacts = Type.Union([ParticipationFacts, RightsRecordFacts]);

/** A certificate as issued (the JSON of a download): its verification code is shown once, here and on the paper. */
export const IssuedCertificate = Type.Object({
  id: IdText, kind: CertificateKindName, verificationCode: Type.String(), facts: CertificateFacts, idNumber: Type.String(), agency: Nullable(Type.String()),
});

/** What a verification answers to anyone holding the code. */
export const VerifiedCertificate = Type.Object({
  kind: CertificateKindName, name: Type.String(), idNumber: Type.String({ description: 'masked' }), issuedOn: DateOnly,
  intact: Type.Boolean({ description: 'the stored facts still hash to the hash stored at issue' }), facts: CertificateFacts,
});
