import { Type, type Static } from '@sinclair/typebox';
import { Paging } from '../../platform/http/schemas.ts';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, CODE_PATTERN, MARKETING_CHANNELS, type CampaignKind, type CampaignStatus, type LotteryRule, type MarketingChannel } from './campaign.ts';

const Kind = Type.Unsafe<CampaignKind>({ type: 'string', enum: [...CAMPAIGN_KINDS], description: 'promotion (rate or fee offer) | lottery (抽奖) | seminar (理财讲座)' });
export const ChannelSchema = Type.Unsafe<MarketingChannel>({ type: 'string', enum: [...MARKETING_CHANNELS], description: 'sms | email | portal | counter (a prompt the teller sees)' });
const Status = Type.Unsafe<CampaignStatus>({ type: 'string', enum: [...CAMPAIGN_STATUSES] });
const Instant = Type.String({ format: 'date-time' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Message = Type.Object({ zh: Text(300), en: Text(500) }, { additionalProperties: false });

export const CampaignBody = Type.Object(
  {
    code: Type.String({ pattern: CODE_PATTERN, description: 'Capitals, digits and dashes, e.g. SEM-2026-12' }),
    nameZh: Text(100),
    nameEn: Text(150),
    kind: Kind,
    segmentCode: Text(40),
    channels: Type.Array(ChannelSchema, { minItems: 1, maxItems: 4, uniqueItems: true }),
    startsAt: Instant,
    endsAt: Instant,
    controlPercent: Type.Integer({ minimum: 0, maximum: 50, description: 'Share of the audience held out as control, in percent' }),
    messages: Type.Object({ sms: Type.Optional(Message), email: Type.Optional(Message), portal: Type.Optional(Message), counter: Type.Optional(Message) }, { additionalProperties: false }),
    productCode: Type.Optional(Type.Union([Text(40), Type.Null()])),
    offerZh: Type.Optional(Type.Union([Text(200), Type.Null()])),
    offerEn: Type.Optional(Type.Union([Text(300), Type.Null()])),
    prizes: Type.Optional(Type.Array(Type.Object({ nameZh: Text(60), nameEn: Text(100), count: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 20 })),
    lotteryRule: Type.Optional(Type.Unsafe<LotteryRule>({ type: 'string', enum: ['contacted', 'entered'], description: 'Who may win: every contacted customer, or those who entered through their link' })),
    sessions: Type.Optional(Type.Array(Type.Object({ startsAt: Instant, unitCode: Text(40), place: Text(200), capacity: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof CampaignBody>;

export const CampaignListQuery = Type.Object({ status: Type.Optional(Status), kind: Type.Optional(Kind), ...Paging }, { additionalProperties: false });
export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
export const StaffRegistrationBody = Type.Object({ customerId: Text(100), sessionId: Text(100) }, { additionalProperties: false });
export const RegistrationQuery = Type.Object({ session: Type.Optional(Text(100)) }, { additionalProperties: false });
export const ConsentParams = Type.Object({ id: Text(100), channel: ChannelSchema });
export const ConsentBody = Type.Object(
  { granted: Type.Boolean(), source: Type.Unsafe<'counter' | 'phone' | 'portal' | 'paper'>({ type: 'string', enum: ['counter', 'phone', 'portal', 'paper'], description: 'Where the customer said so' }) },
  { additionalProperties: false },
);
export const SettingsBody = Type.Object({ frequencyCap: Type.Integer({ minimum: 1, maximum: 100 }), windowDays: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false });
export const TokenParam = Type.Object({ token: Type.String({ minLength: 16, maxLength: 100 }) });
export const InvitationBody = Type.Object({ sessionId: Type.Optional(Text(100)) }, { additionalProperties: false });
