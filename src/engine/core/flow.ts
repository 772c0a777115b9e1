import type { FlowNode } from '../model/process-model.ts';
import { executeNode } from './behaviours.ts';
import { finishInner, startMultiInstance } from './multi-instance.ts';
import { attachEventSubProcesses } from './events.ts';
import type { Step } from './step.ts';
import type { Token } from './state.ts';

export type EnterOptions = {
  viaFlow?: string;
  locals?: Record<string, unknown>;
  loopIndex?: number | null;
  /** Continue an activity whose asynchronous-before job has run. */
  token?: Token;
};

function isJoin(node: FlowNode): boolean {
  return (node.type === 'parallelGateway' || node.type === 'inclusiveGateway') && node.incoming.length > 1;
}

/** A token arrives at a node: joins count it, anything else starts an activity instance. */
export function enter(s: Step, nodeId: string, scopeId: string, options: EnterOptions = {}): void {
  const node = s.node(nodeId);
  if (!options.token && isJoin(node)) {
    arriveAtJoin(s, node, scopeId, options.viaFlow ?? '');
    return;
  }
  let token = options.token;
  if (!token) {
    token = s.addToken({ id: s.env.newId(), elementId: node.id, scopeId, wait: { kind: 'active' }, locals: options.locals ?? {}, loopIndex: options.loopIndex ?? null });
    s.record(token.id, node, scopeId, 'start');
    if (node.asyncBefore && !(node.multiInstance && token.loopIndex !== null)) {
      const jobId = s.env.newId();
      s.emit({ type: 'jobCreated', job: { id: jobId, tokenId: token.id, elementId: node.id, kind: 'asyncBefore', dueAt: s.nowIso, topic: null, retries: 3, payload: null } });
      s.wait(token, { kind: 'job', jobId, job: 'asyncBefore' });
      return;
    }
  } else token.wait = { kind: 'active' };
  if (node.multiInstance && token.loopIndex === null) {
    startMultiInstance(s, node, token);
    return;
  }
  if (!applyInputs(s, node, token)) return;
  executeNode(s, node, token);
}

/** Evaluates input mappings into the activity's locals; false (with an incident) when one fails. */
function applyInputs(s: Step, node: FlowNode, token: Token): boolean {
  for (const input of node.inputs) {
    const result = s.evaluate(input.value, token.scopeId, token.locals);
    if (!result.ok) {
      raiseIncident(s, token, 'expression', `input mapping "${input.name}": ${result.error}`, 'enter');
      return false;
    }
    token.locals[input.name] = result.value;
  }
  return true;
}

/**
 * The activity is done: output mappings, then (unless an asynchronous-after continuation is due)
 * the token moves on along the outgoing flows.
 */
export function complete(s: Step, token: Token, variables: Record<string, unknown> = {}, options: { afterAsync?: boolean; multiInstanceDone?: boolean } = {}): void {
  const node = s.node(token.elementId);
  if (!options.afterAsync) {
    // a multi-instance activity's output mappings ran for each inner instance (as Camunda 7 does), not again for the whole
    if (node.outputs.length > 0 && !options.multiInstanceDone) {
      const context = { ...token.locals, ...variables };
      const values: Record<string, unknown> = {};
      for (const output of node.outputs) {
        const result = s.evaluate(output.value, token.scopeId, context);
        if (!result.ok) {
          raiseIncident(s, token, 'expression', `output mapping "${output.name}": ${result.error}`, 'enter');
          return;
        }
        values[output.name] = result.value;
      }
      s.setVariables(token.scopeId, values);
    } else {
      s.setVariables(token.scopeId, variables, token.locals);
    }
    s.removeAttachments(token.attachments);
    token.attachments = [];
    if (node.asyncAfter) {
      const jobId = s.env.newId();
      s.emit({ type: 'jobCreated', job: { id: jobId, tokenId: token.id, elementId: node.id, kind: 'asyncAfter', dueAt: s.nowIso, topic: null, retries: 3, payload: null } });
      s.wait(token, { kind: 'job', jobId, job: 'asyncAfter' });
      return;
    }
  }
  s.record(token.id, node, token.scopeId, 'end');
  delete s.state.tokens[token.id];
  const scope = s.state.scopes[token.scopeId];
  if (token.loopIndex !== null && scope?.kind === 'multiInstanceBody' && scope.elementId === node.id) {
    finishInner(s, scope, token);
    return;
  }
  leave(s, node, token);
}

