/**
 * Bank reconciliation rules as pure functions: automatic matching of bank statement lines with the ledger's lines
 * on the same bank account, and the reconciliation statement (银行存款余额调节表). Amounts are signed from the
 * fund's side: + money in (ledger debit, bank credit), − money out.
 */
import { daysBetween } from '../journal.calc.ts';

export interface BankItem { id: string; date: string; amount: bigint; reference: string | null }
export interface LedgerItem { id: string; date: string; amount: bigint; reference: string | null }
export interface MatchGroup { bank: string[]; ledger: string[]; rule: 'reference' | 'reference-group' | 'amount-date' }

/** References compared without case, spaces and punctuation ("BILL-2026/01 001" = "bill202601001"). */
export const normalizeReference = (reference: string | null) => (reference ?? '').toUpperCase().replace(/[^0-9A-Z\u4e00-\u9fff]/g, '');

const within = (a: string, b: string, windowDays: number) => Math.abs(daysBetween(a, b)) <= windowDays;
const sum = (items: { amount: bigint }[]) => items.reduce((s, i) => s + i.amount, 0n);

/**
 * Matches unmatched items, most certain first:
 *  1. same reference, same amount, dates within the window → one to one (closest date first);
 *  2. same reference, what is left on each side adds up to the same sum, all dates within the window → one group
 *     (one-to-many: a bank batch credit for several receipts; many-to-one: several bank lines for one posting);
 *  3. no reference needed: same amount, dates within the window, and the only candidate on both sides.
 * Every group has equal sums on both sides; no item is in two groups.
 */
export function autoMatch(bank: BankItem[], ledger: LedgerItem[], windowDays: number): MatchGroup[] {
  const groups: MatchGroup[] = [];
  const usedBank = new Set<string>();
  const usedLedger = new Set<string>();
  const byReference = <T extends { reference: string | null }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const key = normalizeReference(item.reference);
      if (!key) continue;
      if (!map.has(key)) map.set(key, []);
      map.get(key)!.push(item);
    }
    return map;
  };
  const ledgerByReference = byReference(ledger);
  for (const [reference, bankItems] of byReference(bank)) {
    const ledgerItems = ledgerByReference.get(reference);
    if (!ledgerItems) continue;
    for (const b of [...bankItems].sort((x, y) => x.date.localeCompare(y.date) || x.id.localeCompare(y.id))) {
      const candidates = ledgerItems.filter((l) => !usedLedger.has(l.id) && l.amount === b.amount && within(l.date, b.date, windowDays))
        .sort((x, y) => Math.abs(daysBetween(x.date, b.date)) - Math.abs(daysBetween(y.date, b.date)) || x.id.localeCompare(y.id));
      if (!candidates.length) continue;
      usedBank.add(b.id); usedLedger.add(candidates[0].id);
      groups.push({ bank: [b.id], ledger: [candidates[0].id], rule: 'reference' });
    }
    const restBank = bankItems.filter((b) => !usedBank.has(b.id));
    const restLedger = ledgerItems.filter((l) => !usedLedger.has(l.id));
    if (!restBank.length || !restLedger.length || sum(restBank) !== sum(restLedger) || sum(restBank) === 0n) continue;
    const dates = [...restBank, ...restLedger].map((i) => i.date).sort();
    if (!within(dates[0], dates[dates.length - 1], windowDays)) continue;
    for (const b of restBank) usedBank.add(b.id);
    for (const l of restLedger) usedLedger.add(l.id);
    groups.push({ bank: restBank.map((b) => b.id).sort(), ledger: restLedger.map((l) => l.id).sort(), rule: 'reference-group' });
  }
  const openBank = bank.filter((b) => !usedBank.has(b.id));
  const openLedger = ledger.filter((l) => !usedLedger.has(l.id));
  const candidatesOf = new Map(openBank.map((b) => [b.id, openLedger.filter((l) => l.amount === b.amount && within(l.date, b.date, windowDays))]));
  const bankCandidatesOf = new Map(openLedger.map((l) => [l.id, openBank.filter((b) => b.amount === l.amount && within(l.date, b.date, windowDays))]));
  for (const b of openBank) {
    const candidates = candidatesOf.get(b.id)!;
    if (candidates.length !== 1) continue;
    const [l] = candidates;
    if (bankCandidatesOf.get(l.id)!.length !== 1 || usedLedger.has(l.id)) continue;
    usedBank.add(b.id); usedLedger.add(l.id);
    groups.push({ bank: [b.id], ledger: [l.id], rule: 'amount-date' });
  }
  return groups;
}

