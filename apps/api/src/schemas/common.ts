import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String({ description: 'On a 5xx: the request id (also the X-Request-Id header), to quote to the operator' })),
    errors: Type.Optional(Type.Array(Type.Object({
      field: Type.String(),
      code: Type.String(),
      message: Type.String(),
      params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), { description: 'The values the message names (ids, amounts, reason codes)' })),
    }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details, localised by Accept-Language' },
);

/** Every route answers errors with problem details; listed once so OpenAPI shows it. */
export const problemResponses = {
  '4xx': Type.Ref('Problem'),
  '5xx': Type.Ref('Problem'),
};

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 200 });
export const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export const Instant = Type.String({ format: 'date-time' });
export const Reason = Type.String({ minLength: 2, maxLength: 2000 });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** A string enum, typed as the union of its values and shown as `enum` in OpenAPI. */
export const Literals = <T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });

/**
 * A value or null as one schema (`nullable: true`, which Ajv and OpenAPI 3.0 read) rather than a
 * union: under the app's `coerceTypes`, a union's branches coerce — 0 became null, null became ''.
 */
export const OrNull = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, nullable: true });
