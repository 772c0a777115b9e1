import type { ProcessModel } from '../model/process-model.ts';
import type { Effect, ParentOutcome } from './effects.ts';
import { cancelScope, cancelToken, locate, throwError, throwEscalation, trigger } from './events.ts';
import { complete, enter, leave, raiseIncident, startScope, tryFireJoin } from './flow.ts';
import { Step, StepRefusal, type Env } from './step.ts';
import type { InstanceState, Token } from './state.ts';

/** What can happen to a process instance. */
export type Command =
  | { type: 'start'; instanceId: string; definitionId: string; businessKey: string | null; variables: Record<string, unknown>; startEventId?: string; parent?: { instanceId: string; tokenId: string } }
  | { type: 'completeTask'; taskId: string; variables: Record<string, unknown>; userId: string | null }
  | { type: 'fireTimer'; jobId: string }
  | { type: 'continueJob'; jobId: string }
  | { type: 'completeJob'; jobId: string; variables: Record<string, unknown> }
  | { type: 'jobError'; jobId: string; errorCode: string; message: string | null; variables: Record<string, unknown> }
  | { type: 'correlate'; subscriptionId: string; variables: Record<string, unknown> }
  | { type: 'childDone'; tokenId: string; outcome: ParentOutcome }
  | { type: 'cancel' }
  | { type: 'retryIncident'; incidentId: string }
  | { type: 'setVariables'; variables: Record<string, unknown> };

export type StepResult = { state: InstanceState; effects: Effect[] };

/**
 * The engine's step: (model, state, command, env) → (new state, effects). Pure and deterministic:
 * the clock and ids come from `env`. The given state is taken over and changed in place (the
 * caller holds a fresh copy read from storage). Throws StepRefusal when the command does not fit
 * the state (nothing is then changed that the caller keeps).
 */
export function step(model: ProcessModel, state: InstanceState | null, command: Command, env: Env): StepResult {
  if (command.type === 'start') return start(model, command, env);
  if (!state) throw new StepRefusal('not_found', 'no such process instance');
  if (state.status !== 'active') throw new StepRefusal('invalid_state', `the process instance has ended (${state.status})`);
  const s = new Step(model, state, env);
  apply(s, command);
  settle(s);
  return { state: s.state, effects: s.effects };
}

function start(model: ProcessModel, command: Extract<Command, { type: 'start' }>, env: Env): StepResult {
  const state: InstanceState = {
    id: command.instanceId,
    processId: model.id,
    definitionId: command.definitionId,
    businessKey: command.businessKey,
    status: 'active',
    scopes: {},
    tokens: {},
    parent: command.parent ?? null,
    completedBy: {},
    startedAt: env.now.toISOString(),
    endedAt: null,
  };
  const s = new Step(model, state, env);
  s.newScope({ id: state.id, elementId: model.id, parentId: null, kind: 'process', variables: { ...command.variables }, hostToken: null });
  s.record(state.id, { id: model.id, type: 'process', name: model.name }, state.id, 'start');
  const root = model.scopes[model.id];
  const startEvent = command.startEventId ?? root?.noneStart ?? null;
  if (!startEvent && !root?.implicitStarts.length) throw new StepRefusal('invalid_state', `process "${model.id}" has no none start event; start it by message, signal or timer`);
  startScope(s, state.id, startEvent);
  settle(s);
  return { state: s.state, effects: s.effects };
}

function tokenWaiting(s: Step, predicate: (t: Token) => boolean, what: string): Token {
  const token = Object.values(s.state.tokens).find(predicate);
  if (!token) throw new StepRefusal('not_found', `${what} is not waiting in this process instance`);
  return token;
}

