/**
 * The demo city's SQL (text only, no I/O): set-based statements that draw every person, employment, enrollment
 * and base declaration inside PostgreSQL from `generate_series`.
 *
 * Randomness: `hashint8extended(key, seed)` (PostgreSQL's built-in 64-bit hash, stable across versions because hash
 * partitioning depends on it) of a row's ordinal and a stream number (seed × 1024 + stream). Each hash gives three
 * independent 21-bit uniforms. Nothing depends on ids, the clock or row order, so the same seed (and the same last
 * month of history) gives the same rows. Floating-point steps (ln, exp, cos for tenures and wages) use the server's
 * maths library: identical on the same PostgreSQL build.
 *
 * Ids: every id is a function of the person's ordinal p (and job j, insurance, year, version) inside a block
 * reserved with `reserveIds`, so rows reference each other without joins (blocks are sparse: ids are unique,
 * not dense).
 *
 * Flow: demo_p (one row per person, jobs as columns) → demo_j (one row per job, indexed by employer) → persons in
 * ordinal order and employment, enrollment, declarations in (employer, person) order, so every primary key
 * (employer_id, id) is appended to rather than inserted into at random.
 */
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import { ID_NUMBER_CHECK, ID_NUMBER_WEIGHTS } from '../../../platform/personal-data.ts';
import {
  DEMO_COUNTIES, DEMO_RATES, GIVEN_CHARS, MIGRANT_PREFIXES, OCCUPATIONS, RETIREE_YEARS_BANDS, RETIREMENT_AGE, WORKING_AGE_BANDS,
  truncateBands, type Band, type HistoryWindow,
} from './demo.calc.ts';

/** Job slots per person: the current or last job, and up to two before it. */
export const JOBS_PER_PERSON = 3;
export const INSURANCES = ['pension', 'medical', 'unemployment', 'work_injury'] as const;

