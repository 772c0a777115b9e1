import type { Deps } from '../../platform/deps.ts';
import { offersForCustomer } from '../offers/offer.service.ts';
import type { CustomerPrincipal } from './my-engagement.service.ts';

export type SuggestedOffer = { id: string | null; productCode: string; nameZh: string; nameEn: string; risk: string; minAmount: string | null; reasons: { en: string; zh: string }[] };

/**
 * "为您推荐 / Suggested for you": the next-best offers for the signed-in customer, shown (and so
 * recorded) in channel portal — products that suit them now, each with the reasons it was chosen.
 * Buying one names its `offerId` on the purchase.
 */
export async function suggestedOffers(deps: Deps, me: CustomerPrincipal): Promise<{ available: boolean; items: SuggestedOffer[] }> {
  const list = await offersForCustomer(deps, me, 'portal');
  return {
    available: true,
    items: list.items.map((o) => ({ id: o.id, productCode: o.product.code, nameZh: o.product.nameZh, nameEn: o.product.nameEn, risk: o.product.risk, minAmount: o.product.minAmount, reasons: o.reasons.map((r) => ({ en: r.en, zh: r.zh })) })),
  };
}