/** Chooses the outgoing flows (gateway semantics, conditional flows, default flow) and follows them. */
export function leave(s: Step, node: FlowNode, token: Token): void {
  const scopeId = token.scopeId;
  const flows = node.outgoing.map((id) => s.model.flows[id]!);
  const chosen: string[] = [];
  const exclusive = node.type === 'exclusiveGateway';
  for (const flow of flows) {
    if (flow.id === node.defaultFlow) continue;
    // a parallel gateway ignores conditions; elsewhere a flow without one counts as true
    if (node.type === 'parallelGateway' || !flow.condition) {
      chosen.push(flow.id);
    } else {
      const result = s.condition(flow.condition, scopeId, token.locals);
      if (!result.ok) {
        const restored = s.addToken({ ...token, wait: { kind: 'active' } });
        raiseIncident(s, restored, 'expression', `condition of flow "${flow.id}": ${result.error}`, 'leave');
        return;
      }
      if (result.value) chosen.push(flow.id);
    }
    if (exclusive && chosen.length > 0) break;
  }
  if (chosen.length === 0 && node.defaultFlow) chosen.push(node.defaultFlow);
  if (chosen.length === 0 && (exclusive || node.type === 'inclusiveGateway')) {
    const restored = s.addToken({ ...token, wait: { kind: 'active' } });
    raiseIncident(s, restored, 'expression', `no outgoing flow of gateway "${node.id}" has a true condition, and there is no default flow`, 'leave');
    return;
  }
  if (chosen.length === 0) {
    s.schedule(() => checkScope(s, scopeId));
    return;
  }
  for (const flowId of chosen) {
    const target = s.model.flows[flowId]!.target;
    s.schedule(() => enter(s, target, scopeId, { viaFlow: flowId }));
  }
}

function arriveAtJoin(s: Step, node: FlowNode, scopeId: string, viaFlow: string): void {
  const scope = s.scope(scopeId);
  const arrivals = (scope.joins[node.id] ??= {});
  arrivals[viaFlow] = (arrivals[viaFlow] ?? 0) + 1;
  tryFireJoin(s, node, scopeId);
}

/**
 * Fires a join when it may: a parallel join once every incoming flow has a token; an inclusive
 * join once no token still in the scope can reach an incoming flow that has none.
 */
export function tryFireJoin(s: Step, node: FlowNode, scopeId: string): boolean {
  const scope = s.state.scopes[scopeId];
  const arrivals = scope?.joins[node.id];
  if (!scope || !arrivals || Object.values(arrivals).every((n) => n === 0)) return false;
  const waiting = node.incoming.filter((f) => !(arrivals[f]! > 0));
  if (waiting.length > 0) {
    if (node.type === 'parallelGateway') return false;
    const positions = livePositions(s, scopeId, node.id);
    if (waiting.some((f) => canReach(s, positions, s.model.flows[f]!.source, node.id))) return false;
  }
  for (const f of node.incoming) if (arrivals[f]! > 0) arrivals[f]!--;
  if (Object.values(arrivals).every((n) => n === 0)) delete scope.joins[node.id];
  const token = s.addToken({ id: s.env.newId(), elementId: node.id, scopeId, wait: { kind: 'active' }, locals: {}, loopIndex: null });
  s.record(token.id, node, scopeId, 'start');
  complete(s, token);
  return true;
}

/** Where work still stands in a scope: its tokens, and tokens held at other joins. */
function livePositions(s: Step, scopeId: string, exceptJoin: string): Set<string> {
  const positions = new Set<string>(s.tokensIn(scopeId).map((t) => t.elementId));
  const scope = s.scope(scopeId);
  for (const [gateway, arrivals] of Object.entries(scope.joins)) {
    if (gateway !== exceptJoin && Object.values(arrivals).some((n) => n > 0)) positions.add(gateway);
  }
  return positions;
}

