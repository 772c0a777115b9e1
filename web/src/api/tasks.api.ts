import { api, seg } from './client';

export type Task = {
  id: string;
  name: string | null;
  elementId: string;
  instanceId: string;
  processKey: string;
  businessKey: string | null;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number | null;
  formKey: string | null;
  /** A form-js schema when the task has a form; anything else is ignored. */
  formSchema: unknown;
  createdAt: string;
};

/** 403 with a type ending in this: the same person may not check their own work. */
export const makerCheckerType = 'maker_checker';

export const tasksApi = {
  mine: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ items: Task[]; total: number }>('/tasks', { query: { mine: true, ...query }, signal }),
  claim: (id: string) => api.post<void>(`/tasks/${seg(id)}/claim`),
  unclaim: (id: string) => api.post<void>(`/tasks/${seg(id)}/unclaim`),
  complete: (id: string, variables: Record<string, unknown>) =>
    api.post<void>(`/tasks/${seg(id)}/complete`, { variables }),
};
