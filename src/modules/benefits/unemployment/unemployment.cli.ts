/** `sifund unemployment …`: the unemployment benefit quote. */
import type { Command } from 'commander';
import { addQuoteCommand } from '../quote.cli.ts';
import { unemploymentQuote } from './quote.service.ts';

export function registerUnemploymentCommands(program: Command) {
  const unemployment = program.command('unemployment').description('失业保险金 (unemployment benefit): quotes');
  addQuoteCommand(unemployment,
    'unemployment benefit quote (失业保险金测算): eligibility, months and the monthly amount of the region; input {region?, contributionMonths, separationReason: involuntary|voluntary, separationDate, unusedMonths?}',
    (raw, language) => unemploymentQuote(raw, language));
}
