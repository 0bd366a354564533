#!/usr/bin/env node
/**
 * Builds the web UI (web/ → web/dist) with Vite's JavaScript API; no global tools needed after `npm ci`.
 *   node scripts/build-web.mjs             always build
 *   node scripts/build-web.mjs --if-stale  build only when a file under web/src, web/index.html or
 *                                          web/vite.config.ts is newer than web/dist/index.html
 *   --quiet                                warnings only
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

/** The newest modification time among the sources of the UI. */
function newestSource() {
  let newest = 0;
  const visit = (file) => {
    let stat;
    try { stat = fs.statSync(file); } catch { return; }
    if (stat.isDirectory()) { for (const name of fs.readdirSync(file)) visit(path.join(file, name)); return; }
    newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of ['src', 'index.html', 'vite.config.ts', 'public']) visit(path.join(web, source));
  return newest;
}

function isStale() {
  if (!fs.existsSync(builtIndex)) return true;
  return newestSource() > fs.statSync(builtIndex).mtimeMs;
}

/**
 * One build at a time (parallel test files may all ask for a fresh UI): a lock directory, created atomically;
 * a lock older than ten minutes is left over from a killed build and is taken over.
 */
const lock = path.join(web, '.build.lock');
async function acquireLock() {
  for (;;) {
    try { fs.mkdirSync(lock); return; } catch (error) { if (error.code !== 'EEXIST') throw error; }
    try { if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true }); } catch { /* just released */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && !isStale()) {
  process.stdout.write('web UI is up to date (web/dist)\n');
  process.exit(0);
}

await acquireLock();
let code = 0;
try {
  // Another process may have built it while we waited for the lock.
  if (ifStale && !isStale()) process.stdout.write('web UI is up to date (web/dist)\n');
  else {
    const started = Date.now();
    const { build } = await import('vite');
    await build({ configFile: path.join(web, 'vite.config.ts'), root: web, logLevel: process.argv.includes('--quiet') ? 'warn' : 'info' });
    // The output's mtime marks the build as fresh even if the bundler kept an older index.html untouched.
    const now = new Date();
    fs.utimesSync(builtIndex, now, now);
    process.stdout.write(`web UI built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
} catch (error) {
  process.stderr.write(`web build failed: ${error?.message ?? error}\n`);
  code = 1;
} finally {
  fs.rmSync(lock, { recursive: true, force: true });
}
process.exit(code);