/** Whether any position can still reach `target` (a node id) without passing through `join`. */
function canReach(s: Step, positions: Set<string>, target: string, join: string): boolean {
  if (positions.size === 0) return false;
  const seen = new Set<string>([target]);
  const queue = [target];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (positions.has(id)) return true;
    const node = s.model.nodes[id];
    if (!node) continue;
    const predecessors = node.incoming.map((f) => s.model.flows[f]!.source);
    if (node.type === 'boundaryEvent' && node.attachedTo) predecessors.push(node.attachedTo);
    for (const p of predecessors) {
      if (p !== join && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return false;
}

/** Ends a scope whose work is all done; a waiting join keeps it open. */
export function checkScope(s: Step, scopeId: string): void {
  const scope = s.state.scopes[scopeId];
  if (!scope || scope.kind === 'multiInstanceBody') return;
  if (s.tokensIn(scopeId).length > 0) return;
  for (const [gateway, arrivals] of Object.entries(scope.joins)) {
    if (Object.values(arrivals).some((n) => n > 0) && tryFireJoin(s, s.node(gateway), scopeId)) return;
  }
  if (Object.values(scope.joins).some((a) => Object.values(a).some((n) => n > 0))) return;
  completeScope(s, scopeId);
}

export function completeScope(s: Step, scopeId: string, status: 'completed' | 'terminated' = 'completed'): void {
  const scope = s.scope(scopeId);
  s.removeAttachments(scope.attachments);
  delete s.state.scopes[scopeId];
  if (scope.kind === 'process') {
    s.state.status = status;
    s.state.endedAt = s.nowIso;
    s.record(s.state.id, { id: s.model.id, type: 'process', name: s.model.name }, scopeId, 'end');
    s.emit({ type: 'instanceEnded', status });
    if (s.state.parent) {
      s.emit({ type: 'parentNotify', parentInstanceId: s.state.parent.instanceId, tokenId: s.state.parent.tokenId, outcome: { kind: 'completed', variables: scope.variables } });
    }
    return;
  }
  const host = scope.hostToken ? s.state.tokens[scope.hostToken] : undefined;
  if (host) complete(s, host);
}

/** Starts a (sub-)process scope: its event sub-processes listen, and its none start event runs. */
export function startScope(s: Step, scopeId: string, startEventId: string | null, variables: Record<string, unknown> = {}): void {
  const scope = s.scope(scopeId);
  attachEventSubProcesses(s, scope);
  const info = s.model.scopes[scope.elementId];
  const start = startEventId ?? info?.noneStart ?? null;
  if (!start && info && info.implicitStarts.length > 0) {
    if (Object.keys(variables).length > 0) s.setVariables(scopeId, variables);
    for (const id of info.implicitStarts) s.schedule(() => enter(s, id, scopeId));
    return;
  }
  if (!start) {
    const host = scope.hostToken ? s.state.tokens[scope.hostToken] : undefined;
    if (host) raiseIncident(s, host, 'expression', `sub-process "${scope.elementId}" has no none start event`, 'enter');
    return;
  }
  const token = s.addToken({ id: s.env.newId(), elementId: start, scopeId, wait: { kind: 'active' }, locals: {}, loopIndex: null });
  s.record(token.id, s.node(start), scopeId, 'start');
  if (Object.keys(variables).length > 0) s.setVariables(scopeId, variables);
  s.schedule(() => complete(s, token));
}

/** Stops a token where it stands, with an incident an operator can resolve and retry. */
export function raiseIncident(s: Step, token: Token, kind: 'expression' | 'unhandledError' | 'decision' | 'call', message: string, phase: 'enter' | 'leave'): void {
  const id = s.env.newId();
  s.emit({ type: 'incidentCreated', incident: { id, tokenId: token.id, elementId: token.elementId, kind, message } });
  s.wait(token, { kind: 'incident', incidentId: id, phase });
}
