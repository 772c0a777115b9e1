import type { Expression } from '../expressions/index.ts';
import type { TimerKind } from '../timers/index.ts';

/**
 * A BPMN process compiled for execution: plain JSON (stored with the definition), every expression
 * already parsed, every reference resolved to an id. The engine's core reads only this.
 */
export type ProcessModel = {
  id: string;
  name: string | null;
  executable: boolean;
  /** Flow nodes of the process and of every sub-process, by id. */
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  /** Scopes (the process and each sub-process): their start events and event sub-processes. */
  scopes: Record<string, ScopeInfo>;
};

export type ScopeInfo = {
  /** The none start event (at most one per scope). */
  noneStart: string | null;
  /** Message, timer and signal start events of the process itself. */
  eventStarts: string[];
  /** Event sub-processes directly in this scope. */
  eventSubProcesses: string[];
  /** Every flow node directly in this scope. */
  children: string[];
  /** Without start events: the flow nodes without incoming flows, which all start (BPMN 10.5.1). */
  implicitStarts: string[];
};

export type NodeType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'manualTask'
  | 'businessRuleTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type EventDefinition =
  | { kind: 'timer'; timer: { type: TimerKind; expression: Expression } }
  | { kind: 'message'; messageName: string; correlationKey: Expression | null }
  | { kind: 'signal'; signalName: string }
  | { kind: 'error'; errorCode: string | null; codeVariable: string | null; messageVariable: string | null }
  | { kind: 'escalation'; escalationCode: string | null }
  | { kind: 'terminate' };

export type IoParameter = { name: string; value: Expression };

export type TaskConfig = {
  assignee: Expression | null;
  candidateUsers: Expression[];
  candidateGroups: Expression[];
  dueDate: Expression | null;
  followUpDate: Expression | null;
  priority: Expression | null;
  formKey: string | null;
  /** A form-js schema (JSON) embedded in the model, if any. */
  formSchema: unknown;
  /**
   * Maker-checker: ids of earlier user tasks of the same instance whose completer may not complete
   * this one (`banklane:notCompletedBy`).
   */
  notCompletedBy: string[];
  /**
   * Recusal (回避): users who may neither hold nor complete the task, whatever API they use — e.g.
   * `\${recused}`, the staff a complaint is about (`banklane:excludedUsers`, comma-separated expressions).
   */
  excludedUsers: Expression[];
  /** Durations in due and follow-up dates count working time on the business calendar (`banklane.dueDateCalendar=working`). */
  workingTime: boolean;
  /**
   * A work pool the task goes to instead of its instance's branch (`banklane.pool`, e.g. `central`
   * for centralised back-office operations): staff of any branch who may work the pool take it.
   */
  pool: string | null;
  /** A staff qualification the task requires (`banklane.qualification`): nobody without a valid one may take it. */
  qualification: string | null;
  /** Named checks that must pass before the task may be completed (`banklane.gates`, e.g. `materials`). */
  gates: string[];
  /**
   * Only the task's candidates may claim or complete it (`banklane.strictCandidates=true`): managing
   * processes no longer stands in for being one — for approvals whose candidates an authority
   * decides. Present only when true, so models without it compile (and hash) as before.
   */
  strictCandidates?: true;
};

/** How a service, send or business-rule task does its work. */
export type Implementation =
  | { kind: 'external'; topic: string; retries: number }
  | { kind: 'handler'; name: string; retries: number }
  | { kind: 'decision'; decisionRef: string; resultVariable: string | null; mapDecisionResult: 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList' }
  | { kind: 'none' };

export type MultiInstance = {
  sequential: boolean;
  loopCardinality: Expression | null;
  collection: Expression | null;
  elementVariable: string | null;
  completionCondition: Expression | null;
  outputCollection: string | null;
  outputElement: Expression | null;
};

export type FlowNode = {
  id: string;
  type: NodeType;
  name: string | null;
  /** The scope (process or sub-process id) the node sits in. */
  scope: string;
  incoming: string[];
  outgoing: string[];
  defaultFlow: string | null;
  event: EventDefinition | null;
  /** Boundary events: the activity they sit on; boundary and event-sub-process start events: whether they interrupt. */
  attachedTo: string | null;
  cancelActivity: boolean;
  /** Activities: their boundary events. */
  boundary: string[];
  task: TaskConfig | null;
  implementation: Implementation;
  multiInstance: MultiInstance | null;
  asyncBefore: boolean;
  asyncAfter: boolean;
  inputs: IoParameter[];
  outputs: IoParameter[];
  /** Event sub-processes start on an event of their parent scope. */
  triggeredByEvent: boolean;
  /** Call activities: the called process id and variable passing. */
  call: { processId: Expression; passAll: boolean; inVariables: { source: string; target: string }[]; outVariables: { source: string; target: string }[] } | null;
  /** The lane holding the node, if any (its name is a candidate group). */
  lane: string | null;
};

export type SequenceFlow = {
  id: string;
  source: string;
  target: string;
  condition: Expression | null;
};

/** A reason a model cannot be deployed, naming the element. */
export type ModelProblem = { elementId: string; reason: string };
