/** Answers of the employer and person portals (portal.routes.ts). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Nullable, Timestamp } from '../../../platform/http/schemas.ts';
import { ListAnswer } from '../../../platform/http/lists.schemas.ts';

/** An employee of the account's employer with the base declared for the year and its sign-off. */
export const PortalEmployee = Type.Object({
  employmentId: IdText, personId: IdText, idNumber: Type.String(), name: Type.String(), hiredOn: DateOnly,
  separatedOn: Nullable(DateOnly), separationReason: Nullable(Type.String()),
  base: Nullable(Type.Object({ declarationId: IdText, version: Type.Integer(), monthlyWage: Money, declaredAt: Timestamp, confirmedAt: Nullable(Timestamp) })),
});
/** A page of the roster (lists.ts) and the year its bases are of. */
export const PortalEmployees = Type.Composite([Type.Object({ year: Type.Integer() }), ListAnswer(PortalEmployee)]);

/** 增减员申报: an employer's request to hire or separate, and its review. */
export const EmploymentRequest = Type.Object({
  id: IdText, employerId: IdText, employerName: Type.String(), creditCode: Type.String(), kind: Type.String({ description: 'hire or separate' }),
  idNumber: Type.String(), name: Type.String(), personId: Nullable(IdText), employmentId: Nullable(IdText), hiredOn: Nullable(DateOnly),
  separatedOn: Nullable(DateOnly), separationReason: Nullable(Type.String()), status: Type.String(), requestedBy: Type.String(), requestedAt: Timestamp,
  approvalItemId: IdText, reviewedBy: Nullable(Type.String()), reviewedAt: Nullable(Timestamp), reviewReason: Nullable(Type.String()),
});
export const EmploymentRequests = ListAnswer(EmploymentRequest);

/** A person's declared base awaiting (or done with) their sign-off. */
export const BaseConfirmation = Type.Object({
  id: IdText, employerId: IdText, employerName: Type.String(), creditCode: Type.String(), year: Type.Integer(), version: Type.Integer(),
  monthlyWage: Money, declaredAt: Timestamp, confirmedAt: Nullable(Timestamp),
});
