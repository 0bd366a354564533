/** `sifund pension …`: the pension commands (the quote here; awards and the payroll add theirs to the same group). */
import type { Command } from 'commander';
import { addQuoteCommand } from '../quote.cli.ts';
import { pensionQuote } from './quote.service.ts';

/** The one `pension` command group: every file adding a `pension` subcommand asks for it here. */
export function pensionCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'pension')
    ?? program.command('pension').description('基本养老保险待遇 (pension): retirement age, quotes, awards');
}

export function registerPensionCommands(program: Command) {
  addQuoteCommand(pensionCommand(program),
    'pension quote (养老金测算): statutory retirement age and month, eligibility, basic, account and transitional pension with every step and its legal source; input {region?, birthDate, gender, category?, retirementDate, contributionMonths, deemedMonths?, averageIndex, averageWage?, accountBalance}',
    (raw, language) => pensionQuote(raw, language));
}
