/** The uploaded file of an import request (multipart field "file"), read up to the configured limit (413 above it). */
import type { FastifyRequest } from 'fastify';
import { invalid } from '../errors.ts';
import { fieldRules } from '../fields.messages.ts';
import { importMessages as said } from './imports.messages.ts';
import { checkEncoding } from './decode.ts';
import { fileTooLarge, importLimits } from './read.ts';
import type { ImportFile } from './imports.service.ts';

/** The file and the encoding chosen (query `encoding` or a multipart field before the file; default: detected). */
export async function uploadedFile(request: FastifyRequest, query: { encoding?: string } = {}): Promise<ImportFile> {
  if (!request.isMultipart()) throw invalid('file', said.notMultipart());
  const limit = importLimits().fileBytes;
  const file = await request.file({ limits: { fileSize: limit, files: 1 }, throwFileSizeLimit: false });
  if (!file) throw invalid('file', fieldRules.required());
  const content = await file.toBuffer();
  if (file.file.truncated) throw fileTooLarge(limit);
  const field = file.fields.encoding as { value?: unknown } | undefined;
  const chosen = query.encoding ?? (typeof field?.value === 'string' ? field.value : undefined);
  return { fileName: file.filename, content, encoding: checkEncoding(chosen) };
}
