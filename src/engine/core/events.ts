import type { FlowNode } from '../model/process-model.ts';
import { nextDue, parseTimer } from '../timers/index.ts';
import { timerDue } from './behaviours.ts';
import { complete, enter, raiseIncident } from './flow.ts';
import type { Step } from './step.ts';
import type { Attachment, ScopeInstance, Token } from './state.ts';

/** Arms a timer, message or signal listener for `node` (a boundary, gateway branch or event start). */
function arm(s: Step, node: FlowNode, ownerId: string, scopeId: string, locals?: Record<string, unknown>): Attachment | { error: string } | null {
  const event = node.event;
  if (!event) return null;
  if (event.kind === 'timer') {
    const due = timerDue(s, event.timer, null, scopeId);
    if (!due.ok) return { error: due.error };
    const jobId = s.env.newId();
    s.emit({ type: 'jobCreated', job: { id: jobId, tokenId: ownerId, elementId: node.id, kind: 'timer', dueAt: due.value.toISOString(), topic: null, retries: 3, payload: null } });
    return { kind: 'timer', elementId: node.id, jobId, fired: 0, due: due.value.toISOString() };
  }
  if (event.kind === 'message' || event.kind === 'signal') {
    let correlationKey: string | null = null;
    if (event.kind === 'message' && event.correlationKey) {
      const key = s.evaluate(event.correlationKey, scopeId, locals);
      if (!key.ok) return { error: `correlation key: ${key.error}` };
      correlationKey = key.value === null || key.value === undefined ? null : String(key.value);
    }
    const subscriptionId = s.env.newId();
    const name = event.kind === 'message' ? event.messageName : event.signalName;
    s.emit({ type: 'subscriptionCreated', subscription: { id: subscriptionId, tokenId: ownerId, elementId: node.id, kind: event.kind, name, correlationKey } });
    return { kind: event.kind, elementId: node.id, subscriptionId };
  }
  return null;
}

/** While an activity waits, its timer, message and signal boundary events listen. */
export function attachBoundaries(s: Step, node: FlowNode, token: Token): void {
  if (token.loopIndex !== null) return; // inner instances: the multi-instance body carries them
  for (const id of node.boundary) {
    const armed = arm(s, s.node(id), token.id, token.scopeId, token.locals);
    if (armed && 'error' in armed) return raiseIncident(s, token, 'expression', `boundary event "${id}": ${armed.error}`, 'enter');
    if (armed) token.attachments.push(armed);
  }
}

/** While a scope lives, the start events of its event sub-processes listen. */
export function attachEventSubProcesses(s: Step, scope: ScopeInstance): void {
  for (const sub of s.model.scopes[scope.elementId]?.eventSubProcesses ?? []) {
    for (const startId of s.model.scopes[sub]?.eventStarts ?? []) {
      const armed = arm(s, s.node(startId), scope.id, scope.id);
      if (armed && !('error' in armed)) scope.attachments.push(armed);
    }
  }
}

export function armEventGateway(s: Step, node: FlowNode, token: Token): void {
  const attachments: Attachment[] = [];
  for (const flowId of node.outgoing) {
    const target = s.node(s.model.flows[flowId]!.target);
    const armed = arm(s, target, token.id, token.scopeId, token.locals);
    if (armed && 'error' in armed) {
      s.removeAttachments(attachments);
      return raiseIncident(s, token, 'expression', `event "${target.id}": ${armed.error}`, 'enter');
    }
    if (armed) attachments.push(armed);
  }
  s.wait(token, { kind: 'eventGateway', attachments });
}

/** Stops a token and everything it holds: its task, job, subscriptions, inner scope, child instance. */
export function cancelToken(s: Step, token: Token): void {
  const wait = token.wait;
  switch (wait.kind) {
    case 'userTask':
      s.emit({ type: 'taskEnded', taskId: wait.taskId, outcome: 'cancelled' });
      break;
    case 'job':
    case 'timer':
      s.emit({ type: 'jobRemoved', jobId: wait.jobId });
      break;
    case 'message':
    case 'signal':
      s.emit({ type: 'subscriptionRemoved', subscriptionId: wait.subscriptionId });
      break;
    case 'eventGateway':
      s.removeAttachments(wait.attachments);
      break;
    case 'scope':
      cancelScope(s, wait.scopeId);
      break;
    case 'call':
      s.emit({ type: 'childCancel', childInstanceId: wait.childInstanceId });
      break;
    default:
      break;
  }
  s.removeAttachments(token.attachments);
  s.record(token.id, s.node(token.elementId), token.scopeId, 'cancel');
  delete s.state.tokens[token.id];
}

export function cancelScope(s: Step, scopeId: string): void {
  const scope = s.state.scopes[scopeId];
  if (!scope) return;
  for (const token of s.tokensIn(scopeId)) cancelToken(s, token);
  s.removeAttachments(scope.attachments);
  delete s.state.scopes[scopeId];
}

