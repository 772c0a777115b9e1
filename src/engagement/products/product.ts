import type { Selectable } from 'kysely';
import type { Localized } from '../../platform/errors.ts';
import type { ProductTable } from './product.table.ts';

/*
 * The product catalogue's vocabulary and its pure rules: kinds, statuses, channels, exact amounts.
 */

export const PRODUCT_KINDS = ['deposit', 'wealth', 'card', 'loan', 'insurance'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_STATUSES = ['active', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Where a customer is served: staff record counter and phone; portal and mobile are the customer's own. */
export const CHANNELS = ['counter', 'portal', 'mobile', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STAFF_CHANNELS: readonly Channel[] = ['counter', 'phone'];
export const CUSTOMER_CHANNELS: readonly Channel[] = ['portal', 'mobile'];

export const PRODUCT: Localized = { en: 'product', zh: '产品' };

export const KIND_NAMES: Record<ProductKind, Localized> = {
  deposit: { en: 'deposit', zh: '存款' },
  wealth: { en: 'wealth management', zh: '理财' },
  card: { en: 'card', zh: '银行卡' },
  loan: { en: 'loan', zh: '贷款' },
  insurance: { en: 'insurance', zh: '保险' },
};

/** Product codes: capitals, digits and dashes, e.g. `WM-BOND-180`. */
export const PRODUCT_CODE_PATTERN = '^[A-Z][A-Z0-9-]{1,29}$';
/** Money as exact decimal text: yuan with at most two decimals. */
export const AMOUNT_PATTERN = '^[0-9]{1,16}(\\.[0-9]{1,2})?$';

/** A product as the API shows it. */
export type Product = {
  code: string;
  kind: ProductKind;
  nameZh: string;
  nameEn: string;
  /** 1–5 (R1–R5). */
  riskLevel: number;
  /** `R1`–`R5`. */
  risk: string;
  eligibility: string | null;
  minAmount: string | null;
  termMonths: number | null;
  rateText: string | null;
  salaryAccount: boolean;
  status: ProductStatus;
  version: number;
  updatedAt: string;
};

export function productOf(r: Selectable<ProductTable>): Product {
  return {
    code: r.code,
    kind: r.kind,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    riskLevel: r.risk_level,
    risk: `R${r.risk_level}`,
    eligibility: r.eligibility,
    minAmount: r.min_amount === null ? null : plainAmount(r.min_amount),
    termMonths: r.term_months,
    rateText: r.rate_text,
    salaryAccount: r.salary_account,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** An amount in fen (分), exactly: `"1234.5"` → 123450n. The text must match AMOUNT_PATTERN. */
export function fen(amount: string): bigint {
  const [whole, part = ''] = amount.split('.');
  return BigInt(whole!) * 100n + BigInt(part.padEnd(2, '0'));
}

/** Decimal text with two places, as numeric(18,2) gives it back: `"50"` → `"50.00"`. */
export function plainAmount(amount: string): string {
  const f = fen(amount);
  return `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
}
