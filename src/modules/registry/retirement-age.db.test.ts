/**
 * The SQL statutory_retirement_month (migration 0022), which billing calls per row, answers what the pure
 * statutoryRetirementMonth answers, for every birth month 1950-01 … 1990-12 and every category; and it is inlined
 * into a query (no function call per row).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../platform/testing/database.ts';
import { retirementCategory, statutoryRetirementMonth } from './retirement-age.calc.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';

test('SQL and TypeScript agree on the statutory retirement month of every birth month 1950–1990', { skip }, async () => {
  const test_ = await createTestDatabase();
  try {
    // A birth day late in the month (28th), so a month index off by one day would show.
    const people: { birth: string; gender: 'M' | 'F'; occupation: string | null }[] = [];
    for (let year = 1950; year <= 1990; year++) for (let month = 1; month <= 12; month++) {
      const birth = `${year}-${String(month).padStart(2, '0')}-28`;
      people.push({ birth, gender: 'M', occupation: null }, { birth, gender: 'F', occupation: '专业技术人员' },
        { birth, gender: 'F', occupation: '生产制造及有关人员' }, { birth, gender: 'F', occupation: null });
    }
    const { rows } = await test_.owner.query<{ month: string }>(
      `select to_char(statutory_retirement_month(b, g, o), 'YYYY-MM') as month
       from unnest($1::date[], $2::text[], $3::text[]) with ordinality as t(b, g, o, n) order by n`,
      [people.map((p) => p.birth), people.map((p) => p.gender), people.map((p) => p.occupation)]);
    assert.equal(rows.length, 41 * 12 * 4);
    const differences = people.flatMap((p, i) => {
      const expected = statutoryRetirementMonth(p.birth, p.gender, retirementCategory(p.gender, p.occupation));
      return rows[i].month === expected ? [] : [`${p.birth} ${p.gender} ${p.occupation}: SQL ${rows[i].month}, TS ${expected}`];
    });
    assert.deepEqual(differences, []);
    // The three ages all occur (the comparison is not of one branch only).
    assert.equal(rows[0].month, '2010-01');   // a man born 1950-01: 60
    assert.equal(rows[1].month, '2005-01');   // a woman cadre: 55
    assert.equal(rows[2].month, '2000-01');   // a woman worker: 50

    const { rows: plan } = await test_.owner.query(`explain verbose select statutory_retirement_month(birth_date, gender, occupation) from person`);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    assert.doesNotMatch(text, /statutory_retirement_month|retirement_delay_months/, 'the functions are inlined');
  } finally {
    await test_.drop();
  }
});
