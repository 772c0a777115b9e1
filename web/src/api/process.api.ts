import { api, seg } from './client';

export type ProcessDefinition = {
  id: string;
  key: string;
  version: number;
  name: string | null;
  executable: boolean;
  deploymentId: string;
  resourceName: string;
  deployedAt: string;
  /** Instances of the process (every version) within the user's reach. */
  instances: { active: number; total: number };
};

export type DecisionDefinition = {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
  deployedAt: string;
};

export type DeployedDefinition = { id: string; key: string; version: number; isNew: boolean; kind: string };
export type DeployWarning = { elementId: string; reason: string };
export type DeployResult = {
  ok: true;
  deploymentId: string;
  definitions: DeployedDefinition[];
  warnings: DeployWarning[];
};

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'cancelled';
export const instanceStatuses: readonly InstanceStatus[] = ['active', 'completed', 'terminated', 'cancelled'];

export type ProcessInstance = {
  id: string;
  definitionId: string;
  processKey: string;
  businessKey: string | null;
  status: InstanceStatus;
  unitId: string | null;
  startedAt: string;
  endedAt: string | null;
};

/** Where a running instance waits: one per active token. */
export type Token = { activityInstanceId: string; elementId: string; waitingFor: string | null; since: string };
export type Incident = { id: string; elementId: string; kind: string; message: string; createdAt: string };

export type ProcessInstanceDetail = ProcessInstance & {
  endReason: string | null;
  variables: Record<string, unknown>;
  tokens: Token[];
  incidents: Incident[];
};

export type HistoryEntry = {
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  name: string | null;
  lifecycle: 'start' | 'complete' | 'cancel';
  at: string;
  /** Who did it (user) or what (system), when the server knows. */
  resource: string | null;
};

export type InstanceQuery = {
  processKey?: string;
  status?: InstanceStatus;
  limit: number;
  offset: number;
};

export type StartedInstance = { id: string; tasks: { id: string; elementId: string; name: string | null }[] };

export const processApi = {
  definitions: (query: { latest?: boolean; key?: string }, signal?: AbortSignal) =>
    api.get<{ items: ProcessDefinition[] }>('/process-definitions', { query, signal }),
  xml: (id: string, signal?: AbortSignal) => api.getText(`/process-definitions/${seg(id)}/xml`, { signal }),
  decisions: (signal?: AbortSignal) => api.get<{ items: DecisionDefinition[] }>('/decision-definitions', { signal }),
  /** A model with problems fails with 400; each `errors[].message` names the element. */
  deploy: (name: string, resourceName: string, xml: string) =>
    api.post<DeployResult>('/deployments', {
      name,
      duplicateFiltering: true,
      resources: [{ name: resourceName, content: xml }],
    }),
  instances: (query: InstanceQuery, signal?: AbortSignal) =>
    api.get<{ items: ProcessInstance[]; total: number }>('/process-instances', { query, signal }),
  instance: (id: string, signal?: AbortSignal) => api.get<ProcessInstanceDetail>(`/process-instances/${seg(id)}`, { signal }),
  history: (id: string, signal?: AbortSignal) =>
    api.get<{ items: HistoryEntry[] }>(`/process-instances/${seg(id)}/history`, { signal }),
  start: (processKey: string, businessKey: string | undefined, variables: Record<string, unknown> | undefined) =>
    api.post<StartedInstance>('/process-instances', { processKey, businessKey, variables }),
  cancel: (id: string, reason: string) => api.post<void>(`/process-instances/${seg(id)}/cancel`, { reason }),
  retryIncident: (id: string) => api.post<void>(`/incidents/${seg(id)}/retry`),
};
