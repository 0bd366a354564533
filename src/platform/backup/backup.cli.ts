/**
 * `sifund backup --out FILE [--out COPY]` and `sifund restore --from FILE [--data DIR] [--check]`: a sealed logical
 * backup of the embedded or external database, restored into an empty data directory (or an empty DATABASE_URL
 * database). The key is the operator's: SIFUND_BACKUP_KEY or `--key-file FILE`, kept apart from the backups.
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, progressBar, runWithDatabase } from '../../cli/context.ts';
import { loadConfig } from '../config.ts';
import { invalid } from '../errors.ts';
import { backupMessages as said } from './backup.messages.ts';
import { auditKey } from '../audit/audit.key.ts';
import { loadBackupKey } from './backup.format.ts';
import { checkBackup, restoreBackup, writeBackup, type BackupContents } from './backup.service.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
const note = (message: string) => process.stderr.write(`note: ${message}\n`);

function fail(error: unknown) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/** A bar that starts on the first report and can be replaced by the next phase's. */
function phasedProgress() {
  let label: string | undefined;
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    update(phase: string, done: number, total: number) {
      if (phase !== label) { bar?.stop(); label = phase; bar = progressBar(phase); bar.start(total); }
      bar!.update(done);
    },
    stop() { bar?.stop(); bar = undefined; label = undefined; },
  };
}

function describe(contents: BackupContents, file: string): string {
  const m = contents.manifest;
  const last = m.migrations.at(-1)?.name ?? '(none)';
  return `${file}: sifund backup of ${m.createdAt} (sifund ${m.sifundVersion}, ${m.source.mode} PostgreSQL ${m.source.server}), ` +
    `${m.tables.length} tables, ${contents.totalRows} rows, ${contents.sequences.length} sequences, schema up to ${last}, ` +
    `parameters ${m.parameters.hash.slice(0, 12)} (${m.parameters.files} files), audit key ${m.auditKeyIncluded ? 'included' : 'not included'}; ` +
    `${megabytes(contents.bytes)}, every chunk authenticated\n`;
}

export function registerBackupCommands(program: Command) {
  addDataOption(program.command('backup')
    .description('write a consistent, encrypted backup of the database (embedded or DATABASE_URL): every table, the schema\'s migrations, ' +
      'the parameters\' version and the audit key, sealed with the backup key (SIFUND_BACKUP_KEY or --key-file); runs beside a live server'))
    .option('--out <file>', 'the backup file; repeat for identical copies to keep in different places (双重备份)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--key-file <file>', 'a file holding the backup key (default: SIFUND_BACKUP_KEY)')
    .option('--without-audit-key', 'leave the audit key out (a restore then needs SIFUND_AUDIT_KEY to verify the trail)')
    .option('--force', 'replace existing files')
    .option('--level <n>', 'gzip level 1 (fast) – 9 (small)', '6')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { data?: string; out?: string[]; keyFile?: string; withoutAuditKey?: boolean; force?: boolean; level: string; format: string }) => {
      let key: Buffer;
      const level = Number(options.level);
      try {
        checkFormat(options.format, ['text', 'json']);
        if (!options.out?.length) throw invalid('out', said.outRequired());
        if (!Number.isInteger(level) || level < 1 || level > 9) throw invalid('level', said.levelRange());
        key = loadBackupKey(options.keyFile, process.env, warn);
      } catch (error) {
        return fail(error);
      }
      await runWithDatabase('backup', options, async ({ config, database }) => {
        const bar = progressBar('backup');
        let started = false;
        const result = await writeBackup({
          url: database.url, mode: database.mode, out: options.out!, key, auditKey: options.withoutAuditKey ? undefined : auditKey(),
          paramsDir: config.paramsDir, force: options.force, level,
          onProgress: (rows, total) => { if (!started) { bar.start(total); started = true; } bar.update(rows); },
        });
        bar.stop();
        if (options.format === 'json') printJson({ ...result, manifest: { ...result.manifest, tables: result.manifest.tables.length } });
        else {
          process.stdout.write(`backup of ${result.tables} tables, ${result.rows} rows (schema up to ${result.manifest.migrations.at(-1)?.name}, ` +
            `parameters ${result.manifest.parameters.hash.slice(0, 12)}, sifund ${result.manifest.sifundVersion}) in ${result.seconds.toFixed(1)} s: ` +
            `${megabytes(result.bytes)}, sha256 ${result.sha256}\n`);
          for (const file of result.files) process.stdout.write(`  ${file}\n`);
          process.stdout.write(`sealed with the backup key${result.manifest.auditKeyIncluded ? ' (the audit key is inside)' : ''}: keep the key apart from the backups\n`);
        }
      });
    });

  addDataOption(program.command('restore')
    .description('restore a backup into an empty or new data directory (--data), or into the empty database of DATABASE_URL; ' +
      'with --check, read and authenticate the whole backup and restore nothing'))
    .requiredOption('--from <file>', 'the backup file')
    .option('--key-file <file>', 'a file holding the backup key (default: SIFUND_BACKUP_KEY)')
    .option('--check', 'only check the backup (key, every chunk, every table\'s rows) and describe it')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { data?: string; from: string; keyFile?: string; check?: boolean; format: string }) => {
      const bar = phasedProgress();
      try {
        checkFormat(options.format, ['text', 'json']);
        const key = loadBackupKey(options.keyFile, process.env, warn);
        if (options.check) {
          const contents = await checkBackup(options.from, key, (read, size) => bar.update('checking', read, size));
          bar.stop();
          if (options.format === 'json') printJson({ ...contents, auditKey: undefined, auditKeyIncluded: Boolean(contents.auditKey) });
          else process.stdout.write(describe(contents, options.from));
          return;
        }
        const config = loadConfig({ data: options.data });
        const result = await restoreBackup({ from: options.from, key, config, onProgress: bar.update, note: (message) => { bar.stop(); note(message); } });
        bar.stop();
        if (options.format === 'json') printJson({ ...result, manifest: { ...result.manifest, tables: result.manifest.tables.length } });
        else {
          process.stdout.write(`restored ${result.tables} tables, ${result.rows} rows and ${result.sequences} sequences from the backup of ${result.manifest.createdAt} ` +
            `into ${result.target} in ${result.seconds.total.toFixed(1)} s (checked in ${result.seconds.check.toFixed(1)} s, loaded in ${result.seconds.load.toFixed(1)} s)\n` +
            `every table holds the backup's rows; audit trail intact: ${result.auditRecords} records verified with the audit key in ${result.auditKey}\n`);
        }
      } catch (error) {
        bar.stop();
        fail(error);
      }
    });
}
