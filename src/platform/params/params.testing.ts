/** Test helpers: a throwaway parameters directory from {relative path: YAML text}. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function parameterDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-params-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

/** A valid rate file with the given values block (YAML, indented by two). */
export const rateFile = (values: string, extra = '') => `description: test rate\nunit: rate\nvalues:\n${values}\n${extra}`;
