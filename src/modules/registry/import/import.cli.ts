import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addDataOption, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { importKinds, type ImportKind } from './import.parse.ts';
import { importRegistryFile } from './import.service.ts';
import { ensureHomeRegion } from '../registry.service.ts';

export function registerImportCommand(program: Command) {
  addDataOption(program.command('import').description(`import a CSV or XLSX file of ${importKinds.join(' | ')}: all rows or none`))
    .argument('<kind>', importKinds.join(' | '))
    .requiredOption('--file <path>', 'CSV (UTF-8) or XLSX file; header row of field names or the template\'s Chinese labels')
    .option('--region <code>', 'region for rows without a regionCode column')
    .option('--format <format>', 'text or json', 'text')
    .action((kind: string, options) => runWithDatabase('import', options, async ({ database }) => {
      if (!importKinds.includes(kind as ImportKind)) throw new Error(`kind must be one of ${importKinds.join(', ')}`);
      await ensureHomeRegion(database);
      const started = Date.now();
      const result = await importRegistryFile(database, systemActor('import', ['registry.import']), kind as ImportKind, path.basename(options.file), fs.readFileSync(options.file), { regionCode: options.region });
      if (options.format === 'json') printJson({ ...result, seconds: (Date.now() - started) / 1000 });
      else process.stdout.write(`imported ${result.imported} ${kind} from ${options.file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }));
}
