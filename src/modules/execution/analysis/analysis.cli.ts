/**
 * `sifund execution analysis --year Y --month M --region R --format table|json|csv|xlsx|pdf [--out FILE]`: registered
 * by execution.cli.ts on its `execution analysis` command, with the year, month and region options and their parser
 * of the other execution commands.
 */
import type { Command } from 'commander';
import { addDataOption, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import type { ReportInput } from '../report.service.ts';
import { analysisDocument } from './analysis.report.ts';
import { analysisReport } from './analysis.service.ts';

type ReportOptions = { year: string; month: string; region: string };

export function registerAnalysisCommand(command: Command, reportInput: (options: ReportOptions) => ReportInput) {
  addDataOption(addReportOptions(command.description('基金收支分析: the month against budget and last year, the largest deviations and their drivers, open alerts')))
    .action((options) => runWithDatabase('execution analysis', options, async ({ database }) => {
      const analysis = await analysisReport(database, systemActor('execution-analysis', ['execution.read']), reportInput(options));
      await writeReport(analysisDocument(analysis), options);
    }));
}
