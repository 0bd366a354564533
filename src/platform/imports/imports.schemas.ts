/** Answers of the import pipeline's routes (src/platform/imports/imports.routes.ts and every import route). */
import { Type, type TSchema } from '@sinclair/typebox';
import { IdText, Nullable, Timestamp } from '../http/schemas.ts';
import { ListAnswer } from '../http/lists.schemas.ts';

/** What every import answers beside its own result: the import's record, the file's SHA-256, and whether it is a repeat. */
export const ImportAnswerFields = {
  importId: IdText,
  sha256: Type.String({ description: 'SHA-256 of the file (hex)' }),
  alreadyImported: Type.Boolean({ description: 'true: the same file was imported before; this is its first answer and nothing changed' }),
};

/** An import's answer: its own result fields and the pipeline's. */
export const ImportAnswer = <Fields extends Record<string, TSchema>>(fields: Fields) => Type.Object({ ...fields, ...ImportAnswerFields });

export const ImportRecord = Type.Object({
  id: IdText, kind: Type.String(), fileName: Type.String(), sha256: Type.String(), format: Type.String({ description: 'csv, xlsx or camt053' }),
  encoding: Nullable(Type.String({ description: 'utf-8, utf-8 with BOM, gb18030 … (CSV only)' })), sizeBytes: Type.Integer(),
  status: Type.String({ description: 'applied, previewed or rejected' }), rows: Type.Integer(), applied: Type.Integer(), errors: Type.Integer(),
  errorRows: Type.Integer(), by: Type.String(), userId: Nullable(IdText), at: Timestamp, appliedAt: Nullable(Timestamp),
  result: Type.Unknown({ description: 'the answer the import gave (its own shape per kind)' }),
});

export const ImportRecords = ListAnswer(ImportRecord);