export interface PersonPlan {
  seed: number;
  persons: number;
  employers: number;
  window: HistoryWindow;
  blocks: { person: IdBlock; employer: IdBlock; employment: IdBlock; enrollment: IdBlock; declaration: IdBlock };
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const num = (value: number) => String(value);

/** The hash of `key` (a bigint SQL expression) in stream `stream` for this seed. */
export function sqlHash(seed: number, key: string, stream: number): string {
  return `hashint8extended((${key})::bigint, ${BigInt(seed) * 1024n + BigInt(stream)})`;
}
/** Uniform in [0, 1) from bits 21·i … 21·i+20 of a hash (i = 0, 1, 2). */
export function sqlUniform(hash: string, i: 0 | 1 | 2): string {
  return `((((${hash}) >> ${21 * i}) & 2097151)::float8 / 2097152)`;
}
/** Uniform in (0, 1): safe for ln(). */
function sqlOpenUniform(hash: string, i: 0 | 1 | 2): string {
  return `(((((${hash}) >> ${21 * i}) & 2097151)::float8 + 0.5) / 2097152)`;
}

/** Inverse CDF of a piecewise-uniform distribution: the same arithmetic as samplePiecewise. */
export function sqlPiecewise(bands: Band[], u: string): string {
  const total = bands.reduce((sum, band) => sum + band.weight, 0);
  let lower = 0;
  const whens = bands.map((band, index) => {
    const upper = lower + band.weight / total;
    const value = `${num(band.from)} + ${num(band.to - band.from)} * least(1, (${u} - ${num(lower)}) / ${num(upper - lower)})`;
    const branch = index === bands.length - 1 ? `else ${value}` : `when ${u} < ${num(upper)} then ${value}`;
    lower = upper;
    return branch;
  });
  return `(case ${whens.join(' ')} end)`;
}

/** 1-based index of the weight chosen by u. */
export function sqlWeightedIndex(weights: number[], u: string): string {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let cumulative = 0;
  const whens = weights.slice(0, -1).map((weight, index) => { cumulative += weight; return `when ${u} < ${num(cumulative / total)} then ${index + 1}`; });
  return `(case ${whens.join(' ')} else ${weights.length} end)`;
}

/** The 17 leading digits of an ID number cut into groups of at most three, from the left: [first, end) positions. */
const ID_DIGIT_GROUPS = [[0, 3], [3, 6], [6, 9], [9, 12], [12, 15], [15, 17]] as const;

/**
 * GB 11643 check character of the 17 leading digits of an ID number, given as an int8 SQL expression (a column: it is
 * read once per group). The weighted digit sum mod 11 is the sum of each group's part, looked up in a table of the
 * group's every value (its digits times their weights, mod 11): six lookups instead of 17 digits cut out of text and
 * parsed — at 1,000,000 persons 0.3 s instead of 1.5 s in the loading transaction (docs/decisions.md).
 */
export function sqlIdCheck(first17: string): string {
  const parts = ID_DIGIT_GROUPS.map(([first, end]) => {
    const width = end - first;
    const table = Array.from({ length: 10 ** width }, (_, value) => {
      const digits = String(value).padStart(width, '0');
      let sum = 0;
      for (let i = 0; i < width; i++) sum += Number(digits[i]) * ID_NUMBER_WEIGHTS[first + i];
      return sum % 11;
    });
    return `('{${table.join(',')}}'::int[])[(${first17} / ${10n ** BigInt(17 - end)} % ${10 ** width})::int + 1]`;
  });
  return `substr('${ID_NUMBER_CHECK}', (${parts.join(' + ')}) % 11 + 1, 1)`;
}

/**
 * The draw tables (demo_p, demo_j) and the declarations' staging table (demo_declaration): unlogged tables of the
 * load's own, committed by the connection that draws (so the loading transaction and the one computing the
 * declarations both read them) and dropped when the load ends, whatever its outcome (a crash leaves them for the next
 * run to drop).
 */
export const DRAW_TABLES = ['demo_p', 'demo_j', 'demo_declaration'] as const;

/** The persons drawn: one row per person with everything later statements need. */
export const PERSON_TABLE = `create unlogged table demo_p (
  p int not null, male boolean not null, occ smallint not null, birth date not null, id_prefix text not null, id_rank int not null,
  name text not null, hukou text not null, region text not null, wz float8 not null,
  k0 int not null, h0 date not null, s0 date, r0 text,
  k1 int, h1 date, s1 date, r1 text,
  k2 int, h2 date, s2 date, r2 text
)`;

/** `select *, <columns> from (<inner>) alias offset 0`: one layer of derived columns (offset 0 keeps each layer's
 * expressions computed once per row instead of being copied into every reference above). */
function layer(inner: string, columns: string[], alias: string): string {
  return `select *, ${columns.join(',\n    ')}\n  from (${inner}) ${alias} offset 0`;
}

/**
 * Fills demo_p with the persons of ordinals [$13, $14). Parameters: $1 surnames (most common first), $12 surname buckets (indexes into $1), $2–$5 given-name characters (male older/younger, female
 * older/younger), $6/$7 alias table over employers that may have current staff (prob, alias), $8/$9 alias table
 * over all employers, $10 the county index of each employer, $11 employer closed flags. Every column is a function of
 * the ordinal alone except id_rank, ranked within the range: RANK_ACROSS_RANGES makes it the rank among all persons.
 */
export function fillPersonsSql(plan: PersonPlan, surnameCount: number): string {
  const { seed, persons: N, employers: M, window } = plan;
  const U = sqlUniform, UO = sqlOpenUniform;
  const R = DEMO_RATES;
  const stride = Math.max(1, Math.floor(N / M));
  const end = `date ${quote(window.end)}`, start = `date ${quote(window.start)}`;
  const workingAge = (retAge: number) => sqlPiecewise(truncateBands(WORKING_AGE_BANDS, retAge - 0.01), 'u_age');
  // Alias pick: index i = (bits 21..62 of x) mod M, kept when u < prob[i], else alias[i].
  const alias = (x: string, prob: string, aliasArray: string) => {
    const i = `(((${x}) >> 21) & 4398046511103) % ${M}`;
    return `(case when ${U(x, 0)} < (${prob})[${i} + 1] then (${i})::int else (${aliasArray})[${i} + 1] end)`;
  };
  const pick = (array: string, length: number, u: string) => `(${array})[1 + floor(${u} * ${length})::int]`;
  const given = (u: string) => `(case when male then case when birth < date '1975-01-01' then ${pick('$2::text[]', GIVEN_CHARS.maleOlder.length, u)} else ${pick('$3::text[]', GIVEN_CHARS.maleYounger.length, u)} end
      else case when birth < date '1975-01-01' then ${pick('$4::text[]', GIVEN_CHARS.femaleOlder.length, u)} else ${pick('$5::text[]', GIVEN_CHARS.femaleYounger.length, u)} end end)`;
  const countyCodes = `(array[${DEMO_COUNTIES.map((c) => quote(c.code)).join(', ')}])`;
  const migrantCodes = `(array[${MIGRANT_PREFIXES.map((c) => quote(c.code)).join(', ')}])`;
  const tenure = (u: string, days: number) => `floor(-ln(${u}) * ${days})::int`;
  const cadres = OCCUPATIONS.filter((o) => o.cadre).length;   // the cadre occupations come first

  // Uniforms: x1 (male, retiree, occupation), x2 (age, career start, employed), x3 (local, same county, separation day),
  // x4 (birthplace, hukou, surname), x5 (given names), x6 (tenure, reason, previous job), x7 (gap, tenure, reason),
  // x8 (gap, second previous job, tenure), x9 (reason, wage level ×2), x10–x12 (employer of each job).
  const occ = sqlWeightedIndex(OCCUPATIONS.map((o) => o.weight), U('x1', 2));
  const male = `${U('x1', 0)} < ${R.maleShare}`;
  // A person's jobs are at different employers (one declaration per employer, person and year): step past a repeat.
  const k1 = `(case when k1raw = k0 then (k1raw + 1) % ${M} else k1raw end)`;
  // Few layers, each computing what the next needs (every layer costs a projection of all columns).
  let q = `select p, case when p % ${stride} = 0 and p / ${stride} < ${M} then p / ${stride} end as anchor_k,
    ${Array.from({ length: 12 }, (_, i) => `${sqlHash(seed, 'p', i + 1)} as x${i + 1}`).join(',\n    ')}
  from generate_series($13::int, $14::int - 1) p`;
  q = layer(q, [
    `${male} as male`,
    `${occ}::smallint as occ`,
    `anchor_k is null and ${U('x1', 1)} < ${R.retireeShare} as retiree`,
    `${U('x2', 0)} as u_age`,
    `case when ${male} then ${RETIREMENT_AGE.male} when ${occ} <= ${cadres} then ${RETIREMENT_AGE.femaleCadre} else ${RETIREMENT_AGE.femaleWorker} end as ret_age`,
    `${U('x3', 0)} < ${R.localShare} as local`,
  ], 'l2');
  q = layer(q, [`case when retiree then ret_age + ${sqlPiecewise(RETIREE_YEARS_BANDS, 'u_age')}
      when ret_age = ${RETIREMENT_AGE.male} then ${workingAge(RETIREMENT_AGE.male)}
      when ret_age = ${RETIREMENT_AGE.femaleCadre} then ${workingAge(RETIREMENT_AGE.femaleCadre)}
      else ${workingAge(RETIREMENT_AGE.femaleWorker)} end as age`], 'l3');
  q = layer(q, [
    `${end} - floor(age * 365.2425)::int as birth`,
    // career start: at 18–24, never before 16, and a few days before the end for the youngest
    `${end} - floor(age * 365.2425)::int + ceil(greatest(16, least(18 + 6 * ${U('x2', 1)}, age - 0.02)) * 365.2425)::int as cs`,
    `${start} + floor(${U('x3', 2)} * (${end} - ${start} + 1))::int as s0raw`,
  ], 'l4');
  q = layer(q, [`case when retiree then (birth + make_interval(years => ret_age))::date
      when anchor_k is not null then case when ($11::boolean[])[anchor_k + 1] then least(${end}, greatest(s0raw, cs + 30)) end
      when ${U('x2', 2)} < ${R.employedNow} then null
      when s0raw >= cs + 30 then s0raw end as s0`], 'l5');
  q = layer(q, [
    `greatest(cs, coalesce(s0, ${end}) - case when retiree then ${tenure(UO('x6', 0), R.retireeTenureDays)} else ${tenure(UO('x6', 0), R.tenureDays)} end) as h0`,
    `case when s0 is null then null when retiree then 'retirement' when anchor_k is not null then 'involuntary'
      when ${U('x6', 1)} < ${R.lastSeparation[0]} then 'voluntary' when ${U('x6', 1)} < ${R.lastSeparation[0] + R.lastSeparation[1]} then 'involuntary' else 'other' end as r0`,
    `case when anchor_k is not null then anchor_k when s0 is null then ${alias('x10', '$6::float8[]', '$7::int[]')} else ${alias('x10', '$8::float8[]', '$9::int[]')} end as k0`,
    `${alias('x11', '$8::float8[]', '$9::int[]')} as k1raw`,
    `${alias('x12', '$8::float8[]', '$9::int[]')} as k2raw`,
    `sqrt(-2 * ln(${UO('x9', 1)})) * cos(2 * pi() * ${U('x9', 2)}) as wz`,
    `case when ${U('x4', 1)} < case when local then ${R.localUrbanShare} else ${R.migrantUrbanShare} end then 'urban' else 'rural' end as hukou`,
    `($1::text[])[($12::smallint[])[1 + floor(${U('x4', 2)} * ${surnameCount})::int] + 1] || ${given(U('x5', 0))}
      || case when ${U('x5', 1)} < ${R.twoCharGivenName} then ${given(U('x5', 2))} else '' end as name`,
  ], 'l6');
  q = layer(q, [
    `h0 - 1 - floor(${U('x7', 0)} * ${R.maxGapDays})::int as sep1c`,
    `${M >= 2} and not retiree and anchor_k is null and h0 > ${start} and ${U('x6', 2)} < ${R.previousJob}
      and h0 - 1 - floor(${U('x7', 0)} * ${R.maxGapDays})::int >= cs + 30 as has1`,
    `${countyOf('($10::smallint[])[k0 + 1]')} as region`,
  ], 'l7');
  q = layer(q, [
    `case when has1 then sep1c end as s1`,
    `case when has1 then greatest(cs, sep1c - ${tenure(UO('x7', 1), R.previousTenureDays)}) end as h1`,
    `case when has1 then case when ${U('x7', 2)} < ${R.previousSeparation[0]} then 'voluntary' else 'involuntary' end end as r1`,
    // locals were mostly born in the county they live in; migrants elsewhere in the (fictional) province
    `case when local then case when ${U('x3', 1)} < 0.6 then region else ${countyCodes}[${sqlWeightedIndex(DEMO_COUNTIES.map((c) => c.weight), U('x4', 0))}] end
      else ${migrantCodes}[${sqlWeightedIndex(MIGRANT_PREFIXES.map((c) => c.weight), U('x4', 0))}] end as id_prefix`,
  ], 'l8');
  q = layer(q, [
    `h1 - 1 - floor(${U('x8', 0)} * ${R.maxGapDays})::int as sep2c`,
    `coalesce(${M >= 3} and has1 and h1 > ${start} and ${U('x8', 1)} < ${R.secondPreviousJob} and h1 - 1 - floor(${U('x8', 0)} * ${R.maxGapDays})::int >= cs + 30, false) as has2`,
  ], 'l9');
  q = layer(q, [
    `case when has2 then sep2c end as s2`,
    `case when has2 then greatest(cs, sep2c - ${tenure(UO('x8', 2), R.previousTenureDays)}) end as h2`,
    `case when has2 then case when ${U('x9', 0)} < ${R.previousSeparation[0]} then 'voluntary' else 'involuntary' end end as r2`,
    `case when has1 then ${k1} end as k1`,
    `case when not has2 then null when k2raw <> k0 and k2raw <> ${k1} then k2raw
      when (k2raw + 1) % ${M} <> k0 and (k2raw + 1) % ${M} <> ${k1} then (k2raw + 1) % ${M} else (k2raw + 2) % ${M} end as k2`,
  ], 'l10');
  // Rank within (birthplace, birth date, gender): the ID number's sequence digits are built from it, so they are unique.
  return `insert into demo_p
select p, male, occ, birth, id_prefix, (row_number() over (partition by id_prefix, birth, male order by p) - 1)::int,
  name, hukou, region, wz, k0, h0, s0, r0, k1, h1, s1, r1, k2, h2, s2, r2
from (${q}) persons`;
}

/**
 * After the persons are drawn in ranges [0, $1) and [$1, N) side by side, the ranks of the second range count the
 * persons of the same birthplace, birth date and gender in the first: each ID number's rank is then its rank among all
 * persons, as one statement over every ordinal would give it.
 */
export const RANK_ACROSS_RANGES = `update demo_p d set id_rank = d.id_rank + first.n
from (select id_prefix, birth, male, count(*)::int as n from demo_p where p < $1 group by 1, 2, 3) first
where d.p >= $1 and d.id_prefix = first.id_prefix and d.birth = first.birth and d.male = first.male`;

const ids = (block: IdBlock, k: string) => idExpression(block, k);
const countyOf = (countyIndex: string) => `(array[${DEMO_COUNTIES.map((c) => quote(c.code)).join(', ')}])[${countyIndex} + 1]`;

/** Persons with ordinal in [$2, $3). $1: occupation names. Ids grow with p, so the primary key is appended to. */
export function insertPersonsSql(plan: PersonPlan): string {
  // Sequence digits: (rank + an offset drawn per birthplace and date) mod 500, doubled, + 1 for men (odd = male).
  const offset = `abs(${sqlHash(plan.seed, `(birth - date '1900-01-01')::bigint * 1000000 + id_prefix::bigint`, 99)}) % 500`;
  return `insert into person (id, id_number, name, gender, birth_date, hukou_type, occupation, phone, region_code)
select ${ids(plan.blocks.person, 'p')}, s17 || ${sqlIdCheck('n17')}, name, case when male then 'M' else 'F' end, birth, hukou, ($1::text[])[occ], null, region
from (
  select *, s17::int8 as n17 from (
    select *, id_prefix || to_char(birth, 'YYYYMMDD') || lpad((((id_rank + ${offset}) % 500) * 2 + male::int)::text, 3, '0') as s17
    from demo_p where p >= $2 and p < $3 offset 0
  ) s offset 0
) d
order by p`;
}

/** The jobs drawn, indexed in (employer, person, job) order: loading in that order appends to the (employer_id, id) keys. */
export const JOB_TABLE = `create unlogged table demo_j (
  k int not null, p int not null, j smallint not null, hired date not null, separated date, reason text, region text not null, wz float8 not null
)`;

/**
 * The declarations computed beside the load, in base_declaration's columns (spelled out: \`like base_declaration\`
 * would wait for the lock the loading transaction holds on it), copied into it by the loading transaction.
 */
export const DECLARATION_STAGE = `create unlogged table demo_declaration (
  employer_id bigint not null, id bigint not null, person_id bigint not null, region_code text not null, year smallint not null, version smallint not null,
  monthly_wage bigint not null, reason text, declared_by bigint, declared_at timestamptz not null, employee_confirmed_at timestamptz
)`;

const DECLARATION_COLUMNS = 'employer_id, id, person_id, region_code, year, version, monthly_wage, reason, declared_by, declared_at, employee_confirmed_at';

/** The staged declarations into base_declaration, in the order they were computed (employer ranges in order: the keys are appended to). */
export const COPY_DECLARATIONS = `insert into base_declaration (${DECLARATION_COLUMNS}) select ${DECLARATION_COLUMNS} from demo_declaration`;

/**
 * Fills demo_j from demo_p (then index it on (k, p, j)). $1: the county index of each employer. Written in (k, p, j)
 * order, so the chunked inserts read their employer range in that order through the index and sort nothing.
 */
export function fillJobsSql(): string {
  const region = (k: string) => countyOf(`($1::smallint[])[${k} + 1]`);
  return `insert into demo_j
select * from (
  select k0 as k, p, 0 as j, h0, s0, r0, ${region('k0')}, wz from demo_p
  union all select k1, p, 1, h1, s1, r1, ${region('k1')}, wz from demo_p where k1 is not null
  union all select k2, p, 2, h2, s2, r2, ${region('k2')}, wz from demo_p where k2 is not null) jobs
order by k, p, j`;
}

/** Employment periods of the jobs at employers k in [$1, $2). */
export function insertEmploymentsSql(plan: PersonPlan): string {
  const { blocks } = plan;
  return `insert into employment (employer_id, id, person_id, region_code, hired_on, separated_on, separation_reason)
select ${ids(blocks.employer, 'k')}, ${ids(blocks.employment, `p * ${JOBS_PER_PERSON} + j`)}, ${ids(blocks.person, 'p')}, region, hired, separated, reason
from demo_j where k >= $1 and k < $2
order by k, p, j`;
}

/** Enrollment in the four default insurances for the jobs at employers k in [$1, $2). */
export function insertEnrollmentsSql(plan: PersonPlan): string {
  const { blocks } = plan;
  const insurances = INSURANCES.map((name, n) => `(${quote(name)}, ${n})`).join(', ');
  return `insert into enrollment (employer_id, id, employment_id, person_id, insurance, region_code, valid_from, valid_to)
select ${ids(blocks.employer, 'd.k')}, ${ids(blocks.enrollment, `(d.p * ${JOBS_PER_PERSON} + d.j) * ${INSURANCES.length} + i.n`)},
  ${ids(blocks.employment, `d.p * ${JOBS_PER_PERSON} + d.j`)}, ${ids(blocks.person, 'd.p')}, i.insurance, d.region, d.hired, d.separated
from demo_j d cross join (values ${insurances}) i(insurance, n)
where d.k >= $1 and d.k < $2
order by d.k, d.p, d.j`;
}

/**
 * Base declarations of the jobs at employers k in [$4, $5), into demo_declaration: one per employment and calendar year of the history it covers
 * (version 1), a few with a version-2 correction. $1 employer wage factors, $2 the average monthly wage (fen) of
 * each history year, $3 the minimum monthly wage (fen) of each history year.
 */
export function insertDeclarationsSql(plan: PersonPlan): string {
  const { seed, blocks, window } = plan;
  const R = DEMO_RATES;
  const U = sqlUniform, UO = sqlOpenUniform;
  const span = window.lastYear - window.firstYear + 1;
  const end = `date ${quote(window.end)}`, start = `date ${quote(window.start)}`;
  // Moments are seconds since the epoch (float8, converted once with to_timestamp): Beijing time is UTC+8 all year.
  const localMidnight = (day: string) => `((${day}) - date '1970-01-01')::float8 * 86400 - 28800`;
  // the last moment of the history (a declaration or a confirmation after it has not happened yet)
  const endOfHistory = `(${localMidnight(end)} + 86399)`;
  const key = `(d.p * ${JOBS_PER_PERSON} + d.j) * ${span} + (y - ${window.firstYear})`;
  const wageMean = -(R.wageSigma ** 2 + R.wageYearSigma ** 2) / 2;
  const round = (fen: string) => `(round((${fen}) / 100) * 100)::bigint`;
  let q = `select ${ids(blocks.employer, 'd.k')} as employer_id, ${ids(blocks.person, 'd.p')} as person_id, d.region as region_code,
    d.k, d.p, d.j, d.hired, d.separated, y, y - ${window.firstYear} + 1 as yi, d.wz, ${key} as key,
    ${sqlHash(seed, key, 50)} as xa, ${sqlHash(seed, key, 51)} as xb, ${sqlHash(seed, key, 52)} as xc, ${sqlHash(seed, key, 53)} as xd
  from demo_j d
    cross join lateral generate_series(greatest(date_part('year', d.hired)::int, ${window.firstYear}), least(date_part('year', coalesce(d.separated, ${end}))::int, ${window.lastYear})) y
  where d.k >= $4 and d.k < $5 and coalesce(d.separated, ${end}) >= ${start}`;
  q = layer(q, [
    `greatest(($3::float8[])[yi], ${round(`($2::float8[])[yi] * ($1::float8[])[k + 1] * exp(${R.wageSigma} * wz + ${R.wageYearSigma} * sqrt(-2 * ln(${UO('xa', 0)})) * cos(2 * pi() * ${U('xa', 1)}) + ${wageMean})`)}) as wage1`,
    // declared at hiring in the year of hire, else early in the year; never after the separation or the history's end;
    // in office hours (08:00–17:00)
    `${localMidnight(`least(case when y = date_part('year', hired)::int then hired + floor(${U('xa', 2)} * 8)::int else make_date(y, 1, 1) + floor(${U('xa', 2)} * 80)::int end,
      coalesce(separated, ${end}))`)} + 28800 + floor(${U('xb', 0)} * 32400) as declared1`,
    `case when y = date_part('year', hired)::int and hired >= ${start} then '新参保申报' else '年度申报' end as reason1`,
  ], 'b1');
  q = layer(q, [
    // the employee signs off 1–10 days later, in office hours too
    `declared1 + (1 + floor(${U('xb', 2)} * 10)) * 86400 as confirmed1raw`,
    `declared1 + (20 + floor(${U('xc', 0)} * 100)) * 86400 as declared2`,
  ], 'b2');
  q = layer(q, [
    `case when ${U('xb', 1)} < ${R.employeeConfirmed} and confirmed1raw <= ${endOfHistory} then to_timestamp(confirmed1raw) end as confirmed1`,
    `${U('xd', 0)} < ${R.correction} and declared2 <= ${endOfHistory} as corrected`,
  ], 'b3');
  // The correction's columns are computed for the corrected few only.
  q = layer(q, [
    `case when corrected then greatest(($3::float8[])[yi], ${round(`wage1 * (0.9 + 0.25 * ${U('xc', 1)})`)}) end as wage2`,
    `case when corrected then to_timestamp(declared2) end as declared2at`,
    `case when corrected then case when ${U('xc', 2)} < 0.5 then '更正申报：补报绩效工资' else '更正申报：原申报工资有误' end end as reason2`,
    `case when corrected and ${U('xd', 1)} < ${R.correctionConfirmed} and declared2 + (1 + floor(${U('xd', 2)} * 5)) * 86400 <= ${endOfHistory}
      then to_timestamp(declared2 + (1 + floor(${U('xd', 2)} * 5)) * 86400) end as confirmed2`,
  ], 'b4');
  return `insert into demo_declaration (${DECLARATION_COLUMNS})
select employer_id, ${ids(blocks.declaration, 'key * 2 + v.version - 1')}, person_id, region_code, y, v.version, v.wage, v.reason, null, v.declared_at, v.confirmed_at
from (${q}) b
  cross join lateral (values (1, wage1, reason1, to_timestamp(declared1), confirmed1), (2, wage2, reason2, declared2at, confirmed2)) v(version, wage, reason, declared_at, confirmed_at)
where v.version = 1 or corrected
order by k, p, j`;
}
