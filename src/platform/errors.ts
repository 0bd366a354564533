/**
 * One error shape everywhere (HTTP and CLI):
 * `{error: {code, message, field?, rows?: [{row, field, message}]}}`.
 */
export interface RowProblem { row: number; field: string; message: string }

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rows?: RowProblem[],
  ) {
    super(message);
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.rows ? { rows: this.rows } : {}) } };
  }
}

export const invalid = (field: string, message: string) => new AppError(400, 'invalid', `${field}: ${message}`, field);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (field: string, message: string) => new AppError(409, 'conflict', message, field);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'sign in required') => new AppError(401, 'unauthorized', message);
export const rejectedRows = (message: string, rows: RowProblem[]) => new AppError(422, 'rows_rejected', message, undefined, rows);
