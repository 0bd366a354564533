/**
 * The province execution view under load and the alert evaluation after a batch of postings (issue 14, goals: the
 * report's p95 ≤ 100 ms under 20 concurrent users on the 1,000,000-person demo with 12 months of history; the alert
 * evaluation ≤ 1 s after 10,000 posted lines). Override the size with BENCH_EXECUTION_PERSONS (default 1,000,000).
 *
 * Setup (timed apart, not part of the goals): a fresh embedded PostgreSQL in a temporary data directory, migrated,
 * `generateDemo` without history (regions, funds, staff), then the ledger volume the demo's history would write for
 * that city, posted through postEntries in batches. Replaying the history through the services at 1,000,000 persons
 * would take hours, so the volume is measured and scaled: `sifund demo --persons 20000 --history-months 2` writes
 * ≈ 6,230 entry lines a month (3,045 collection entries 收缴社会保险费 of two lines, one per paying employer and fund;
 * ≈ 65 payroll, claim, prepayment and transfer entries; one sweep per fund), so each month here posts, per 20,000
 * persons, the collection entries per fund below, the expense entries and the sweeps and transfers, scaled by persons.
 * A month of the year before (November) is posted first, so that the budget of the year can be drafted from an actual
 * month on 28 December, submitted and signed off by the demo's staff as the history does.
 *
 * Measured: 20 concurrent clients (a worker thread, plain fetch with keep-alive) signed in as the province's 经办
 * (op.990000) issue GET /api/execution/report for the province against the real server listening on a free port for
 * BENCH_EXECUTION_SECONDS (default 20): requests, p50/p95/p99 ms, errors (after 5 s of one client alone: the time one
 * request takes), and the CPU seconds of this process (the server and the clients) over those seconds. Then one batch
 * of 10,000 lines is posted and the alert evaluation of the whole province (`evaluateAlerts`, the job worked to its
 * end) is timed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { can, type Permission } from '../src/platform/access/permissions.ts';
import { onBusinessDay, todayInChina } from '../src/platform/params/index.ts';
import { decide, getApproval } from '../src/platform/signoff/signoff.service.ts';
import { buildApp } from '../src/app.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { DEMO_CITY, DEMO_PROVINCE, demoStaff } from '../src/modules/registry/demo/demo.calc.ts';
import { shiftMonth } from '../src/modules/registry/demo/history.calc.ts';
import { chartFor, fundAccounts, postEntries, type EntryInput } from '../src/modules/ledger/index.ts';
import { createVersion, submitVersion } from '../src/modules/budget/index.ts';
import { evaluateAlerts } from '../src/modules/execution/alerts.service.ts';

const GOAL_P95_MS = 100;
const GOAL_EVALUATION_SECONDS = 1;
const CLIENTS = 20;
const SINGLE_CLIENT_SECONDS = 5;
const PASSWORD = 'bench-password-1';
/** Collection entries a month per 20,000 persons by fund (measured: `sifund demo --persons 20000 --history-months 2`). */
const COLLECTIONS_PER_20000: Record<string, number> = {
  'medical-990100': 760, 'pension-990000': 700, 'unemployment-990100': 780, 'work_injury-990100': 755,
  'occupational_annuity-990000': 49, 'public_pension-990000': 50,
};
/** Payroll, claim, prepayment and order entries a month per 20,000 persons by fund (the same measurement, ≈ 65 in all). */
const EXPENSES_PER_20000 = 11;

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const seconds = (start: number) => round((performance.now() - start) / 1000, 2);
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
const log = (message: string) => process.stderr.write(`  ${message}\n`);

interface FundAccounts { fund: string; incomeBank: string; specialBank: string; expenseBank: string; premium: string[]; benefits: string[] }

