import { api, seg } from '../../api/client';

/*
 * The requests of the segment screens and the shapes the server answers with
 * (src/engagement/segments/segment.routes.ts). Customers come masked.
 */

export type SegmentKind = 'tier' | 'group';

export type Segment = {
  code: string;
  kind: SegmentKind;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  expression: string;
  rank: number;
  active: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  members: number;
};

export type SegmentRun = { id: string; scope: 'all' | 'customers'; trigger: string; day: string; startedAt: string; finishedAt: string | null; customers: number; entered: number; left: number; tierChanges: number; startedBy: string | null };

export type SegmentList = { items: Segment[]; lastRun: { id: string; day: string; finishedAt: string | null } | null };

export type Fact = { name: string; type: 'number' | 'string' | 'boolean'; en: string; zh: string };

export type DryRun = { customers: number; count: number; inYourBranches: number; asOf: string | null; sample: { id: string; name: string; unitCode: string; segment: string; aum: string }[] };

export type SegmentInput = { code: string; kind: SegmentKind; nameZh: string; nameEn: string; expression: string; rank: number; active: boolean };

export type Member = { customerId: string; name: string; kind: string; tier: string; unitCode: string; since: string; aum: string | null };

export type CustomerSegments = {
  customerId: string;
  tier: string;
  segments: { code: string; kind: SegmentKind; nameZh: string; nameEn: string; since: string }[];
  history: { code: string; kind: SegmentKind; nameZh: string; nameEn: string; segmentVersion: number; change: 'entered' | 'left'; at: string }[];
};

export const listSegments = (signal?: AbortSignal) => api.get<SegmentList>('/segments', { signal });
export const listFacts = (signal?: AbortSignal) => api.get<{ items: Fact[] }>('/segment-facts', { signal });
export const dryRun = (expression: string, signal?: AbortSignal) => api.post<DryRun>('/segments/dry-run', { expression }, { signal });
export const createSegment = (input: SegmentInput) => api.post<{ segment: Segment }>('/segments', input);
export const changeSegment = (code: string, version: number, input: Omit<SegmentInput, 'code' | 'kind'>) => api.patch<{ segment: Segment }>(`/segments/${seg(code)}`, { version, ...input });
export const segmentMembers = (code: string, page: { limit: number; offset: number }, signal?: AbortSignal) => api.get<{ total: number; items: Member[] }>(`/segments/${seg(code)}/members`, { query: page, signal });
export const customerSegments = (id: string, signal?: AbortSignal) => api.get<CustomerSegments>(`/customers/${seg(id)}/segments`, { signal });
export const refreshNow = () => api.post<SegmentRun>('/segment-runs');
