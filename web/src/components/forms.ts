import type { FormInstance } from 'antd';
import { ApiError } from '../api.ts';

/**
 * Shows an API error on a form: on the named field when the API names one the form has, otherwise returned
 * as a message for the caller to show above the form.
 */
export function applyApiError(form: FormInstance, error: unknown, fields: string[]): string | undefined {
  if (error instanceof ApiError && error.field) {
    const name = error.field.split('.')[0];
    if (fields.includes(name)) {
      form.setFields([{ name, errors: [error.message] }]);
      return undefined;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
