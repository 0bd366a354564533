/** Answers of the fund ledger routes (ledger.routes.ts). TypeBox only: the web imports their types (web/src/types.ts). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, Timestamp } from '../../platform/http/schemas.ts';

export const Fund = Type.Object({
  code: Type.String({ description: 'e.g. pension-990000' }), insurance: Type.String(), region: Type.String(), regionName: Type.String(), name: Type.String(), chartYear: Type.Integer(),
});
export const Account = Type.Object({
  code: Type.String(), name: Type.String(), role: Type.String(), subject: Nullable(Type.String()), bankAccountNumber: Type.Optional(Nullable(Type.String())),
});

const Totals = { opening: Money, debit: Money, credit: Money, closing: Money };
/** 试算平衡表 */
export const TrialBalance = Type.Object({
  fund: Type.String(), period: Month,
  accounts: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), role: Type.String(), ...Totals })),
  totals: Type.Object(Totals),
});

const VoucherNumber = Type.String({ description: '凭证字号: 记-<period>-<number in the fund and period, gap-free>, e.g. 记-2026-03-0001' });
const Source = Nullable(Type.Object({ type: Type.String(), id: Nullable(Type.String()) }));
/**
 * 明细账: an account's lines in a month, a page at a time; `total`: the month's lines, `pageOpening`: the balance before
 * the page's first line (承前页), each line's `balance`: after it (balances signed, debit-positive).
 */
export const AccountLines = Type.Object({
  fund: Type.String(), account: Type.Object({ code: Type.String(), name: Type.String(), role: Type.String() }), period: Month, ...Totals,
  total: Type.Integer(), pageOpening: Money,
  lines: Type.Array(Type.Object({
    entryId: IdText, voucherNumber: VoucherNumber, lineNumber: Type.Integer(), date: DateOnly, debit: Money, credit: Money,
    balance: Money, subject: Nullable(Type.String()),
    reference: Nullable(Type.String()), memo: Nullable(Type.String()), kind: Type.String(), source: Source,
  })),
});

/** 凭证 */
export const Entry = Type.Object({
  id: IdText, voucherNumber: VoucherNumber, fund: Type.String(), period: Month, date: DateOnly, kind: Type.String(), memo: Type.String(), source: Source, key: Type.String(),
  reversesEntryId: Nullable(IdText), correctionOfPeriod: Nullable(Month), total: Money, lineCount: Type.Integer(), createdBy: Type.String(),
  approvedBy: Nullable(Type.String()), postedAt: Timestamp,
});
export const EntryPage = Type.Object({ items: Type.Array(Entry), nextBefore: Nullable(IdText) });
export const EntryDetail = Type.Object({
  ...Entry.properties, reversedByEntryId: Nullable(IdText), reversesVoucherNumber: Nullable(VoucherNumber), reversedByVoucherNumber: Nullable(VoucherNumber),
  lines: Type.Array(Type.Object({
    lineNumber: Type.Integer(), account: Type.String(), accountName: Type.String(), role: Type.String(), debit: Money, credit: Money,
    subject: Nullable(Type.String()), reference: Nullable(Type.String()), memo: Nullable(Type.String()),
  })),
});

export const Sweep = Type.Object({ fund: Type.String(), period: Month, amount: Money, entryId: Nullable(IdText) });

const YearAmounts = Type.Object({ period: Money, yearToDate: Money });
const StatementAmounts = { subject: Type.String(), name: Type.String(), period: Money, yearToDate: Money };
/** A statement line, with its detail lines (one level: 明细 under a 科目). */
const StatementLine = Type.Object({ ...StatementAmounts, detail: Type.Optional(Type.Array(Type.Object(StatementAmounts))) });
/** 基金收支表 */
export const IncomeExpenditure = Type.Object({
  fund: Type.String(), fundName: Type.String(), range: Type.String(), from: DateOnly, to: DateOnly,
  income: Type.Array(StatementLine), totalIncome: YearAmounts, expenditure: Type.Array(StatementLine), totalExpenditure: YearAmounts,
  surplus: YearAmounts, balanceBroughtForward: Money, balanceCarriedForward: Money, netAssets: Money,
});

