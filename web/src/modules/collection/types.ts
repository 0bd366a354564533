/**
 * Shapes of the collection API (/api/billing, /api/bills, /api/payments, /api/arrears, /api/collection): the server's
 * response schemas (src/modules/collection/collection.schemas.ts) as types, imported as types only. Money is a yuan
 * string "1234.56"; a rate a decimal string "0.9731", null when nothing was billed.
 */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/modules/collection/collection.schemas.ts';
import type * as BillStatusSchemas from '../../../../src/modules/collection/billing/bill-status.schemas.ts';
import type * as DunningSchemas from '../../../../src/modules/collection/dunning/dunning.schemas.ts';
import type * as Certificates from '../../../../src/modules/collection/certificates/certificates.schemas.ts';

export type BillingSummary = Static<typeof Schemas.BillingSummary>;
export type BillItem = Static<typeof Schemas.BillItem>;
/** `parameterRefs`: the dated parameters (and employer facts) the amounts were computed from */
export type BillLine = Static<typeof Schemas.BillLine>;
export type Bill = Static<typeof Schemas.Bill>;
export type BillList = Static<typeof Schemas.BillList>;

/** 冲正: `reversed` is set when the payment was reversed; `reversalRequest` while its reversal awaits sign-off. */
export type Payment = Static<typeof Schemas.Payment>;
/** A page of payments with `amountTotal`, the sum of every matching payment (null past 10,000). */
export type PaymentList = Static<typeof Schemas.PaymentList>;
/** Where a payment's money went: a part (employer, employee, late fee) of one insurance of one bill; what is left is the payment's credit. */
export type PaymentAllocation = Payment['allocations'][number];
/** A payment entered by hand (the form's body; the answer is a RecordedPayment). */
export interface PaymentInput { creditCode: string; date: string; amount: string; reference?: string; override?: { reason: string } }
/** A collection file applied; `alreadyRecorded`: lines imported before (importing a file again records nothing twice). */
export type PaymentImportResult = Static<typeof Schemas.CollectionImportResult>;
/** What confirming a collection file would do (POST /api/payments/import answers it; nothing is recorded yet): in total and per employer. */
export type CollectionPreview = Static<typeof Schemas.CollectionImportPreview>;

export type AgeBucket = Static<typeof Schemas.Ageing>;
/** 催缴清单 */
export type Dunning = Static<typeof Schemas.DunningList>;
export type DunningItem = Dunning['items'][number];
export type Arrears = Static<typeof Schemas.EmployerArrears>;
export type ArrearsPeriod = Arrears['periods'][number];

/** 征缴指标 */
export type Kpis = Static<typeof Schemas.CollectionKpis>;
export type KpiMonth = Kpis['months'][number];
export type KpiRegion = Kpis['regions'][number];

/** A bill's status today: unpaid 未缴, partial 部分缴纳, paid 已缴清, overdue 逾期. */
export type BillStatus = NonNullable<Bill['status']>;
/** A payment as a bill shows it: what it paid of this bill, its late fee; `reversed` when reversed (冲正). */
export type BillPayment = Static<typeof BillStatusSchemas.BillPayment>;

/** 催缴通知书 / 限期缴纳通知书 with their deliveries; an employer's notices, instalment agreements and late-fee waivers. */
export type DunningNotice = Static<typeof DunningSchemas.DunningNotice>;
export type EmployerDunning = Static<typeof DunningSchemas.EmployerDunning>;
/** 参保证明 / 个人权益记录单 as verified by anyone holding its code. */
export type VerifiedCertificate = Static<typeof Certificates.VerifiedCertificate>;