function accountsOf(fund: string, year: number): FundAccounts {
  const accounts = fundAccounts(chartFor(year), fund.slice(0, fund.lastIndexOf('-')));
  const one = (role: string) => accounts.find((account) => account.role === role)!.code;
  const nominal = (role: string, subject: string) => accounts.filter((account) => account.role === role && account.subject?.startsWith(subject)).map((account) => account.code);
  const benefits = nominal('expense', 'benefit_expense');
  return { fund, incomeBank: one('income_bank'), specialBank: one('special_bank'), expenseBank: one('expense_bank'), premium: nominal('revenue', 'premium_income'), benefits: benefits.length ? benefits : nominal('expense', '') };
}

/** A month of the city's ledger at `scale` × the 20,000-person volume: collections, sweeps, transfers to 支出户, expenses. */
function monthEntries(funds: FundAccounts[], period: string, scale: number): EntryInput[] {
  const entries: EntryInput[] = [];
  const day = (n: number) => `${period}-${String(1 + (n % 27)).padStart(2, '0')}`;
  for (const accounts of funds) {
    const collections = Math.round(COLLECTIONS_PER_20000[accounts.fund] * scale);
    let collected = 0n;
    for (let i = 0; i < collections; i++) {
      const amount = BigInt(50_000 + ((i * 7919) % 400_000));
      collected += amount;
      entries.push({ key: `bench:${period}:1-collection:${accounts.fund}:${i}`, fund: accounts.fund, period, date: day(i), memo: '收缴社会保险费', source: { type: 'bench', id: String(i) },
        lines: [{ account: accounts.incomeBank, debit: amount }, { account: accounts.premium[i % accounts.premium.length], credit: amount }] });
    }
    const transfer = (collected * 3n) / 4n;
    entries.push({ key: `bench:${period}:2-sweep:${accounts.fund}`, fund: accounts.fund, period, date: day(9), memo: '收入户资金归集财政专户',
      lines: [{ account: accounts.specialBank, debit: collected }, { account: accounts.incomeBank, credit: collected }] });
    entries.push({ key: `bench:${period}:3-transfer:${accounts.fund}`, fund: accounts.fund, period, date: day(10), memo: '财政专户拨入支出户',
      lines: [{ account: accounts.expenseBank, debit: transfer }, { account: accounts.specialBank, credit: transfer }] });
    const expenses = Math.max(1, Math.round(EXPENSES_PER_20000 * scale));
    for (let i = 0; i < expenses; i++) {
      const amount = transfer / BigInt(expenses);
      entries.push({ key: `bench:${period}:4-expense:${accounts.fund}:${i}`, fund: accounts.fund, period, date: day(11 + (i % 16)), memo: '待遇支出',
        lines: [{ account: accounts.benefits[i % accounts.benefits.length], debit: amount }, { account: accounts.expenseBank, credit: amount }] });
    }
  }
  return entries;
}

async function post(database: DatabaseHandle, entries: EntryInput[]): Promise<number> {
  await postEntries(database, systemActor('bench'), entries, { kind: 'import' });
  return entries.reduce((sum, entry) => sum + entry.lines.length, 0);
}

/** The demo's staff as actors (the history's staffActors). */
async function staff(database: DatabaseHandle): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  for (const member of demoStaff()) {
    const user = await database.db.selectFrom('app_user').select('id').where('username', '=', member.username).executeTakeFirstOrThrow();
    actors.set(member.username, { userId: BigInt(user.id), username: member.username, role: member.role, regionCode: member.regionCode, requestId: 'bench execution' });
  }
  return actors;
}

