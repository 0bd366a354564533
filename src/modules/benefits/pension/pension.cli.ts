/** `sifund pension …`: the pension commands (the quote here; awards and the payroll add theirs to the same group). */
import type { Command } from 'commander';

/** The one `pension` command group: every file adding a `pension` subcommand asks for it here. */
export function pensionCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'pension')
    ?? program.command('pension').description('基本养老保险待遇 (pension): retirement age, quotes, awards');
}

export function registerPensionCommands(program: Command) {
  pensionCommand(program);
}
