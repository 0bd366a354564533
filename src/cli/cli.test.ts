/**
 * The `sifund` process itself: it exits on its own when a command is done, and a closed pipe ends it quietly.
 * (How fast it starts is measured by `npm run bench -- cli`, not asserted here.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../platform/config.ts';

const bin = path.join(projectRoot, 'bin', 'sifund.mjs');

/** Runs `node bin/sifund.mjs args…` and answers how it ended; killed (signal SIGKILL) if still running after `ms`. */
function runAlone(args: string[], ms: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

test('sifund --version prints the version and exits on its own', { timeout: 90_000 }, async () => {
  const result = await runAlone(['--version'], 60_000);
  assert.deepEqual({ code: result.code, signal: result.signal }, { code: 0, signal: null }, result.stderr);
  assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
});

for (const reader of ['head -1', 'true']) {
  test(`sifund permissions | ${reader}: no EPIPE stack trace, exit 0`, { timeout: 90_000 }, () => {
    // `true` closes the pipe before sifund writes a byte (EPIPE for certain); `head -1` after the first line.
    // bash for PIPESTATUS: the exit code of sifund itself, not the reader's.
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" permissions | ${reader}; exit \${PIPESTATUS[0]}`], {
      cwd: projectRoot, encoding: 'utf8', timeout: 60_000,
    });
    assert.equal(result.stderr, '', 'nothing on stderr (no EPIPE stack trace)');
    assert.equal(result.status, 0);
    if (reader === 'head -1') assert.match(result.stdout, /^permission\s/);
  });
}