/** Enters a boundary event: an interrupting one first cancels the activity it sits on. */
function triggerBoundary(s: Step, host: Token, boundary: FlowNode, variables: Record<string, unknown>): void {
  const scopeId = host.scopeId;
  if (boundary.cancelActivity) cancelToken(s, host);
  if (Object.keys(variables).length > 0) s.setVariables(scopeId, variables);
  enter(s, boundary.id, scopeId);
}

/** Starts an event sub-process in its scope; an interrupting one first stops the rest of the scope. */
function triggerEventSubProcess(s: Step, scope: ScopeInstance, start: FlowNode, variables: Record<string, unknown>): void {
  const sub = s.node(start.scope);
  if (start.cancelActivity) {
    for (const token of s.tokensIn(scope.id)) cancelToken(s, token);
    s.removeAttachments(scope.attachments);
    scope.attachments = [];
    scope.joins = {};
    scope.interrupted = true;
  }
  const host = s.addToken({ id: s.env.newId(), elementId: sub.id, scopeId: scope.id, wait: { kind: 'active' }, locals: {}, loopIndex: null });
  s.record(host.id, sub, scope.id, 'start');
  const inner = s.newScope({ id: s.env.newId(), elementId: sub.id, parentId: scope.id, kind: 'eventSubProcess', variables: {}, hostToken: host.id });
  s.wait(host, { kind: 'scope', scopeId: inner.id });
  attachEventSubProcesses(s, inner);
  if (Object.keys(variables).length > 0) s.setVariables(scope.id, variables);
  enter(s, start.id, inner.id);
}

type Catcher = { kind: 'boundary'; host: Token; node: FlowNode } | { kind: 'eventSubProcess'; scope: ScopeInstance; node: FlowNode };

/**
 * Finds who catches an error or escalation thrown in `scopeId` (or by the activity `thrower`):
 * the thrower's own boundary events, then, scope by scope outwards, event sub-processes and the
 * boundary events of the enclosing activity. A specific code wins over a catch-all.
 */
function findCatcher(s: Step, kind: 'error' | 'escalation', scopeId: string, thrower: Token | null, code: string): { catcher: Catcher | null; root: boolean } {
  const matches = (node: FlowNode) => {
    const event = node.event;
    if (!event || event.kind !== kind) return 0;
    const declared = event.kind === 'error' ? event.errorCode : event.kind === 'escalation' ? event.escalationCode : null;
    return declared === null || declared === '' ? 1 : declared === code ? 2 : 0;
  };
  const best = (nodes: FlowNode[]) => nodes.map((n) => [matches(n), n] as const).filter(([m]) => m > 0).sort((a, b) => b[0] - a[0])[0]?.[1] ?? null;
  let activity = thrower;
  let current: ScopeInstance | undefined = s.state.scopes[scopeId];
  for (;;) {
    if (activity && activity.loopIndex === null) {
      const boundary = best(s.node(activity.elementId).boundary.map((id) => s.node(id)));
      if (boundary) return { catcher: { kind: 'boundary', host: activity, node: boundary }, root: false };
    }
    if (!current) return { catcher: null, root: true };
    if (current.kind !== 'multiInstanceBody') {
      const starts = (s.model.scopes[current.elementId]?.eventSubProcesses ?? []).flatMap((sub) => s.model.scopes[sub]?.eventStarts ?? []);
      const start = best(starts.map((id) => s.node(id)));
      if (start) return { catcher: { kind: 'eventSubProcess', scope: current, node: start }, root: false };
    }
    activity = current.hostToken ? s.state.tokens[current.hostToken] ?? null : null;
    if (!activity) return { catcher: null, root: current.kind === 'process' };
    current = s.state.scopes[activity.scopeId];
  }
}

/**
 * Throws a BPMN error. Caught: the catcher takes over (the thrower's scope is cancelled as far as
 * the catcher reaches). Not caught in a called process: the calling activity receives it.
 * Otherwise 'unhandled': the caller raises an incident.
 */
export function throwError(s: Step, scopeId: string, thrower: Token | null, code: string, message: string | null, variables: Record<string, unknown>): 'handled' | 'unhandled' | 'propagated' {
  const { catcher, root } = findCatcher(s, 'error', scopeId, thrower, code);
  if (catcher) {
    const event = catcher.node.event;
    const vars = { ...variables };
    if (event?.kind === 'error') {
      if (event.codeVariable) vars[event.codeVariable] = code;
      if (event.messageVariable) vars[event.messageVariable] = message;
    }
    if (catcher.kind === 'boundary') triggerBoundary(s, catcher.host, catcher.node, vars);
    else triggerEventSubProcess(s, catcher.scope, catcher.node, vars);
    return 'handled';
  }
  if (root && s.state.parent) {
    s.emit({ type: 'parentNotify', parentInstanceId: s.state.parent.instanceId, tokenId: s.state.parent.tokenId, outcome: { kind: 'error', errorCode: code, message } });
    for (const token of Object.values(s.state.tokens)) if (s.state.tokens[token.id]) cancelToken(s, token);
    s.state.status = 'terminated';
    s.state.endedAt = s.nowIso;
    s.emit({ type: 'instanceEnded', status: 'terminated' });
    return 'propagated';
  }
  return 'unhandled';
}

