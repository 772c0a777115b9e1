import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError, Localized } from '../errors.ts';

// ajv-formats is CommonJS; its default export arrives one level down under ESM.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

function makeAjv(coerceTypes: boolean): Ajv {
  // Bodies are checked strictly: no type coercion, no silent removal of unknown fields (they are
  // refused), every error reported at once. Query strings and path parameters arrive as text and
  // are coerced to the declared types.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerceTypes ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Fastify's validator factory: strict for bodies, coercing for query strings, params and headers.
 * Shared schemas (those added with `addSchema`) are known to both, so routes can `$ref` them.
 */
export function buildValidator(externalSchemas: Record<string, unknown>): FastifySchemaCompiler<unknown> {
  const bodyAjv = makeAjv(false);
  const paramAjv = makeAjv(true);
  for (const schema of Object.values(externalSchemas)) {
    bodyAjv.addSchema(schema as object);
    paramAjv.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : paramAjv;
    return ajv.compile(schema as object) as ValidateFunction;
  };
}

/** Turns ajv's errors into field errors with a message in both languages. */
export function fieldErrorsFromAjv(errors: ErrorObject[], part: string): FieldError[] {
  return errors.map((error) => {
    let field = error.instancePath || '';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') field += `/${String(params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') field += `/${String(params.additionalProperty)}`;
    const prefix = part === 'body' ? '' : `${part}:`;
    return { field: `${prefix}${field || '/'}`, message: ajvMessage(error) };
  });
}

function ajvMessage(error: ErrorObject): Localized {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { en: 'is required', zh: '必须填写' };
    case 'additionalProperties':
      return { en: 'is not a known field', zh: '不是可接受的字段' };
    case 'type':
      return { en: `must be of type ${String(p.type)}`, zh: `类型应为 ${typeName(String(p.type))}` };
    case 'minLength':
      return { en: `must have at least ${String(p.limit)} characters`, zh: `至少 ${String(p.limit)} 个字符` };
    case 'maxLength':
      return { en: `must have at most ${String(p.limit)} characters`, zh: `最多 ${String(p.limit)} 个字符` };
    case 'minItems':
      return { en: `must have at least ${String(p.limit)} items`, zh: `至少 ${String(p.limit)} 项` };
    case 'maxItems':
      return { en: `must have at most ${String(p.limit)} items`, zh: `最多 ${String(p.limit)} 项` };
    case 'minimum':
      return { en: `must be ≥ ${String(p.limit)}`, zh: `不能小于 ${String(p.limit)}` };
    case 'maximum':
      return { en: `must be ≤ ${String(p.limit)}`, zh: `不能大于 ${String(p.limit)}` };
    case 'pattern':
      return { en: 'has an invalid format', zh: '格式不正确' };
    case 'format':
      return { en: `must be a valid ${String(p.format)}`, zh: `应为有效的 ${String(p.format)}` };
    case 'enum':
    case 'const':
      return {
        en: `must be one of: ${formatAllowed(p)}`,
        zh: `只能是以下之一：${formatAllowed(p)}`,
      };
    case 'uniqueItems':
      return { en: 'must not contain duplicates', zh: '不能包含重复项' };
    default:
      return { en: error.message ?? 'is invalid', zh: '不符合要求' };
  }
}

function formatAllowed(p: Record<string, unknown>): string {
  const values = Array.isArray(p.allowedValues) ? p.allowedValues : [p.allowedValue];
  return values.map((v) => String(v)).join(', ');
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: '字符串',
    number: '数字',
    integer: '整数',
    boolean: '布尔值',
    object: '对象',
    array: '数组',
    null: '空值',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join('或');
}
