/** Answers of the parameter routes (params.routes.ts). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { DateOnly, Nullable } from '../http/schemas.ts';
import { ListAnswer } from '../http/lists.schemas.ts';

/** A parameter's value in JSON: a rate as decimal text, money as yuan text, an integer, a text or a table. */
const ParameterValue = Type.Unknown({ description: 'rate: decimal text ("0.16"); money: yuan text; integer; text; table: object' });
/** The parameter file's `description` (Chinese) or `description_en` (English), as the request's Accept-Language asks. */
const Description = Type.String({ description: 'in the language of Accept-Language: Chinese (zh…) or English (otherwise)' });

export const ParameterLookup = Type.Object({
  path: Type.String(), description: Description, value: ParameterValue, since: DateOnly, reference: Type.String({ description: 'the legal source' }),
  region: Nullable(Type.String({ description: 'the region whose override applied; null: national' })),
});

export const ParameterListItem = Type.Object({
  path: Type.String(), description: Description, unit: Type.String(),
  value: ParameterValue, since: Nullable(DateOnly), reference: Nullable(Type.String()), region: Nullable(Type.String()),
});

/** 参数一览: a page of the parameters that match, with their count (exact) and the next page's cursor. */
export const ParameterList = ListAnswer(ParameterListItem);

export const ParameterHistory = Type.Object({
  path: Type.String(), description: Description, unit: Type.String(),
  choices: Type.Optional(Type.Array(Type.String(), { description: 'text only: the allowed values' })),
  values: Type.Array(Type.Object({ since: DateOnly, value: ParameterValue, reference: Type.String(), region: Nullable(Type.String()) })),
});

export const ParameterPath = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', maxLength: 200, description: 'e.g. contribution.pension.employer_rate' });

/** A value set in the UI: who proposed and who approved it. */
export const RegionalValueApproval = Type.Object({
  region: Type.String(), since: DateOnly, value: Type.String({ description: 'as the parameter files write it' }), reference: Type.String(),
  proposedBy: Type.String(), approvedBy: Type.String(), approvedAt: Type.String({ format: 'date-time' }), approvalItemId: Type.Union([Type.String(), Type.Null()], { description: 'the sign-off item; null for a value the system set as an installation step (the demo)' }),
});