/** Throws an escalation; an uncaught one changes nothing (BPMN: the thrower just goes on). */
export function throwEscalation(s: Step, scopeId: string, thrower: Token | null, code: string, variables: Record<string, unknown>): void {
  const { catcher } = findCatcher(s, 'escalation', scopeId, thrower, code);
  if (!catcher) return;
  if (catcher.kind === 'boundary') triggerBoundary(s, catcher.host, catcher.node, variables);
  else triggerEventSubProcess(s, catcher.scope, catcher.node, variables);
}

type Located =
  | { where: 'wait'; token: Token }
  | { where: 'attachment'; token: Token; attachment: Attachment; gateway: boolean }
  | { where: 'scope'; scope: ScopeInstance; attachment: Attachment };

/** Finds the token or scope listening on a job or subscription id. */
export function locate(s: Step, id: string): Located | null {
  for (const token of Object.values(s.state.tokens)) {
    const w = token.wait;
    if ((w.kind === 'timer' || w.kind === 'job') && w.jobId === id) return { where: 'wait', token };
    if ((w.kind === 'message' || w.kind === 'signal') && w.subscriptionId === id) return { where: 'wait', token };
    const list = w.kind === 'eventGateway' ? w.attachments : token.attachments;
    const attachment = list.find((a) => (a.kind === 'timer' ? a.jobId : a.subscriptionId) === id);
    if (attachment) return { where: 'attachment', token, attachment, gateway: w.kind === 'eventGateway' };
  }
  for (const scope of Object.values(s.state.scopes)) {
    const attachment = scope.attachments.find((a) => (a.kind === 'timer' ? a.jobId : a.subscriptionId) === id);
    if (attachment) return { where: 'scope', scope, attachment };
  }
  return null;
}

/** A timer fired, a message arrived or a signal was broadcast for a listener: act on it. */
export function trigger(s: Step, located: Located, variables: Record<string, unknown>): void {
  if (located.where === 'wait') {
    const w = located.token.wait;
    if (w.kind === 'message' || w.kind === 'signal') s.emit({ type: 'subscriptionRemoved', subscriptionId: w.subscriptionId });
    return complete(s, located.token, variables);
  }
  const node = s.node(located.attachment.elementId);
  if (located.where === 'attachment' && located.gateway) {
    const gateway = located.token;
    if (gateway.wait.kind === 'eventGateway') s.removeAttachments(gateway.wait.attachments);
    gateway.wait = { kind: 'active' };
    s.record(gateway.id, s.node(gateway.elementId), gateway.scopeId, 'end');
    delete s.state.tokens[gateway.id];
    const token = s.addToken({ id: s.env.newId(), elementId: node.id, scopeId: gateway.scopeId, wait: { kind: 'active' }, locals: {}, loopIndex: null });
    s.record(token.id, node, gateway.scopeId, 'start');
    return complete(s, token, variables);
  }
  // interrupting: cancelling the activity (or the scope's other work) withdraws every listener,
  // the triggered one included; non-interrupting: the listener stays, a timer cycle re-armed
  if (!node.cancelActivity) {
    const list = located.where === 'attachment' ? located.token.attachments : located.scope.attachments;
    rearm(s, node, located.attachment, list, located.where === 'attachment' ? located.token.id : located.scope.id);
  }
  if (located.where === 'attachment') triggerBoundary(s, located.token, node, variables);
  else triggerEventSubProcess(s, located.scope, node, variables);
}

/** A non-interrupting listener keeps listening: a timer cycle is re-armed for its next due time. */
function rearm(s: Step, node: FlowNode, attachment: Attachment, list: Attachment[], ownerId: string): void {
  if (attachment.kind !== 'timer') return;
  const index = list.indexOf(attachment);
  const timer = node.event?.kind === 'timer' ? node.event.timer : null;
  const evaluated = timer ? s.evaluate(timer.expression, s.state.id) : null;
  const parsed = timer && evaluated?.ok ? parseTimer(timer.type, String(evaluated.value)) : null;
  const next = parsed?.ok ? nextDue(parsed.spec, new Date(attachment.due), attachment.fired + 1) : null;
  if (!next) {
    if (index >= 0) list.splice(index, 1);
    return;
  }
  const jobId = s.env.newId();
  s.emit({ type: 'jobCreated', job: { id: jobId, tokenId: ownerId, elementId: node.id, kind: 'timer', dueAt: next.toISOString(), topic: null, retries: 3, payload: null } });
  if (index >= 0) list[index] = { ...attachment, jobId, fired: attachment.fired + 1, due: next.toISOString() };
}
