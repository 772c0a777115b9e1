import { api, seg } from '../../../api/client';
import type { CampaignKind } from '../campaigns.api';

/* Counter prompts (请向客户介绍): GET /customers/{id}/campaign-prompts, the teller's record of the answer, a seminar place. */

export type PromptSession = { id: string; startsAt: string; place: string; unitCode: string; unitNameZh: string; unitNameEn: string; placesLeft: number; full: boolean };
export type Prompt = {
  campaignId: string; code: string; kind: CampaignKind; nameZh: string; nameEn: string; messageZh: string; messageEn: string; endsAt: string;
  response: 'registered' | 'clicked' | 'entered' | 'mentioned' | null; respondedAt: string | null; declinedAt: string | null;
  sessions: PromptSession[]; registration: { code: string; sessionId: string; startsAt: string; place: string; checkedIn: boolean } | null;
};

export const promptsApi = {
  list: (customerId: string, signal?: AbortSignal) => api.get<{ items: Prompt[] }>(`/customers/${seg(customerId)}/campaign-prompts`, { signal }).then((r) => r.items),
  respond: (customerId: string, campaignId: string, response: 'mentioned' | 'declined') =>
    api.post<Prompt>(`/customers/${seg(customerId)}/campaign-prompts/${seg(campaignId)}/response`, { response }),
  register: (campaignId: string, customerId: string, sessionId: string) =>
    api.post<{ id: string; code: string; sessionId: string; created: boolean }>(`/campaigns/${seg(campaignId)}/registrations`, { customerId, sessionId }),
};
