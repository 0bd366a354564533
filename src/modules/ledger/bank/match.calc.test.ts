import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { autoMatch, normalizeReference, reconcile, type BankItem, type LedgerItem } from './match.calc.ts';

test('one to one by reference, one-to-many and many-to-one by reference, then by amount and date when unambiguous', () => {
  const bank: BankItem[] = [
    { id: 'b1', date: '2026-01-11', amount: 600n, reference: 'BILL-001' },
    { id: 'b2', date: '2026-01-12', amount: 900n, reference: 'batch 7' },          // one bank credit for three receipts
    { id: 'b3', date: '2026-01-15', amount: 200n, reference: 'BILL-9' },            // two bank lines for one posting
    { id: 'b4', date: '2026-01-15', amount: 300n, reference: 'BILL-9' },
    { id: 'b5', date: '2026-01-20', amount: -500n, reference: null },
    { id: 'b6', date: '2026-01-25', amount: 77n, reference: null },                 // two candidates: left for a person
    { id: 'b7', date: '2026-01-25', amount: 77n, reference: null },
    { id: 'b8', date: '2026-02-20', amount: 600n, reference: 'BILL-001' },          // outside the window
  ];
  const ledger: LedgerItem[] = [
    { id: 'l1', date: '2026-01-10', amount: 600n, reference: 'bill001' },
    { id: 'l2', date: '2026-01-10', amount: 300n, reference: 'BATCH-7' },
    { id: 'l3', date: '2026-01-10', amount: 250n, reference: 'BATCH-7' },
    { id: 'l4', date: '2026-01-11', amount: 350n, reference: 'BATCH-7' },
    { id: 'l5', date: '2026-01-14', amount: 500n, reference: 'BILL-9' },
    { id: 'l6', date: '2026-01-19', amount: -500n, reference: 'SWEEP' },
    { id: 'l7', date: '2026-01-24', amount: 77n, reference: null },
  ];
  assert.deepEqual(autoMatch(bank, ledger, 5), [
    { bank: ['b1'], ledger: ['l1'], rule: 'reference' },
    { bank: ['b2'], ledger: ['l2', 'l3', 'l4'], rule: 'reference-group' },
    { bank: ['b3', 'b4'], ledger: ['l5'], rule: 'reference-group' },
    { bank: ['b5'], ledger: ['l6'], rule: 'amount-date' },
  ]);
  assert.equal(normalizeReference(' bill-2026/01 001 '), 'BILL202601001');
});

test('property: groups balance, no item is used twice, one-to-one matches keep to the date window', () => {
  const date = fc.integer({ min: 1, max: 28 }).map((d) => `2026-01-${String(d).padStart(2, '0')}`);
  const item = fc.record({ date, amount: fc.bigInt(-5n, 5n).filter((a) => a !== 0n), reference: fc.constantFrom(null, 'A', 'B', 'c') });
  fc.assert(fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 12 }), fc.nat(6), (bankRaw, ledgerRaw, windowDays) => {
    const bank = bankRaw.map((b, i) => ({ ...b, id: `b${i}` }));
    const ledger = ledgerRaw.map((l, i) => ({ ...l, id: `l${i}` }));
    const groups = autoMatch(bank, ledger, windowDays);
    const usedBank = groups.flatMap((g) => g.bank);
    const usedLedger = groups.flatMap((g) => g.ledger);
    assert.equal(new Set(usedBank).size, usedBank.length);
    assert.equal(new Set(usedLedger).size, usedLedger.length);
    for (const g of groups) {
      const b = g.bank.map((id) => bank.find((x) => x.id === id)!);
      const l = g.ledger.map((id) => ledger.find((x) => x.id === id)!);
      assert.equal(b.reduce((s, x) => s + x.amount, 0n), l.reduce((s, x) => s + x.amount, 0n));
      const days = [...b, ...l].map((x) => Date.parse(x.date) / 86_400_000);
      assert.ok(Math.max(...days) - Math.min(...days) <= windowDays);
    }
  }));
});

test('reconciliation statement: items in transit on each side make the adjusted balances agree', () => {
  // Ledger: opening 10000 (before the first statement), receipt 600 (Jan 10, matched), receipt 250 (Jan 30, bank books it Feb 2),
  // sweep −500 (Jan 20, matched). Bank: opening 10000, +600, −500, bank charge −3 not yet in the ledger.
  const r = reconcile({
    asOf: '2026-01-31', ledgerBalance: 10_350n, bankBalance: 10_097n, reconciliationStart: '2026-01-01',
    ledger: [
      { id: 'open', date: '2025-12-31', amount: 10_000n, reference: null, description: 'opening', matchId: null },
      { id: 'l1', date: '2026-01-10', amount: 600n, reference: 'A', description: null, matchId: 'm1' },
      { id: 'l2', date: '2026-01-20', amount: -500n, reference: null, description: null, matchId: 'm2' },
      { id: 'l3', date: '2026-01-30', amount: 250n, reference: 'B', description: null, matchId: 'm3' },
    ],
    bank: [
      { id: 'b1', date: '2026-01-11', amount: 600n, reference: 'A', description: null, matchId: 'm1' },
      { id: 'b2', date: '2026-01-20', amount: -500n, reference: null, description: null, matchId: 'm2' },
      { id: 'b3', date: '2026-01-31', amount: -3n, reference: null, description: '手续费', matchId: null },
      { id: 'b4', date: '2026-02-02', amount: 250n, reference: 'B', description: null, matchId: 'm3' },
    ],
  });
  assert.deepEqual(r.bankOnly.map((i) => [i.id, i.amount, i.ageDays]), [['b3', -3n, 0]]);
  assert.deepEqual(r.ledgerOnly.map((i) => [i.id, i.amount, i.ageDays]), [['l3', 250n, 1]]);
  assert.equal(r.adjustedLedgerBalance, 10_347n);
  assert.equal(r.adjustedBankBalance, 10_347n);
  assert.equal(r.agrees, true);
  const withoutBank = reconcile({ asOf: '2026-01-31', ledgerBalance: 5n, bankBalance: null, reconciliationStart: null, ledger: [], bank: [] });
  assert.equal(withoutBank.agrees, false);
});
