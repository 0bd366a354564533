import type { Command } from 'commander';
import { addDataOption, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addImportFileOptions, importFileOf } from '../../../platform/imports/cli.ts';
import { importKinds, type ImportKind } from './import.schema.ts';
import { importRegistryFile } from './import.service.ts';
import { ensureHomeRegion } from '../registry.service.ts';

export function registerImportCommand(program: Command) {
  addImportFileOptions(addDataOption(program.command('import').description(`import a CSV or XLSX file of ${importKinds.join(' | ')}: all rows or none; the same file again changes nothing`))
    .argument('<kind>', importKinds.join(' | ')),
    'CSV (UTF-8, with or without BOM, or GB18030/GBK) or XLSX; header row of field names or Chinese titles (公民身份号码, 姓名, 性别 …)')
    .option('--region <code>', 'region for rows without a regionCode column (default: the ID number\'s county for persons, else the only province)')
    .option('--format <format>', 'text or json', 'text')
    .action((kind: string, options) => runWithDatabase('import', options, async ({ database }) => {
      if (!importKinds.includes(kind as ImportKind)) throw new Error(`kind must be one of ${importKinds.join(', ')}`);
      const file = importFileOf(options);
      await ensureHomeRegion(database);
      const started = Date.now();
      const result = await importRegistryFile(database, systemActor('import', ['registry.import']), kind as ImportKind, file, { regionCode: options.region });
      const seconds = (Date.now() - started) / 1000;
      if (options.format === 'json') printJson({ ...result, seconds });
      else if (result.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${result.importId}, ${result.imported} ${kind}); nothing changed\n`);
      else process.stdout.write(`imported ${result.imported} ${kind} from ${options.file} in ${seconds.toFixed(1)} s (import ${result.importId})\n`);
    }));
}
