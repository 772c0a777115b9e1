/**
 * The state of one running process instance, as the engine's core reads and writes it. Plain JSON:
 * stored as one document per instance, so a step reads one row and writes one row.
 */
export type InstanceState = {
  id: string;
  processId: string;
  definitionId: string;
  businessKey: string | null;
  status: 'active' | 'completed' | 'terminated' | 'cancelled';
  /** Scope instances: the process itself (id = instance id), sub-processes, multi-instance bodies. */
  scopes: Record<string, ScopeInstance>;
  /** Tokens waiting in activities and events. A token's id is its activity instance id. */
  tokens: Record<string, Token>;
  /** For an instance started by a call activity: where to report back. */
  parent: { instanceId: string; tokenId: string } | null;
  /** Who last completed each user task (by element id): what maker-checker rules check against. */
  completedBy: Record<string, string>;
  startedAt: string;
  endedAt: string | null;
};

export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess' | 'multiInstanceBody';

export type ScopeInstance = {
  id: string;
  /** The process id, or the element id of the sub-process / multi-instance activity. */
  elementId: string;
  parentId: string | null;
  kind: ScopeKind;
  variables: Record<string, unknown>;
  /** Arrivals at parallel and inclusive joins not yet consumed: gateway id → flow id → count. */
  joins: Record<string, Record<string, number>>;
  /** The token (in the parent scope) of the activity this scope belongs to. */
  hostToken: string | null;
  multiInstance: MultiInstanceState | null;
  /** An interrupting event sub-process has started: the scope ends when it ends. */
  interrupted: boolean;
  /** Start events of the scope's event sub-processes, listening while the scope lives. */
  attachments: Attachment[];
};

export type MultiInstanceState = {
  total: number;
  started: number;
  completed: number;
  active: number;
  items: unknown[] | null;
  outputs: unknown[];
};

export type Token = {
  id: string;
  elementId: string;
  scopeId: string;
  wait: Wait;
  startedAt: string;
  /** Variables local to this activity instance: input mappings, multi-instance element and counter. */
  locals: Record<string, unknown>;
  /** Subscriptions and jobs of boundary events attached while the activity waits. */
  attachments: Attachment[];
  /** Inner instance of a multi-instance activity: its index (loopCounter − 1). */
  loopIndex: number | null;
};

export type Wait =
  /** Only within a step: the activity is being carried out. */
  | { kind: 'active' }
  | { kind: 'userTask'; taskId: string }
  | { kind: 'job'; jobId: string; job: JobKind }
  | { kind: 'message'; subscriptionId: string }
  | { kind: 'signal'; subscriptionId: string }
  | { kind: 'timer'; jobId: string }
  | { kind: 'eventGateway'; attachments: Attachment[] }
  | { kind: 'scope'; scopeId: string }
  | { kind: 'call'; childInstanceId: string }
  | { kind: 'incident'; incidentId: string; phase: 'enter' | 'leave' };

export type JobKind = 'asyncBefore' | 'asyncAfter' | 'external' | 'handler';

/** Something a waiting token listens to besides its own wait: boundary events, gateway branches. */
export type Attachment =
  | { kind: 'timer'; elementId: string; jobId: string; fired: number; due: string }
  | { kind: 'message'; elementId: string; subscriptionId: string }
  | { kind: 'signal'; elementId: string; subscriptionId: string };
