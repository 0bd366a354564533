/** Answers of the ledger's import routes (bank statements, ledger entries): what the import pipeline adds to each. */
import { Type } from '@sinclair/typebox';
import { DateOnly, Money, Month } from '../../platform/http/schemas.ts';
import { ImportAnswerFields as ImportRecordPart } from '../../platform/imports/imports.schemas.ts';
import { StatementImport } from './ledger.schemas.ts';

/** A bank statement file imported (or imported before: duplicateFile and alreadyImported). */
export const StatementImportAnswer = Type.Composite([StatementImport, Type.Object(ImportRecordPart)]);

/** A ledger entry file previewed: what confirming it would post. */
export const LedgerImportPreview = Type.Object({
  ...ImportRecordPart,
  fileName: Type.String(), entries: Type.Integer(), toPost: Type.Integer(), alreadyPosted: Type.Integer(), lines: Type.Integer(),
  amount: Money,
  funds: Type.Array(Type.Object({ fund: Type.String(), entries: Type.Integer(), toPost: Type.Integer(), lines: Type.Integer(), amount: Money })),
  sample: Type.Array(Type.Object({
    key: Type.String(), fund: Type.String(), period: Month, date: DateOnly, memo: Type.String(), lines: Type.Integer(), amount: Money,
    status: Type.Union([Type.Literal('post'), Type.Literal('already_posted')]),
  }), { description: 'the first 100 entries of the file' }),
});

/** A ledger entry file posted (or posted before: alreadyImported). */
export const LedgerImportResult = Type.Object({
  ...ImportRecordPart,
  fileName: Type.String(), entries: Type.Integer(), posted: Type.Integer(), existing: Type.Integer({ description: 'entries posted before (same key and content)' }), lines: Type.Integer(),
});
