/**
 * One error shape everywhere (HTTP and CLI):
 * `{error: {code, rule, message, params?, field?, fieldLabel?, rows?: [{row, field, message}]}}`.
 * `code` is the class of the error (invalid, not_found, conflict, forbidden …) and `rule` the stable key of the
 * message (registry.idNumber.checkCharacter); `message` is rendered in the language asked for (./messages.ts), and
 * `error.message` of the thrown object is the English one, for logs.
 */
import { defineMessages, fieldLabel, render, type Language, type MessageParams, type Said } from './messages.ts';

export interface RowProblem { row: number; field: string; message: string | Said; rule?: string }

const said = defineMessages('error', {
  fieldProblem: ['{field}：{problem}', '{field}: {problem}'],
  notFound: ['{what}不存在', '{what} not found'],
  signInRequired: ['请先登录', 'sign in required'],
  andAlso: ['{first}；{next}', '{first}; {next}'],
});

/** A field named in a message, shown by its label in the message's language (`idNumber` → 公民身份号码). */
export function fieldSaid(field: string): Said {
  return { key: `field.${field}`, params: {} };
}

export class AppError extends Error {
  readonly said: Said | string;
  constructor(
    readonly status: number,
    readonly code: string,
    message: Said | string,
    readonly field?: string,
    readonly rows?: RowProblem[],
  ) {
    super(render(message, 'en'));
    this.said = message;
  }
  /** The answer's body, its message (and its rows' messages) in `language`. */
  toJSON(language: Language = 'en') {
    const said = this.said;
    const rule = typeof said === 'string' ? undefined : said.key;
    const params = typeof said === 'string' || Object.keys(said.params).length === 0 ? undefined
      : Object.fromEntries(Object.entries(said.params).map(([name, value]) => [name, typeof value === 'object' ? render(value, language) : String(value)]));
    return {
      error: {
        code: this.code, ...(rule ? { rule } : {}), message: render(said, language), ...(params ? { params } : {}),
        ...(this.field ? { field: this.field, fieldLabel: fieldLabel(this.field, language) } : {}),
        ...(this.rows ? { rows: this.rows.map((row) => ({ ...row, message: render(row.message, language), fieldLabel: fieldLabel(row.field, language) })) } : {}),
      },
    };
  }
}

/** A refused value: the field (by its label) and the rule it breaks. */
export const invalid = (field: string, problem: Said | string) => new AppError(400, 'invalid', said.fieldProblem({ field: fieldSaid(field), problem }), field);
/** Several refused values at once (a form's every problem): each by its field's label, in one message naming the first field. */
export function invalidFields(problems: readonly { field: string; message: Said | string }[]): AppError {
  const parts = problems.map((problem) => said.fieldProblem({ field: fieldSaid(problem.field), problem: problem.message }));
  return new AppError(400, 'invalid', parts.reduce((first, next) => said.andAlso({ first, next })), problems[0].field);
}
export const notFound = (what: Said | string) => new AppError(404, 'not_found', said.notFound({ what }));
export const conflict = (field: string, message: Said | string) => new AppError(409, 'conflict', message, field);
export const forbidden = (message: Said | string) => new AppError(403, 'forbidden', message);
export const unauthorized = (message: Said | string = said.signInRequired()) => new AppError(401, 'unauthorized', message);
export const rejectedRows = (message: Said | string, rows: RowProblem[]) => new AppError(422, 'rows_rejected', message, undefined, rows);

export type { MessageParams, Said };
