/** The `sifund` command. */
import fs from 'node:fs';
import { Command } from 'commander';
import { addDataOption, runWithDatabase, printJson, progressBar, onShutdownSignal, exitWhenFlushed } from './context.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, DataDirectoryInUse, type DatabaseHandle } from '../platform/database.ts';
import { migrate } from '../platform/migrate.ts';
import { createUser, ensureAdministrator } from '../platform/auth/auth.service.ts';
import { systemActor, roles, type Role } from '../platform/actor.ts';
import { createAnchor, parseAnchor, verifyAuditChain } from '../platform/audit/audit.service.ts';
import { version } from '../platform/http/server.ts';
import { registerParamsCommands } from '../platform/params/index.ts';
import { registerPermissionCommands } from '../platform/access/permissions.cli.ts';
import { registerSignoffCommands } from '../platform/signoff/signoff.cli.ts';
import { registerBackupCommands } from '../platform/backup/backup.cli.ts';
import { ensureHomeRegion } from '../modules/registry/index.ts';
import { ensureFunds } from '../modules/ledger/index.ts';
import { modules } from '../modules/index.ts';
import { registerJobKinds } from '../platform/jobs/index.ts';
import { registerJobCommands } from '../platform/jobs/jobs.cli.ts';

/** `serve` goes on after its action returns; every other command is done then. */
let serving = false;
const program = new Command('sifund').description('sifund — social insurance fund management (社会保险基金管理)').version(version);

addDataOption(program.command('serve').description('start the web server and API (embedded PostgreSQL unless DATABASE_URL is set)'))
  .option('--port <port>', 'HTTP port (default 8080 or PORT)')
  .option('--host <host>', 'listen address (default 0.0.0.0 or HOST)')
  .action(async (options: { data?: string; port?: string; host?: string }) => {
    const config = loadConfig(options);
    let database: DatabaseHandle;
    try {
      database = await openDatabase(config, { command: 'serve' });
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exit(error instanceof DataDirectoryInUse ? 3 : 1);
    }
    try {
      for (const name of await migrate(database.pool)) process.stderr.write(`migrated: ${name}\n`);
      await ensureHomeRegion(database);
      await ensureFunds(database);
      const admin = await ensureAdministrator(database, config.adminPassword);
      if (admin.generatedPassword) {
        process.stderr.write(`\n  管理员账户已创建 administrator created: username admin, password ${admin.generatedPassword}\n  (shown once; set SIFUND_ADMIN_PASSWORD to choose it)\n\n`);
      }
      const { buildApp } = await import('../app.ts');
      const app = await buildApp(config, database, { schedules: true });
      // Stop accepting and finish the requests in flight, then the jobs (each after its chunk, leases released: the
      // job worker's onClose), then close the pool and the embedded PostgreSQL; 30 s at most.
      onShutdownSignal(async () => {
        await app.close();
        await database.close();
      }, app.log);
      serving = true;
      await app.listen({ port: config.port, host: config.host });
      app.log.info({ database: database.mode, dataDir: database.mode === 'embedded' ? config.dataDir : undefined }, `sifund ${version} ready on http://localhost:${config.port}`);
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      await database.close().catch(() => {});
      process.exit(1);
    }
  });

addDataOption(program.command('migrate').description('apply pending database migrations'))
  .action((options) => runWithDatabase('migrate', options, async () => { process.stdout.write('database is up to date\n'); }));

const user = program.command('user').description('manage user accounts');
addDataOption(user.command('add').description('create a user (prints a generated password when --password is not given)'))
  .requiredOption('--username <name>').option('--name <displayName>').requiredOption('--role <role>', `one of ${roles.join(', ')}`)
  .option('--region <code>', 'GB/T 2260 region code of the user\'s agency').option('--password <password>')
  .option('--format <format>', 'text or json', 'text')
  .action((options) => runWithDatabase('user add', options, async ({ database }) => {
    const result = await createUser(database, systemActor('cli', ['user.manage']), {
      username: options.username, displayName: options.name ?? options.username, role: options.role as Role, regionCode: options.region ?? null, password: options.password,
    });
    if (options.format === 'json') printJson(result);
    else process.stdout.write(`created ${result.user.username} (${result.user.role}${result.user.regionCode ? ', ' + result.user.regionCode : ''})${result.generatedPassword ? `, password ${result.generatedPassword}` : ''}\n`);
  }));

const audit = program.command('audit').description('the tamper-evident audit trail (hashes keyed by the audit key: SIFUND_AUDIT_KEY or <data>/audit-key)');
const verifyProgress = () => {
  const bar = progressBar('verifying');
  let started = false;
  return { update(checked: number, total: number) { if (!started) { bar.start(total); started = true; } bar.update(checked); }, stop() { bar.stop(); } };
};
addDataOption(audit.command('verify').description('recompute the hash chain; exit 1 naming the first broken record (with --anchor: also what is missing since the anchor)'))
  .option('--anchor <file>', 'an anchor written by `sifund audit anchor`: the trail must still hold everything it signed')
  .option('--format <format>', 'text or json', 'text')
  .action((options: { data?: string; anchor?: string; format: string }) => runWithDatabase('audit verify', options, async ({ database }) => {
    const anchor = options.anchor ? parseAnchor(fs.readFileSync(options.anchor, 'utf8')) : undefined;
    const bar = verifyProgress();
    const result = await verifyAuditChain(database, { anchor, onProgress: bar.update });
    bar.stop();
    if (options.format === 'json') printJson(result);
    else {
      if (result.brokenAt) process.stdout.write(`audit trail BROKEN at record ${result.brokenAt.id}: ${result.brokenAt.reason} (${result.count} records before it verified)\n`);
      else if (!result.anchor || result.anchor.ok) process.stdout.write(`audit trail intact: ${result.count} records verified\n`);
      if (result.anchor?.ok) process.stdout.write(`anchor of ${result.anchor.at} confirmed: record ${result.anchor.lastId ?? '(none)'} and the ${result.anchor.count} records up to it are in place\n`);
      else if (result.anchor) process.stdout.write(`audit trail does NOT match the anchor of ${result.anchor.at}: ${result.anchor.problem}\n`);
    }
    return result.ok ? 0 : 1;
  }));
addDataOption(audit.command('anchor').description('verify the trail, then write its signed head (last id, count, hash, time) to a file to keep away from the database'))
  .requiredOption('--out <file>', 'where to write the anchor (JSON)')
  .action((options: { data?: string; out: string }) => runWithDatabase('audit anchor', options, async ({ database }) => {
    const bar = verifyProgress();
    const { anchor, verify } = await createAnchor(database, { onProgress: bar.update });
    bar.stop();
    if (!anchor) {
      process.stdout.write(`not anchored: audit trail BROKEN at record ${verify.brokenAt!.id}: ${verify.brokenAt!.reason}\n`);
      return 1;
    }
    fs.writeFileSync(options.out, JSON.stringify(anchor, null, 2) + '\n');
    process.stdout.write(`anchored ${anchor.count} records up to record ${anchor.lastId ?? '(none)'} at ${anchor.at} in ${options.out}: keep it away from the database\n`);
  }));

registerParamsCommands(program);
registerPermissionCommands(program);
registerSignoffCommands(program);
registerBackupCommands(program);
registerJobCommands(program);
registerJobKinds(modules.flatMap((module) => module.jobs));
for (const module of modules) module.registerCommands(program);

await program.parseAsync(process.argv);
// A command exits as soon as it is done, with its code (see exitWhenFlushed).
if (!serving) exitWhenFlushed(Number(process.exitCode ?? 0));
