/**
 * Shapes of the benefits API (/api/pension/quote, /api/unemployment/quote, /api/pension/awards, /api/payroll/…): the
 * server's TypeBox schemas (src/modules/benefits/quote.schemas.ts, pension/record.schemas.ts, awards/awards.schemas.ts, payroll/payroll.schemas.ts) as types, imported as
 * types only. Money is a yuan string "1234.56"; an index or share an exact decimal string.
 */
import type { Static } from '@sinclair/typebox';
import type * as Quotes from '../../../../src/modules/benefits/quote.schemas.ts';
import type * as Awards from '../../../../src/modules/benefits/awards/awards.schemas.ts';
import type * as Records from '../../../../src/modules/benefits/pension/record.schemas.ts';
import type * as Payroll from '../../../../src/modules/benefits/payroll/payroll.schemas.ts';
import type * as Deaths from '../../../../src/modules/benefits/deaths/deaths.schemas.ts';
import type * as Adjustment from '../../../../src/modules/benefits/adjustment/adjustment.schemas.ts';
import type * as Claims from '../../../../src/modules/benefits/claims/claims.schemas.ts';
import type * as PersonBenefitsSchemas from '../../../../src/modules/benefits/awards/person-benefits.schemas.ts';

/** What the pension quote is asked (the form's body). */
export type PensionQuoteInput = Static<typeof Quotes.PensionQuoteInput>;
/** 养老金测算结果: eligibility with its reasons, the statutory age and month, the three parts, the total and the trace. */
export type PensionQuote = Static<typeof Quotes.PensionQuote>;
export type UnemploymentQuoteInput = Static<typeof Quotes.UnemploymentQuoteInput>;
/** 失业保险金测算结果: `monthlyAmount` is null when the region has no minimum wage to work it from. */
export type UnemploymentQuote = Static<typeof Quotes.UnemploymentQuote>;
/** One step of a quote's trace: an input, a parameter with its reference, or a figure with its formula. */
export type TraceStep = Static<typeof Quotes.TraceStep>;

/** 养老保险参保缴费记录 (GET /api/pension/record): months paid in sifund, the index by year, the account balance, the quote's history with the outside part. */
export type PensionRecord = Static<typeof Records.PensionRecord>;

/** 养老金待遇核定申请 (the body of POST /api/pension/awards): the person, the quote's input and the quote shown. */
export type AwardRequestBody = Static<typeof Awards.AwardRequestBody>;
export type Award = Static<typeof Payroll.Award>;
export type AwardDetail = Static<typeof Payroll.AwardDetail>;
export type AwardStatus = Award['status'];

/** 发放批次: one pension fund's payroll of one month. */
export type Batch = Static<typeof Payroll.Batch>;
export type BatchStatus = Batch['status'];
export type BatchDetail = Static<typeof Payroll.BatchDetail>;
/** 发放明细: a payee's line with its bank outcome. */
export type Line = Static<typeof Payroll.Line>;
export type LineStatus = Line['status'];
export type PayrollSummary = Static<typeof Payroll.PayrollSummary>;
/** 银行回盘 imported: rows paid and returned, awards suspended, expense entries posted. */
export type BankResult = Static<typeof Payroll.BankResult>;

/** 死亡信息比对导入: deaths recorded, pensions suspended, overpayments opened, survivors' grants. */
export type DeathImport = Static<typeof Deaths.DeathImport>;
/** 待遇追回: months paid after death with what is recovered and still owed. */
export type Overpayment = Static<typeof Deaths.Overpayment>;
export type OverpaymentStatus = Overpayment['status'];
export type RecoveryBody = Static<typeof Deaths.RecoveryBody>;
/** 养老金调整试算: each award's increase by parts (定额、挂钩缴费年限、挂钩养老金水平、高龄倾斜). */
export type AdjustmentPreview = Static<typeof Adjustment.AdjustmentPreview>;
export type AdjustmentLine = Static<typeof Adjustment.AdjustmentLine>;

/** 待遇申领 (失业、工伤、生育): a claim with its amounts and status; its detail adds the input and the trace. */
export type Claim = Static<typeof Claims.Claim>;
/** 人员待遇 (GET /api/benefits/persons/:id): the person page's 待遇 tab. */
export type PersonBenefits = Static<typeof PersonBenefitsSchemas.PersonBenefits>;
export type ClaimKind = Claim['kind'];
export type ClaimStatus = Claim['status'];
export type ClaimDetail = Static<typeof Claims.ClaimDetail>;
export type ClaimRequestBody = Static<typeof Claims.ClaimRequestBody>;
export type ClaimSubmitted = Static<typeof Claims.ClaimSubmitted>;
/** 失业保险金月度处理: automatic stops, claimants owed the month, the medical contributions booked. */
export type ClaimMonth = Static<typeof Claims.ClaimMonth>;
export type StopBody = Static<typeof Claims.StopBody>;
/** 工伤保险按月待遇: the parts with their stops, the month's amounts and trace, the months ordered; the operator's stop. */
export type WorkInjuryMonthly = Static<typeof Claims.WorkInjuryMonthly>;
export type WorkInjuryStopBody = Static<typeof Claims.WorkInjuryStopBody>;
