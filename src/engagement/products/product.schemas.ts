import { Type, type Static } from '@sinclair/typebox';
import { NullableString, Paging } from '../../platform/http/schemas.ts';
import { AMOUNT_PATTERN, CHANNELS, PRODUCT_CODE_PATTERN, PRODUCT_KINDS, PRODUCT_STATUSES, type Channel, type ProductKind, type ProductStatus } from './product.ts';

const Kind = Type.Unsafe<ProductKind>({ type: 'string', enum: [...PRODUCT_KINDS], description: 'deposit | wealth | card | loan | insurance' });
const Status = Type.Unsafe<ProductStatus>({ type: 'string', enum: [...PRODUCT_STATUSES], description: 'active (on sale) | withdrawn' });
export const ChannelSchema = Type.Unsafe<Channel>({ type: 'string', enum: [...CHANNELS], description: 'counter | phone (staff) · portal | mobile (the customer’s own)' });
const Amount = Type.String({ pattern: AMOUNT_PATTERN, description: 'Yuan as exact decimal text, at most two decimals, e.g. "50000.00"' });
const RiskLevel = Type.Integer({ minimum: 1, maximum: 5, description: 'R1 (lowest) to R5 (highest)' });
const Editable = {
  nameZh: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 150 }),
  riskLevel: RiskLevel,
  eligibility: Type.Union([Type.String({ minLength: 1, maxLength: 100, description: 'Key of a deployed DMN decision that says who may have it (shipped: productEligibility)' }), Type.Null()]),
  minAmount: Type.Union([Amount, Type.Null()]),
  termMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()]),
  rateText: Type.Union([Type.String({ minLength: 1, maxLength: 100, description: 'The rate or return as shown to customers, e.g. "2.60%–3.10% 业绩比较基准"' }), Type.Null()]),
  salaryAccount: Type.Boolean({ description: 'A payroll account: holding it is the "salary account" life event' }),
};

export const NewProductBody = Type.Object(
  {
    code: Type.String({ pattern: PRODUCT_CODE_PATTERN, description: 'Capitals, digits and dashes, e.g. WM-BOND-180' }),
    kind: Kind,
    nameZh: Editable.nameZh,
    nameEn: Editable.nameEn,
    riskLevel: RiskLevel,
    eligibility: Type.Optional(Editable.eligibility),
    minAmount: Type.Optional(Editable.minAmount),
    termMonths: Type.Optional(Editable.termMonths),
    rateText: Type.Optional(Editable.rateText),
    salaryAccount: Type.Optional(Editable.salaryAccount),
  },
  { additionalProperties: false },
);
export type NewProduct = Static<typeof NewProductBody>;

export const ProductChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    nameZh: Type.Optional(Editable.nameZh),
    nameEn: Type.Optional(Editable.nameEn),
    riskLevel: Type.Optional(RiskLevel),
    eligibility: Type.Optional(Editable.eligibility),
    minAmount: Type.Optional(Editable.minAmount),
    termMonths: Type.Optional(Editable.termMonths),
    rateText: Type.Optional(Editable.rateText),
    salaryAccount: Type.Optional(Editable.salaryAccount),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export type ProductChange = Static<typeof ProductChangeBody>;

export const ProductListQuery = Type.Object(
  { kind: Type.Optional(Kind), status: Type.Optional(Status), risk: Type.Optional(RiskLevel), q: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), ...Paging },
  { additionalProperties: false },
);

export const ProductSchema = Type.Object(
  {
    code: Type.String(),
    kind: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    riskLevel: Type.Integer(),
    risk: Type.String({ description: 'R1–R5' }),
    eligibility: NullableString,
    minAmount: NullableString,
    termMonths: Type.Union([Type.Integer(), Type.Null()]),
    rateText: NullableString,
    salaryAccount: Type.Boolean(),
    status: Type.String(),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Product' },
);

export const SaleBody = Type.Object(
  {
    customerId: Type.String({ minLength: 1, maxLength: 100 }),
    productCode: Type.String({ minLength: 1, maxLength: 30 }),
    amount: Amount,
    channel: ChannelSchema,
    offerId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100, description: 'The offer the sale answers, when it came from one' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type SaleInput = Static<typeof SaleBody>;

export const RefusalQuery = Type.Object(
  { customer: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), product: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })), ...Paging },
  { additionalProperties: false },
);
