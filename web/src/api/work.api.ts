import { api, seg } from './client';
import type { Task } from './tasks.api';

/** The case a task serves, as the worklist shows it (customer name masked). */
export type WorkCase = {
  id: string;
  ref: string;
  serviceNameZh: string;
  serviceNameEn: string;
  customer: string;
  dueAt: string | null;
  atRisk: boolean;
  breached: boolean;
};

/** A task with its case. `label` is the step name in the request's language. */
export type WorkItem = Task & {
  label: string | null;
  /** A work pool served from any branch (e.g. `central`), or null. */
  pool: string | null;
  /** A qualification the task requires (code), or null. */
  qualification: string | null;
  case: WorkCase | null;
};

export type WorkView = 'mine' | 'available';

export type Qualification = { code: string; nameZh: string; nameEn: string };

export const workApi = {
  list: (query: { view: WorkView; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ total: number; items: WorkItem[] }>('/work/tasks', { query, signal }),
  /** Claims the most urgent task I may take; null when nothing is waiting (204). */
  next: async (): Promise<WorkItem | null> => (await api.post<WorkItem | undefined>('/work/next')) ?? null,
  /** Completes the step with `decision = return`; counted as rework on the case. */
  returnForCorrection: (taskId: string, reason: string) => api.post<unknown>(`/work/tasks/${seg(taskId)}/return`, { reason }),
  reassign: (from: string, to: string | null) => api.post<{ moved: number }>('/work/reassign', { from, to }),
  task: (taskId: string, signal?: AbortSignal) => api.get<Task & { pool: string | null; qualification: string | null }>(`/tasks/${seg(taskId)}`, { signal }),
  qualifications: (signal?: AbortSignal) => api.get<{ items: Qualification[] }>('/qualifications', { signal }).then((r) => r.items),
};
