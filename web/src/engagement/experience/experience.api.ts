import { api } from '../../api/client';

/*
 * The requests of the experience dashboard and the shapes the server answers with
 * (src/engagement/experience/experience.routes.ts). Customers come masked.
 */

export type Named = { en: string; zh: string };
export type Dimension = 'segment' | 'channel' | 'branch' | 'journey';
export type Bucket = 'week' | 'month';

export type Scores = { responses: number; npsAnswers: number; promoters: number; passives: number; detractors: number; csatAnswers: number; satisfied: number; nps: number | null; csat: number | null };
export type ScoreSeries = { key: string; name: Named; total: Scores; points: (Scores & { period: string })[] };
export type ScoresAnswer = { from: string; to: string; bucket: Bucket; by: Dimension | null; total: Scores; series: ScoreSeries[] };

export type Spread = { median: number | null; p90: number | null };
export type EffortItem = { journey: string; name: Named; cases: number; steps: Spread; waitingSeconds: Spread; handovers: Spread; totalSeconds: Spread; contacts: Spread & { cases: number } };

export type ChurnReason = { code: string; points: number; en: string; zh: string };
export type Retention = { id: string; status: 'open' | 'completed' | 'cancelled'; assignee: string | null; taskId: string | null; openedAt: string; closedAt: string | null; contacted: boolean | null; outcome: string | null; completedBy: string | null; endReason: string | null };
export type ChurnItem = { customerId: string; name: string; tier: string; unitCode: string; relationshipManager: string | null; since: string; score: number; level: 'high' | 'medium' | 'low'; reasons: ChurnReason[]; retention: Retention | null };

export type Window = { from?: string | undefined; to?: string | undefined };

export const experienceScores = (q: Window & { by?: Dimension | undefined; bucket: Bucket }, signal?: AbortSignal) => api.get<ScoresAnswer>('/experience/scores', { query: q, signal });
export const experienceEffort = (q: Window, signal?: AbortSignal) => api.get<{ from: string; to: string; items: EffortItem[] }>('/experience/effort', { query: q, signal });
export const churnList = (page: { limit: number; offset: number }, signal?: AbortSignal) => api.get<{ total: number; items: ChurnItem[] }>('/experience/churn', { query: page, signal });
