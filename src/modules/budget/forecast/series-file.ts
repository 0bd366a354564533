/**
 * A series file → the series to forecast. CSV (or XLSX) read by the import pipeline's reader (encodings, line
 * numbers as the file shows them); header `period,value` then driver columns; `period` is YYYY or YYYY-MM, one period
 * after the other; trailing rows with an empty value are the periods to forecast, with their driver values. Every
 * problem of every row is listed with its line and column, and nothing is forecast while one remains.
 */
import { invalid, rejectedRows, type RowProblem } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { readTable } from '../../../platform/imports/index.ts';
import { frequencyNames, seriesRules } from '../budget.messages.ts';
import { MINIMUM_HISTORY, type Frequency, type Series } from './forecast.calc.ts';

export interface SeriesFile {
  frequency: Frequency;
  /** The observed periods, with their values. */
  periods: string[];
  values: number[];
  /** The rows with an empty value: the periods to forecast. */
  futurePeriods: string[];
  /** Each driver column with a value for every row, observed and to forecast. */
  drivers: { name: string; values: number[] }[];
}

/** A period as a running number (the year; or year × 12 + month − 1) and its frequency; undefined when malformed. */
export function parsePeriod(text: string): { frequency: Frequency; index: number } | undefined {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  return match[2] ? { frequency: 'monthly', index: year * 12 + Number(match[2]) - 1 } : { frequency: 'annual', index: year };
}

export function periodText(frequency: Frequency, index: number): string {
  return frequency === 'annual' ? String(index) : `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const DECIMAL = /^[-+]?\d+(?:\.\d+)?$/;

/** Reads and checks a series file; a 422 listing every row problem (line and column), a 400 for the header. */
export async function readSeriesFile(fileName: string, content: Buffer): Promise<SeriesFile> {
  const table = await readTable(fileName, content);
  const header = table.header.map((cell) => cell.trim());
  if (header.length < 2 || header[0].toLowerCase() !== 'period' || header[1].toLowerCase() !== 'value' || header.slice(2).some((name) => name === '')) {
    throw invalid('file', seriesRules.header({ header: header.join(',') }));
  }
  const repeated = header.find((name, index) => header.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== index);
  if (repeated) throw invalid('file', seriesRules.duplicateColumn({ column: repeated }));

  const problems: RowProblem[] = [];
  const file: SeriesFile = { frequency: 'annual', periods: [], values: [], futurePeriods: [], drivers: header.slice(2).map((name) => ({ name, values: [] })) };
  let previous: { frequency: Frequency; index: number } | undefined;
  for (const { row, cells } of table.rows) {
    const cell = (column: number) => (cells[column] ?? '').trim();
    const problem = (column: number, message: RowProblem['message']) => problems.push({ row, field: header[column], message });
    const periodCell = cell(0);
    const period = parsePeriod(periodCell);
    if (!period) problem(0, periodCell === '' ? fieldRules.required() : seriesRules.periodFormat({ text: periodCell }));
    else if (previous && period.frequency !== previous.frequency) problem(0, seriesRules.periodMixed({ frequency: frequencyNames[previous.frequency](), text: periodCell }));
    else if (previous && period.index !== previous.index + 1) {
      problem(0, seriesRules.periodNotNext({ previous: periodText(previous.frequency, previous.index), expected: periodText(previous.frequency, previous.index + 1), text: periodCell }));
    }
    if (period && (!previous || period.frequency === previous.frequency)) previous = period;

    const valueCell = cell(1);
    if (valueCell === '') file.futurePeriods.push(periodCell);
    else if (file.futurePeriods.length > 0) problem(1, seriesRules.valueAfterGap());
    else if (!DECIMAL.test(valueCell)) problem(1, fieldRules.decimalGot({ text: valueCell }));
    else { file.periods.push(periodCell); file.values.push(Number(valueCell)); }

    file.drivers.forEach((driver, offset) => {
      const text = cell(2 + offset);
      if (text === '') problem(2 + offset, seriesRules.driverRequired());
      else if (!DECIMAL.test(text)) problem(2 + offset, fieldRules.decimalGot({ text }));
      else driver.values.push(Number(text));
    });
  }
  if (previous) file.frequency = previous.frequency;
  if (problems.length) throw rejectedRows(seriesRules.rejected({ count: problems.length }), problems);
  if (file.values.length < MINIMUM_HISTORY) throw invalid('input', seriesRules.tooShort({ minimum: MINIMUM_HISTORY, count: file.values.length }));
  return file;
}

/** Longest horizon asked for: ten years of months. */
export const MAXIMUM_HORIZON = 120;

/**
 * The series and the periods to forecast: the file's periods to forecast, or `horizon` periods (the file's first ones,
 * then the following ones; with drivers, only as many as the file gives driver values for).
 */
export function seriesToForecast(file: SeriesFile, horizonText?: string): { series: Series; futurePeriods: string[] } {
  let horizon = file.futurePeriods.length || 1;
  if (horizonText !== undefined) {
    horizon = Number(horizonText);
    if (!/^\d+$/.test(horizonText) || horizon < 1 || horizon > MAXIMUM_HORIZON) {
      throw invalid('horizon', fieldRules.integerFromToGot({ min: 1, max: MAXIMUM_HORIZON, value: horizonText }));
    }
  }
  if (file.drivers.length > 0 && horizon > file.futurePeriods.length) {
    throw invalid('horizon', seriesRules.horizonBeyondDrivers({ count: file.futurePeriods.length, horizon }));
  }
  const last = parsePeriod(file.periods[file.periods.length - 1])!;
  const futurePeriods = Array.from({ length: horizon }, (_, step) => periodText(file.frequency, last.index + step + 1));
  const observed = file.values.length;
  return {
    series: { frequency: file.frequency, values: file.values, drivers: file.drivers.map((driver) => ({ name: driver.name, values: driver.values.slice(0, observed + horizon) })) },
    futurePeriods,
  };
}
