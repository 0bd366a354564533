/** The import pipeline: what modules use to read, check, apply and record import files. */
export { checkEncoding, decodeText, textEncodings, type TextEncoding } from './decode.ts';
export { amountOf, codeOf, dateOf, excelSerialDate, fieldOfHeader, registerFields, titleOf, type FieldEntry } from './dictionary.ts';
export { importLimits, readTable, readXmlText, formatOf, type ImportLimits, type ImportTable } from './read.ts';
export { checkTable, moreProblems, tableReader, RowProblems, type CheckedRow, type CheckedTable, type ImportColumn, type ImportProblem, type ImportSchema } from './check.ts';
export { confirmImport, getImport, runImport, ImportRejected, ANSWERED_PROBLEMS, type ImportAnswer, type ImportDefinition, type ImportFile, type ReadFile } from './imports.service.ts';
export { uploadedFile } from './upload.ts';
