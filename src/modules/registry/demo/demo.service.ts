/**
 * `sifund demo`: fills an empty registry with a deterministic synthetic city (示范省 / 示范市): regions, agencies,
 * pooling regions, staff accounts, employers, persons, employment periods, enrollment and base declarations.
 *
 * Volume: persons and everything hanging off them are drawn inside PostgreSQL (demo.sql.ts) and inserted in
 * chunks (persons by ordinal, jobs by employer range) in ONE transaction, so a failed run leaves nothing behind.
 * Two cores: the persons are drawn by two other connections, half the ordinals each, while the loading transaction
 * sets up (committed into the load's unlogged draw tables, which all then read); the jobs are drawn from them while
 * the loading transaction inserts the persons, and the base declarations computed from the jobs into a staging table
 * while it inserts employments and enrollments; the loading transaction then copies them in. The draw tables are
 * dropped when the load ends, whatever its outcome.
 * Employers are few and drawn in Node (demo.calc.ts). The load is a bulk load into an empty registry, run on the
 * connection the database was opened with (the tables' owner, as migrations are), not the application's role; for
 * speed, inside that transaction the five registry tables' indexes (their primary keys and unique constraints too)
 * and foreign keys are dropped and restored after the load from their own definitions: sorted index builds — those of
 * the tables loaded first while the declarations are still computed — and each foreign key checked by one join instead
 * of a lookup per row. The retirees are read once the rows are in, and their pensions quoted in Node while the foreign
 * keys are checked (benefits: quoteDemoPensioners). Triggers fire as usual. The tables are locked for the duration
 * (and `region`, which the foreign keys reference), which only matters for a live server.
 * Refuses (409) when the registry already holds records of the demo province 99 (a second run would collide).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { allEnded } from '../../../platform/concurrency.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { registryMessages as said } from '../registry.messages.ts';
import { newId, reserveIds } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { createUser } from '../../../platform/auth/auth.service.ts';
import { passwordProblem } from '../../../platform/auth/password.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { setRegionalValueBySystem } from '../../../platform/params/regional-values.service.ts';
import {
  DEMO_CITY, DEMO_COUNTIES, DEMO_POOLING, DEMO_PROVINCE, DEMO_REGIONS, OCCUPATIONS,
  buildAliasTable, demoAgencies, demoStaff, generateEmployers, historyWindow, surnameBuckets, type HistoryWindow,
} from './demo.calc.ts';
import { INSURANCES, JOBS_PER_PERSON, type PersonPlan } from './demo.sql.ts';
import type { DemoPensionerQuotes } from '../../benefits/index.ts';
import * as repository from './demo.repository.ts';
import { historyGoLive } from './history.calc.ts';
import { runDemoHistory, type DemoHistory } from './history.service.ts';

export interface DemoOptions {
  persons: number;
  employers: number;
  years: number;
  seed: number;
  /** Password of every staff account; when absent each account gets its own generated password (returned once). */
  password?: string;
  /** Last month of the history (YYYY-MM); default the month before today (Beijing time). */
  endMonth?: string;
  /** Persons per chunk (default: 1/20 of the persons, at least 5,000). */
  chunkSize?: number;
  /** Who collects in the demo province from the start of the history (parameter collection.model); default: as the parameter files say. */
  collectionModel?: 'agency' | 'tax';
  /**
   * Months at the end of the history run through the services (billing, payments, payroll, claims, sweeps …,
   * history.service.ts); the funds go live on the first day of the first of them instead of this month.
   */
  historyMonths?: number;
}

export interface DemoCounts { employers: number; persons: number; employments: number; enrollments: number; baseDeclarations: number; pensioners?: number }

