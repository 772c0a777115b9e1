import { Type, type Static } from '@sinclair/typebox';
import { Paging } from '../platform/http/schemas.ts';

/** An enumeration as one JSON-schema `enum` (one error naming the field, not one per choice). */
const oneOf = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const KINDS = ['store', 'online'] as const;
export const SCALES = ['micro', 'small', 'medium', 'large'] as const;
export const TIERS = ['standard', 'key', 'strategic'] as const;
export const RATINGS = ['low', 'medium', 'high'] as const;
export const STATUSES = ['applying', 'active', 'restricted', 'suspended', 'terminated', 'refused'] as const;
export const PERSON_ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_id'] as const;

const Region = Type.String({ pattern: '^[0-9]{6}$', description: 'Administrative division code (GB/T 2260), e.g. 110108 for Haidian, Beijing' });
const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 \\-]{5,19}$' });

const Person = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idType: oneOf(PERSON_ID_TYPES),
    idNumber: Type.String({ minLength: 5, maxLength: 30 }),
  },
  { additionalProperties: false },
);

export const NewMerchantBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    uscc: Type.String({ minLength: 18, maxLength: 18, description: 'Unified social credit code (统一社会信用代码), check character verified' }),
    kind: oneOf(KINDS, 'A physical store or an online merchant'),
    mcc: Type.String({ pattern: '^[0-9]{4}$', description: 'Merchant category code (ISO 18245)' }),
    region: Region,
    scale: oneOf(SCALES),
    address: Type.String({ minLength: 4, maxLength: 300 }),
    /** The branch that serves the merchant (unit code); the actor's own unit when left out. */
    unitCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    settlementAccount: Type.String({ pattern: '^[0-9]{12,30}$', description: 'The settlement account number (stored sealed, shown masked)' }),
    contactName: Type.String({ minLength: 1, maxLength: 100 }),
    contactPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
    tier: Type.Optional(oneOf(TIERS)),
    legalRepresentative: Person,
    beneficialOwners: Type.Optional(
      Type.Array(Type.Object({ ...Person.properties, share: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Percent held' }) }, { additionalProperties: false }), { maxItems: 10 }),
    ),
  },
  { additionalProperties: false },
);
export type NewMerchant = Static<typeof NewMerchantBody>;

export const MerchantListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Name (contains), merchant code or social credit code (exact)' })),
    status: Type.Optional(oneOf(STATUSES)),
    rating: Type.Optional(oneOf(RATINGS)),
    ...Paging,
  },
  { additionalProperties: false },
);
export type MerchantListFilter = Static<typeof MerchantListQuery>;

export const NewTerminalBody = Type.Object(
  {
    serial: Type.String({ pattern: '^[A-Za-z0-9\\-]{6,40}$' }),
    model: Type.String({ minLength: 1, maxLength: 60 }),
    location: Type.String({ minLength: 2, maxLength: 200 }),
    region: Region,
  },
  { additionalProperties: false },
);

export const NewAgreementBody = Type.Object(
  {
    feeRate: Type.String({ pattern: '^[0-9]{1,2}(\\.[0-9]{1,4})?$', description: 'Fee rate in percent, exact (e.g. "0.38")' }),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  },
  { additionalProperties: false },
);
