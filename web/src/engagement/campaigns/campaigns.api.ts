import { api, seg } from '../../api/client';

/* The campaigns API (营销活动) as the staff screens and the invitation page use it. */

export type CampaignKind = 'promotion' | 'lottery' | 'seminar';
export type Channel = 'sms' | 'email' | 'portal' | 'counter';
export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'finished' | 'cancelled';
export type Text = { zh: string; en: string };
export type Prize = { nameZh: string; nameEn: string; count: number };

export type Session = { id: string; startsAt: string; unitCode: string; unitNameZh: string; unitNameEn: string; place: string; capacity: number; registered: number; checkedIn: number };

export type Campaign = {
  id: string; code: string; nameZh: string; nameEn: string; kind: CampaignKind; segmentCode: string; channels: Channel[]; messages: Partial<Record<Channel, Text>>;
  startsAt: string; endsAt: string; controlPercent: number; productCode: string | null; offerZh: string | null; offerEn: string | null; prizes: Prize[] | null;
  lotteryRule: 'contacted' | 'entered' | null; status: CampaignStatus; unitCode: string; createdBy: string; createdAt: string; launchedBy: string | null; launchedAt: string | null;
  startedAt: string | null; version: number; seedCommitment: string | null; drawnAt: string | null; sessions: Session[];
};

export type CampaignListItem = Pick<Campaign, 'id' | 'code' | 'nameZh' | 'nameEn' | 'kind' | 'status' | 'segmentCode' | 'channels' | 'startsAt' | 'endsAt' | 'controlPercent' | 'unitCode'> & { reached: number };

export type NewCampaign = {
  code: string; nameZh: string; nameEn: string; kind: CampaignKind; segmentCode: string; channels: Channel[]; startsAt: string; endsAt: string; controlPercent: number;
  messages: Partial<Record<Channel, Text>>; productCode?: string | null; offerZh?: string | null; offerEn?: string | null; prizes?: Prize[]; lotteryRule?: 'contacted' | 'entered';
  sessions?: { startsAt: string; unitCode: string; place: string; capacity: number }[];
};

export type Uplift = { difference: number; low: number; high: number } | null;
export type Arm = { size: number; reached: number; responded: number; converted: number; rate: number | null };
export type Decisions = { sent: number; deferred: number; no_consent: number; no_address: number; capped: number };
export type Results = {
  campaignId: string; kind: CampaignKind; status: CampaignStatus; conversion: string; audience: number; treatment: Arm; control: Arm; uplift: Uplift; interval: string;
  excluded: { control: number; no_consent: number; no_address: number; capped: number }; deferred: number;
  channels: { channel: Channel; decisions: Decisions; reached: number; responded: number; converted: number; rate: number | null; uplift: Uplift }[];
};

export type AudienceItem = { customerId: string; name: string; arm: 'treatment' | 'control'; outcome: string; response: string | null; converted: boolean; contacts: { channel: Channel; decision: keyof Decisions; scheduledFor: string | null }[] };

export type Draw = {
  campaignId: string; seedCommitment: string | null; prizes: Prize[]; drawn: boolean; seed: string | null; drawnAt: string | null; drawnBy: string | null;
  entrants: string[]; entrantsSha256: string | null; winners: { customerId: string; name: string; prize: number; prizeZh: string; prizeEn: string }[]; repeated?: boolean;
};
export type Verification = { commitmentMatches: boolean; entrantsMatch: boolean; winnersMatch: boolean; valid: boolean; method: string };

export type CheckInSession = { id: string; campaignId: string; campaignCode: string; nameZh: string; nameEn: string; startsAt: string; place: string; unitCode: string; capacity: number; registered: number };
export type Registration = { id: string; code: string; channel: 'portal' | 'staff'; customerId: string; name: string; phone: string | null; registeredAt: string; checkedInAt: string | null; checkedInBy: string | null };
export type CheckInResult = { registrationId: string; customerId: string; name: string; checkedInAt: string; alreadyCheckedIn: boolean };

export type SegmentOption = { code: string; kind: 'tier' | 'group'; nameZh: string; nameEn: string; expression: string; members: number; active: boolean };
export type DryRun = { count: number; inYourBranches: number; asOf: string | null };

export type Invitation = {
  campaign: { code: string; nameZh: string; nameEn: string; kind: CampaignKind; message: Text | null; offerZh: string | null; offerEn: string | null; prizes: Prize[] | null; seedCommitment: string | null; endsAt: string };
  sessions: { id: string; startsAt: string; place: string; unitNameZh: string; unitNameEn: string; placesLeft: number; full: boolean }[];
  response: string | null;
  registration: { code: string; sessionId: string; startsAt: string; place: string; checkedIn: boolean } | null;
};

const open = { auth: false } as const;

export const campaignsApi = {
  list: (query: { status?: string; kind?: string }, signal?: AbortSignal) => api.get<{ total: number; items: CampaignListItem[] }>('/campaigns', { query: { ...query, limit: 200 }, signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Campaign>(`/campaigns/${seg(id)}`, { signal }),
  create: (body: NewCampaign) => api.post<Campaign>('/campaigns', body),
  launch: (id: string, version: number) => api.post<Campaign>(`/campaigns/${seg(id)}/launch`, { version }),
  cancel: (id: string, version: number) => api.post<Campaign>(`/campaigns/${seg(id)}/cancel`, { version }),
  results: (id: string, signal?: AbortSignal) => api.get<Results>(`/campaigns/${seg(id)}/results`, { signal }),
  audience: (id: string, signal?: AbortSignal) => api.get<{ items: AudienceItem[] }>(`/campaigns/${seg(id)}/audience`, { signal }).then((r) => r.items),
  draw: (id: string, signal?: AbortSignal) => api.get<Draw>(`/campaigns/${seg(id)}/draw`, { signal }),
  makeDraw: (id: string) => api.post<Draw>(`/campaigns/${seg(id)}/draw`),
  verify: (id: string) => api.get<Verification>(`/campaigns/${seg(id)}/draw/verify`),
  segments: (signal?: AbortSignal) => api.get<{ items: SegmentOption[] }>('/segments', { signal }).then((r) => r.items.filter((s) => s.active)),
  dryRun: (expression: string, signal?: AbortSignal) => api.post<DryRun>('/segments/dry-run', { expression }, { signal }),
  sessions: (signal?: AbortSignal) => api.get<{ items: CheckInSession[] }>('/seminar-sessions', { signal }).then((r) => r.items),
  registrations: (sessionId: string, signal?: AbortSignal) => api.get<{ items: Registration[] }>(`/seminar-sessions/${seg(sessionId)}/registrations`, { signal }).then((r) => r.items),
  checkIn: (sessionId: string, code: string) => api.post<CheckInResult>(`/seminar-sessions/${seg(sessionId)}/check-ins`, { code }),
  invitation: (token: string, signal?: AbortSignal) => api.get<Invitation>(`/public/campaign-invitations/${seg(token)}`, { ...open, signal }),
  answer: (token: string, sessionId?: string) => api.post<Invitation>(`/public/campaign-invitations/${seg(token)}`, sessionId ? { sessionId } : {}, open),
};