/** The year's budget of the city and the province, drafted on 28 December of the year before, submitted and signed off. */
async function approveBudgets(database: DatabaseHandle, year: number): Promise<void> {
  const actors = await staff(database);
  await onBusinessDay(`${year - 1}-12-28`, async () => {
    for (const region of [DEMO_CITY.code, DEMO_PROVINCE.code]) {
      const drafter = actors.get(`op.${region}`)!;
      const version = await createVersion(database, drafter, { year, region });
      const submitted = await submitVersion(database, drafter, BigInt(version.id), '基准测试：按历史收支编制');
      const unused = [actors.get(`review.${region}`)!, actors.get(`approve.${region}`)!];
      let view = await getApproval(database, drafter, BigInt(submitted.approvalItemId!));
      while (view.status === 'pending') {
        const index = unused.findIndex((signer) => can(signer, view.nextLevel!.permission as Permission));
        if (index < 0) throw new Error(`budget ${region} ${year}: no signer left for ${view.nextLevel!.permission}`);
        view = await decide(database, unused.splice(index, 1)[0], BigInt(submitted.approvalItemId!), 'approve', '基准测试：同意');
      }
      if (view.status !== 'approved') throw new Error(`budget ${region} ${year} ended ${view.status}`);
    }
  });
}

/** The clients, in a worker thread so that their fetches do not share the server's event loop. */
const clientScript = `
const { parentPort, workerData: { url, cookie, clients, milliseconds } } = require('node:worker_threads');
const latencies = []; let errors = 0; const statuses = {};
const until = Date.now() + milliseconds;
async function client() {
  while (Date.now() < until) {
    const start = performance.now();
    try {
      const response = await fetch(url, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - start);
      else { errors++; statuses[response.status] = (statuses[response.status] ?? 0) + 1; }
    } catch { errors++; }
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => parentPort.postMessage({ latencies, errors, statuses }));
`;

function runClients(url: string, cookie: string, clients: number, milliseconds: number): Promise<{ latencies: number[]; errors: number; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(clientScript, { eval: true, workerData: { url, cookie, clients, milliseconds } });
    worker.once('message', (result) => { resolve(result); void worker.terminate(); });
    worker.once('error', reject);
  });
}

