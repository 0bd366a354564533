/** The command-line side of an import (what `uploadedFile` is for HTTP): `--file` and `--encoding`, and the file they name. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { checkEncoding } from './decode.ts';
import type { ImportFile } from './imports.service.ts';

/** Adds `--file <path>` (described by the command: formats and headers) and `--encoding` to an import command. */
export function addImportFileOptions(command: Command, fileDescription: string): Command {
  return command.requiredOption('--file <path>', fileDescription)
    .option('--encoding <encoding>', 'the CSV\'s encoding: utf-8, gb18030, gbk or auto (detected)', 'auto');
}

/** The file `--file` names, with the encoding `--encoding` chose (checked; auto: detected when read). */
export function importFileOf(options: { file: string; encoding?: string }): ImportFile {
  const encoding = checkEncoding(options.encoding);
  return { fileName: path.basename(options.file), content: fs.readFileSync(options.file), encoding };
}
