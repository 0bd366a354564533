/**
 * Answering a report over HTTP: every report route takes `?format=json|xlsx|csv|pdf` (`ReportFormatQuery`) and ends
 * with `sendReport`. JSON is the route's own answer; files come with their content type and a UTF-8 file name.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { CSV_CONTENT_TYPE, renderCsv } from './csv.ts';
import { PDF_CONTENT_TYPE, renderPdf } from './pdf.ts';
import { reportFormats, type Report, type ReportFormat } from './report.ts';
import { XLSX_CONTENT_TYPE, renderXlsx } from './xlsx.ts';

/** The query fragment of a report route: `...ReportFormatQuery` inside its `Type.Object`. */
export const ReportFormatQuery = {
  format: Type.Optional(Type.Union(reportFormats.map((format) => Type.Literal(format)), {
    description: 'json (default), xlsx (a sheet per section), csv (UTF-8 with BOM, the main table) or pdf (A4, printable)',
  })),
};

/** The file of a report in a binary or text format, with its content type. */
export async function renderReportFile(report: Report, format: Exclude<ReportFormat, 'json'>): Promise<{ contentType: string; content: Buffer }> {
  switch (format) {
    case 'xlsx': return { contentType: XLSX_CONTENT_TYPE, content: await renderXlsx(report) };
    case 'csv': return { contentType: CSV_CONTENT_TYPE, content: renderCsv(report) };
    case 'pdf': return { contentType: PDF_CONTENT_TYPE, content: await renderPdf(report) };
  }
}

/**
 * The report in the asked format: its data for JSON (the route's answer as before), else the file — a PDF shown in
 * the browser (to print), the others downloaded.
 */
export async function sendReport<Data>(reply: FastifyReply, report: Report<Data>, format: ReportFormat = 'json'): Promise<Data | FastifyReply> {
  if (format === 'json') return report.data;
  const { contentType, content } = await renderReportFile(report, format);
  const disposition = format === 'pdf' ? 'inline' : 'attachment';
  reply.header('content-type', contentType);
  reply.header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(`${report.fileName}.${format}`)}`);
  return reply.send(content);
}
