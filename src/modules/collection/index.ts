/** The collection module's public face: billing, bills, and (to come) payments, arrears and individual accounts. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerBillingCommands } from './billing/billing.cli.ts';
import { registerPaymentCommands } from './payments/payments.cli.ts';
import { registerArrearsCommands } from './arrears/arrears.cli.ts';
import { registerAccountsCommands } from './accounts/accounts.cli.ts';
import { registerTaxCommands } from './tax/tax.cli.ts';
import { registerCollectionCommands } from './collection.cli.ts';
import { reconciliationRoutes } from './reconciliation/reconciliation.routes.ts';
import { collectionRoutes } from './collection.routes.ts';
import { duplicatePensionRoutes } from './billing/duplicate-pension.routes.ts';
import { pensionExtensionRoutes } from './billing/pension-extension.routes.ts';
import { selfPayingBillingRoutes } from './billing/self-paying-billing.routes.ts';
import { paymentRoutes } from './payments/payments.routes.ts';
import { arrearsRoutes } from './arrears/arrears.routes.ts';
import { kpiRoutes } from './kpi/kpi.routes.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { dunningRoutes } from './dunning/dunning.routes.ts';
import { certificateRoutes } from './certificates/certificates.routes.ts';
import { instalmentSignoff, lateFeeWaiverSignoff } from './dunning/dunning.service.ts';
import { taxRoutes } from './tax/tax.routes.ts';
import { reassessmentSignoff } from './billing/reassessment.service.ts';
import { billingJob } from './billing/billing.service.ts';
import { selfPayingBillingJob } from './billing/self-paying-billing.service.ts';
import { interestJob, interestSchedule } from './accounts/accounts.service.ts';
import { paymentReversalSignoff } from './payments/payments.service.ts';
import { refundSignoff } from './payments/refund.service.ts';
import { employmentRequestSignoff } from './portal/requests.service.ts';

export { runBilling, billingSummary } from './billing/billing.service.ts';
export { baseLimits, contributionBase, lineAmount, publicPensionEmployerTypes } from './billing/billing.calc.ts';
export { listBills, getBill, billRows } from './billing/bills.service.ts';
export { applyCredits, creditIndividualAccounts, importCollectionFile, recordPayment, listPayments } from './payments/payments.service.ts';
export { employerArrears, dunningList, arrearsAsOf } from './arrears/arrears.service.ts';
export { accountBalanceAt, contributionRecord, runInterest, type AccountBalanceAt } from './accounts/accounts.service.ts';
/** Read in the caller's transaction (the pension record of benefits): a person's enterprise pension months, account balance and interest years. */
export { enterprisePensionMonths } from './accounts/accounts.repository.ts';
export { collectionKpis } from './kpi/kpi.service.ts';

/** 征缴: billing, payments, arrears and late fees, individual accounts, collection KPIs, the employer and person portals. */
export const collectionModule: ModuleManifest = {
  name: 'collection',
  routes: [collectionRoutes, duplicatePensionRoutes, pensionExtensionRoutes, selfPayingBillingRoutes, paymentRoutes, arrearsRoutes, kpiRoutes, accountsRoutes, portalRoutes, taxRoutes, reconciliationRoutes, dunningRoutes, certificateRoutes],
  registerCommands(program) {
    registerBillingCommands(program);
    registerPaymentCommands(program);
    registerArrearsCommands(program);
    registerAccountsCommands(program);
    registerTaxCommands(program);
    registerCollectionCommands(program);
  },
  jobs: [billingJob, selfPayingBillingJob, interestJob],
  schedules: [interestSchedule],
  approvalKinds: [reassessmentSignoff, paymentReversalSignoff, refundSignoff, employmentRequestSignoff, instalmentSignoff, lateFeeWaiverSignoff],
  permissions: [
    'billing.read', 'billing.run', 'billing.reassess.request', 'billing.reassess.review', 'billing.reassess.approve',
    'payment.read', 'payment.record', 'payment.reverse.request', 'payment.reverse.review', 'payment.reverse.approve',
    'payment.refund.request', 'payment.refund.review', 'payment.refund.approve', 'ledger.read',
    'arrears.read', 'kpi.read', 'accounts.read', 'accounts.interest.run', 'employment.request.submit', 'employment.request.review',
    'portal.employer', 'portal.person', 'registry.read', 'registry.base.declare', 'registry.base.confirm', 'registry.employment.write',
    'dunning.issue', 'dunning.relief.review', 'dunning.relief.approve', 'certificate.issue',
  ],
  reports: ['bill-notice', 'billing-summary', 'dunning-list', 'collection-kpis', 'account-statement', 'tax-assessment', 'tax-reconciliation', 'dunning-notice', 'certificate'],
  parameters: ['contribution', 'collection.model', 'pension.account', 'signoff.billing_reassessment', 'signoff.payment_reversal', 'signoff.payment_refund', 'signoff.employment_request', 'signoff.dunning_instalment', 'signoff.dunning_late_fee_waiver'],
};