export interface DemoSummary {
  seed: number;
  window: HistoryWindow;
  counts: DemoCounts;
  /** Staff accounts created now (existing ones are kept as they are). */
  usersCreated: string[];
  usersKept: string[];
  /** Without a given password: each created account's own generated password (username → password), shown once. */
  generatedPasswords?: Record<string, string>;
  seconds: number;
  /** Seconds per phase: employers, person draw, chunked inserts, users, and the other modules' demo data. */
  phases: Record<string, number>;
  /** false when the connection did not own the tables, so indexes and foreign keys were kept during the load (slower). */
  fastLoad: boolean;
  /** What the months run through the services did (with historyMonths). */
  history?: DemoHistory;
  /** The ten years before go-live of each budgeted fund, imported as past final accounts (budget module). */
  finalAccounts: { fundYears: number; funds: number; firstYear: number | null; lastYear: number | null };
}

export interface DemoHooks {
  log?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** Called as each phase ends, with its name (the bench reads the CPU seconds of each phase there). */
  onPhase?: (name: string) => void;
}

const AVERAGE_WAGE = 'contribution.base.average_wage';
const MINIMUM_WAGE = 'wage.minimum_monthly';
const FLOAT_TIERS = 'contribution.work_injury.float_tiers';
/** The registry tables the demo fills. */
const LOADED_TABLES = ['employer', 'person', 'employment', 'enrollment', 'base_declaration'];
/** The loaded tables whose rows are all in before the declarations are copied. */
const REGISTRY_BEFORE_DECLARATIONS = LOADED_TABLES.filter((table) => table !== 'base_declaration');

function checkOptions(options: DemoOptions) {
  const integer = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw invalid(field, fieldRules.integerFromToGot({ min, max, value }));
  };
  integer('persons', options.persons, 1, 50_000_000);
  integer('employers', options.employers, 1, 2_000_000);
  integer('years', options.years, 1, 14);
  integer('seed', options.seed, 0, 2 ** 31 - 1);
  if (options.employers > options.persons) throw invalid('employers', said.demoEmployersExceedPersons({ persons: options.persons }));
  if (options.historyMonths !== undefined) integer('historyMonths', options.historyMonths, 1, options.years * 12 - 1);
  if (options.collectionModel !== undefined && !['agency', 'tax'].includes(options.collectionModel)) throw invalid('collectionModel', fieldRules.oneOf({ values: 'agency, tax' }));
  if (options.password !== undefined) {
    const problem = passwordProblem(options.password);
    if (problem) throw invalid('password', problem);
  }
}

/** Average and minimum monthly wage (fen) of each history year, from the dated parameters of the demo province. */
function wagesByYear(window: HistoryWindow, years: number) {
  const params = getParameters();
  const average: number[] = [], minimum: number[] = [];
  const known = (year: number) => params.find(AVERAGE_WAGE, `${year}-01-01`, DEMO_PROVINCE.code) !== undefined;
  for (let year = window.firstYear; year <= window.lastYear; year++) {
    const found = params.find(AVERAGE_WAGE, `${year}-01-01`, DEMO_PROVINCE.code);
    if (!found) {
      let fits = years - 1;
      while (fits > 0 && !known(window.firstYear + (years - fits))) fits--;
      const missing = { parameter: AVERAGE_WAGE, region: DEMO_PROVINCE.code, year };
      throw invalid('years', fits > 0 ? said.demoNoAverageWageFits({ ...missing, fits }) : said.demoNoAverageWage(missing));
    }
    average.push(Number(found.value as bigint));
    minimum.push(Number((params.find(MINIMUM_WAGE, `${year}-01-01`, DEMO_PROVINCE.code)?.value as bigint | undefined) ?? 0n));
  }
  return { average, minimum };
}

function floatTiers(date: string): Record<string, string[]> | undefined {
  const table = getParameters().find(FLOAT_TIERS, date)?.value;
  if (!table || typeof table !== 'object') return undefined;
  return Object.fromEntries(Object.entries(table).map(([cls, tiers]) => [cls, (Array.isArray(tiers) ? tiers : [tiers]).map(String)]));
}

