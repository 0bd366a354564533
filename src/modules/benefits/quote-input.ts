/**
 * Reading a quote's input (a JSON file for the CLI, a request body for the API) field by field: every problem is
 * collected, then one 400 names each field and its rule.
 */
import { invalidFields, type Said } from '../../platform/errors.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import { parseDecimal, parseYuan, type Decimal } from '../../platform/money.ts';
import { isRealDate, isRegionCode } from '../../platform/params/index.ts';
import { inputRules } from './benefits.messages.ts';

const DECIMAL = /^\d{1,6}(\.\d{1,8})?$/;
const YUAN = /^\d{1,13}(\.\d{1,2})?$/;
const MAX_MONTHS = 1200;

export class QuoteInputReader {
  private readonly problems: { field: string; message: Said }[] = [];
  private readonly fields: Record<string, unknown>;

  constructor(raw: unknown, allowed: readonly string[]) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidFields([{ field: 'input', message: inputRules.object() }]);
    this.fields = raw as Record<string, unknown>;
    for (const field of Object.keys(this.fields)) {
      if (!allowed.includes(field)) this.problem(field, inputRules.unknownField({ fields: allowed.join(', ') }));
    }
  }

  problem(field: string, message: Said): void {
    this.problems.push({ field, message });
  }

  /** Throws the 400 naming every field with a problem; returns when there is none. */
  done(): void {
    if (this.problems.length > 0) throw invalidFields(this.problems);
  }

  private value(field: string, required: boolean): unknown {
    const value = this.fields[field];
    if ((value === undefined || value === null) && required) this.problem(field, fieldRules.required());
    return value ?? undefined;
  }

  date(field: string): string {
    const value = this.value(field, true);
    if (value === undefined) return '';
    if (typeof value !== 'string' || !isRealDate(value)) this.problem(field, inputRules.dateGot({ text: String(value) }));
    return String(value);
  }

  months(field: string, required: boolean): number {
    const value = this.value(field, required);
    if (value === undefined) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MONTHS) {
      this.problem(field, fieldRules.integerFromToGot({ min: 0, max: MAX_MONTHS, value: JSON.stringify(value) }));
      return 0;
    }
    return value;
  }

  decimal(field: string): Decimal {
    const value = this.value(field, true);
    if (value === undefined) return { units: 0n, scale: 0 };
    if (typeof value !== 'string' || !DECIMAL.test(value)) {
      this.problem(field, inputRules.nonNegativeDecimalGot({ text: String(value) }));
      return { units: 0n, scale: 0 };
    }
    return parseDecimal(value, field);
  }

  yuan(field: string, required: boolean): bigint | null {
    const value = this.value(field, required);
    if (value === undefined) return null;
    if (typeof value !== 'string' || !YUAN.test(value)) {
      this.problem(field, inputRules.nonNegativeYuanGot({ text: String(value) }));
      return null;
    }
    return parseYuan(value, field);
  }

  choice<T extends string>(field: string, choices: readonly T[], required: boolean): T | null {
    const value = this.value(field, required);
    if (value === undefined) return null;
    if (!choices.includes(value as T)) {
      this.problem(field, fieldRules.oneOf({ values: choices.join(', ') }));
      return null;
    }
    return value as T;
  }

  region(): string | null {
    const value = this.value('region', false);
    if (value === undefined) return null;
    if (typeof value !== 'string' || !isRegionCode(value)) {
      this.problem('region', inputRules.regionGot({ text: String(value) }));
      return null;
    }
    return value;
  }
}
