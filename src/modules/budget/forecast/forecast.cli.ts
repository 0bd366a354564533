/**
 * `sifund forecast --input F.csv [--horizon H] [--backtest] [--format json|table]`: a series file in (./series-file.ts),
 * the chosen model's forecast with its 80% interval out; with --backtest every model's backtest errors and forecast.
 * No database: the file is the whole input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { formatTable, printJson, runWithoutDatabase } from '../../../cli/context.ts';
import { formatYuan } from '../../../platform/money.ts';
import { languageOfEnvironment, render, type Language } from '../../../platform/messages.ts';
import { forecastReport as say, modelNames } from '../budget.messages.ts';
import { forecastSeries, INTERVAL_LEVEL, type ForecastResult } from './forecast.calc.ts';
import { readSeriesFile, seriesToForecast, type SeriesFile } from './series-file.ts';

/** A forecast amount as yuan with two decimals, rounded half away from zero (after cutting binary noise: 1.005 → 1.01). */
export function amountText(value: number): string {
  const fen = Math.round(Math.abs(Number((value * 100).toPrecision(15))));
  return formatYuan(BigInt(value < 0 ? -fen : fen));
}

const metric = (value: number | null) => (value === null ? null : Number(value.toFixed(4)));

/** The command's JSON answer; `backtest` adds every model's errors and forecast. */
export function forecastAnswer(file: SeriesFile, futurePeriods: readonly string[], result: ForecastResult, options: { backtest: boolean; language: Language }) {
  const answer = {
    frequency: file.frequency,
    chosen: result.chosen,
    chosenLabel: render(modelNames[result.chosen](), options.language),
    metric: 'mase',
    beatsNaive: result.beatsNaive,
    interval: { level: result.interval.level, coverage: metric(result.interval.coverage) },
    forecast: result.forecast.map((point, index) => ({
      period: futurePeriods[index], value: amountText(point.value), lower: amountText(point.lower), upper: amountText(point.upper),
    })),
  };
  if (!options.backtest) return answer;
  return {
    ...answer,
    backtestFrom: file.periods[result.firstOrigin],
    models: result.models.map((model) => ({
      name: model.name,
      label: render(modelNames[model.name](), options.language),
      backtest: model.backtest && {
        origins: model.backtest.origins, mape: metric(model.backtest.mape), smape: metric(model.backtest.smape), mase: metric(model.backtest.mase), owa: metric(model.backtest.owa),
      },
      beatsNaive: model.beatsNaive,
      forecast: model.forecast && model.forecast.map((value, index) => ({ period: futurePeriods[index], value: amountText(value) })),
      ...(model.leftOut ? { note: render(model.leftOut === 'history' ? say.leftOutHistory() : say.leftOutFit(), options.language) } : {}),
    })),
  };
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** The forecast for people, in Chinese: the chosen model, the forecast with its interval, then (with --backtest) every model's errors. */
export function forecastTable(answer: ReturnType<typeof forecastAnswer>): string {
  const language: Language = 'zh-CN';
  const text = (said: Parameters<typeof render>[0]) => render(said, language);
  const verdict = answer.beatsNaive ? say.beatsNaive() : say.naiveKept();
  const lines = [
    text(say.chosen({ model: modelNames[answer.chosen](), verdict })),
    text(say.interval({ level: Math.round(INTERVAL_LEVEL * 100), coverage: percent(answer.interval.coverage) })),
    formatTable([say.period(), say.value(), say.lower(), say.upper()].map(text), answer.forecast.map((point) => [point.period, point.value, point.lower, point.upper]), [1, 2, 3]),
  ];
  if ('models' in answer) {
    const shown = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(4));
    lines.push(text(say.backtestTitle()), formatTable(
      [text(say.model()), text(say.origins()), 'MAPE(%)', 'sMAPE(%)', 'MASE', text(say.beats())],
      answer.models.map((model) => [
        text(modelNames[model.name]()),
        model.backtest ? String(model.backtest.origins) : model.note ?? '—',
        shown(model.backtest?.mape), shown(model.backtest?.smape), shown(model.backtest?.mase), text(model.beatsNaive ? say.yes() : say.no()),
      ]),
      [1, 2, 3, 4],
    ));
  }
  return lines.join('\n');
}

export function registerForecastCommand(program: Command) {
  program.command('forecast').description('forecast a budget line from its history (CSV: period,value[,driver…]; empty values = periods to forecast)')
    .requiredOption('--input <file>', 'the series, a CSV (or XLSX) file')
    .option('--horizon <periods>', 'how many periods to forecast (default: the rows with an empty value, or 1)')
    .option('--backtest', 'show every model\'s backtest errors (MAPE, sMAPE, MASE) and forecast')
    .addOption(new Option('--format <format>', 'output: json, or a table in Chinese').choices(['json', 'table']).default('table'))
    .action((options: { input: string; horizon?: string; backtest?: boolean; format: 'json' | 'table' }) => runWithoutDatabase(async () => {
      const file = await readSeriesFile(path.basename(options.input), fs.readFileSync(options.input));
      const { series, futurePeriods } = seriesToForecast(file, options.horizon);
      const language = options.format === 'table' ? 'zh-CN' : languageOfEnvironment();
      const answer = forecastAnswer(file, futurePeriods, forecastSeries(series, futurePeriods.length), { backtest: options.backtest === true, language });
      if (options.format === 'json') printJson(answer);
      else process.stdout.write(forecastTable(answer));
    }));
}
