/** The benefits module's public face: pension and unemployment quotes (and the awards and payroll that build on them). */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerAwardCommands } from './awards/awards.cli.ts';
import { adjustmentJob, pensionAdjustmentSignoff } from './adjustment/adjustment.service.ts';
import { adjustmentRoutes } from './adjustment/adjustment.routes.ts';
import { registerAdjustmentCommands } from './adjustment/adjustment.cli.ts';
import { registerDeathCommands } from './deaths/deaths.cli.ts';
import { deathRoutes } from './deaths/deaths.routes.ts';
import { recoverySignoff } from './deaths/deaths.service.ts';
import { pensionAwardSignoff } from './awards/awards.service.ts';
import { awardStatusSignoff } from './awards/award-status.service.ts';
import { awardAccountSignoff } from './awards/award-account.service.ts';
import { registerPayrollCommands } from './payroll/payroll.cli.ts';
import { payrollRoutes } from './payroll/payroll.routes.ts';
import { claimMonthJob } from './claims/claims.month.ts';
import { fundTransferSignoff, payrollJob, payrollSignoff } from './payroll/payroll.service.ts';
import { paymentOrderSignoff } from './payroll/payment-order.service.ts';
import { registerPensionCommands } from './pension/pension.cli.ts';
import { registerUnemploymentCommands } from './unemployment/unemployment.cli.ts';
import { quoteRoutes } from './quote.routes.ts';
import { pensionRecordRoutes } from './pension/record.routes.ts';
import { claimRoutes } from './claims/claims.routes.ts';
import { registerClaimCommands } from './claims/claims.cli.ts';
import { benefitClaimSignoff } from './claims/claims.service.ts';

export { pensionCommand } from './pension/pension.cli.ts';
export { queueBenefitPayment, registerPaymentSource, type BenefitPaymentInput, type PaymentOrderView } from './payroll/payment-order.service.ts';
export { loadDemoPensioners, quoteDemoPensioners, type DemoPensioners, type DemoPensionerQuotes } from './awards/demo-awards.service.ts';
export { loadDemoClaims, type DemoClaims } from './claims/demo-claims.service.ts';
export { runPayroll } from './payroll/payroll.service.ts';
export { caseOffsets, openCaseOverpayment, type CaseOffsetView } from './payroll/offsets.ts';
export { bankFile, importBankResult } from './payroll/payroll.bank.ts';
export { claimMonthJob, runClaimMonth } from './claims/claims.month.ts';

/** 待遇: pension quotes and awards, the monthly payroll, unemployment benefit. */
export const benefitsModule: ModuleManifest = {
  name: 'benefits',
  routes: [
    payrollRoutes,
    deathRoutes,
    adjustmentRoutes,
    quoteRoutes,
    pensionRecordRoutes,
    claimRoutes,
  ],
  registerCommands(program) {
    registerPensionCommands(program);
    registerAwardCommands(program);
    registerDeathCommands(program);
    registerAdjustmentCommands(program);
    registerPayrollCommands(program);
    registerUnemploymentCommands(program);
    registerClaimCommands(program);
  },
  jobs: [payrollJob, claimMonthJob, adjustmentJob],
  schedules: [],
  approvalKinds: [pensionAwardSignoff, awardStatusSignoff, awardAccountSignoff, pensionAdjustmentSignoff, payrollSignoff, fundTransferSignoff, paymentOrderSignoff, benefitClaimSignoff, recoverySignoff],
  permissions: [
    'benefits.read',
    'pension.award.request', 'pension.award.review', 'pension.award.approve', 'pension.award.status',
    'payroll.run', 'payroll.review', 'payroll.approve', 'payroll.bank', 'fund.transfer.request', 'fund.transfer.approve',
    'pension.death.import', 'pension.recovery.record', 'pension.adjustment.request', 'pension.adjustment.review', 'pension.adjustment.approve',
    'benefit.payment.request', 'benefit.payment.review', 'benefit.payment.approve',
    'benefit.claim.request', 'benefit.claim.review', 'benefit.claim.approve', 'benefit.claim.run',
  ],
  reports: [],
  parameters: [
    'signoff.pension_award', 'signoff.pension_award_status', 'signoff.pension_award_account', 'signoff.pension_adjustment', 'signoff.pension_payroll', 'signoff.fund_transfer', 'signoff.benefit_payment_order', 'signoff.benefit_claim', 'signoff.benefit_recovery',
    'benefits', 'pension.annuity_divisor', 'pension.minimum_contribution_months', 'contribution.base.average_wage', 'unemployment.benefit', 'wage', 'contribution.medical',
  ],
};
