import type { Schema } from '@bpmn-io/form-js';

/** A form-js schema is an object with a `components` array; anything else gets the key/value editor. */
export function formJsSchemaOf(value: unknown): Schema | null {
  let schema = value;
  if (typeof schema === 'string') {
    try {
      schema = JSON.parse(schema);
    } catch {
      return null;
    }
  }
  if (schema && typeof schema === 'object' && Array.isArray((schema as { components?: unknown }).components)) {
    return schema as Schema;
  }
  return null;
}

/** A typed-in value: JSON when it parses (numbers, true/false, objects), otherwise the text itself. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}
