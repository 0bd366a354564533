/**
 * Budget indicators (预算指标, R7.1), pure: an account per expense line of a fund's approved budget, and what a payment
 * drawing on it finds (domain.md "Budget practice": 财政部《预算管理一体化规范》 — approved, allocated, committed, paid,
 * available; monitoring rules warn or block, red / orange / yellow).
 *
 *   approved  = the line's amount in the first approved version of the year
 *   adjusted  = the latest approved version's amount − approved (budget adjustments make new approved versions)
 *   allocated = the months of the version's approved monthly allocation plan (分月用款计划, R7.4) up to and including
 *               the month asked, keyed by the line's own subject; 0 without a plan. It shows what has been released
 *               to date and does not enter available
 *   committed = signed off, not yet paid, on the line's ledger subjects (a 其中 row's, or every row of its line)
 *   paid      = the ledger's actual of the year on the line's ledger subjects
 *   available = approved + adjusted − committed − paid
 *
 * A draw of `requested` on a line: beyond available → orange (warn) or red (block) as the fund's rule says; within it
 * but leaving less than the warning percentage of approved + adjusted → yellow. Exact on fen, "below" is strict.
 */
import type { TableLine } from '../execution.calc.ts';

export interface BudgetAmount { subject: string; amount: bigint }

export interface IndicatorAccount {
  fund: string; subject: string; name: string; parentSubject: string | null;
  /** The ledger subjects whose money the line is: what it pays and commits. */
  ledgerSubjects: string[];
  approved: bigint; adjusted: bigint; allocated: bigint; committed: bigint; paid: bigint; available: bigint;
}

/**
 * The accounts of one fund: every expense line of the table the approved budget has (first or latest version), in the
 * table's order, then a line the table lacks (a version on another chart) with no ledger subject. `paid` and
 * `committed` map a ledger subject to fen; `allocated` maps a line's subject to its plan's months to date.
 */
export function indicatorAccounts(
  fund: string, table: TableLine[], first: BudgetAmount[], latest: BudgetAmount[], paid: Map<string, bigint>, committed: Map<string, bigint>,
  allocated: Map<string, bigint> = new Map(),
): IndicatorAccount[] {
  const firstBySubject = new Map(first.map((line) => [line.subject, line.amount]));
  const latestBySubject = new Map(latest.map((line) => [line.subject, line.amount]));
  const budgeted = new Set([...firstBySubject.keys(), ...latestBySubject.keys()]);
  const expense = table.filter((line) => line.side === 'expense');
  const lines = [
    ...expense.filter((line) => budgeted.has(line.subject)),
    ...[...budgeted].filter((subject) => !expense.some((line) => line.subject === subject))
      .map((subject): TableLine => ({ subject, name: subject, side: 'expense', parentSubject: null, ledgerSubjects: [] })),
  ];
  const sum = (figures: Map<string, bigint>, subjects: string[]) => subjects.reduce((total, subject) => total + (figures.get(subject) ?? 0n), 0n);
  return lines.map((line) => {
    const approved = firstBySubject.get(line.subject) ?? 0n;
    const adjusted = (latestBySubject.get(line.subject) ?? 0n) - approved;
    const lineCommitted = sum(committed, line.ledgerSubjects);
    const linePaid = sum(paid, line.ledgerSubjects);
    return {
      fund, subject: line.subject, name: line.name, parentSubject: line.parentSubject, ledgerSubjects: line.ledgerSubjects,
      approved, adjusted, allocated: allocated.get(line.subject) ?? 0n, committed: lineCommitted, paid: linePaid, available: approved + adjusted - lineCommitted - linePaid,
    };
  });
}

export type IndicatorLevel = 'yellow' | 'orange' | 'red';

/** The rules in force for a fund (params/execution/indicator_*). */
export interface IndicatorRule { warningPercent: number; overrun: 'warn' | 'block' }

/** available − requested below warningPercent % of approved + adjusted (exact): the yellow line. */
export const belowWarningShare = (account: Pick<IndicatorAccount, 'approved' | 'adjusted'>, remaining: bigint, warningPercent: number) =>
  remaining * 100n < BigInt(warningPercent) * (account.approved + account.adjusted);

/** What a draw of `requested` fen on the account finds: null when it leaves enough. */
export function drawLevel(account: IndicatorAccount, requested: bigint, rule: IndicatorRule): IndicatorLevel | null {
  if (requested <= 0n) return null;
  if (requested > account.available) return rule.overrun === 'block' ? 'red' : 'orange';
  return belowWarningShare(account, account.available - requested, rule.warningPercent) ? 'yellow' : null;
}

export interface DrawFinding { account: IndicatorAccount; requested: bigint; level: IndicatorLevel }

/**
 * The accounts a fund's draws touch and what each finds: a draw on a ledger subject draws on every line that sums it
 * (the 其中 row and its line both); the draws on one line are summed first.
 */
export function checkDraws(accounts: IndicatorAccount[], draws: { subject: string; amountFen: bigint }[], rule: IndicatorRule): DrawFinding[] {
  return accounts.flatMap((account): DrawFinding[] => {
    const requested = draws.filter((draw) => account.ledgerSubjects.includes(draw.subject)).reduce((sum, draw) => sum + draw.amountFen, 0n);
    const level = drawLevel(account, requested, rule);
    return level ? [{ account, requested, level }] : [];
  });
}

/** An account whose available is already below the warning line (the alert evaluation's condition): warning, or critical once overdrawn. */
export function overrunSeverity(account: IndicatorAccount, warningPercent: number): 'warning' | 'critical' | null {
  if (account.available < 0n) return 'critical';
  return belowWarningShare(account, account.available, warningPercent) ? 'warning' : null;
}
