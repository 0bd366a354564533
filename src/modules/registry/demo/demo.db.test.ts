import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { checkCreditCode, checkIdNumber, idNumberCheckCharacter } from '../identifiers.calc.ts';
import { RETIREE_YEARS_BANDS, WORKING_AGE_BANDS, historyWindow, samplePiecewise, truncateBands } from './demo.calc.ts';
import { sqlIdCheck, sqlPiecewise } from './demo.sql.ts';
import { generateDemo, type DemoSummary } from './demo.service.ts';

// Database tests run through `npm test` (which provides the server); a bare `node --test` skips them.
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const OPTIONS = { persons: 2000, employers: 100, years: 2, seed: 7, password: 'demo-pass-2024' };
const TABLES = ['employer', 'person', 'employment', 'enrollment', 'base_declaration'];

let first: TestDatabase, second: TestDatabase;
let summary: DemoSummary;
let indexesBefore: string[];
let foreignKeysBefore: string[];

const rows = async <T>(db: TestDatabase, text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows as T[];
const one = async <T>(db: TestDatabase, text: string, parameters: unknown[] = []) => (await rows<T>(db, text, parameters))[0];
const indexes = async (db: TestDatabase) =>
  (await rows<{ d: string }>(db, `select indexdef as d from pg_indexes where tablename = any ($1) order by 1`, [TABLES])).map((r) => r.d);
const foreignKeys = async (db: TestDatabase) =>
  (await rows<{ d: string }>(db, `select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated as d
    from pg_constraint where contype = 'f' and conrelid::regclass::text = any ($1) order by 1`, [TABLES])).map((r) => r.d);

before(async () => {
  if (skip) return;
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  indexesBefore = await indexes(first);
  foreignKeysBefore = await foreignKeys(first);
  summary = await generateDemo(first.database, OPTIONS);
  await generateDemo(second.database, OPTIONS);
});
after(async () => { await Promise.all([first?.drop(), second?.drop()]); });

test('counts: the requested persons and employers, and the rows hanging off them', { skip }, async () => {
  const counts = await one<Record<string, number>>(first, `select
    (select count(*) from employer)::int as employers, (select count(*) from person)::int as persons,
    (select count(*) from employment)::int as employments, (select count(*) from enrollment)::int as enrollments,
    (select count(*) from base_declaration)::int as declarations,
    (select count(*) from pension_award where status = 'active')::int as pensioners,
    (select count(*) from employment where separation_reason = 'retirement')::int as retirements`);
  assert.equal(counts.employers, 100);
  assert.equal(counts.persons, 2000);
  assert.deepEqual(summary.counts, {
    employers: counts.employers, persons: counts.persons, employments: counts.employments, enrollments: counts.enrollments, baseDeclarations: counts.declarations,
    pensioners: counts.pensioners,
  });
  // every retiree of the history draws a pension: well over 8% of the persons
  assert.equal(counts.pensioners, counts.retirements);
  assert.ok(counts.pensioners > 2000 * 0.08, `pensioners ${counts.pensioners}`);
  // the pension funds went live with twelve months of their payroll (上年结余), held in the 财政专户 (where a fund's 结余 stands); the 支出户 is empty until a 用款申请
  const opening = await rows<{ fund: string; special: string; expense: string; monthly: string }>(first, `select a.fund_code as fund, a.monthly::text as monthly,
      (select sum(b.debit - b.credit) from account_balance b join fund f on f.id = b.fund_id join fund_account c on c.fund_id = b.fund_id and c.id = b.account_id
        where f.code = a.fund_code and c.role = 'special_bank')::text as special,
      (select coalesce(sum(b.debit - b.credit), 0) from account_balance b join fund f on f.id = b.fund_id join fund_account c on c.fund_id = b.fund_id and c.id = b.account_id
        where f.code = a.fund_code and c.role = 'expense_bank')::text as expense
    from (select fund_code, sum(monthly_amount) as monthly from pension_award group by fund_code) a`);
  assert.ok(opening.length >= 1);
  for (const fund of opening) assert.deepEqual([BigInt(fund.special), BigInt(fund.expense)], [BigInt(fund.monthly) * 12n, 0n], fund.fund);
  assert.ok(counts.employments >= 2000 && counts.employments < 2000 * 1.5, `employments ${counts.employments}`);
  assert.equal(counts.enrollments, counts.employments * 4);
  assert.ok(counts.declarations > counts.employments, `declarations ${counts.declarations}`);
  // Every person has a job history; every employer has had staff.
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from person p where not exists (select 1 from employment e where e.person_id = p.id)`)).n, 0);
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from employer r where not exists (select 1 from employment e where e.employer_id = r.id)`)).n, 0);
});

