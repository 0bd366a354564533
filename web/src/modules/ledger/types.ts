/** Shapes of the fund ledger API (/api/ledger; docs/ledger.md). Money is a yuan string "1234.56", ids are strings. */

export interface Fund { code: string; insurance: string; region: string; regionName: string; name: string; chartYear: number }
export interface Account { code: string; name: string; role: string; subject: string | null; bankAccountNumber?: string | null }
export const bankRoles = ['income_bank', 'special_bank', 'expense_bank'];

export interface Amounts { opening: string; debit: string; credit: string; closing: string }
export interface TrialBalanceLine extends Amounts { code: string; name: string; role: string }
export interface TrialBalance { fund: string; period: string; accounts: TrialBalanceLine[]; totals: Amounts }

export interface Source { type: string; id: string | null }
export interface AccountLine {
  entryId: string; lineNumber: number; date: string; debit: string; credit: string; subject: string | null; reference: string | null;
  memo: string | null; kind: string; source: Source | null;
}
export interface AccountLines extends Amounts { fund: string; account: { code: string; name: string; role: string }; period: string; lines: AccountLine[] }

export interface EntryLine {
  lineNumber: number; account: string; accountName: string; role: string; debit: string; credit: string; subject: string | null; reference: string | null; memo: string | null;
}
export interface Entry {
  id: string; fund: string; period: string; date: string; kind: string; memo: string; source: Source | null; key: string; reversesEntryId: string | null;
  correctionOfPeriod: string | null; total: string; lineCount: number; createdBy: string; approvedBy: string | null; postedAt: string;
}
export interface EntryDetail extends Entry { reversedByEntryId: string | null; lines: EntryLine[] }

export interface DraftLine { account: string; debit?: string; credit?: string; subject?: string | null; reference?: string | null; memo?: string | null }
export interface DraftInput { period: string; date: string; memo?: string; lines: DraftLine[] }

export interface BankStatement { id: string; format: string; fileName: string; reference: string | null; from: string; to: string; opening: string; closing: string; lines: number; importedAt: string; importedBy: string }
export interface ImportedStatement { id: string; reference: string | null; from: string; to: string; opening: string; closing: string; lines: number; newLines: number; alreadyImported: boolean }
export interface StatementImport { fund: string; account: string; duplicateFile: boolean; matched: number; statements: ImportedStatement[] }

export interface BankItem { id: string; date: string; amount: string; reference: string | null; counterparty: string | null; description: string | null; ageDays: number }
export interface LedgerItem { entryId: string; lineNumber: number; date: string; amount: string; reference: string | null; memo: string | null; ageDays: number }
export interface Match {
  id: string; method: 'auto' | 'manual'; rule: string | null; amount: string; createdAt: string; createdBy: string;
  bankLineIds: string[]; ledgerLines: { entryId: string; lineNumber: number }[];
}
export interface MatchingView {
  fund: string; account: string; accountName: string; asOf: string; reconciliationStart: string | null; windowDays: number;
  unmatchedBank: BankItem[]; unmatchedLedger: LedgerItem[]; matches: Match[];
}

export interface ReconciliationItem { side: 'bank' | 'ledger'; id: string; date: string; amount: string; reference: string | null; description: string | null; ageDays: number }
export interface Reconciliation {
  fund: string; fundName: string; account: string; accountName: string; period: string; asOf: string;
  ledgerBalance: string; bankBalance: string | null; bankStatementsUntil: string | null;
  bankReceivedNotInLedger: ReconciliationItem[]; bankPaidNotInLedger: ReconciliationItem[];
  ledgerReceivedNotInBank: ReconciliationItem[]; ledgerPaidNotInBank: ReconciliationItem[];
  adjustedLedgerBalance: string; adjustedBankBalance: string | null; agrees: boolean; reconciled: boolean; reason: string | null;
}

export interface Period {
  period: string; status: 'open' | 'closed'; closedAt: string | null; closedBy: string | null; lines: number;
  /** the open 反结账 request: id is its sign-off item's (/approvals/:id) */
  pendingReopenRequest: { id: string; reason: string; requestedBy: string } | null;
}

export interface PeriodAmounts { period: string; yearToDate: string }
export interface StatementLine extends PeriodAmounts { subject: string; name: string; detail?: StatementLine[] }
export interface IncomeExpenditure {
  fund: string; fundName: string; range: string; from: string; to: string;
  income: StatementLine[]; totalIncome: PeriodAmounts; expenditure: StatementLine[]; totalExpenditure: PeriodAmounts;
  surplus: PeriodAmounts; balanceBroughtForward: string; balanceCarriedForward: string; netAssets: string;
}
