/** The fund ledger's public face: what other modules and the composition root may use. */
export { registerLedgerCommands } from './ledger.cli.ts';
export { ledgerRoutes } from './ledger.routes.ts';
export { ensureFunds, listFunds, listAccounts, type FundView, type AccountView } from './fund.service.ts';
export { postEntries, reverseEntry, reverseEntriesOfSource, sweepIncomeAccount, type PostOptions, type PostResult, type ReverseInput } from './posting.service.ts';
export { scheduleMonthlySweep } from './sweep.schedule.ts';
export { getTrialBalance, checkLedger, type TrialBalanceView, type CheckReport } from './balance.service.ts';
export { incomeExpenditureStatement, type IncomeExpenditureView } from './statement.service.ts';
export type { EntryInput, LineInput } from './journal.calc.ts';
export type { AccountRole } from './ledger.tables.ts';
export { isPeriod, isDate, periodEnd, addMonths, addDays, daysBetween } from './journal.calc.ts';
export { chartFor, fundInsurance } from './chart.ts';
