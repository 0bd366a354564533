/** The settlement of a county's shares: the province's borne, the city's and the county's remitted, a balanced entry adding up to the gap. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remittanceLines, settleCountyShares } from './sharing-settlement.calc.ts';

const accounts = { specialBank: '1003', lowerLevelRemittance: '4007' };
const memo = { city: '市级分担', county: '县级分担' };

test('a county\'s shares: the province\'s borne by the pooled fund, the city\'s and the county\'s remitted, adding up to the gap', () => {
  const cases: [string, { province: bigint; city: bigint; county: bigint }, [bigint, bigint, [string, bigint][]]][] = [
    // name, shares → [borne, remitted, [paying region, amount]…]
    ['three levels', { province: 500n, city: 300n, county: 200n }, [500n, 500n, [['990100', 300n], ['990102', 200n]]]],
    ['no gap: nothing moves', { province: 0n, city: 0n, county: 0n }, [0n, 0n, []]],
    ['the province takes it all: nothing remitted', { province: 333n, city: 0n, county: 0n }, [333n, 0n, []]],
    ['the county\'s own gap only', { province: 0n, city: 0n, county: 20n }, [0n, 20n, [['990102', 20n]]]],
    ['one fen to the city', { province: 0n, city: 1n, county: 0n }, [0n, 1n, [['990100', 1n]]]],
  ];
  for (const [name, shares, [borne, remitted, remittances]] of cases) {
    const settled = settleCountyShares('990102', shares);
    assert.deepEqual([settled.borne, settled.remitted, settled.remittances.map((r) => [r.region, r.amount])], [borne, remitted, remittances], name);
    assert.equal(settled.borne + settled.remitted, shares.province + shares.city + shares.county, `${name}: adds up to the gap`);
  }
});

test('the entry: Dr 财政专户 the remitted total, Cr 下级上解收入 per paying level, balanced; none when nothing is remitted', () => {
  const lines = remittanceLines(settleCountyShares('990102', { province: 567n, city: 340n, county: 327n }), accounts, memo);
  assert.deepEqual(lines, [
    { account: '1003', debit: 667n, reference: '990102' },
    { account: '4007', credit: 340n, reference: '990100', memo: '市级分担' },
    { account: '4007', credit: 327n, reference: '990102', memo: '县级分担' },
  ]);
  const sum = (side: 'debit' | 'credit') => lines.reduce((total, line) => total + (line[side] ?? 0n), 0n);
  assert.equal(sum('debit'), sum('credit'));
  assert.deepEqual(remittanceLines(settleCountyShares('990102', { province: 9n, city: 0n, county: 0n }), accounts, memo), []);
});
