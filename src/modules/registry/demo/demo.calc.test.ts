import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCreditCode, checkIdNumber } from '../identifiers.calc.ts';
import {
  DEMO_CITY, DEMO_COUNTIES, DEMO_PROVINCE, Rng, SURNAMES, WORKING_AGE_BANDS, RETIREE_YEARS_BANDS, aliasPick, buildAliasTable, buildCreditCode, buildIdNumber,
  demoAgencies, demoStaff, generateEmployers, historyWindow, organizationCodeCheckCharacter, samplePiecewise, surnameBuckets, truncateBands,
} from './demo.calc.ts';

test('generated ID numbers pass the GB 11643 check, with the sequence parity as gender', () => {
  const cases: [string, string, number, 'M' | 'F'][] = [
    ['990102', '1985-07-13', 444, 'F'],
    ['990104', '1978-03-02', 249, 'M'],
    ['991002', '2000-02-29', 1, 'M'],
    ['990202', '1931-12-31', 0, 'F'],
    ['990181', '2010-01-01', 999, 'M'],
  ];
  for (const [region, birth, sequence, gender] of cases) {
    const idNumber = buildIdNumber(region, birth, sequence);
    const check = checkIdNumber(idNumber);
    assert.ok(check.ok, `${idNumber}: ${!check.ok && check.reason}`);
    assert.equal(check.regionCode, region);
    assert.equal(check.birthDate, birth);
    assert.equal(check.gender, gender);
  }
  assert.throws(() => buildIdNumber('99010', '1985-07-13', 1));
  assert.throws(() => buildIdNumber('990102', '1985-07-13', 1000));
});

test('organisation code and credit code check characters (GB 11714, GB 32100)', () => {
  // The worked example of GB 32100-2015: 91350100M000100Y43 (organisation code M000100Y-4).
  assert.equal(organizationCodeCheckCharacter('M000100Y'), '4');
  assert.equal(buildCreditCode('9', '1', '350100', 'M000100Y'), '91350100M000100Y43');
  const cases: [string, string, string, string][] = [
    ['9', '1', '990102', 'MA5DXK3T'], ['9', '2', '990121', '12345678'], ['1', '2', '990100', '00000000'], ['5', '1', '990181', 'MA0000AA'],
  ];
  for (const [authority, category, region, body] of cases) {
    const code = buildCreditCode(authority, category, region, body);
    const check = checkCreditCode(code);
    assert.ok(check.ok, `${code}: ${!check.ok && check.reason}`);
    assert.equal(check.regionCode, region);
  }
});

test('the seeded generator is deterministic per seed and stream', () => {
  const draw = (seed: number, stream: string) => { const rng = new Rng(seed, stream); return Array.from({ length: 5 }, () => rng.nextUint32()); };
  assert.deepEqual(draw(7, 'a'), draw(7, 'a'));
  assert.notDeepEqual(draw(7, 'a'), draw(8, 'a'));
  assert.notDeepEqual(draw(7, 'a'), draw(7, 'b'));
  const rng = new Rng(1, 'range');
  for (let i = 0; i < 10000; i++) { const u = rng.next(); assert.ok(u >= 0 && u < 1); }
});

test('employers: same seed same output, valid unique credit codes in their county, classes and tiers in range', () => {
  const a = generateEmployers({ seed: 7, count: 3000 });
  assert.deepEqual(generateEmployers({ seed: 7, count: 3000 }), a);
  assert.notDeepEqual(generateEmployers({ seed: 8, count: 3000 }).map((e) => e.creditCode), a.map((e) => e.creditCode));
  const counties = new Set(DEMO_COUNTIES.map((c) => c.code));
  const tiers = ['0.50', '0.80', '1.00', '1.20', '1.50'];
  for (const employer of a) {
    const check = checkCreditCode(employer.creditCode);
    assert.ok(check.ok, `${employer.creditCode}: ${!check.ok && check.reason}`);
    assert.equal(check.regionCode, employer.regionCode);
    assert.ok(counties.has(employer.regionCode));
    assert.ok(employer.workInjuryClass >= 1 && employer.workInjuryClass <= 8);
    assert.ok(tiers.includes(employer.workInjuryFloat), employer.workInjuryFloat);
    if (employer.workInjuryClass === 1) assert.ok(Number(employer.workInjuryFloat) >= 1, 'class I only floats up');
    assert.ok(/^[A-T]$/.test(employer.industryCode));
    assert.ok(employer.name.length >= 4);
  }
  assert.equal(new Set(a.map((e) => e.creditCode)).size, a.length);
  assert.equal(new Set(a.map((e) => e.name)).size, a.length);
  const share = (predicate: (e: (typeof a)[number]) => boolean) => a.filter(predicate).length / a.length;
  assert.ok(share((e) => e.employerType === 'enterprise') > 0.85);
  assert.ok(share((e) => e.employerType.startsWith('institution')) > 0.02);
  assert.ok(share((e) => e.status === 'active') > 0.9);
  // Wage factors average to 1 over jobs (size-weighted).
  const weight = a.reduce((sum, e) => sum + e.sizeWeight, 0);
  assert.ok(Math.abs(a.reduce((sum, e) => sum + e.sizeWeight * e.wageFactor, 0) / weight - 1) < 1e-9);
});

