import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** `tier`: exclusive, the highest-ranked matching tier is the customer's tier; `group`: any number. */
export type SegmentKind = 'tier' | 'group';
export type RunScope = 'all' | 'customers';
export type RunTrigger = 'scheduled' | 'manual' | 'change' | 'start';
/** The quintile bounds (20th, 40th, 60th, 80th percentiles) the RFM scores of a run were given by. */
export type RfmBounds = { r: number[]; f: number[]; m: number[] };

export type SegmentTable = {
  code: string;
  kind: SegmentKind;
  name_zh: string;
  name_en: string;
  description_zh: string | null;
  description_en: string | null;
  /** A FEEL condition over the customer facts (facts.ts, FACT_SCOPE). */
  expression: string;
  /** Tiers: the highest matching rank wins; groups: the order they are listed in. */
  rank: number;
  active: boolean;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type SegmentRunTable = {
  id: string;
  /** The order runs began in (instants can tie). */
  seq: Generated<string>;
  scope: RunScope;
  trigger: RunTrigger;
  day: DateOnly;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  customers: Generated<number>;
  entered_count: Generated<number>;
  left_count: Generated<number>;
  tier_changes: Generated<number>;
  rfm_bounds: Json<RfmBounds> | null;
  started_by: string | null;
};

export type SegmentMemberTable = {
  segment_code: string;
  customer_id: string;
  since: Timestamp;
  run_id: string;
};

export type SegmentMembershipEventTable = {
  id: Generated<string>;
  segment_code: string;
  segment_version: number;
  customer_id: string;
  change: 'entered' | 'left';
  at: Timestamp;
  run_id: string;
};