function apply(s: Step, command: Exclude<Command, { type: 'start' }>): void {
  switch (command.type) {
    case 'completeTask': {
      const token = tokenWaiting(s, (t) => t.wait.kind === 'userTask' && t.wait.taskId === command.taskId, `task ${command.taskId}`);
      const rule = s.node(token.elementId).task?.notCompletedBy ?? [];
      if (command.userId) {
        const conflict = rule.find((elementId) => s.state.completedBy[elementId] === command.userId);
        if (conflict) throw new StepRefusal('maker_checker', `maker-checker: the same person completed "${s.model.nodes[conflict]?.name ?? conflict}" and may not complete "${s.node(token.elementId).name ?? token.elementId}"`);
        s.state.completedBy[token.elementId] = command.userId;
      }
      s.emit({ type: 'taskEnded', taskId: command.taskId, outcome: 'completed' });
      return complete(s, token, command.variables);
    }
    case 'continueJob': {
      const token = tokenWaiting(s, (t) => t.wait.kind === 'job' && t.wait.jobId === command.jobId, `job ${command.jobId}`);
      const job = token.wait.kind === 'job' ? token.wait.job : null;
      if (job === 'asyncBefore') return enter(s, token.elementId, token.scopeId, { token });
      if (job === 'asyncAfter') return complete(s, token, {}, { afterAsync: true });
      throw new StepRefusal('invalid_state', `job ${command.jobId} is done by a worker, not continued`);
    }
    case 'completeJob': {
      const token = tokenWaiting(s, (t) => t.wait.kind === 'job' && t.wait.jobId === command.jobId, `job ${command.jobId}`);
      return complete(s, token, command.variables);
    }
    case 'jobError': {
      const token = tokenWaiting(s, (t) => t.wait.kind === 'job' && t.wait.jobId === command.jobId, `job ${command.jobId}`);
      s.emit({ type: 'jobRemoved', jobId: command.jobId });
      token.wait = { kind: 'active' };
      const outcome = throwError(s, token.scopeId, token, command.errorCode, command.message, command.variables);
      if (outcome === 'unhandled') raiseIncident(s, token, 'unhandledError', `BPMN error "${command.errorCode}" from "${token.elementId}" is not caught`, 'enter');
      return;
    }
    case 'fireTimer':
    case 'correlate': {
      const id = command.type === 'fireTimer' ? command.jobId : command.subscriptionId;
      const located = locate(s, id);
      if (!located) throw new StepRefusal('not_found', `nothing in this instance listens on ${id}`);
      return trigger(s, located, command.type === 'correlate' ? command.variables : {});
    }
    case 'childDone':
      return childDone(s, command.tokenId, command.outcome);
    case 'cancel': {
      for (const token of Object.values(s.state.tokens)) if (s.state.tokens[token.id]) cancelToken(s, token);
      cancelScope(s, s.state.id);
      s.state.status = 'cancelled';
      s.state.endedAt = s.nowIso;
      s.record(s.state.id, { id: s.model.id, type: 'process', name: s.model.name }, s.state.id, 'cancel');
      s.emit({ type: 'instanceEnded', status: 'cancelled' });
      return;
    }
    case 'retryIncident': {
      const token = tokenWaiting(s, (t) => t.wait.kind === 'incident' && t.wait.incidentId === command.incidentId, `incident ${command.incidentId}`);
      const phase = token.wait.kind === 'incident' ? token.wait.phase : 'enter';
      token.wait = { kind: 'active' };
      if (phase === 'leave') {
        delete s.state.tokens[token.id];
        return leave(s, s.node(token.elementId), token);
      }
      return enter(s, token.elementId, token.scopeId, { token });
    }
    case 'setVariables':
      s.setVariables(s.state.id, command.variables);
      return;
  }
}

function childDone(s: Step, tokenId: string, outcome: ParentOutcome): void {
  const token = s.state.tokens[tokenId];
  if (!token || token.wait.kind !== 'call') throw new StepRefusal('not_found', 'the calling activity is no longer waiting');
  const call = s.node(token.elementId).call!;
  if (outcome.kind === 'completed') {
    const variables: Record<string, unknown> = {};
    if (call.outVariables.length === 0) Object.assign(variables, outcome.variables);
    for (const m of call.outVariables) variables[m.target] = outcome.variables[m.source];
    return complete(s, token, variables);
  }
  token.wait = { kind: 'active' };
  if (outcome.kind === 'error') {
    const result = throwError(s, token.scopeId, token, outcome.errorCode, outcome.message, {});
    if (result === 'unhandled') raiseIncident(s, token, 'unhandledError', `BPMN error "${outcome.errorCode}" from the called process is not caught`, 'enter');
    return;
  }
  throwEscalation(s, token.scopeId, token, outcome.escalationCode, {});
}

/** Runs the agenda, then fires inclusive joins that no live token can reach any more, until quiet. */
function settle(s: Step): void {
  for (;;) {
    s.run();
    let fired = false;
    for (const scope of Object.values(s.state.scopes)) {
      for (const gateway of Object.keys(scope.joins)) {
        if (s.node(gateway).type === 'inclusiveGateway' && tryFireJoin(s, s.node(gateway), scope.id)) fired = true;
      }
    }
    if (!fired) return;
  }
}
