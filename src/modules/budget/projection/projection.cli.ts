/**
 * `sifund projection --region CODE --years N [--scenario NAME] [--format json|table]`: the pension fund's cohort
 * projection (projection.service.ts); JSON in the language of LANG, the table in Chinese. `sifund projection scenarios
 * list|save|archive`: the pool's own scenarios (projection-scenarios.service.ts).
 */
import { Option, type Command } from 'commander';
import { addDataOption, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { languageOfEnvironment, render, type Language } from '../../../platform/messages.ts';
import { projectPension, type ProjectionView } from './projection.service.ts';
import { projectionRules as say } from './projection.messages.ts';
import { BASELINE_SCENARIO, overrideFields, scenarioNamesInOrder } from './projection.scenarios.ts';
import { archiveScenario, listScenarios, saveScenario } from './projection-scenarios.service.ts';
import { invalid } from '../../../platform/errors.ts';

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

/** `--set key=value`, repeatable: the scenario's overrides (checked by the service, each naming overrides.<key>). */
const collectSetting = (text: string, settings: Record<string, string>) => {
  const at = text.indexOf('=');
  return at < 0 ? { ...settings, [text]: '' } : { ...settings, [text.slice(0, at).trim()]: text.slice(at + 1).trim() };
};

export function registerProjectionCommand(program: Command) {
  addDataOption(program.command('projection').description('project the pension fund year by year (cohorts, retirement ages of the reform, mortality, entrants, wages, indexation)'))
    .requiredOption('--region <code>', 'a region at or below a pension pooling region: the pooled fund is projected')
    .requiredOption('--years <n>', 'years to project, 10 to 50')
    .option('--scenario <name>', `a built-in scenario (${scenarioNamesInOrder.join(', ')}) or one the pool saved (sifund scenarios list)`, BASELINE_SCENARIO)
    .addOption(new Option('--format <format>', 'output: json, or a table in Chinese').choices(['json', 'table']).default('table'))
    .action((options: { data?: string; region: string; years: string; scenario: string; format: 'json' | 'table' }) => runWithDatabase('projection', options, async ({ database }) => {
      const language = options.format === 'table' ? 'zh-CN' : languageOfEnvironment();
      const view = await projectPension(database, systemActor('budget-projection'), { region: options.region, years: options.years, scenario: options.scenario }, language);
      if (options.format === 'json') printJson(view);
      else process.stdout.write(projectionTable(view));
    }));

  // a command of its own, not under `projection`: commander would give the projection's --region to it
  const scenarios = program.command('scenarios').description('精算预测情景: the built-in scenarios of `sifund projection` and a pension pool\'s own');
  addDataOption(scenarios.command('list').description('the built-in scenarios, then the saved ones of the region\'s pool, as JSON'))
    .requiredOption('--region <code>', 'a region at or below a pension pooling region')
    .action((options: { data?: string; region: string }) => runWithDatabase('scenarios list', options, async ({ database }) => {
      printJson(await listScenarios(database, systemActor('budget-projection'), { region: options.region }, languageOfEnvironment()));
    }));
  addDataOption(scenarios.command('save').description('save a scenario of the region\'s pool: a name, a label and the assumptions it replaces'))
    .requiredOption('--region <code>', 'a region at or below a pension pooling region')
    .requiredOption('--name <name>', '2 to 40 lower-case letters, digits or hyphens')
    .requiredOption('--label <text>', '情景名称, 2 to 60 characters')
    .option('--note <text>', 'what the scenario stands for')
    .option('--set <key=value>', `an assumption it replaces, repeatable: ${overrideFields.join(', ')}`, collectSetting, {})
    .action((options: { data?: string; region: string; name: string; label: string; note?: string; set: Record<string, string> }) => runWithDatabase('scenarios save', options, async ({ database }) => {
      printJson(await saveScenario(database, systemActor('budget-projection', ['budget.scenario']), { region: options.region, name: options.name, label: options.label, note: options.note ?? null, overrides: options.set }));
    }));
  addDataOption(scenarios.command('archive').description('archive a saved scenario (its name stays taken)'))
    .requiredOption('--id <id>', 'the scenario\'s id (sifund scenarios list)')
    .action((options: { data?: string; id: string }) => runWithDatabase('scenarios archive', options, async ({ database }) => {
      if (!/^\d{1,19}$/.test(options.id)) throw invalid('id', say.scenarioUnknown({ id: options.id }));
      printJson(await archiveScenario(database, systemActor('budget-projection', ['budget.scenario']), BigInt(options.id)));
    }));
}
