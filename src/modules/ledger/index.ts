/** The fund ledger's public face: what other modules and the composition root may use. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerLedgerCommands } from './ledger.cli.ts';
import { ledgerRoutes } from './ledger.routes.ts';
import { ledgerEntrySignoff } from './drafts.service.ts';
import { periodReopenSignoff } from './period.service.ts';
import { sweepJob, sweepSchedule } from './sweep.schedule.ts';

export { ensureFunds, listFunds, listAccounts, type FundView, type AccountView } from './fund.service.ts';
export { postEntries, reverseEntry, reverseEntriesOfSource, sweepIncomeAccount, sweptSince, registerPostingEffect, type PostOptions, type PostResult, type ReverseInput, type PostingEffect } from './posting.service.ts';
export { createDraft, type DraftInput } from './drafts.service.ts';
export { getTrialBalance, checkLedger, accountBalanceNow, type TrialBalanceView, type CheckReport } from './balance.service.ts';
export { expenseAccountFunding, registerExpenseAccountCommitments, type Funding } from './expense-account.service.ts';
export { registerPeriodCloseEffect, type PeriodCloseEffect } from './period.service.ts';
export { incomeExpenditureStatement, type IncomeExpenditureView } from './statement.service.ts';
export type { EntryInput, LineInput } from './journal.calc.ts';
export type { AccountRole } from './ledger.tables.ts';
export { isPeriod, isDate, periodEnd, addMonths, addDays, daysBetween } from './journal.calc.ts';
export { chartFor, fundAccounts, fundInsurance, openingBalanceEntry, otherIncomeAccount, poolingInsuranceOf, type Chart } from './chart.ts';

/** 基金财务: funds, accounts, the journal, bank reconciliation, period close, statements. */
export const ledgerModule: ModuleManifest = {
  name: 'ledger',
  routes: [ledgerRoutes],
  registerCommands: registerLedgerCommands,
  jobs: [sweepJob],
  schedules: [sweepSchedule],
  approvalKinds: [ledgerEntrySignoff, periodReopenSignoff],
  permissions: [
    'ledger.read', 'ledger.entry.draft', 'ledger.entry.approve', 'ledger.bank.import', 'ledger.bank.match', 'ledger.bank.account.set', 'ledger.sweep',
    'period.close', 'period.reopen.request', 'period.reopen.approve',
  ],
  reports: ['trial-balance', 'income-expenditure-statement', 'bank-reconciliation-statement', 'fund-reconciliation', 'hledger-journal'],
  parameters: ['ledger', 'signoff.ledger_entry', 'signoff.period_reopen'],
};
