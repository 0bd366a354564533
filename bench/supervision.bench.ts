/**
 * Every detection rule over the demo city at volume (issue 15, goal: all rules ≤ 60 s over 1,000,000 persons with a
 * year of claim details, ≥ 5,000,000 rows): a fresh embedded PostgreSQL in a temporary data directory, migrated, the
 * demo city (BENCH_SUPERVISION_PERSONS, default 1,000,000; employers persons/25; 3 years), its last month billed
 * through the billing service, then the external data an inspection compares against, at volume:
 *  - tax wages (supervision_tax_wage): a row per person employed in each month of the demo's last year, the wage the
 *    employer declared to the registry for the year; in the billed month about 3% planted as under-reported (the tax
 *    wage twice the base billed, the base at most half the ceiling so the gap is beyond any share); a person not
 *    registered at all declared by some employers in the billed month (headcount under-reporting);
 *  - medical claim details (supervision_claim_detail): BENCH_SUPERVISION_CLAIM_ROWS rows (default 5,000,000), five
 *    items a claim, over the demo's persons and hospitals across the year, with planted split admissions (readmitted
 *    to the same hospital two days after discharge);
 *  - a year of pension payroll paid to every pensioner, with deaths of some of them in the middle of the year imported
 *    through the death import (paid after death) and, as controls, deaths in the last month (paid up to it);
 *  - unemployment benefit months of persons with a tax wage in the same months (planted) and of persons without one.
 * The bulk rows are written by set-based SQL as the tables' owner, the way the demo loads the registry (the two
 * tables' secondary indexes dropped for the load and rebuilt after it), not through the import service (which checks
 * each row in Node: its checks are the db tests'); the rules read the same tables either way. The planted findings'
 * keys are kept in a table of the bench database, to count those found (recall).
 * Then one detection run of every rule over the whole city, the same service call as `sifund supervision run`,
 * timed in all and per rule (each rule's seconds as its chunk recorded them: the job runs two rules at a time).
 * Reports the setup's seconds apart, per rule seconds, findings and planted found, total seconds against the goal,
 * rows, and the load average before and after the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { newId } from '../src/platform/ids.ts';
import { getParameters } from '../src/platform/params/index.ts';
import type { RoundingMode } from '../src/platform/money.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { DEMO_CITY, buildIdNumber } from '../src/modules/registry/demo/demo.calc.ts';
import { baseLimits, runBilling } from '../src/modules/collection/index.ts';
import { importDeaths } from '../src/modules/benefits/deaths/deaths.service.ts';
import { runDetection } from '../src/modules/supervision/detection.service.ts';
import { detectionRules } from '../src/modules/supervision/rules/index.ts';

const GOAL_SECONDS = 60;
const ITEMS_PER_CLAIM = 5;
const PLANTED = { splitAdmissions: 200, strangers: 50, deaths: 30, unemployed: 30 };

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const log = (message: string) => process.stderr.write(`  ${message}\n`);
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
/** YYYY-MM of the month `offset` months after `period`. */
const monthAfter = (period: string, offset: number) => {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_SUPERVISION_PERSONS ?? 1_000_000);
  const employers = Math.round(persons / 25);
  const claimRows = Number(process.env.BENCH_SUPERVISION_CLAIM_ROWS ?? 5_000_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-supervision-'));
  fs.chmodSync(dataDir, 0o755);   // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  const query = async <T>(text: string, parameters: unknown[] = []) => (await database.pool.query(text, parameters)).rows as T[];
  const setup: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => { const now = performance.now(); setup[name] = round((now - mark) / 1000); mark = now; log(`${name} ${setup[name]} s`); };
  try {
    await migrate(database.pool);
    log(`${persons} persons, ${employers} employers, 3 years; ${claimRows} claim detail rows`);
    const demo = await generateDemo(database, { persons, employers, years: 3, seed: 15, password: 'bench-password-1' }, { log });
    phase('demo');
    const lastMonth = demo.window.end.slice(0, 7);
    const months = Array.from({ length: 12 }, (_, k) => monthAfter(lastMonth, k - 11));
    await runBilling(database, systemActor('bench'), { period: lastMonth });
    phase('billing');

    await query(`create table bench_planted (rule text not null, finding_key text not null)`);
    // As the demo loads the registry: the secondary indexes of the two tables dropped for the load, then rebuilt from their own definitions.
    const secondaryIndexes = await query<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes
      where tablename in ('supervision_tax_wage', 'supervision_claim_detail') and indexname not in (select conname from pg_constraint)`);
    for (const index of secondaryIndexes) await query(`drop index ${index.indexname}`);
    const importId = String(newId());
    await query(`create temp table bench_month as
      select period, to_date(period, 'YYYY-MM') as first_day, (to_date(period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date as last_day
        from unnest($1::text[]) period`, [months]);

    // Tax wages: each month of the year, every person employed in it, at the wage declared for the year.
    const ceilings = [...new Set((await query<{ region_code: string }>('select distinct region_code from employer')).map((r) => r.region_code))].map((regionCode) => {
      const store = getParameters(), date = `${lastMonth}-01`;
      const value = (name: string) => store.lookup(name, date, regionCode).value;
      const { ceiling } = baseLimits(value('contribution.base.average_wage') as bigint, value('contribution.base.floor_ratio') as string,
        value('contribution.base.ceiling_ratio') as string, value('contribution.rounding') as RoundingMode);
      return { regionCode, ceiling: String(ceiling) };
    });
    await query(`
      with declared as (
        select distinct on (employer_id, person_id, year) employer_id, person_id, year, monthly_wage
          from base_declaration order by employer_id, person_id, year, version desc),
      employed as (
        select distinct on (em.employer_id, m.period, p.id_number) em.employer_id, e.region_code, m.period, e.credit_code, p.id_number, em.person_id, d.monthly_wage
          from bench_month m
          join employment em on em.hired_on <= m.last_day and (em.separated_on is null or em.separated_on >= m.first_day)
          join employer e on e.id = em.employer_id
          join person p on p.id = em.person_id
          join declared d on d.employer_id = em.employer_id and d.person_id = em.person_id and d.year = extract(year from m.first_day)
         order by em.employer_id, m.period, p.id_number),
      billed as (
        select l.employer_id, l.person_id, max(l.base) as base
          from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
         where b.period = $1 and b.kind = 'regular' and l.insurance = 'pension'
         group by l.employer_id, l.person_id),
      ceiling (region_code, ceiling) as (select * from jsonb_to_recordset($3::jsonb) as c ("regionCode" text, ceiling bigint)),
      taxed as (
        select w.*, (w.period = $1 and abs(hashint8(w.person_id)) % 33 = 0 and bl.base = w.monthly_wage and bl.base > 0 and bl.base * 2 <= c.ceiling) as planted
          from employed w
          left join billed bl on bl.employer_id = w.employer_id and bl.person_id = w.person_id
          left join ceiling c on c.region_code = w.region_code),
      written as (
        insert into supervision_tax_wage (employer_id, id, region_code, period, credit_code, id_number, wage, import_id, line)
        select employer_id, row_number() over (), region_code, period, credit_code, id_number, case when planted then monthly_wage * 2 else monthly_wage end, $2, row_number() over ()
          from taxed
        returning 1)
      insert into bench_planted (rule, finding_key)
      select 'base-underreporting', credit_code || '/' || id_number || '/' || period from taxed where planted`,
    [lastMonth, importId, JSON.stringify(ceilings)]);
    // Headcount: some employers declare a wage to a person not registered at all.
    const strangers = Array.from({ length: PLANTED.strangers }, (_, k) => buildIdNumber('990102', '1931-01-01', 100 + k));
    await query(`
      with chosen as (
        select e.id, e.region_code, e.credit_code, s.id_number, s.k
          from unnest($1::text[]) with ordinality s (id_number, k)
          join lateral (select id, region_code, credit_code from employer order by id offset (s.k * 97) % greatest(1, (select count(*) from employer)) limit 1) e on true
         where not exists (select 1 from person p where p.id_number = s.id_number)),
      written as (
        insert into supervision_tax_wage (employer_id, id, region_code, period, credit_code, id_number, wage, import_id, line)
        select id, -k, region_code, $2, credit_code, id_number, 600000, $3, 0 from chosen returning 1)
      insert into bench_planted (rule, finding_key) select distinct 'headcount-underreporting', credit_code || '/' || $2 from chosen`, [strangers, lastMonth, importId]);
    phase('taxWages');

    // Claim details: claims of random persons at random hospitals across the year, five items each; planted split admissions.
    const claims = Math.ceil(claimRows / ITEMS_PER_CLAIM);
    await query(`create temp table bench_person as select row_number() over (order by id) as n, id, region_code, id_number from person`);
    await query(`create temp table bench_hospital as select row_number() over (order by code) as n, code from medical_institution where kind <> 'pharmacy'`);
    await query(`create index on bench_person (n)`);
    await query(`analyze bench_person`);
    const [{ first_day: firstDay, days }] = await query<{ first_day: string; days: number }>(
      `select min(first_day)::text as first_day, (max(last_day) - min(first_day) + 1)::int as days from bench_month`);
    await query(`
      with counts as (select (select count(*) from bench_person) as persons, (select count(*) from bench_hospital) as hospitals),
      claim as (
        select k, 'ZY' || lpad(k::text, 10, '0') as claim_id, 1 + abs(hashint8extended(k, 1)) % c.persons as person_n, 1 + abs(hashint8extended(k, 2)) % c.hospitals as hospital_n,
               $1::date + (abs(hashint8extended(k, 3)) % ($2::int - 20))::int as admitted, 1 + (abs(hashint8extended(k, 4)) % 14)::int as stay
          from generate_series(1, $3::bigint) k cross join counts c)
      insert into supervision_claim_detail (person_id, id, region_code, claim_id, institution_code, id_number, admitted, discharged, item, quantity, amount, import_id, line)
      select p.id, (c.k - 1) * ${ITEMS_PER_CLAIM} + i, p.region_code, c.claim_id, h.code, p.id_number, c.admitted, c.admitted + c.stay,
             (array['床位费', '诊查费', '检查费', '治疗费', '西药费'])[i], case when i = 1 then c.stay else 1 + abs(hashint8extended(c.k * 8 + i, 5)) % 10 end,
             1000 + abs(hashint8extended(c.k * 8 + i, 6)) % 200000, $4, (c.k - 1) * ${ITEMS_PER_CLAIM} + i
        from claim c join bench_person p on p.n = c.person_n join bench_hospital h on h.n = c.hospital_n
       cross join generate_series(1, ${ITEMS_PER_CLAIM}) i`, [firstDay, days, claims, importId]);
    await query(`
      with planted as (
        select k, p.id, p.region_code, p.id_number, h.code, $1::date + ((k * 37) % ($2::int - 30))::int as admitted
          from generate_series(1, $3::int) k
          join bench_person p on p.n = 1 + (k * 4999) % (select count(*) from bench_person)
          join bench_hospital h on h.n = 1 + k % (select count(*) from bench_hospital)),
      stays as (
        select planted.*, s.stay, s.claim_id, s.stay_admitted
          from planted cross join lateral (values (1, 'ZYP' || lpad(k::text, 8, '0') || 'A', admitted), (2, 'ZYP' || lpad(k::text, 8, '0') || 'B', admitted + 7)) s (stay, claim_id, stay_admitted)),
      written as (
        insert into supervision_claim_detail (person_id, id, region_code, claim_id, institution_code, id_number, admitted, discharged, item, quantity, amount, import_id, line)
        select id, -(k * 2 + stay), region_code, claim_id, code, id_number, stay_admitted, stay_admitted + 5, '床位费', 5, 50000, $4, stay from stays returning 1)
      insert into bench_planted (rule, finding_key) select 'split-admission', code || '/' || claim_id from stays where stay = 2`,
    [firstDay, days, PLANTED.splitAdmissions, importId]);
    phase('claimDetails');
    for (const index of secondaryIndexes) await query(index.indexdef);
    phase('indexes');

    // A year of pension payroll paid to every active pensioner; deaths imported in the middle of the year and in its last month.
    await query(`insert into payroll_batch (id, fund_code, region_code, period, status, job_id, created_by)
      select row_number() over (), f.fund_code, '990000', m.period, 'settled', 1, 'bench'
        from (select distinct fund_code from pension_award) f cross join bench_month m`);
    await query(`insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount, status, paid_on)
      select a.person_id, b.id, b.id, a.id, b.region_code, 'YL' || b.period || a.id, a.monthly_amount, 'paid', to_date(b.period, 'YYYY-MM') + 9
        from pension_award a join payroll_batch b on b.fund_code = a.fund_code where a.status = 'active'`);
    const pensioners = await query<{ id_number: string }>(`select p.id_number from pension_award a join person p on p.id = a.person_id
      where a.status = 'active' order by hashint8(a.person_id), a.person_id limit ${PLANTED.deaths * 2}`);
    const midYear = `${months[5]}-15`, lastMonthDay = `${lastMonth}-15`;
    const deaths = pensioners.map((p, k) => ({ idNumber: p.id_number, date: k < PLANTED.deaths ? midYear : lastMonthDay }));
    const deathImporter: Actor = { ...systemActor('bench', ['pension.death.import']), regionCode: DEMO_CITY.code };
    await importDeaths(database, deathImporter, { fileName: 'deaths.csv', content: Buffer.from(['idNumber,dateOfDeath', ...deaths.map((d) => `${d.idNumber},${d.date}`)].join('\n')) });
    await query(`insert into bench_planted (rule, finding_key) select 'paid-after-death', d || '/' || $2 from unnest($1::text[]) d`,
      [deaths.filter((d) => d.date === midYear).map((d) => d.idNumber), midYear]);
    phase('payrollAndDeaths');

    // Unemployment benefit for the last two months: persons with a tax wage in both (planted), persons with none (controls).
    const benefitMonths = months.slice(-2);
    await query(`
      with chosen as (
        (select p.id, p.region_code, p.id_number, true as employed from person p
          where (select count(*) from supervision_tax_wage t where t.id_number = p.id_number and t.period = any($1::text[])) = 2
          order by hashint8(p.id) limit ${PLANTED.unemployed})
        union all
        (select p.id, p.region_code, p.id_number, false from person p
          where not exists (select 1 from supervision_tax_wage t where t.id_number = p.id_number and t.period = any($1::text[]))
          order by hashint8(p.id) limit ${PLANTED.unemployed})),
      claim as (
        insert into benefit_claim (person_id, id, region_code, kind, paying_insurance, event_date, input, amounts, trace, monthly_amount, one_off_amount, months,
                                   first_period, last_period, approval_item_id, submitted_by)
        select id, id, region_code, 'unemployment', 'unemployment', to_date(($1::text[])[1], 'YYYY-MM') - 1, '{}', '[]', '[]', 207000, 0, 12, ($1::text[])[1], ($1::text[])[1], 1, 'bench' from chosen
        returning person_id, id),
      month as (
        insert into benefit_claim_month (person_id, claim_id, period, region_code, benefit_amount, medical_contribution, unemployment_entry_id, medical_entry_id, medical_fund_code, recorded_by)
        select c.person_id, c.id, m, ch.region_code, 207000, 45000, 1, 1, 'medical-990100', 'bench' from claim c join chosen ch on ch.id = c.person_id cross join unnest($1::text[]) m
        returning 1)
      insert into bench_planted (rule, finding_key) select 'unemployment-while-employed', id_number || '/' || m from chosen cross join unnest($1::text[]) m where employed`,
    [benefitMonths]);
    phase('unemploymentBenefits');
    await query('vacuum analyze');
    phase('vacuumAnalyze');

    const [rows] = await query<{ tax_wages: string; claim_details: string; claims: string; payroll_lines: string; deaths: string; benefit_months: string }>(`select
      (select count(*) from supervision_tax_wage) as tax_wages, (select count(*) from supervision_claim_detail) as claim_details,
      (select count(distinct (institution_code, claim_id)) from supervision_claim_detail) as claims, (select count(*) from payroll_line) as payroll_lines,
      (select count(*) from death_record) as deaths, (select count(*) from benefit_claim_month) as benefit_months`);

    // The run: every rule, the whole city, as `sifund supervision run` does it.
    const auditor: Actor = { ...systemActor('bench', ['supervision.run', 'supervision.read']), regionCode: DEMO_CITY.code };
    const loadBefore = loadAverage();
    const started = performance.now();
    const result = await runDetection(database, auditor, {});
    const totalSeconds = (performance.now() - started) / 1000;
    // each rule's own seconds, as its chunk recorded them in its audit record (two rules run at a time)
    const ruleSeconds = new Map((await query<{ rule: string; seconds: number }>(`select after->>'rule' as rule, (after->>'seconds')::float8 as seconds
      from audit_log where action = 'supervision.rule.run' and entity_id = $1`, [String(result.job)])).map((r) => [r.rule, r.seconds]));
    const loadAfter = loadAverage();
    const found = await query<{ rule: string; planted: string; found: string }>(`select b.rule, count(*) as planted, count(f.id) as found
      from bench_planted b left join supervision_finding f on f.rule = b.rule and f.finding_key = b.finding_key group by b.rule`);
    const recall = new Map(found.map((r) => [r.rule, { planted: Number(r.planted), found: Number(r.found) }]));
    const rules = detectionRules.map((rule) => ({
      rule: rule.name,
      seconds: ruleSeconds.get(rule.name) ?? null,
      findings: result.rules.find((r) => r.rule === rule.name)?.findings ?? 0,
      amount: result.rules.find((r) => r.rule === rule.name)?.amount,
      plantedFound: recall.get(rule.name) ?? { planted: 0, found: 0 },
    }));
    return {
      parameters: { persons, employers, years: 3, seed: 15, claimRows, months: [months[0], lastMonth], billedMonth: lastMonth, scope: DEMO_CITY.code },
      setupSeconds: round(Object.values(setup).reduce((sum, s) => sum + s, 0)),
      setup,
      rows: Object.fromEntries(Object.entries(rows).map(([name, n]) => [name, Number(n)])),
      rules,
      totalSeconds: round(totalSeconds),
      goal: { seconds: GOAL_SECONDS, met: persons >= 1_000_000 && claimRows >= 5_000_000 ? totalSeconds <= GOAL_SECONDS : null },
      loadAverage: { before: loadBefore, after: loadAfter },
      job: result.job,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
