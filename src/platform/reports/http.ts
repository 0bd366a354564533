/**
 * Answering a report over HTTP: every report route takes `?format=json|xlsx|csv|pdf` (`ReportFormatQuery`) and ends
 * with `sendReport`. JSON is the route's own answer; files come with their content type and a UTF-8 file name.
 */
import { Type } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
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

/** The file of a report in a binary or text format. */
export async function renderReportFile(report: Report, format: Exclude<ReportFormat, 'json'>): Promise<Buffer> {
  switch (format) {
    case 'xlsx': return renderXlsx(report);
    case 'csv': return renderCsv(report);
    case 'pdf': return renderPdf(report);
  }
}

const contentTypes: Record<string, string> = { xlsx: XLSX_CONTENT_TYPE, csv: CSV_CONTENT_TYPE, pdf: PDF_CONTENT_TYPE };

/**
 * A file answer, its content type from the name's extension, with the name in UTF-8 (RFC 6266 `filename*`): a PDF
 * shown in the browser (to print), the others downloaded; a stream (a list's export) is sent as it is written. Every
 * file the API sends goes out this way.
 */
export function sendFile(reply: FastifyReply, fileName: string, content: Buffer | Readable): FastifyReply {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1);
  reply.header('content-type', contentTypes[extension] ?? 'application/octet-stream');
  reply.header('content-disposition', `${extension === 'pdf' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(content);
}

/** The report in the asked format: its data for JSON (the route's answer as before), else the file. */
export async function sendReport<Data>(reply: FastifyReply, report: Report<Data>, format: ReportFormat = 'json'): Promise<Data | FastifyReply> {
  if (format === 'json') return report.data;
  return sendFile(reply, `${report.fileName}.${format}`, await renderReportFile(report, format));
}