export const BankStatement = Type.Object({
  id: IdText, format: Type.String(), fileName: Type.String(), reference: Nullable(Type.String()), from: DateOnly, to: DateOnly,
  opening: Money, closing: Money, lines: Type.Integer(), importedAt: Timestamp, importedBy: Type.String(),
});
/** A bank statement file imported: its statements (a camt.053 file may hold several) and the lines matched after it. */
export const StatementImport = Type.Object({
  fund: Type.String(), account: Type.String(), duplicateFile: Type.Boolean(), matched: Type.Integer(),
  statements: Type.Array(Type.Object({
    id: IdText, reference: Nullable(Type.String()), from: DateOnly, to: DateOnly, opening: Money, closing: Money, lines: Type.Integer(), newLines: Type.Integer(), alreadyImported: Type.Boolean(),
  })),
});

export const Matching = Type.Object({
  fund: Type.String(), account: Type.String(), accountName: Type.String(), asOf: DateOnly, reconciliationStart: Nullable(DateOnly), windowDays: Type.Integer(),
  unmatchedBank: Type.Array(Type.Object({ id: IdText, date: DateOnly, amount: Money, reference: Nullable(Type.String()), counterparty: Nullable(Type.String()), description: Nullable(Type.String()), ageDays: Type.Integer() })),
  unmatchedLedger: Type.Array(Type.Object({ entryId: IdText, voucherNumber: VoucherNumber, lineNumber: Type.Integer(), date: DateOnly, amount: Money, reference: Nullable(Type.String()), memo: Nullable(Type.String()), ageDays: Type.Integer() })),
  matches: Type.Array(Type.Object({
    id: IdText, method: Type.String(), rule: Nullable(Type.String()), createdAt: Timestamp, createdBy: Type.String(), amount: Money,
    bankLineIds: Type.Array(IdText), ledgerLines: Type.Array(Type.Object({ entryId: IdText, lineNumber: Type.Integer() })),
  })),
});
export const AutoMatch = Type.Object({ matched: Type.Integer({ description: 'groups matched' }) });
export const ManualMatch = Type.Object({ id: IdText, amount: Money });
export const Unmatch = Type.Object({ id: IdText, undone: Type.Boolean() });

const ReconciliationItem = Type.Object({ side: Type.String(), id: Type.String(), date: DateOnly, amount: Money, reference: Nullable(Type.String()), description: Nullable(Type.String()), ageDays: Type.Integer() });
/** 银行存款余额调节表 */
export const ReconciliationStatement = Type.Object({
  fund: Type.String(), fundName: Type.String(), account: Type.String(), accountName: Type.String(), period: Month, asOf: DateOnly,
  ledgerBalance: Money, bankBalance: Nullable(Money), bankStatementsUntil: Nullable(DateOnly),
  bankReceivedNotInLedger: Type.Array(ReconciliationItem), bankPaidNotInLedger: Type.Array(ReconciliationItem),
  ledgerReceivedNotInBank: Type.Array(ReconciliationItem), ledgerPaidNotInBank: Type.Array(ReconciliationItem),
  adjustedLedgerBalance: Money, adjustedBankBalance: Nullable(Money), agrees: Type.Boolean(), reconciled: Type.Boolean(), reason: Nullable(Type.String()),
});

export const LedgerPeriod = Type.Object({
  period: Month, status: Type.String({ description: 'open or closed' }), closedAt: Nullable(Timestamp), closedBy: Nullable(Type.String()), lines: Type.Integer(),
  pendingReopenRequest: Nullable(Type.Object({ id: IdText, reason: Type.String(), requestedBy: Type.String() })),
});
export const ClosedPeriod = Type.Object({ fund: Type.String(), period: Month, status: Type.Literal('closed'), closedAt: Timestamp, closedBy: Type.String() });

export const LedgerCheck = Type.Object({
  ok: Type.Boolean(), funds: Type.Integer(), entries: Type.Integer(), lines: Type.Integer(),
  differences: Type.Array(Type.Object({
    fund: Type.String(), account: Type.String(), period: Month,
    journal: Type.Object({ debit: Money, credit: Money }), balances: Type.Object({ debit: Money, credit: Money }),
  })),
  unbalancedEntries: Type.Array(Type.Object({ fund: Type.String(), entryId: IdText, lines: Type.Integer(), debit: Money, credit: Money })),
});

/** The hledger journal is text; its schema documents the answer's type. */
export const JournalText = Type.String({ description: 'an hledger journal (text/plain)' });