export interface ReconciliationItem { side: 'bank' | 'ledger'; id: string; date: string; amount: bigint; reference: string | null; description: string | null; ageDays: number }

export interface Reconciliation {
  asOf: string;
  ledgerBalance: bigint;
  bankBalance: bigint | null;
  /** 银行已收企业未收 / 银行已付企业未付: on the bank statement, not (yet) in the ledger. */
  bankOnly: ReconciliationItem[];
  /** 企业已收银行未收 / 企业已付银行未付: in the ledger, not (yet) on the bank statement. */
  ledgerOnly: ReconciliationItem[];
  adjustedLedgerBalance: bigint;
  adjustedBankBalance: bigint | null;
  agrees: boolean;
}

export interface ItemWithMatch { id: string; date: string; amount: bigint; reference: string | null; description: string | null; matchId: string | null }

/**
 * The reconciliation statement at `asOf` (银行存款余额调节表): adjusted ledger balance = ledger balance + items on the
 * bank side only; adjusted bank balance = bank balance + items on the ledger side only; they must agree.
 * An item dated by `asOf` is "in transit" when it is unmatched or when its match does not balance by `asOf`
 * (its counterpart is dated later). Ledger items before the first statement are the opening the bank confirms.
 */
export function reconcile(input: {
  asOf: string; ledgerBalance: bigint; bankBalance: bigint | null; reconciliationStart: string | null;
  bank: ItemWithMatch[]; ledger: ItemWithMatch[];
}): Reconciliation {
  const { asOf } = input;
  const bank = input.bank.filter((i) => i.date <= asOf);
  const ledger = input.ledger.filter((i) => i.date <= asOf);
  const balanceByMatch = new Map<string, bigint>();
  for (const i of ledger) if (i.matchId) balanceByMatch.set(i.matchId, (balanceByMatch.get(i.matchId) ?? 0n) + i.amount);
  for (const i of bank) if (i.matchId) balanceByMatch.set(i.matchId, (balanceByMatch.get(i.matchId) ?? 0n) - i.amount);
  const inTransit = (i: ItemWithMatch) => !i.matchId || balanceByMatch.get(i.matchId) !== 0n;
  const item = (side: 'bank' | 'ledger') => (i: ItemWithMatch): ReconciliationItem => ({
    side, id: i.id, date: i.date, amount: i.amount, reference: i.reference, description: i.description, ageDays: daysBetween(i.date, asOf),
  });
  const bankOnly = bank.filter(inTransit).map(item('bank'));
  const start = input.reconciliationStart;
  const ledgerOnly = ledger.filter((i) => inTransit(i) && (i.matchId !== null || (start !== null && i.date >= start))).map(item('ledger'));
  const adjustedLedgerBalance = input.ledgerBalance + sum(bankOnly);
  const adjustedBankBalance = input.bankBalance === null ? null : input.bankBalance + sum(ledgerOnly);
  return {
    asOf, ledgerBalance: input.ledgerBalance, bankBalance: input.bankBalance, bankOnly, ledgerOnly,
    adjustedLedgerBalance, adjustedBankBalance, agrees: adjustedBankBalance !== null && adjustedBankBalance === adjustedLedgerBalance,
  };
}
