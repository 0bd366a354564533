/** Shapes of the portal APIs (/api/portal/…, and the bills, payments, arrears and /api/me/… the portals show). Money is a yuan string "1234.56". */
import type { Employer } from '../../types.ts';

export type EmployerProfile = Employer;

export interface DeclaredBase { declarationId: string; version: number; monthlyWage: string; declaredAt: string; confirmedAt: string | null }
export interface PortalEmployee {
  employmentId: string; personId: string; idNumber: string; name: string; hiredOn: string; separatedOn: string | null; separationReason: string | null;
  /** the latest base declared for the list's year, if any */
  base: DeclaredBase | null;
}
export interface EmployeePage { year: number; total: number; items: PortalEmployee[] }

/** The request's sign-off item's status: waiting, returned to the employer with a reason, approved (registered), or withdrawn. */
export type RequestStatus = 'pending' | 'returned' | 'approved' | 'cancelled';
export interface EmploymentRequest {
  id: string; employerId: string; employerName: string; creditCode: string; kind: 'hire' | 'separate'; idNumber: string; name: string;
  personId: string | null; employmentId: string | null; hiredOn: string | null; separatedOn: string | null; separationReason: string | null;
  status: RequestStatus; requestedBy: string; requestedAt: string; reviewedBy: string | null; reviewedAt: string | null; reviewReason: string | null;
  /** its sign-off item (/api/approvals/:id): decided, resubmitted or withdrawn there */
  approvalItemId: string;
}
export interface RequestPage { total: number; items: EmploymentRequest[] }

export interface BillItem { insurance: string; fund: string; employerAmount: string; employeeAmount: string; total: string }
export interface BillLine {
  personId: string; idNumber: string; name: string; insurance: string; base: string; employerRate: string; employeeRate: string | null;
  employerAmount: string; employeeAmount: string | null;
}
export interface Bill {
  number: string; kind: string; creditCode: string; employerName: string; period: string; dueDate: string; persons: number; lineCount: number;
  total: string; issuedAt: string; items: BillItem[]; lines?: BillLine[];
}

export interface Payment { id: string; date: string; amount: string; reference: string | null; source: string; allocated: string; credit: string }
export interface ArrearsPeriod { period: string; principal: string; dueDate: string; daysOverdue: number; lateFee: string }
export interface Arrears { principal: string; lateFee: string; periods: ArrearsPeriod[] }

export interface BaseConfirmation {
  id: string; employerId: string; employerName: string; creditCode: string; year: number; version: number; monthlyWage: string;
  declaredAt: string; confirmedAt: string | null;
}

export interface AccountCredit { period: string | null; amount: string; billNumber: string | null; employerName: string | null }
export interface AccountStatement { year: number; opening: string; credits: AccountCredit[]; creditsTotal: string; interest: string; rate: string | null; closing: string }

export interface Contribution {
  period: string; employerName: string; creditCode: string; billNumber: string; insurance: string; base: string;
  employeeAmount: string | null; employerAmount: string; paid: boolean;
}
