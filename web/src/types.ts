/**
 * Shapes of the API's JSON (ids are strings, money is a yuan string like "1234.56"): the server's response schemas
 * (the *.schemas.ts files under src/, TypeBox only) as TypeScript types, so the web never copies a shape. Type imports only: nothing
 * of the server reaches the bundle.
 */
import type { Static } from '@sinclair/typebox';
import type { CurrentUser, UserView, UserWithPassword } from '../../src/platform/auth/auth.schemas.ts';
import type { AuditCodes as AuditCodesSchema, AuditRecord as AuditRecordSchema, AuditVerify as AuditVerifySchema } from '../../src/platform/audit/audit.schemas.ts';
import type { ParameterHistory as ParameterHistorySchema, ParameterListItem } from '../../src/platform/params/params.schemas.ts';
import type {
  Agency as AgencySchema, BaseDeclaration as BaseDeclarationSchema, Employee as EmployeeSchema, Employer as EmployerSchema, EmployerDetail as EmployerDetailSchema,
  EmployerListItem, Enrollment as EnrollmentSchema, Person as PersonSchema, PersonDetail as PersonDetailSchema, PersonEmployment, PersonListItem, Region as RegionSchema, RegistryImportResult,
} from '../../src/modules/registry/registry.schemas.ts';

export type Role = 'operator' | 'reviewer' | 'approver' | 'finance' | 'supervisor' | 'auditor' | 'security_auditor' | 'admin' | 'employer' | 'person';
/** The roles a user account can be given (what each may do is in the server's permission matrix, sent as Me.permissions). */
export const roles: Role[] = ['operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'security_auditor', 'admin', 'employer', 'person'];

/** The signed-in user; `permissions` lists what the user may do (the UI shows an action only when it is listed). */
export type Me = Static<typeof CurrentUser> & { role: Role };

export interface List<T> { items: T[]; total?: number; /** the count stopped at `total`: there are more */ totalCapped?: boolean }

export type Region = Static<typeof RegionSchema>;
export type Agency = Static<typeof AgencySchema>;
export type User = Static<typeof UserView> & { role: Role; status: 'active' | 'disabled' };
/** A created or reset account; `generatedPassword` only when the server chose it (shown once). */
export type CreatedUser = Omit<Static<typeof UserWithPassword>, 'user'> & { user: User };

export const employerTypes = ['enterprise', 'government', 'institution_full', 'institution_partial', 'institution_self', 'other'] as const;
/** Every payer in the employers list: the employers, and self-paying persons' payer records (registered apart). */
export const payerTypes = [...employerTypes, 'self_paying'] as const;
export const insurances = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export const defaultInsurances = ['pension', 'medical', 'unemployment', 'work_injury'] as const;
export const separationReasons = ['voluntary', 'involuntary', 'retirement', 'death', 'other'] as const;
export const industryCodes = 'ABCDEFGHIJKLMNOPQRST'.split('');

/** An employer as registered; a search adds its region's name and head count. */
export type Employer = Static<typeof EmployerSchema> & Partial<Pick<Static<typeof EmployerListItem>, 'regionName' | 'employeeCount'>>;
export type Employee = Static<typeof EmployeeSchema>;
/** `employer.regionName` is typed optional because a page reads it, but /api/employers/:id does not send it (always absent). */
export type EmployerDetail = Omit<Static<typeof EmployerDetailSchema>, 'employer'> & { employer: Employer };

/** A person as registered; a search adds its region's name (and leaves out occupation and phone). */
export type Person = Omit<Static<typeof PersonSchema>, 'occupation' | 'phone'> & Partial<Pick<Static<typeof PersonSchema>, 'occupation' | 'phone'>> & Partial<Pick<Static<typeof PersonListItem>, 'regionName'>>;
export type Employment = Static<typeof PersonEmployment>;
export type Enrollment = Static<typeof EnrollmentSchema>;
export type BaseDeclaration = Static<typeof BaseDeclarationSchema>;
/** `person.regionName` is typed optional because a page reads it, but /api/persons/:id does not send it (always absent). */
export type PersonDetail = Omit<Static<typeof PersonDetailSchema>, 'person'> & { person: Person };

export type AuditRecord = Static<typeof AuditRecordSchema>;
export type AuditVerify = Static<typeof AuditVerifySchema>;
export type AuditCodes = Static<typeof AuditCodesSchema>;

export type Param = Static<typeof ParameterListItem>;
/** A parameter's dated values (national and regional), newest first. */
export type ParameterHistory = Static<typeof ParameterHistorySchema>;

export interface Health { status: string; database: string; version: string }
export type ImportKind = 'employers' | 'persons' | 'employments';
/** A registry file imported (what /api/imports/:kind adds to every import's answer). */
export type ImportResult = Static<typeof RegistryImportResult>;
