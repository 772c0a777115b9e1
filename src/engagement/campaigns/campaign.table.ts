import type { ColumnType, Generated } from 'kysely';
import type { CampaignKind, CampaignStatus, ContactDecision, LotteryRule, MarketingChannel, Messages, Outcome, Prize, Response } from './campaign.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type ConsentSource = 'counter' | 'phone' | 'portal' | 'paper' | 'demo';

/** Every grant and withdrawal of marketing consent on a channel; the latest per channel is in force. */
export type CustomerMarketingConsentTable = {
  id: Generated<string>;
  customer_id: string;
  channel: MarketingChannel;
  granted: boolean;
  changed_at: Timestamp;
  changed_by: string;
  source: ConsentSource;
};

/** The bank's contact rules (one row): at most `frequency_cap` campaigns reach a customer in `window_days`. */
export type CampaignSettingTable = {
  id: number;
  frequency_cap: number;
  window_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type CampaignTable = {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  kind: CampaignKind;
  segment_code: string;
  channels: Json<MarketingChannel[]>;
  messages: Json<Messages>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  control_percent: number;
  /** Promotions and lotteries: a sale of this product in the campaign's window is a conversion. */
  product_code: string | null;
  offer_zh: string | null;
  offer_en: string | null;
  prizes: Json<Prize[]> | null;
  lottery_rule: LotteryRule | null;
  status: CampaignStatus;
  /** The owner unit: the campaign reaches customers of this unit and the units below it. */
  unit_id: string;
  /** The lottery's secret seed, published only with the draw. */
  seed: string | null;
  seed_commitment: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  launched_by: string | null;
  launched_at: Timestamp | null;
  started_at: Timestamp | null;
  version: Generated<number>;
};

/** A customer's decision at the start: the arm, and whether they were (or, in control, would have been) contacted. */
export type CampaignAudienceTable = {
  campaign_id: string;
  customer_id: string;
  arm: 'treatment' | 'control';
  outcome: Outcome;
  token_hash: string | null;
  decided_at: Timestamp;
  responded_at: Timestamp | null;
  response: Response | null;
  declined_at: Timestamp | null;
  converted_at: Timestamp | null;
};

export type CampaignContactTable = {
  id: string;
  campaign_id: string;
  customer_id: string;
  channel: MarketingChannel;
  decision: ContactDecision;
  notification_id: string | null;
  /** Deferred by quiet hours: when the message goes out. */
  scheduled_for: Timestamp | null;
  at: Timestamp;
};

export type CampaignSessionTable = {
  id: string;
  campaign_id: string;
  starts_at: Timestamp;
  unit_id: string;
  place: string;
  capacity: number;
};

export type CampaignRegistrationTable = {
  id: string;
  campaign_id: string;
  session_id: string;
  customer_id: string;
  code: string;
  channel: 'portal' | 'staff';
  registered_by: string;
  registered_at: Timestamp;
  reminded_at: Timestamp | null;
  checked_in_at: Timestamp | null;
  checked_in_by: string | null;
};

export type CampaignDrawTable = {
  campaign_id: string;
  seed: string;
  seed_commitment: string;
  entrants: Json<string[]>;
  entrants_sha256: string;
  winners: Json<{ customerId: string; prize: number }[]>;
  drawn_by: string;
  drawn_at: Timestamp;
};
