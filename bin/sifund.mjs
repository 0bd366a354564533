#!/usr/bin/env node
// The `sifund` command. It runs the bundle dist/cli/sifund.mjs (built by scripts/build-cli.mjs at npm install/ci and
// npm start) while that is fresh, and otherwise the TypeScript sources through tsx, as tests do: an edited source is
// never run from a stale bundle. SIFUND_FROM_SOURCE=1 always runs the sources.
import { bundleFile, bundleIsFresh } from '../scripts/cli-bundle.mjs';

// A closed pipe (`sifund ledger export … | head -1`) ends the command quietly with exit 0, as `head` intends: no
// EPIPE stack trace. Whatever the command had open is let go by the exit (PostgreSQL rolls back an open transaction).
// The server is not stopped by its log reader going away (a restarted journald): it goes on without the log.
const serving = process.argv.slice(2).find((arg) => !arg.startsWith('-')) === 'serve';
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    if (!serving) process.exit(0);
  });
}

if (process.env.SIFUND_FROM_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundleFile);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
