import { api } from '../api/client';

/*
 * Performance management as the web app sees it; shapes follow `src/analytics/performance/`.
 */

export const levels = ['staff', 'team', 'branch', 'process'] as const;
export type Level = (typeof levels)[number];
export const metrics = ['volume', 'handlingSeconds', 'handlingIndex', 'onTimeRate', 'reworkCaused', 'csat', 'nps', 'complaints'] as const;
export type Metric = (typeof metrics)[number];
/** Which way is better, as the server rates attainment. */
export const better: Record<Metric, 'higher' | 'lower'> = { volume: 'higher', handlingSeconds: 'lower', handlingIndex: 'lower', onTimeRate: 'higher', reworkCaused: 'lower', csat: 'higher', nps: 'higher', complaints: 'lower' };

export type Figure = { actual: number | null; target: number | null; attainment: { ratio: number | null; met: boolean | null } | null };
export type KpiItem = { key: string; name: string | { en: string; zh: string }; surveyResponses: number } & Record<Metric, Figure>;
export type KpiAnswer = { level: Level; period: string; items: KpiItem[] };

type Figures = {
  volumes: { casesOpened: number; casesClosed: number; tasksCompleted: number; ticketsServed: number; complaintsReceived: number };
  serviceLevels: { casesOnTimeRate: number | null; casesOverdue: number; complaintsDecidedOnTimeRate: number | null; complaintsOverdue: number };
  waits: { meanSeconds: number | null; p90Seconds: number | null };
  satisfaction: { csat: number | null; nps: number | null; responses: number };
  alerts: { casesAtRisk: number; incidents: number; complaintsOverdue: number };
};
export type DayFigures = { day: string; casesOpened: number; casesClosed: number; casesOnTimeRate: number | null; ticketsServed: number; meanWaitSeconds: number | null; csat: number | null; complaints: number };
export type Dashboard = Figures & { period: string; previous: Figures; daily: DayFigures[] };

export const performanceApi = {
  kpis: (level: Level, period: string, signal?: AbortSignal) => api.get<KpiAnswer>('/kpis', { query: { level, period }, signal }),
  setTarget: (body: { level: Level; key: string; metric: Metric; period: string; value: number | null }) => api.put<void>('/kpi-targets', body),
  dashboard: (period: string, signal?: AbortSignal) => api.get<Dashboard>('/dashboard', { query: { period }, signal }),
};

/** This month in China (UTC+8), `YYYY-MM`. */
export function thisMonth(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}