test('the SQL check character (six table lookups) is the GB 11643 one for every value of each digit group', { skip }, async () => {
  // each group of three digits runs through all its values (the others zero, then nine), plus spread-out numbers
  const numbers: string[] = [];
  for (let end = 3; end <= 18; end += 3) {
    const width = Math.min(end, 17) - (end - 3);
    for (let value = 0; value < 10 ** width; value++) {
      for (const fill of ['0', '9']) numbers.push((fill.repeat(end - 3) + String(value).padStart(width, '0')).padEnd(17, fill));
    }
  }
  for (let k = 0; k < 5000; k++) numbers.push(String((BigInt(k) * 7919n * 1_000_000_007n + 12_345n) % 10n ** 17n).padStart(17, '0'));
  const got = await rows<{ n: string; check: string }>(first, `select n::text as n, ${sqlIdCheck('n')} as check from unnest($1::int8[]) n`, [numbers]);
  assert.equal(got.length, numbers.length);
  const wrong = got.filter((row) => row.check !== idNumberCheckCharacter(row.n.padStart(17, '0')));
  assert.deepEqual(wrong.slice(0, 5), []);
  // all eleven check characters occur
  assert.equal(new Set(got.map((row) => row.check)).size, 11);
});

test('every ID number and credit code is valid and unique, and agrees with the person row', { skip }, async () => {
  const persons = await rows<{ id_number: string; gender: string; birth_date: string }>(first, 'select id_number, gender, birth_date from person');
  for (const person of persons) {
    const check = checkIdNumber(person.id_number);
    assert.ok(check.ok, `${person.id_number}: ${!check.ok && check.reason}`);
    assert.equal(check.gender, person.gender, person.id_number);
    assert.equal(check.birthDate, person.birth_date, person.id_number);
  }
  assert.equal(new Set(persons.map((p) => p.id_number)).size, persons.length);
  const employers = await rows<{ credit_code: string; region_code: string }>(first, 'select credit_code, region_code from employer');
  for (const employer of employers) {
    const check = checkCreditCode(employer.credit_code);
    assert.ok(check.ok, `${employer.credit_code}: ${!check.ok && check.reason}`);
    assert.equal(check.regionCode, employer.region_code);
  }
});

test('deterministic: the same seed gives the same city in another database', { skip }, async () => {
  const fingerprint = (db: TestDatabase) => one<Record<string, string>>(db, `select
    (select md5(string_agg(concat_ws('|', id_number, name, gender, birth_date, hukou_type, occupation, region_code), ',' order by id_number)) from person) as persons,
    (select md5(string_agg(concat_ws('|', credit_code, name, region_code, industry_code, work_injury_class, work_injury_float, employer_type, status), ',' order by credit_code)) from employer) as employers,
    (select md5(string_agg(concat_ws('|', r.credit_code, p.id_number, e.hired_on, e.separated_on, e.separation_reason), ',' order by p.id_number, e.hired_on))
       from employment e join person p on p.id = e.person_id join employer r on r.id = e.employer_id) as employments,
    (select md5(string_agg(concat_ws('|', r.credit_code, p.id_number, b.year, b.version, b.monthly_wage, b.declared_at, b.employee_confirmed_at), ',' order by p.id_number, r.credit_code, b.year, b.version))
       from base_declaration b join person p on p.id = b.person_id join employer r on r.id = b.employer_id) as declarations`);
  const [a, b] = await Promise.all([fingerprint(first), fingerprint(second)]);
  assert.deepEqual(a, b);
  const ids = async (db: TestDatabase) => (await rows<{ id_number: string }>(db, 'select id_number from person order by 1')).map((r) => r.id_number);
  assert.deepEqual(await ids(first), await ids(second));
});

