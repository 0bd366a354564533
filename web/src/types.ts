/** Shapes of the API's JSON (ids are strings, money is a yuan string like "1234.56"). */
export type Role = 'operator' | 'reviewer' | 'approver' | 'finance' | 'supervisor' | 'auditor' | 'security_auditor' | 'admin' | 'employer' | 'person';
/** The roles a user account can be given (what each may do is in the server's permission matrix, sent as Me.permissions). */
export const roles: Role[] = ['operator', 'reviewer', 'approver', 'finance', 'supervisor', 'auditor', 'security_auditor', 'admin', 'employer', 'person'];

export interface Me {
  id: string; username: string; displayName: string; role: Role; regionCode: string | null; regionName: string;
  agencyId: string | null; employerId: string | null; personId: string | null; status: string; csrfToken?: string;
  /** what the user may do (the server's permission matrix for the role): the UI shows an action only when it is listed */
  permissions: string[];
  /** set after an administrator reset the password: the app shows only the change-password page */
  mustChangePassword?: boolean;
}

export interface List<T> { items: T[]; total?: number; /** the count stopped at `total`: there are more */ totalCapped?: boolean }

export interface Region { code: string; name: string; level: 'province' | 'city' | 'county'; parentCode: string | null }
export interface Agency { id: string; regionCode: string; regionName: string; name: string }
export interface User { id: string; username: string; displayName: string; role: Role; regionCode: string | null; agencyId: string | null; status: 'active' | 'disabled' }

export const employerTypes = ['enterprise', 'institution_full', 'institution_partial', 'institution_self', 'other'] as const;
export const insurances = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export const defaultInsurances = ['pension', 'medical', 'unemployment', 'work_injury'] as const;
export const separationReasons = ['voluntary', 'involuntary', 'retirement', 'death', 'other'] as const;
export const industryCodes = 'ABCDEFGHIJKLMNOPQRST'.split('');

export interface Employer {
  id: string; creditCode: string; name: string; regionCode: string; regionName?: string; industryCode: string | null;
  workInjuryClass: number | null; employerType: string; status: string; employeeCount?: number;
}
export interface Employee {
  employmentId: string; personId: string; idNumber: string; name: string; hiredOn: string; separatedOn: string | null; separationReason: string | null;
}
export interface EmployerDetail { employer: Employer; employees: Employee[]; history: AuditRecord[] }

export interface Person {
  id: string; idNumber: string; name: string; gender: 'M' | 'F'; birthDate: string; hukouType: string | null;
  occupation?: string | null; phone?: string | null; regionCode: string; regionName?: string;
}
export interface Employment {
  id: string; employerId: string; employerName: string; creditCode: string; hiredOn: string; separatedOn: string | null; separationReason: string | null;
}
export interface Enrollment { id: string; employmentId: string; insurance: string; validFrom: string; validTo: string | null }
export interface BaseDeclaration {
  id: string; employerId: string; employerName: string; year: number; version: number; monthlyWage: string;
  declaredAt: string; employeeConfirmedAt: string | null; reason: string | null;
}
export interface PersonDetail { person: Person; employments: Employment[]; enrollments: Enrollment[]; baseDeclarations: BaseDeclaration[]; history: AuditRecord[] }

export interface AuditRecord {
  id: string; createdAt: string; actorUsername: string; actorRole: string | null; regionCode: string | null; action: string;
  entityType: string; entityId: string | null; before: unknown; after: unknown; requestId: string | null;
  actorId?: string | null;
  /** "990000: reason" when the step crossed the pooling structure (the real user, a widened scope). */
  scopeWidened?: string | null;
}
export interface AuditVerify { ok: boolean; count: number; brokenAt?: { id: string; reason: string } }

export interface Param { path: string; description: string; unit: string; value: unknown; since: string | null; reference: string | null; region: string | null }

export interface Health { status: string; database: string; version: string }
export type ImportKind = 'employers' | 'persons' | 'employments';
export interface ImportResult { kind: ImportKind; imported: number; rows: number }