const percentile = (sorted: number[], share: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? NaN);

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_EXECUTION_PERSONS ?? 1_000_000);
  const employers = Math.round(persons / 25);
  const loadSeconds = Number(process.env.BENCH_EXECUTION_SECONDS ?? 20);
  const scale = persons / 20_000;
  const today = todayInChina();
  const year = Number(today.slice(0, 4)), month = Number(today.slice(5, 7));
  const current = today.slice(0, 7);
  const historyMonths = Array.from({ length: 12 }, (_, index) => shiftMonth(current, index - 11));
  const priorMonth = `${year - 1}-11`;   // the actual month the budget is drafted from on 28 December
  const loadBefore = loadAverage();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-execution-'));
  fs.chmodSync(dataDir, 0o755);   // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  const setup: Record<string, number> = {};
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrate(database.pool);
    let start = performance.now();
    await generateDemo(database, { persons, employers, years: 3, seed: 9, password: PASSWORD }, { log });
    setup.demoSeconds = seconds(start);
    const { rows: fundRows } = await database.pool.query<{ code: string }>(`select code from fund order by code`);
    const funds = fundRows.map(({ code }) => accountsOf(code, year)).filter((accounts) => COLLECTIONS_PER_20000[accounts.fund] !== undefined);

    start = performance.now();
    let lines = 0;
    if (!historyMonths.includes(priorMonth)) lines += await post(database, monthEntries(funds, priorMonth, scale));
    setup.priorMonthSeconds = seconds(start);
    start = performance.now();
    await approveBudgets(database, year);
    setup.budgetSeconds = seconds(start);
    start = performance.now();
    for (const period of historyMonths) {
      lines += await post(database, monthEntries(funds, period, scale));
      log(`ledger ${period}: ${lines} lines`);
    }
    setup.ledgerSeconds = seconds(start);
    await database.pool.query('analyze');
    const { rows: [{ count: journalLines }] } = await database.pool.query<{ count: string }>(`select count(*) from accounting_entry_line`);

    app = await buildApp({ ...loadConfig({ data: dataDir }), logLevel: 'silent' }, database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `op.${DEMO_PROVINCE.code}`, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`sign-in of op.${DEMO_PROVINCE.code}: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const url = `${base}/api/execution/report?year=${year}&month=${month}&region=${DEMO_PROVINCE.code}`;
    const first = await fetch(url, { headers: { cookie } });
    const report = await first.json() as { funds?: { fund: string; budgetApproved: boolean; lines: unknown[] }[] };
    if (first.status !== 200) throw new Error(`report: ${first.status} ${JSON.stringify(report)}`);
    // one client alone first: the time one request takes (what 20 clients queue behind on two cores)
    const alone = (await runClients(url, cookie, 1, SINGLE_CLIENT_SECONDS * 1000)).latencies.sort((a, b) => a - b);
    log(`report: ${report.funds!.length} funds, alone p50 ${percentile(alone, 0.5)} ms; ${CLIENTS} clients for ${loadSeconds} s`);
    const loadDuringStart = loadAverage();
    const cpuBefore = process.cpuUsage();
    const { latencies, errors, statuses } = await runClients(url, cookie, CLIENTS, loadSeconds * 1000);
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = latencies.sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);

    // 5,000 collection entries of two lines, taken in turn from every fund (the n-th of each fund, then the n+1-th)
    const sequence = (entry: EntryInput) => Number(entry.key.slice(entry.key.lastIndexOf(':') + 1));
    const batch = monthEntries(funds, current, 2).filter((entry) => entry.memo === '收缴社会保险费')
      .sort((a, b) => sequence(a) - sequence(b)).slice(0, 5_000).map((entry) => ({ ...entry, key: `${entry.key}:alerts` }));
    start = performance.now();
    const batchLines = await post(database, batch);
    const batchSeconds = seconds(start);
    start = performance.now();
    const evaluation = await evaluateAlerts(database, systemActor('bench-alerts', ['alerts.manage', 'execution.read']), { year, month });
    const evaluationSeconds = round((performance.now() - start) / 1000, 3);
    const { rows: raised } = await database.pool.query<{ rule: string; severity: string; count: string }>(
      `select rule, severity, count(*) from execution_alert group by rule, severity order by rule, severity`);

    return {
      parameters: { persons, employers, year, month, region: DEMO_PROVINCE.code, historyMonths: [historyMonths[0], historyMonths[11]], clients: CLIENTS, seconds: loadSeconds },
      ledger: { journalLines: Number(journalLines), linesPerMonth: Math.round(lines / (historyMonths.length + (historyMonths.includes(priorMonth) ? 0 : 1))) },
      setup,
      report: {
        funds: report.funds!.length, budgetApproved: report.funds!.filter((fund) => fund.budgetApproved).length,
        oneClient: { requests: alone.length, p50Ms: percentile(alone, 0.5), p95Ms: percentile(alone, 0.95) },
        requests: latencies.length + errors, errors, errorStatuses: statuses, requestsPerSecond: round((latencies.length + errors) / loadSeconds),
        p50Ms: percentile(sorted, 0.5), p95Ms: p95, p99Ms: percentile(sorted, 0.99), maxMs: round(sorted[sorted.length - 1] ?? NaN),
        // this process (the server and the clients' worker; PostgreSQL's processes not counted) during the 20 clients
        cpuSeconds: { user: round(cpu.user / 1e6, 2), system: round(cpu.system / 1e6, 2) },
        cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length + errors), 2),
        goal: { p95Ms: GOAL_P95_MS, met: p95 <= GOAL_P95_MS && errors === 0 },
      },
      alerts: {
        batchLines, batchPostingSeconds: batchSeconds, evaluationSeconds, funds: evaluation.funds, open: evaluation.open,
        raised: raised.map((row) => ({ rule: row.rule, severity: row.severity, count: Number(row.count) })),
        goal: { seconds: GOAL_EVALUATION_SECONDS, met: evaluationSeconds <= GOAL_EVALUATION_SECONDS },
      },
      loadAverage: { before: loadBefore, loadStart: loadDuringStart, after: loadAverage() },
    };
  } finally {
    await app?.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
