/**
 * Running `sifund …` commands in the test's own process: the commands registered by `register`, their stdout and
 * stderr text captured and the exit code read, then everything restored. The test runner reports earlier tests on
 * stdout in binary chunks meanwhile: those pass through (capturing them would lose those tests' reports).
 */
import { Command } from 'commander';

export interface CommandRun { stdout: string; stderr: string; code: number }

export async function runCommand(register: (program: Command) => void, args: string[]): Promise<CommandRun> {
  const program = new Command('sifund').exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const capture = (original: typeof write.out, append: (text: string) => void) => ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return original(chunk, ...rest);
    append(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture(write.out, (text) => { stdout += text; });
  process.stderr.write = capture(write.err, (text) => { stderr += text; });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'sifund', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, stderr, code };
}
