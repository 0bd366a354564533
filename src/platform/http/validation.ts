/**
 * Schema refusals in the user's language: Ajv's first error becomes `{field, said}` — the field path (as the
 * client sent it: `lines.3.amount`) and the rule it breaks, with the rule's parameters (allowed values, limits).
 */
import { defineMessages, isSaid, type Said } from '../messages.ts';

const said = defineMessages('validation', {
  required: ['必填', 'is required'],
  enum: ['须为以下之一：{values}', 'must be one of {values}'],
  const: ['须为 {value}', 'must be {value}'],
  type: ['类型应为 {type}', 'must be {type}'],
  pattern: ['格式不正确（应符合 {pattern}）', 'must match the pattern {pattern}'],
  format: ['格式不正确（应为 {format}）', 'must be a {format}'],
  minLength: ['至少 {limit} 个字符', 'must have at least {limit} characters'],
  maxLength: ['至多 {limit} 个字符', 'must have at most {limit} characters'],
  minimum: ['不得小于 {limit}', 'must be at least {limit}'],
  maximum: ['不得大于 {limit}', 'must be at most {limit}'],
  exclusiveMinimum: ['须大于 {limit}', 'must be above {limit}'],
  exclusiveMaximum: ['须小于 {limit}', 'must be below {limit}'],
  minItems: ['至少 {limit} 项', 'must have at least {limit} items'],
  maxItems: ['至多 {limit} 项', 'must have at most {limit} items'],
  additionalProperties: ['不认识的字段 {name}', 'has an unknown field {name}'],
  anyOf: ['不符合任何一种允许的形式', 'matches none of the allowed forms'],
  other: ['不符合规则（{message}）', 'breaks a rule ({message})'],
});

/** The parts of an Ajv error this reads. */
export interface SchemaError { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> }

/** The field and the rule of a schema refusal. */
export function schemaProblem(error: SchemaError | undefined, context: string | undefined): { field: string; said: Said } {
  const params = error?.params ?? {};
  const path = (error?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const field = (error?.keyword === 'required' && missing ? [path, missing].filter(Boolean).join('.') : path) || missing || context || 'body';
  const limit = params.limit === undefined ? '' : String(params.limit);
  switch (error?.keyword) {
    case 'required': return { field, said: said.required() };
    case 'enum': return { field, said: said.enum({ values: (params.allowedValues as unknown[] | undefined)?.join(', ') ?? '' }) };
    case 'const': return { field, said: said.const({ value: String(params.allowedValue) }) };
    case 'type': return { field, said: said.type({ type: String(params.type) }) };
    case 'pattern': return { field, said: said.pattern({ pattern: String(params.pattern) }) };
    case 'format': return { field, said: said.format({ format: String(params.format) }) };
    case 'minLength': case 'maxLength': case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': case 'minItems': case 'maxItems':
      return { field, said: said[error.keyword]({ limit }) };
    case 'additionalProperties': return { field, said: said.additionalProperties({ name: String(params.additionalProperty) }) };
    case 'anyOf': return { field, said: said.anyOf() };
    case 'x-check': if (isSaid(params.said)) return { field, said: params.said }; break;
  }
  return { field, said: said.other({ message: error?.message ?? '' }) };
}
