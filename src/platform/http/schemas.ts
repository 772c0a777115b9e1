import { Type, type TSchema } from '@sinclair/typebox';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Response schemas of a route: its success body, and problem details for every error. */
export function responses<T extends TSchema>(ok: T, status = 200) {
  return {
    [status]: ok,
    '4xx': Type.Ref('Problem'),
    '5xx': Type.Ref('Problem'),
  } as Record<number, T>;
}

export function noContent() {
  return { 204: Type.Null({ description: 'No content' }), '4xx': Type.Ref('Problem'), '5xx': Type.Ref('Problem') } as Record<number, TSchema>;
}

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};

export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const Timestamp = Type.String({ format: 'date-time' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);
