/**
 * `sifund projection --region CODE --years N [--scenario NAME] [--format json|table]`: the pension fund's cohort
 * projection (projection.service.ts); JSON in the language of LANG, the table in Chinese.
 */
import { Option, type Command } from 'commander';
import { addDataOption, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { languageOfEnvironment, render, type Language } from '../../../platform/messages.ts';
import { projectPension, type ProjectionView } from './projection.service.ts';
import { projectionRules as say } from './projection.messages.ts';
import { BASELINE_SCENARIO, scenarioNamesInOrder } from './projection.scenarios.ts';

/** The projection for people: the title, the starting point, the depletion verdict, then one row per year. */
export function projectionTable(view: ProjectionView): string {
  const language: Language = 'zh-CN';
  const text = (said: Parameters<typeof render>[0]) => render(said, language);
  const years = view.years;
  const lines = [
    text(say.title({ fund: view.fund, firstYear: years[0].year, lastYear: years[years.length - 1].year, scenario: view.scenarioLabel })),
    ...(view.region !== view.poolingRegion ? [text(say.poolNote({ region: view.region, poolingRegion: view.poolingRegion }))] : []),
    text(say.startingPoint({ asOf: view.asOf, ...view.startingPoint })),
    text(view.depletionYear === null ? say.noDepletion() : say.depletion({ year: view.depletionYear })),
    text(say.unit()),
    formatTable(
      [say.year(), say.contributors(), say.pensioners(), say.dependencyRatio(), say.income(), say.expense(), say.balance(), say.accumulatedBalance(), say.monthsOfPaymentCapacity()].map(text),
      years.map((year) => [
        String(year.year), String(year.contributors), String(year.pensioners), year.dependencyRatio === null ? '—' : year.dependencyRatio.toFixed(4),
        year.income, year.expense, year.balance, year.accumulatedBalance, year.monthsOfPaymentCapacity === null ? '—' : year.monthsOfPaymentCapacity.toFixed(1),
      ]),
      [1, 2, 3, 4, 5, 6, 7, 8],
    ),
  ];
  return lines.join('\n');
}

export function registerProjectionCommand(program: Command) {
  addDataOption(program.command('projection').description('project the pension fund year by year (cohorts, retirement ages of the reform, mortality, entrants, wages, indexation)'))
    .requiredOption('--region <code>', 'a region at or below a pension pooling region: the pooled fund is projected')
    .requiredOption('--years <n>', 'years to project, 10 to 50')
    .addOption(new Option('--scenario <name>', 'a built-in scenario').choices(scenarioNamesInOrder).default(BASELINE_SCENARIO))
    .addOption(new Option('--format <format>', 'output: json, or a table in Chinese').choices(['json', 'table']).default('table'))
    .action((options: { data?: string; region: string; years: string; scenario: string; format: 'json' | 'table' }) => runWithDatabase('projection', options, async ({ database }) => {
      const language = options.format === 'table' ? 'zh-CN' : languageOfEnvironment();
      const view = await projectPension(database, systemActor('budget-projection'), { region: options.region, years: options.years, scenario: options.scenario }, language);
      if (options.format === 'json') printJson(view);
      else process.stdout.write(projectionTable(view));
    }));
}
