import { Type, type Static } from '@sinclair/typebox';
import { NullableString, Paging } from '../../platform/http/schemas.ts';

export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_id', 'uscc'] as const;
export type IdType = (typeof ID_TYPES)[number];

const DateText = Type.String({ format: 'date' });
const Consents = Type.Object(
  { marketing: Type.Boolean(), sms: Type.Boolean(), dataSharing: Type.Boolean() },
  { additionalProperties: false, description: 'What the customer agreed to: marketing contact, service SMS, sharing data within the group' },
);

export const NewCustomerBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('individual'), Type.Literal('corporate')]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idType: Type.Union(ID_TYPES.map((t) => Type.Literal(t))),
    idNumber: Type.String({ minLength: 5, maxLength: 30 }),
    idExpiry: Type.Optional(Type.Union([DateText, Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9][0-9 \\-]{5,19}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    segment: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    relationshipManager: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    /** The customer's home branch (unit code); the actor's own unit when left out. */
    unitCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    consents: Type.Optional(Consents),
  },
  { additionalProperties: false },
);
export type NewCustomer = Static<typeof NewCustomerBody>;

export const CustomerChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    idExpiry: Type.Optional(Type.Union([DateText, Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9][0-9 \\-]{5,19}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    segment: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    relationshipManager: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    consents: Type.Optional(Consents),
  },
  { additionalProperties: false },
);
export type CustomerChange = Static<typeof CustomerChangeBody>;

export const RiskFlagsBody = Type.Object({ version: Type.Integer({ minimum: 1 }), blacklisted: Type.Boolean(), pep: Type.Boolean(), reason: Type.String({ minLength: 4, maxLength: 500 }) }, { additionalProperties: false });

export const CustomerSearchBody = Type.Object(
  {
    idType: Type.Optional(Type.Union(ID_TYPES.map((t) => Type.Literal(t)))),
    idNumber: Type.Optional(Type.String({ minLength: 5, maxLength: 30 })),
    phone: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })),
  },
  { additionalProperties: false, description: 'Exact identity search: by ID number (any type when idType is left out) or by phone' },
);

export const CustomerListQuery = Type.Object({ name: Type.Optional(Type.String({ maxLength: 100 })), segment: Type.Optional(Type.String({ maxLength: 40 })), ...Paging }, { additionalProperties: false });

export const RevealCustomerBody = Type.Object(
  { fields: Type.Array(Type.Union([Type.Literal('name'), Type.Literal('idNumber'), Type.Literal('phone'), Type.Literal('email')]), { minItems: 1, maxItems: 4, uniqueItems: true }), reason: Type.String({ minLength: 4, maxLength: 500 }) },
  { additionalProperties: false },
);

export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    name: Type.String({ description: 'Masked' }),
    idType: Type.String(),
    idNumber: Type.String({ description: 'Masked' }),
    idExpiry: NullableString,
    phone: NullableString,
    email: NullableString,
    segment: Type.String(),
    relationshipManager: NullableString,
    unitId: Type.String(),
    unitCode: Type.String(),
    consents: Type.Record(Type.String(), Type.Boolean()),
    blacklisted: Type.Boolean(),
    pep: Type.Boolean(),
    createdAt: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Customer' },
);

export const SegmentSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), rank: Type.Integer() });
export const SegmentsBody = Type.Object({ segments: Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }), nameZh: Type.String({ minLength: 1, maxLength: 40 }), nameEn: Type.String({ minLength: 1, maxLength: 40 }), rank: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
