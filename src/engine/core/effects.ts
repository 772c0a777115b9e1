import type { JobKind } from './state.ts';

/**
 * What a step asks the world to do. The core only describes; the runtime writes the rows
 * (tasks, jobs, subscriptions, history, incidents) in the same transaction as the new state.
 */
export type Effect =
  | { type: 'taskCreated'; task: TaskSpec }
  | { type: 'taskEnded'; taskId: string; outcome: 'completed' | 'cancelled' }
  | { type: 'jobCreated'; job: JobSpec }
  | { type: 'jobRemoved'; jobId: string }
  | { type: 'subscriptionCreated'; subscription: SubscriptionSpec }
  | { type: 'subscriptionRemoved'; subscriptionId: string }
  | { type: 'activity'; record: ActivityRecord }
  | { type: 'incidentCreated'; incident: IncidentSpec }
  | { type: 'signalThrown'; name: string; variables: Record<string, unknown> }
  | { type: 'childStart'; childInstanceId: string; processId: string; tokenId: string; variables: Record<string, unknown>; businessKey: string | null }
  | { type: 'childCancel'; childInstanceId: string }
  | { type: 'parentNotify'; parentInstanceId: string; tokenId: string; outcome: ParentOutcome }
  | { type: 'instanceEnded'; status: 'completed' | 'terminated' | 'cancelled' };

export type ParentOutcome =
  | { kind: 'completed'; variables: Record<string, unknown> }
  | { kind: 'error'; errorCode: string; message: string | null }
  | { kind: 'escalation'; escalationCode: string };

export type TaskSpec = {
  id: string;
  tokenId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number;
  formKey: string | null;
  formSchema: unknown;
  /** Maker-checker: ids of earlier tasks whose completer may not complete this one. */
  notCompletedBy: string[];
  /** Recusal: usernames who may neither hold nor complete the task. */
  excludedUsers: string[];
  pool: string | null;
  qualification: string | null;
  gates: string[];
  createdAt: string;
};

export type JobSpec = {
  id: string;
  tokenId: string | null;
  elementId: string;
  kind: JobKind | 'timer';
  dueAt: string;
  /** External tasks: the topic workers fetch; handler jobs: the handler name. */
  topic: string | null;
  retries: number;
  /** Variables the worker or handler receives (after input mappings). */
  payload: Record<string, unknown> | null;
};

export type SubscriptionSpec = {
  id: string;
  tokenId: string;
  elementId: string;
  kind: 'message' | 'signal';
  name: string;
  correlationKey: string | null;
};

export type ActivityRecord = {
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  name: string | null;
  scopeId: string;
  event: 'start' | 'end' | 'cancel';
  at: string;
};

export type IncidentSpec = {
  id: string;
  tokenId: string;
  elementId: string;
  kind: 'expression' | 'unhandledError' | 'decision' | 'call' | 'failedJob';
  message: string;
};
