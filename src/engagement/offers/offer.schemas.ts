import { Type } from '@sinclair/typebox';
import { CHANNELS, type Channel } from '../products/product.ts';
import { OFFER_OUTCOMES, type OfferOutcome } from './offer.ts';

const Channel = Type.Unsafe<Channel>({ type: 'string', enum: [...CHANNELS], description: 'counter | phone: offers shown by staff and recorded; omitted: a preview, nothing recorded' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A China calendar day, YYYY-MM-DD' });

export const OffersQuery = Type.Object({ channel: Type.Optional(Channel) }, { additionalProperties: false });

export const OutcomeBody = Type.Object(
  { outcome: Type.Unsafe<OfferOutcome>({ type: 'string', enum: [...OFFER_OUTCOMES], description: 'declined (the customer said no) | ignored (they let it pass); accepted comes from the sale' }) },
  { additionalProperties: false },
);

export const ModelsQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }, { additionalProperties: false });

export const ReportQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false });