test('employer sizes are heavy-tailed: mostly small, a few very large', () => {
  const employers = generateEmployers({ seed: 11, count: 40000 });
  const sizes = employers.map((e) => e.sizeWeight).sort((x, y) => x - y);
  const median = sizes[Math.floor(sizes.length / 2)];
  const total = sizes.reduce((sum, s) => sum + s, 0);
  const top1 = sizes.slice(-Math.ceil(sizes.length / 100)).reduce((sum, s) => sum + s, 0);
  assert.ok(median >= 2 && median <= 10, `median ${median}`);
  assert.ok(sizes.filter((s) => s <= 10).length / sizes.length > 0.5, 'most employers are small');
  assert.ok(sizes[sizes.length - 1] > 200 * median, `largest ${sizes[sizes.length - 1]} vs median ${median}`);
  assert.ok(top1 / total > 0.15, `the largest 1% hold ${(top1 / total * 100).toFixed(1)}% of the jobs`);
});

test('alias tables pick in proportion to the weights and never pick a zero weight', () => {
  const cases: number[][] = [[1, 1, 1, 1], [5, 0, 1, 4], [0, 0, 3], [1000, 1, 1, 1, 1], [0.3, 7.5, 0, 2.2, 0, 10]];
  for (const weights of cases) {
    const table = buildAliasTable(weights);
    const total = weights.reduce((s, w) => s + w, 0);
    const hits = new Array(weights.length).fill(0);
    const steps = 400;
    for (let i = 0; i < steps; i++) for (let j = 0; j < steps; j++) hits[aliasPick(table, (i + 0.5) / steps, (j + 0.5) / steps)]++;
    weights.forEach((w, index) => {
      const expected = w / total, got = hits[index] / (steps * steps);
      if (w === 0) assert.equal(hits[index], 0, `weight 0 at ${index} picked`);
      else assert.ok(Math.abs(got - expected) < 0.01, `weights ${weights}: index ${index} got ${got}, expected ${expected}`);
    });
  }
  assert.throws(() => buildAliasTable([0, 0]));
});

test('the age pyramid: band shares follow the weights, truncation stops below the retirement age', () => {
  const shareIn = (bands: typeof WORKING_AGE_BANDS, from: number, to: number, n = 100000) => {
    let inside = 0;
    for (let i = 0; i < n; i++) { const age = samplePiecewise(bands, (i + 0.5) / n); if (age >= from && age < to) inside++; }
    return inside / n;
  };
  const total = WORKING_AGE_BANDS.reduce((sum, band) => sum + band.weight, 0);
  for (const band of WORKING_AGE_BANDS) {
    assert.ok(Math.abs(shareIn(WORKING_AGE_BANDS, band.from, band.to) - band.weight / total) < 0.002, `${band.from}–${band.to}`);
  }
  // Prime working ages (25–45) outnumber the young (16–25) and the old (55–60).
  assert.ok(shareIn(WORKING_AGE_BANDS, 25, 45) > 2 * shareIn(WORKING_AGE_BANDS, 16, 25));
  assert.ok(shareIn(WORKING_AGE_BANDS, 30, 35) > shareIn(WORKING_AGE_BANDS, 55, 60));
  for (const max of [50, 55, 60]) {
    const bands = truncateBands(WORKING_AGE_BANDS, max - 0.01);
    for (let i = 0; i < 1000; i++) {
      const age = samplePiecewise(bands, i / 1000);
      assert.ok(age >= 16 && age < max, `${age} for retirement at ${max}`);
    }
  }
  // Retirees: fewer the longer ago they retired.
  assert.ok(shareIn(RETIREE_YEARS_BANDS, 0, 10) > 2 * shareIn(RETIREE_YEARS_BANDS, 20, 40));
});

test('history window: ends with the month before today, spans whole months', () => {
  const cases: [string, number, string | undefined, string, string][] = [
    ['2026-11-23', 3, undefined, '2023-11-01', '2026-10-31'],
    ['2026-01-05', 1, undefined, '2025-01-01', '2025-12-31'],
    ['2024-03-01', 2, undefined, '2022-03-01', '2024-02-29'],
    ['2026-11-23', 2, '2025-06', '2023-07-01', '2025-06-30'],
  ];
  for (const [today, years, endMonth, start, end] of cases) {
    const window = historyWindow(today, years, endMonth);
    assert.equal(window.start, start, `${today} ${years}`);
    assert.equal(window.end, end, `${today} ${years}`);
    assert.equal(window.firstYear, Number(start.slice(0, 4)));
    assert.equal(window.lastYear, Number(end.slice(0, 4)));
  }
  assert.throws(() => historyWindow('2026-11-23', 2, '2026-11'), /before the current month/);
  assert.throws(() => historyWindow('2026-11-23', 2, '2026-13'), /YYYY-MM/);
});

test('names, places, agencies and staff', () => {
  const buckets = surnameBuckets(2000);
  assert.equal(buckets.length, 2000);
  const counts = new Map<number, number>();
  for (const index of buckets) counts.set(index, (counts.get(index) ?? 0) + 1);
  assert.equal([...counts.entries()].sort((x, y) => y[1] - x[1])[0][0], 0, `${SURNAMES[0][0]} is the most common surname`);
  assert.ok(buckets.every((index) => index >= 0 && index < SURNAMES.length));
  assert.ok(DEMO_COUNTIES.length >= 6 && DEMO_COUNTIES.every((c) => c.code.startsWith('9901') && c.code !== '990100'));
  assert.equal(demoAgencies().length, DEMO_COUNTIES.length + 2);
  const staff = demoStaff();
  assert.deepEqual(staff.filter((s) => s.role === 'operator').map((s) => s.regionCode), [...DEMO_COUNTIES.map((c) => c.code), DEMO_CITY.code, DEMO_PROVINCE.code]);
  assert.ok(staff.every((s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s.username)));
  for (const role of ['reviewer', 'approver', 'auditor', 'finance', 'security_auditor']) assert.ok(staff.some((s) => s.role === role), role);
});