/** Ranges of employers [from, to) holding about `chunk` jobs each (the last one the rest), from the jobs per employer. */
function employerRangesOf(perEmployer: { k: number; n: number }[], chunk: number, employers: number) {
  const ranges: { from: number; to: number; jobs: number }[] = [];
  let rangeStart = 0, rangeJobs = 0;
  for (const { k, n } of perEmployer) {
    rangeJobs += n;
    if (rangeJobs >= chunk) { ranges.push({ from: rangeStart, to: k + 1, jobs: rangeJobs }); rangeStart = k + 1; rangeJobs = 0; }
  }
  if (rangeJobs > 0 || ranges.length === 0) ranges.push({ from: rangeStart, to: employers, jobs: rangeJobs });
  return ranges;
}

/** The demo's staff accounts (each audited by createUser); an account whose username exists is kept as it is. */
async function createDemoStaff(database: DatabaseHandle, password: string | undefined) {
  const usersCreated: string[] = [], usersKept: string[] = [];
  const generatedPasswords: Record<string, string> = {};
  const agencies = await repository.listAgencies(database);
  const agencyOf = new Map(demoAgencies().map((a) => [a.regionCode, agencies.find((row) => row.region_code === a.regionCode && row.name === a.name)?.id ?? null]));
  for (const staff of demoStaff()) {
    const exists = await repository.findUserId(database, staff.username);
    if (exists) { usersKept.push(staff.username); continue; }
    // No shared password: without --password every account gets its own.
    const created = await createUser(database, systemActor('demo', ['user.manage']), {
      username: staff.username, displayName: staff.displayName, role: staff.role, regionCode: staff.regionCode,
      agencyId: agencyOf.get(staff.regionCode) ?? null, password,
    });
    if (created.generatedPassword) generatedPasswords[staff.username] = created.generatedPassword;
    usersCreated.push(staff.username);
  }
  return { usersCreated, usersKept, generatedPasswords };
}