test('histories: dates in order, end with the month before today, retirees retired', { skip }, async () => {
  const window = historyWindow(todayInChina(), OPTIONS.years);
  assert.deepEqual(summary.window, window);
  const check = await one<Record<string, number | string | null>>(first, `select
    count(*) filter (where separated_on < hired_on)::int as backwards,
    max(greatest(hired_on, separated_on))::text as last_date,
    count(*) filter (where hired_on < p.birth_date + interval '16 years')::int as child_labour,
    count(*) filter (where separation_reason = 'retirement' and separated_on < p.birth_date + interval '50 years')::int as early_retirement
    from employment e join person p on p.id = e.person_id`);
  assert.equal(check.backwards, 0);
  assert.equal(check.child_labour, 0);
  assert.equal(check.early_retirement, 0);
  assert.ok(String(check.last_date) <= window.end, `last date ${check.last_date}`);
  const declared = await one<{ last: string; first_year: number; last_year: number }>(first,
    `select max(declared_at at time zone 'Asia/Shanghai')::date::text as last, min(year)::int as first_year, max(year)::int as last_year from base_declaration`);
  assert.ok(declared.last <= window.end, `declared ${declared.last}`);
  assert.equal(declared.first_year, window.firstYear);
  assert.equal(declared.last_year, window.lastYear);
  // At most one open employment per person, none at a closed employer; people past retirement age are retired.
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from (select person_id from employment where separated_on is null group by 1 having count(*) > 1) s`)).n, 0);
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from employment e join employer r on r.id = e.employer_id where r.status = 'closed' and e.separated_on is null`)).n, 0);
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from employment e join person p on p.id = e.person_id
    where e.separated_on is null and p.birth_date + make_interval(years => case when p.gender = 'M' then 60 else 55 end) <= $1::date`, [window.end])).n, 0);
  const reasons = await rows<{ separation_reason: string | null }>(first, 'select distinct separation_reason from employment');
  for (const reason of [null, 'voluntary', 'involuntary', 'retirement']) assert.ok(reasons.some((r) => r.separation_reason === reason), String(reason));
  // Enrollment follows its employment.
  assert.equal((await one<{ n: number }>(first, `select count(*)::int as n from enrollment n join employment e on (e.employer_id, e.id) = (n.employer_id, n.employment_id)
    where n.valid_from <> e.hired_on or n.valid_to is distinct from e.separated_on or n.person_id <> e.person_id or n.region_code <> e.region_code`)).n, 0);
});

test('references hold (loaded without row-by-row foreign-key checks), the indexes and the checked foreign keys are back', { skip }, async () => {
  const orphans = await one<Record<string, number>>(first, `select
    (select count(*) from employment e where not exists (select 1 from person p where p.id = e.person_id) or not exists (select 1 from employer r where r.id = e.employer_id))::int as employment,
    (select count(*) from enrollment n where not exists (select 1 from employment e where (e.employer_id, e.id) = (n.employer_id, n.employment_id)))::int as enrollment,
    (select count(*) from base_declaration b where not exists (select 1 from person p where p.id = b.person_id) or not exists (select 1 from employer r where r.id = b.employer_id))::int as declaration,
    (select count(*) from employment e join employer r on r.id = e.employer_id where e.region_code <> r.region_code)::int as employment_region`);
  assert.deepEqual(orphans, { employment: 0, enrollment: 0, declaration: 0, employment_region: 0 });
  assert.deepEqual(await indexes(first), indexesBefore);
  assert.equal(summary.fastLoad, true, 'the load ran as the tables\' owner, with indexes and foreign keys set aside');
  assert.ok(foreignKeysBefore.length >= 7, foreignKeysBefore.join('\n'));
  assert.deepEqual(await foreignKeys(first), foreignKeysBefore);
  // The keys are enforced again: a declaration of a person that does not exist is refused.
  await assert.rejects(first.database.pool.query(`insert into base_declaration (employer_id, id, person_id, region_code, year, monthly_wage)
    select employer_id, id + 1, -1, region_code, year, monthly_wage from base_declaration limit 1`), /violates foreign key constraint "base_declaration_person_id_fkey"/);
});

test('a plausible population: gender, ages, wages around the average wage', { skip }, async () => {
  const people = await one<Record<string, number>>(first, `select
    avg((gender = 'M')::int)::float8 as male,
    avg((age(date '${summary.window.end}', birth_date) >= interval '60 years')::int)::float8 as over60,
    avg((age(date '${summary.window.end}', birth_date) < interval '30 years')::int)::float8 as under30 from person`);
  assert.ok(people.male > 0.45 && people.male < 0.62, `male ${people.male}`);
  assert.ok(people.over60 > 0.08 && people.over60 < 0.3, `over 60 ${people.over60}`);
  assert.ok(people.under30 > 0.08 && people.under30 < 0.3, `under 30 ${people.under30}`);
  const wages = await one<{ mean: number; median: number; low: number }>(first, `select avg(monthly_wage)::float8 as mean,
    percentile_cont(0.5) within group (order by monthly_wage)::float8 as median, min(monthly_wage)::float8 as low
    from base_declaration where version = 1 and year = ${summary.window.lastYear}`);
  const average = 825000;   // the demo province's 2025 figure in fen; later years are close to it
  assert.ok(wages.mean > 0.75 * average && wages.mean < 1.4 * average, `mean wage ${wages.mean}`);
  assert.ok(wages.median < wages.mean, 'wages are right-skewed');
  assert.ok(wages.low >= 150000, `lowest wage ${wages.low}`);
  const confirmed = await one<{ share: number }>(first, `select avg((employee_confirmed_at is not null)::int)::float8 as share from base_declaration`);
  assert.ok(confirmed.share > 0.8, `confirmed ${confirmed.share}`);
});

test('places, pooling, staff accounts and the audit record', { skip }, async () => {
  const counties = await one<{ n: number }>(first, `select count(*)::int as n from region where parent_code = '990100' and level = 'county'`);
  assert.ok(counties.n >= 6);
  const pooling = await rows<{ insurance: string; region_code: string }>(first, 'select insurance, region_code from pooling_region order by 1');
  assert.deepEqual(Object.fromEntries(pooling.map((p) => [p.insurance, p.region_code])),
    { maternity: '990100', medical: '990100', pension: '990000', unemployment: '990100', work_injury: '990100' });
  const staff = await rows<{ username: string; role: string; region_code: string; agency_id: bigint | null }>(first,
    `select username, role, region_code, agency_id from app_user where username like 'op.%' or username like '%.9901%' or username like '%.990000' order by 1`);
  assert.ok(staff.some((s) => s.username === 'op.990102' && s.role === 'operator' && s.region_code === '990102' && s.agency_id !== null));
  for (const role of ['reviewer', 'approver', 'auditor', 'finance']) assert.ok(staff.some((s) => s.role === role), role);
  assert.deepEqual(summary.usersCreated.length, staff.length);
  assert.equal(summary.generatedPasswords, undefined, 'a given password is not echoed');
  const audit = await rows<{ after: { counts: { persons: number } } }>(first, `select after from audit_log where action = 'demo.generate'`);
  assert.equal(audit.length, 1);
  assert.equal(audit[0].after.counts.persons, 2000);
});

test('the draws and the declarations\' staging table are gone once the load is over, and the declarations were all copied in', { skip }, async () => {
  const left = await rows<{ relname: string }>(first, `select relname from pg_class where relname in ('demo_p', 'demo_j', 'demo_declaration')`);
  assert.deepEqual(left, []);
  assert.equal((await one<{ n: number }>(first, 'select count(*)::int as n from base_declaration')).n, summary.counts.baseDeclarations);
  assert.ok(summary.counts.baseDeclarations > summary.counts.employments, `a declaration per job and year (${summary.counts.baseDeclarations})`);
});

test('one demo load at a time: a second one while the first holds the lock is refused (409) and changes nothing', { skip }, async () => {
  const holder = await second.database.pool.connect();
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(7310301)');
    await assert.rejects(generateDemo(second.database, { ...OPTIONS, seed: 9 }), (error: Error & { status?: number }) => error.status === 409 && /another sifund demo/.test(error.message));
  } finally {
    await holder.query('rollback');
    holder.release();
  }
  assert.equal((await one<{ n: number }>(second, 'select count(*)::int as n from person')).n, 2000);
});

test('refuses a registry that already holds data, and leaves it untouched', { skip }, async () => {
  await assert.rejects(generateDemo(first.database, { ...OPTIONS, seed: 8 }), (error: Error & { status?: number }) => error.status === 409 && /already holds/.test(error.message));
  assert.equal((await one<{ n: number }>(first, 'select count(*)::int as n from person')).n, 2000);
  assert.deepEqual(await indexes(first), indexesBefore);
});

test('the SQL sampler is the TypeScript sampler', { skip }, async () => {
  for (const bands of [WORKING_AGE_BANDS, truncateBands(WORKING_AGE_BANDS, 54.99), RETIREE_YEARS_BANDS]) {
    for (const u of [0, 0.013, 0.25, 0.5, 0.777, 0.999999]) {
      const { v } = await one<{ v: number }>(first, `select ${sqlPiecewise(bands, `${u}::float8`)} as v`);
      assert.ok(Math.abs(v - samplePiecewise(bands, u)) < 1e-9, `u ${u}: SQL ${v}, TypeScript ${samplePiecewise(bands, u)}`);
    }
  }
});
