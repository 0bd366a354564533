/**
 * Where the bundled command line lives and whether it is still fresh; shared by bin/sifund.mjs (which must decide
 * in a few milliseconds) and scripts/build-cli.mjs. Plain JavaScript: it runs before anything can compile TypeScript.
 *
 * dist/cli/inputs.json lists every file the bundle was built from (our sources; for a bundled package, its
 * package.json) with its size and modification time when the build began. The bundle is fresh while every one of
 * them still has that size and time: an edited, checked-out, deleted or reinstalled file makes it stale, and so
 * does a new source file, since something already listed must change to import it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const outDir = path.join(root, 'dist', 'cli');
export const bundleFile = path.join(outDir, 'sifund.mjs');
export const inputsFile = path.join(outDir, 'inputs.json');
export const FORMAT = 1;

/** [path relative to the root, size, mtimeMs] of a file, or undefined when it is gone. */
export function stamp(relative) {
  try {
    const stat = fs.statSync(path.join(root, relative));
    return [relative, stat.size, stat.mtimeMs];
  } catch { return undefined; }
}

/** Whether dist/cli/sifund.mjs was built from the files as they are now (2–5 ms for ~130 files). */
export function bundleIsFresh() {
  let recorded;
  try { recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8')); } catch { return false; }
  if (recorded.format !== FORMAT || !Array.isArray(recorded.inputs) || !fs.existsSync(bundleFile)) return false;
  return recorded.inputs.every(([relative, size, mtimeMs]) => {
    const now = stamp(relative);
    return now !== undefined && now[1] === size && now[2] === mtimeMs;
  });
}
