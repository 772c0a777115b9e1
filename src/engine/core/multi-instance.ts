import type { FlowNode } from '../model/process-model.ts';
import { attachBoundaries, cancelToken } from './events.ts';
import { complete, enter, raiseIncident } from './flow.ts';
import type { Step } from './step.ts';
import type { ScopeInstance, Token } from './state.ts';

/**
 * Starts a multi-instance activity: a body scope counts the inner instances (all at once, or one
 * after another) and holds `nrOfInstances`, `nrOfActiveInstances`, `nrOfCompletedInstances`.
 * Each inner instance has `loopCounter` (from 0, as in Camunda 7) and the element variable locally.
 */
export function startMultiInstance(s: Step, node: FlowNode, host: Token): void {
  const mi = node.multiInstance!;
  let items: unknown[] | null = null;
  let total: number;
  if (mi.collection) {
    const result = s.evaluate(mi.collection, host.scopeId, host.locals);
    if (!result.ok) return raiseIncident(s, host, 'expression', `multi-instance collection: ${result.error}`, 'enter');
    if (!Array.isArray(result.value)) return raiseIncident(s, host, 'expression', 'multi-instance collection is not a list', 'enter');
    items = result.value;
    total = items.length;
  } else if (mi.loopCardinality) {
    const result = s.evaluate(mi.loopCardinality, host.scopeId, host.locals);
    const n = result.ok ? Number(result.value) : NaN;
    if (!result.ok || !Number.isInteger(n) || n < 0) return raiseIncident(s, host, 'expression', `loop cardinality: ${result.ok ? `"${String(result.value)}" is not a whole number ≥ 0` : result.error}`, 'enter');
    total = n;
  } else return raiseIncident(s, host, 'expression', 'a multi-instance activity needs loopCardinality or a collection', 'enter');

  const body = s.newScope({
    id: s.env.newId(),
    elementId: node.id,
    parentId: host.scopeId,
    kind: 'multiInstanceBody',
    variables: { nrOfInstances: total, nrOfActiveInstances: 0, nrOfCompletedInstances: 0 },
    hostToken: host.id,
    multiInstance: { total, started: 0, completed: 0, active: 0, items, outputs: new Array(total).fill(null) },
  });
  s.wait(host, { kind: 'scope', scopeId: body.id });
  attachBoundaries(s, node, host);
  if (total === 0) return finishBody(s, body);
  const first = mi.sequential ? 1 : total;
  for (let i = 0; i < first; i++) startInner(s, node, body);
}

function startInner(s: Step, node: FlowNode, body: ScopeInstance): void {
  const state = body.multiInstance!;
  const index = state.started++;
  state.active++;
  body.variables.nrOfActiveInstances = state.active;
  const locals: Record<string, unknown> = { loopCounter: index };
  const elementVariable = node.multiInstance!.elementVariable;
  if (elementVariable && state.items) locals[elementVariable] = state.items[index];
  s.schedule(() => enter(s, node.id, body.id, { locals, loopIndex: index }));
}

/** An inner instance completed: collect its output, then end the body or start the next one. */
export function finishInner(s: Step, body: ScopeInstance, inner: Token): void {
  const node = s.node(body.elementId);
  const mi = node.multiInstance!;
  const state = body.multiInstance!;
  state.completed++;
  state.active--;
  body.variables.nrOfActiveInstances = state.active;
  body.variables.nrOfCompletedInstances = state.completed;
  if (mi.outputElement && inner.loopIndex !== null) {
    const result = s.evaluate(mi.outputElement, body.id, inner.locals);
    state.outputs[inner.loopIndex] = result.ok ? result.value : null;
  }
  let done = state.completed >= state.total;
  if (!done && mi.completionCondition) {
    const result = s.condition(mi.completionCondition, body.id, inner.locals);
    done = result.ok && result.value;
  }
  if (done) return finishBody(s, body);
  if (mi.sequential && state.started < state.total) startInner(s, node, body);
}

function finishBody(s: Step, body: ScopeInstance): void {
  for (const token of s.tokensIn(body.id)) cancelToken(s, token);
  const node = s.node(body.elementId);
  const host = body.hostToken ? s.state.tokens[body.hostToken] : undefined;
  delete s.state.scopes[body.id];
  const output = node.multiInstance?.outputCollection;
  const variables = output ? { [output]: body.multiInstance!.outputs } : {};
  if (host) complete(s, host, variables, { multiInstanceDone: true });
}