/** The demo city. Throws 409 when records of the demo province 99 already exist. */
export async function generateDemo(database: DatabaseHandle, options: DemoOptions, hooks: DemoHooks = {}): Promise<DemoSummary> {
  checkOptions(options);
  const log = hooks.log ?? (() => {});
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => { const now = performance.now(); phases[name] = Math.round(now - mark) / 1000; mark = now; hooks.onPhase?.(name); };

  const { persons: N, employers: M, seed } = options;
  const window = historyWindow(todayInChina(), options.years, options.endMonth);
  const wages = wagesByYear(window, options.years);
  const employers = generateEmployers({ seed, count: M, floatTiers: floatTiers(window.end) });
  // Jobs still open at the end go to employers that are not closed; past jobs to any employer.
  const openWeights = employers.map((e) => (e.status === 'closed' ? 0 : e.sizeWeight));
  if (!openWeights.some((w) => w > 0)) openWeights[0] = 1;
  const openAlias = buildAliasTable(openWeights);
  const allAlias = buildAliasTable(employers.map((e) => e.sizeWeight));
  // Lookups by employer go through fixed-width arrays (an element of a text[] is found by walking the array).
  const employerCounties = employers.map((e) => DEMO_COUNTIES.findIndex((c) => c.code === e.regionCode));
  phase('employers');

  const counts: DemoCounts = { employers: 0, persons: 0, employments: 0, enrollments: 0, baseDeclarations: 0 };
  let fastLoad = false;

  // The work of the other connections, awaited by the loading transaction and, whatever happens, before the draw tables are dropped.
  let drawing: Promise<unknown> | undefined;
  let declaring: Promise<number> | undefined;
  // The retirees' pension quotes, worked out in Node while the loading transaction checks foreign keys (benefits:
  // quoteDemoPensioners), written once the registry is committed.
  const { quoteDemoPensioners, loadDemoPensioners, loadDemoClaims } = await import('../../benefits/index.ts');
  let quoting: Promise<DemoPensionerQuotes> | undefined;
  const settled = async (work: Promise<unknown> | undefined) => { await work?.catch(() => undefined); };
  let loaded: { pensionerQuotes: Promise<DemoPensionerQuotes> };
  try {
    loaded = await repository.ownerTransaction(database, async (tx) => {
      // Session settings for this transaction only.
      await repository.setLoadSettings(tx);
      if (!(await repository.lockDemoLoad(tx))) throw conflict('registry', said.demoLoadRunning());

      // Demo records all live in the fictional province 99 (ID numbers and credit codes with region 99xxxx), so
      // records registered by hand elsewhere cannot collide with them; a second demo run would, and is refused.
      const existing = await repository.countDemoRecords(tx);
      if (existing.employers > 0 || existing.persons > 0) {
        throw conflict('registry', said.demoAlreadyLoaded({ employers: existing.employers, persons: existing.persons }));
      }

      const span = window.lastYear - window.firstYear + 1;
      const plan: PersonPlan = {
        seed, persons: N, employers: M, window,
        blocks: {
          employer: reserveIds(M),
          person: reserveIds(N),
          employment: reserveIds(N * JOBS_PER_PERSON),
          enrollment: reserveIds(N * JOBS_PER_PERSON * INSURANCES.length),
          declaration: reserveIds(N * JOBS_PER_PERSON * span * 2),
        },
      };
      // The draws read only the plan and the employers drawn in Node, never a registry table (this transaction locks
      // those).
      log('drawing persons');
      // The persons are drawn in two halves of the ordinals side by side, each on a connection of its own (the draw
      // statement is one core's work, and the loading transaction waits for it), then ranked across the halves. The
      // jobs are drawn from them while the loading transaction inserts the persons; the base declarations are computed
      // from the jobs, on the connection that drew them, while it inserts employments and enrollments.
      const drawInput = { surnames: surnameBuckets(), openAlias, allAlias, employerCounties, employerClosed: employers.map((e) => e.status === 'closed') };
      const half = Math.ceil(N / 2);
      const personsDrawn = (async () => {
        await repository.ownerTransaction(database, async (draw) => {
          await repository.dropDrawTables(draw);
          await repository.createPersonDrawTable(draw);
        });
        await allEnded([{ from: 0, to: half }, { from: half, to: N }].map((range) => repository.ownerTransaction(database, async (draw) => {
          await repository.setLoadSettings(draw);
          await repository.fillPersonDraws(draw, plan, drawInput, range);
        })));
        await repository.ownerTransaction(database, async (draw) => {
          await repository.setLoadSettings(draw);
          await repository.rankAcrossRanges(draw, half);
          const maxRank = await repository.maxIdRank(draw);
          if (maxRank >= 500) throw new Error(`too many persons share a birthplace and birth date (${maxRank + 1}) for unique ID numbers`);
          await repository.indexPersonDraws(draw);
        });
      })();
      // Job chunks are ranges of employers holding about the same number of jobs.
      const jobsDrawn = personsDrawn.then(() => repository.ownerTransaction(database, async (draw) => {
        await repository.setLoadSettings(draw);
        await repository.createJobDrawTable(draw);
        const jobs = await repository.fillJobDraws(draw, employerCounties);
        await repository.indexJobDraws(draw);
        await repository.createDeclarationStage(draw);
        return { jobs, employerRanges: employerRangesOf(await repository.jobsPerEmployer(draw), options.chunkSize ?? Math.max(5000, Math.ceil(jobs / 20)), M) };
      }));
      drawing = jobsDrawn;   // settles after personsDrawn
      jobsDrawn.catch(() => undefined);   // awaited below; a failure meanwhile is not unhandled
      const load = repository.demoLoader(plan);
      // `base_declaration`: the seconds the connection that drew the jobs took to compute them into the staging table,
      // beside this transaction's inserts; `copy.base_declaration`: this transaction's copy of them; `indexes`: its
      // builds of the other tables' indexes, meanwhile.
      const loadSeconds = { person: 0, employment: 0, enrollment: 0, indexes: 0, base_declaration: 0, 'copy.base_declaration': 0 };
      const timed = async <T>(part: keyof typeof loadSeconds, work: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        const result = await work();
        loadSeconds[part] += (performance.now() - t0) / 1000;
        return result;
      };
      const wageFactors = employers.map((e) => e.wageFactor);
      declaring = jobsDrawn.then(({ employerRanges }) => repository.ownerTransaction(database, async (stage) => {
        await repository.setLoadSettings(stage);
        let rows = 0;
        for (const range of employerRanges) rows += await timed('base_declaration', () => load.declarations(stage, wageFactors, wages, range.from, range.to));
        return rows;
      }));
      declaring.catch(() => undefined);   // awaited below; a failure meanwhile is not unhandled

      // Indexes are built once after the load (a sorted build) instead of row by row — the primary keys' and unique
      // constraints' too, each checking its key is unique as it is built — and foreign keys are checked once per table
      // instead of once per row: dropped here and restored from their own definitions in this transaction, so a failed
      // run restores them. When the connection does not own the tables, the load goes on with everything in place.
      const setAside = await repository.setAsideIndexesAndForeignKeys(tx, LOADED_TABLES);
      fastLoad = setAside.keys.length + setAside.indexes.length + setAside.foreignKeys.length > 0;
      if (fastLoad) await repository.truncateEmptyTables(tx, LOADED_TABLES);

      // Places, agencies, pooling regions: kept when they exist.
      for (const region of DEMO_REGIONS) await repository.insertRegionUnlessExists(tx, region);
      for (const agency of demoAgencies()) await repository.insertAgencyUnlessExists(tx, newId(), agency);
      for (const pooling of DEMO_POOLING) await repository.insertPoolingRegionUnlessExists(tx, pooling);
      if (options.collectionModel) {
        // through the regional parameter values, as the province would set it (audited), in force from the history's start
        await setRegionalValueBySystem(tx, systemActor('demo'), {
          path: 'collection.model', region: DEMO_PROVINCE.code, since: window.start, value: options.collectionModel,
          reference: `sifund demo --collection-model ${options.collectionModel}：示范省征收模式（演示数据）[local]`,
        });
      }

      counts.employers = await repository.insertEmployers(tx, plan.blocks.employer, employers);
      await personsDrawn;
      phase('draw');

      // Persons in ordinal order, then jobs in (employer, person) order: both append to their primary keys. Progress
      // counts persons and jobs once the number of jobs is known.
      const personChunk = options.chunkSize ?? Math.max(5000, Math.ceil(N / 10));
      const occupations = OCCUPATIONS.map((o) => o.name);
      let total: number | undefined;
      const totalOf = (drawn: Awaited<typeof jobsDrawn>) => N + drawn.employerRanges.reduce((sum, range) => sum + range.jobs, 0);
      jobsDrawn.then((drawn) => { total = totalOf(drawn); }, () => undefined);
      for (let from = 0; from < N; from += personChunk) {
        const to = Math.min(N, from + personChunk);
        counts.persons += await timed('person', () => load.persons(tx, occupations, from, to));
        if (total !== undefined) hooks.onProgress?.(to, total);
      }
      const drawn = await jobsDrawn;
      total = totalOf(drawn);
      const { employerRanges } = drawn;
      let jobsDone = 0;
      for (const range of employerRanges) {
        counts.employments += await timed('employment', () => load.employments(tx, range.from, range.to));
        counts.enrollments += await timed('enrollment', () => load.enrollments(tx, range.from, range.to));
        jobsDone += range.jobs;
        hooks.onProgress?.(N + jobsDone, total);
      }
      // The tables loaded so far get their indexes while the declarations may still be computed on the other connection.
      await timed('indexes', () => repository.restoreIndexes(tx, setAside, REGISTRY_BEFORE_DECLARATIONS));
      await declaring;
      counts.baseDeclarations = await timed('copy.base_declaration', () => repository.copyDeclarations(tx));
      phase('load');
      log('building indexes, checking foreign keys');
      await repository.restoreIndexes(tx, setAside, ['base_declaration']);
      phase('indexes');
      // Statistics first: the retirees' read below and the foreign keys' checks are planned on them.
      await repository.analyzeTables(tx, LOADED_TABLES);
      phase('analyze');
      quoting = (await quoteDemoPensioners(tx, { provinceCode: DEMO_PROVINCE.code })).quotes;
      quoting.catch(() => undefined);   // awaited once the registry is committed; a failure meanwhile is not unhandled
      phase('retirees');
      // The foreign keys' checks: one core's work, the quoting takes the other.
      await repository.addForeignKeys(tx, setAside);
      phase('foreignKeys');
      for (const [table, seconds] of Object.entries(loadSeconds)) phases[`load.${table}`] = Math.round(seconds * 1000) / 1000;

      await recordAudit(tx, systemActor('demo'), {
        action: 'demo.generate', entityType: 'demo', entityId: `seed:${seed}`, regionCode: DEMO_CITY.code,
        after: { seed, persons: N, employers: M, years: options.years, history: { from: window.start, to: window.end }, counts, fastLoad },
      });
      return { pensionerQuotes: quoting };
    });
  } catch (error) {
    await settled(quoting);   // the quotes of a load that failed are never written
    throw error;
  } finally {
    await settled(drawing);
    await settled(declaring);
    if (drawing) await repository.ownerTransaction(database, repository.dropDrawTables);
  }

  // The funds go live (期初建账, demoGoLive) this month, or with a history run through the services on the first day
  // of its first month: the opening balances are posted as on that day.
  const lastMonth = window.end.slice(0, 7);
  const goLive = options.historyMonths ? historyGoLive(lastMonth, options.historyMonths) : undefined;
  // What the other modules hang on the committed registry, side by side on the two cores (none of them reads what
  // another writes; the funds each posts to are its own, and posting keeps concurrent postings apart): the retirees'
  // pensions (benefits: quoted during the load, written in two transactions), the city's designated medical institutions
  // with their quotas and monthly settlement data (medical), the unemployment, work injury and maternity claims, signed
  // off (benefits), the staff accounts, and the registry's part of the past final accounts (budget).
  // Each reports its own seconds, `modules` all of them.
  const { loadDemoInstitutions } = await import('../../medical/index.ts');
  const ownSeconds = async <T>(name: string, work: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work;
    phases[name] = Math.round(performance.now() - t0) / 1000;
    return result;
  };
  const { loadDemoFinalAccounts, readDemoEnrollment } = await import('../../budget/index.ts');
  const [{ pensioners }, , claims, staff, enrolled] = await allEnded([
    ownSeconds('pensioners', loaded.pensionerQuotes.then((quoted) => loadDemoPensioners(database, { provinceCode: DEMO_PROVINCE.code, cityCode: DEMO_CITY.code, quoted, goLive }))),
    ownSeconds('medicalInstitutions', loadDemoInstitutions(database, { cityCode: DEMO_CITY.code, seed, window, goLive })),
    ownSeconds('claims', loadDemoClaims(database, { cityCode: DEMO_CITY.code, seed, window, today: todayInChina(), goLive })),
    ownSeconds('users', createDemoStaff(database, options.password)),
    ownSeconds('finalAccounts.enrollment', readDemoEnrollment(database)),
  ]);
  log(`claims: ${claims.unemployment} unemployment, ${claims.workInjury} work injury, ${claims.maternity} maternity`);
  phase('modules');

  let history: DemoHistory | undefined;
  if (options.historyMonths) {
    history = await runDemoHistory(database, { months: options.historyMonths, lastMonth, seed }, { log });
    phase('history');
  }

  // Ten years of final accounts before go-live, imported as an agency would (budget module).
  const imported = await loadDemoFinalAccounts(database, { seed, enrolled });
  const finalAccounts = { fundYears: imported.fundYears, funds: imported.funds.length, firstYear: imported.firstYear, lastYear: imported.lastYear };
  log(`past final accounts: ${finalAccounts.fundYears} fund-years of ${finalAccounts.funds} funds (${finalAccounts.firstYear}–${finalAccounts.lastYear})`);
  phase('finalAccounts');

  return {
    seed, window, counts: { ...counts, pensioners }, usersCreated: staff.usersCreated, usersKept: staff.usersKept,
    generatedPasswords: Object.keys(staff.generatedPasswords).length > 0 ? staff.generatedPasswords : undefined,
    seconds: Math.round(performance.now() - started) / 1000, phases, fastLoad, ...(history ? { history } : {}), finalAccounts,
  };
}
