/**
 * A report on the command line: every report command takes `--format table|json|csv|xlsx|pdf` and `--out FILE`
 * (`addReportOptions`) and ends with `writeReport`. Table, JSON and CSV go to standard output unless --out names a
 * file; XLSX and PDF need --out (binary on a terminal helps no one).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { checkFormat, formatTable, jsonText, printJson } from '../../cli/context.ts';
import { invalid } from '../errors.ts';
import { reportMessages } from './reports.messages.ts';
import { renderReportFile } from './http.ts';
import { closePdfBrowser } from './pdf.ts';
import { labelColumnIndex, moneyText, parametersLine, percentText, sectionLines, type CellValue, type ColumnUnit, type Report } from './report.ts';

const cliFormats = ['table', 'json', 'csv', 'xlsx', 'pdf'];

export interface ReportOptions { format: string; out?: string }

export function addReportOptions(command: Command): Command {
  return command
    .option('--format <format>', `${cliFormats.join(', ')} (xlsx and pdf need --out)`, 'table')
    .option('--out <file>', 'write the report to this file instead of standard output');
}

function terminalText(unit: ColumnUnit, value: CellValue, field: string): string {
  if (value === null || value === undefined) return '';
  if (unit === 'money') return moneyText(value, field);
  if (unit === 'rate') return percentText(String(value));
  return String(value).replace(/\s*[\r\n]+\s*/g, ' '); // a line break in a cell would break the table's lines
}

/** The report as plain-text tables: the title and parameters, then each section with its totals. */
export function reportTable(report: Report): string {
  const parts = [[report.title, report.titleEnglish].filter(Boolean).join(' '), parametersLine(report), ...(report.legalBasis ? [`依据：${report.legalBasis}`] : [])];
  for (const section of report.sections) {
    const labelAt = labelColumnIndex(section);
    const rows = sectionLines(section).map((line) => {
      if (line.kind === 'group') return [line.label];
      return section.columns.map((c, index) => (line.kind === 'record' ? terminalText(c.unit, line.row[c.key] as CellValue, c.key)
        : line.sums.has(c.key) ? terminalText(c.unit, line.sums.get(c.key)!, c.key) : index === labelAt ? line.label : ''));
    });
    const rightAligned = section.columns.flatMap((c, index) => (c.unit === 'money' || c.unit === 'rate' || c.unit === 'count' ? [index] : []));
    const heading = report.sections.length > 1 ? `\n${section.title ?? section.name}\n` : '\n';
    parts.push(heading + formatTable(section.columns.map((c) => c.title), rows, rightAligned).trimEnd());
  }
  return `${parts.join('\n')}\n`;
}

export async function writeReport(report: Report, options: ReportOptions): Promise<void> {
  checkFormat(options.format, cliFormats);
  const format = options.format as (typeof cliFormats)[number];
  if (format === 'table' || format === 'json') {
    if (!options.out) { if (format === 'json') printJson(report.data); else process.stdout.write(reportTable(report)); return; }
    fs.writeFileSync(options.out, format === 'table' ? reportTable(report) : jsonText(report.data));
    return;
  }
  if (format !== 'csv' && !options.out) throw invalid('out', reportMessages.outRequired({ format }));
  try {
    const content = await renderReportFile(report, format as 'csv' | 'xlsx' | 'pdf');
    if (options.out) {
      fs.writeFileSync(options.out, content);
      process.stderr.write(`wrote ${options.out} (${content.length} bytes)\n`);
    } else process.stdout.write(content);
  } finally {
    await closePdfBrowser();
  }
}
