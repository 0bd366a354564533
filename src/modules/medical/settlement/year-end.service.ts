/** The year-end settlement preview (年终清算试算) that the command line and the API share: read, settle, answer. */
import { getParameters } from '../../../platform/params/index.ts';
import { readYearEndInput, yearEndAnswer, type YearEndAnswer } from './year-end.input.ts';

/** Settles the institutions of the input (JSON as sent) under its rules or its region's; changes nothing. */
export function previewYearEndSettlement(input: unknown): YearEndAnswer {
  return yearEndAnswer(readYearEndInput(input, getParameters));
}
