import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, newVerificationCode, normalizeCode, participationFacts, rightsRecordFacts } from './certificates.calc.ts';

test('verification codes: 16 characters of Crockford base32 from 80 random bits; typed codes normalised, others refused', () => {
  assert.equal(newVerificationCode(() => new Uint8Array(10)), '0000-0000-0000-0000');
  assert.equal(newVerificationCode(() => new Uint8Array(10).fill(255)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  assert.equal(newVerificationCode(() => Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 33])), '0000-0000-0000-0011');
  const cases: [string, string | null][] = [
    ['7kq2m9xd4htap3vz', '7KQ2-M9XD-4HTA-P3VZ'], [' 7KQ2-M9XD 4HTA-P3VZ ', '7KQ2-M9XD-4HTA-P3VZ'],
    ['OIL2-M9XD-4HTA-P3VZ', '0112-M9XD-4HTA-P3VZ'], ['7KQ2-M9XD-4HTA-P3V', null], ['7KQ2-M9XD-4HTA-P3VU', null],
  ];
  for (const [typed, expected] of cases) assert.equal(normalizeCode(typed), expected, typed);
});

test('canonical JSON: the same facts in any key order give the same text', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
  assert.equal(canonicalJson({ a: [{ c: 'x', d: null }], b: 1 }), canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }));
});

test('months paid: each period once across employers, unpaid months left out; contributions per year and insurance', () => {
  const person = { name: '张三', idNumber: '990102********0011' };
  const month = (period: string, employerName: string, paid: boolean) => ({ period, insurance: 'pension', employerName, base: '10000.00', employeeAmount: '800.00', employerAmount: '1600.00', paid });
  const months = [month('2025-12', '甲公司', true), month('2026-01', '甲公司', true), month('2026-01', '乙公司', true), month('2026-02', '甲公司', false)];
  const participation = participationFacts(person, '2026-03-01', [{ insurance: 'pension', employerName: '甲公司', from: '2025-01-01', to: null }], months);
  assert.deepEqual(participation.insurances.map((i) => [i.insurance, i.monthsPaid, i.firstPaid, i.lastPaid]), [['pension', 2, '2025-12', '2026-01']]);
  const record = rightsRecordFacts(person, '2026-03-01', months, [{ year: 2026, opening: '800.00', credits: '1600.00', interest: '0.00', closing: '2400.00' }]);
  assert.deepEqual(record.years.map((y) => [y.year, y.insurances, y.account?.closing ?? null]), [
    [2025, [{ insurance: 'pension', monthsPaid: 1, employeeAmount: '800.00', employerAmount: '1600.00' }], null],
    [2026, [{ insurance: 'pension', monthsPaid: 1, employeeAmount: '1600.00', employerAmount: '3200.00' }], '2400.00'],
  ]);
});
