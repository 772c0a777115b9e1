import type { ColumnType, Generated } from 'kysely';
import type { Channel, ProductKind, ProductStatus } from './product.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** An exact decimal (numeric), read as its text. */
type Decimal = ColumnType<string, string, string>;

export type ProductTable = {
  code: string;
  kind: ProductKind;
  name_zh: string;
  name_en: string;
  /** R1–R5 as 1–5. */
  risk_level: number;
  /** The key of the DMN decision that says whether a customer may have it; none: everyone may. */
  eligibility: string | null;
  min_amount: Decimal | null;
  term_months: number | null;
  rate_text: string | null;
  /** A payroll account (代发工资账户): holding it is the "salary account" life event. */
  salary_account: Generated<boolean>;
  status: ProductStatus;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type ProductSaleTable = {
  id: string;
  customer_id: string;
  product_code: string;
  product_version: number;
  amount: Decimal;
  channel: Channel;
  offer_id: string | null;
  /** The assessment the sale relied on (none for products that need none). */
  assessment_id: string | null;
  customer_level: string | null;
  product_risk: number;
  /** The staff member's username, or `customer` when the customer bought it themselves. */
  sold_by: string;
  unit_id: string;
  sold_at: Timestamp;
};

export type CustomerHoldingTable = {
  id: string;
  customer_id: string;
  product_code: string;
  amount: Decimal;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  sale_id: string | null;
};
