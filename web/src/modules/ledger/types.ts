/**
 * Shapes of the fund ledger API (/api/ledger; docs/ledger.md): the server's response schemas
 * (src/modules/ledger/ledger.schemas.ts) as types, imported as types only. Money is a yuan string "1234.56", ids are strings.
 */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/modules/ledger/ledger.schemas.ts';

export type Fund = Static<typeof Schemas.Fund>;
export type Account = Static<typeof Schemas.Account>;
export const bankRoles = ['income_bank', 'special_bank', 'expense_bank'];

/** 试算平衡表 */
export type TrialBalance = Static<typeof Schemas.TrialBalance>;
export type TrialBalanceLine = TrialBalance['accounts'][number];

/** 明细账 */
export type AccountLines = Static<typeof Schemas.AccountLines>;
export type AccountLine = AccountLines['lines'][number];
/** What an entry was posted for (a bill, a payment …), or null. */
export type Source = Static<typeof Schemas.Entry>['source'];

/** 凭证 */
export type Entry = Static<typeof Schemas.Entry>;
export type EntryDetail = Static<typeof Schemas.EntryDetail>;
export type EntryLine = EntryDetail['lines'][number];
/** 期末结转 */
export type Sweep = Static<typeof Schemas.Sweep>;

/** A draft entry's line and the draft (the request body of POST …/drafts, built by the form). */
export interface DraftLine { account: string; debit?: string; credit?: string; subject?: string | null; reference?: string | null; memo?: string | null }
export interface DraftInput { period: string; date: string; memo?: string; lines: DraftLine[] }

export type BankStatement = Static<typeof Schemas.BankStatement>;
export type StatementImport = Static<typeof Schemas.StatementImport>;
export type ImportedStatement = StatementImport['statements'][number];

/** 银企对账: what is unmatched on each side and the matches made. */
export type MatchingView = Static<typeof Schemas.Matching>;
export type BankItem = MatchingView['unmatchedBank'][number];
export type LedgerItem = MatchingView['unmatchedLedger'][number];
export type Match = MatchingView['matches'][number];
export type AutoMatch = Static<typeof Schemas.AutoMatch>;
export type ManualMatch = Static<typeof Schemas.ManualMatch>;

/** 银行存款余额调节表 */
export type Reconciliation = Static<typeof Schemas.ReconciliationStatement>;
export type ReconciliationItem = Reconciliation['bankReceivedNotInLedger'][number];

/** A month of the fund; `pendingReopenRequest`: the open 反结账 request (id is its sign-off item's, /approvals/:id). */
export type Period = Static<typeof Schemas.LedgerPeriod>;

/** 基金收支表 */
export type IncomeExpenditure = Static<typeof Schemas.IncomeExpenditure>;
export type PeriodAmounts = IncomeExpenditure['totalIncome'];
export type StatementLine = IncomeExpenditure['income'][number];
