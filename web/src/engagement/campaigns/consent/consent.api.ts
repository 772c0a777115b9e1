import { api, seg } from '../../../api/client';
import type { Channel } from '../campaigns.api';

/* Marketing consent per channel (营销授权): GET/PUT /customers/{id}/marketing-consents. */

export type ConsentSource = 'counter' | 'phone' | 'portal' | 'paper' | 'demo';
export type ChannelConsent = { channel: Channel; granted: boolean; effective: boolean; changedAt: string | null; changedBy: string | null; source: ConsentSource | null };
export type ConsentChange = { channel: Channel; granted: boolean; changedAt: string; changedBy: string; source: ConsentSource };
export type MarketingConsents = { customerId: string; marketing: boolean; channels: ChannelConsent[]; history: ConsentChange[] };

export const consentApi = {
  get: (customerId: string, signal?: AbortSignal) => api.get<MarketingConsents>(`/customers/${seg(customerId)}/marketing-consents`, { signal }),
  set: (customerId: string, channel: Channel, body: { granted: boolean; source: Exclude<ConsentSource, 'demo'> }) =>
    api.put<MarketingConsents>(`/customers/${seg(customerId)}/marketing-consents/${seg(channel)}`, body),
};
