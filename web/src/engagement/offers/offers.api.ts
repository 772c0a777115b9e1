import { api, seg } from '../../api/client';
import type { Channel, ProductKind } from '../products/products.api';

/*
 * Next best offers (个性化推荐) as staff use them: a customer's offers with their reasons, the
 * customer's answer to one, and a sale through the one suitability-checked path.
 */

export type OfferReason = { code: string; en: string; zh: string; weight: number | null };

export type Offer = {
  /** Null in a preview: nothing was recorded, so nothing to answer. */
  id: string | null;
  rank: number;
  product: { code: string; kind: ProductKind; nameZh: string; nameEn: string; risk: string; minAmount: string | null; termMonths: number | null; rateText: string | null };
  /** Estimated chance of acceptance, 0–1. */
  score: number;
  method: 'model' | 'rules';
  modelVersion: number | null;
  reasons: OfferReason[];
};

export type OfferList = {
  customerId: string;
  customerName: string | null;
  tier: string;
  channel: Channel | null;
  modelVersion: number | null;
  items: Offer[];
  withheld: { code: string; en: string; zh: string } | null;
};

export type SaleBody = { customerId: string; productCode: string; amount: string; channel: Channel; offerId?: string };

export const offersApi = {
  /** With a staff channel (counter, phone) the offers are recorded as shown; without, a preview. */
  list: (customerId: string, channel: Channel | null, signal?: AbortSignal) => api.get<OfferList>(`/customers/${seg(customerId)}/offers`, { query: { channel: channel ?? undefined }, signal }),
  decline: (offerId: string) => api.post<{ id: string; outcome: string }>(`/offers/${seg(offerId)}/outcome`, { outcome: 'declined' }),
  /** Sells through the suitability check: an unsuitable product is refused (422) with its reasons. */
  sell: (body: SaleBody) => api.post<{ id: string; product: { code: string }; amount: string }>('/product-sales', body),
};
