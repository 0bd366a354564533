/**
 * Shapes of the collection API (/api/billing, /api/bills, /api/payments, /api/arrears, /api/collection). Money is a yuan
 * string "1234.56"; a rate a decimal string "0.9731", null when nothing was billed.
 */

export interface BillingSummary {
  period: string; region: string; employers: number; persons: number; lines: number;
  /** per insurance: the employer's and the employees' parts */
  totals: Record<string, { employer: string; employee: string }>;
  total: string;
}

export interface BillItem { insurance: string; fund: string; employerAmount: string; employeeAmount: string; total: string }
export interface BillLine {
  personId: string; idNumber: string; name: string; insurance: string; base: string; employerRate: string; employeeRate: string | null;
  employerAmount: string; employeeAmount: string | null;
  /** the dated parameters (and employer facts) the amounts were computed from */
  parameterRefs: string[];
}
export interface Bill {
  number: string; kind: string; creditCode: string; employerName: string; employerId: string; regionCode: string; period: string;
  dueDate: string; persons: number; lineCount: number; total: string; issuedAt: string; items: BillItem[]; lines?: BillLine[];
}

/** Where a payment's money went: a part (employer, employee, late fee) of one insurance of one bill; what is left is the payment's credit. */
export interface PaymentAllocation { billNumber: string; period: string; insurance: string; part: string; amount: string }
export interface Payment {
  id: string; creditCode: string; employerName: string; date: string; amount: string; reference: string | null; source: string;
  allocated: string; credit: string; allocations: PaymentAllocation[];
  /** 冲正: set when the payment was reversed */
  reversed: { date: string; reason: string; by: string } | null;
}
export interface PaymentInput { creditCode: string; date: string; amount: string; reference?: string }
/** `alreadyRecorded`: lines imported before (importing a file again records nothing twice) */
export interface PaymentImportResult { fileName: string; rows: number; recorded: number; alreadyRecorded: number; amount: string; allocated: string; credit: string }
/** What confirming a collection file would do (POST /api/payments/import answers it; nothing is recorded yet): in total and per employer. */
export interface CollectionPreview {
  fileName: string; rows: number; toRecord: number; alreadyRecorded: number; amount: string; allocated: string; credit: string;
  employers: { creditCode: string; name: string; payments: number; amount: string; allocated: string; credit: string }[];
}

export interface AgeBucket { bucket: string; employers: number; principal: string }
export interface DunningItem {
  creditCode: string; employerName: string; regionCode: string; principal: string; lateFee: string; oldestPeriod: string; daysOverdue: number; bucket: string;
}
export interface Dunning { asOf: string; regionCode: string; items: DunningItem[]; buckets: AgeBucket[] }
export interface ArrearsPeriod { period: string; principal: string; dueDate: string; daysOverdue: number; lateFee: string }
export interface Arrears { creditCode: string; employerName: string; asOf: string; principal: string; lateFee: string; periods: ArrearsPeriod[] }

export interface KpiMonth { period: string; billed: string; paid: string; collectionRate: string | null; paidOnTime: string; onTimeRate: string | null }
export interface KpiRegion { regionCode: string; regionName: string; billed: string; paid: string; collectionRate: string | null }
export interface Kpis { from: string; to: string; regionCode: string; asOf: string; months: KpiMonth[]; regions: KpiRegion[]; arrearsByAge: AgeBucket[] }
