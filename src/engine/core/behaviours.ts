import type { Expression } from '../expressions/index.ts';
import type { FlowNode } from '../model/process-model.ts';
import { addDuration, firstDue, parseDuration, parseTimer } from '../timers/index.ts';
import { armEventGateway, attachBoundaries, cancelToken, throwError, throwEscalation } from './events.ts';
import { complete, completeScope, raiseIncident, startScope } from './flow.ts';
import type { Step } from './step.ts';
import type { Token } from './state.ts';

/** Carries out a node once its token has arrived: pass through, or set up what it waits for. */
export function executeNode(s: Step, node: FlowNode, token: Token): void {
  switch (node.type) {
    case 'startEvent':
    case 'task':
    case 'manualTask':
    case 'exclusiveGateway':
    case 'inclusiveGateway':
    case 'parallelGateway':
    case 'boundaryEvent':
      return complete(s, token);
    case 'userTask':
      return createUserTask(s, node, token);
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      return runImplementation(s, node, token);
    case 'receiveTask':
    case 'intermediateCatchEvent':
      return catchEvent(s, node, token);
    case 'intermediateThrowEvent':
      return throwEvent(s, node, token);
    case 'endEvent':
      return endEvent(s, node, token);
    case 'eventBasedGateway':
      armEventGateway(s, node, token);
      return;
    case 'subProcess':
      return startSubProcess(s, node, token);
    case 'callActivity':
      return callProcess(s, node, token);
  }
}

function text(s: Step, expression: Expression | null, token: Token): { ok: true; value: string | null } | { ok: false; error: string } {
  if (!expression) return { ok: true, value: null };
  const result = s.evaluate(expression, token.scopeId, token.locals);
  if (!result.ok) return result;
  if (result.value === null || result.value === undefined || result.value === '') return { ok: true, value: null };
  if (result.value instanceof Date) return { ok: true, value: result.value.toISOString() };
  return { ok: true, value: String(result.value) };
}

function createUserTask(s: Step, node: FlowNode, token: Token): void {
  const config = node.task!;
  const values: Record<string, string | null> = {};
  const lists: Record<string, string[]> = { candidateUsers: [], candidateGroups: [], excludedUsers: [] };
  for (const [name, expression] of [['assignee', config.assignee], ['due', config.dueDate], ['followUp', config.followUpDate], ['priority', config.priority]] as const) {
    const result = text(s, expression, token);
    if (!result.ok) return raiseIncident(s, token, 'expression', `${name}: ${result.error}`, 'enter');
    values[name] = result.value;
  }
  for (const name of ['candidateUsers', 'candidateGroups', 'excludedUsers'] as const) {
    for (const expression of config[name]) {
      const result = s.evaluate(expression, token.scopeId, token.locals);
      if (!result.ok) return raiseIncident(s, token, 'expression', `${name}: ${result.error}`, 'enter');
      const items = Array.isArray(result.value) ? result.value : String(result.value ?? '').split(',');
      lists[name]!.push(...items.map((v) => String(v).trim()).filter(Boolean));
    }
  }
  const date = (value: string | null, what: string) => {
    if (!value) return { ok: true as const, value: null };
    const resolved = s.env.resolveDate?.(value, s.env.now, config.workingTime) ?? resolveDate(value, s.env.now);
    return resolved ? { ok: true as const, value: resolved.toISOString() } : { ok: false as const, error: `${what} "${value}" is neither a date-time nor a duration` };
  };
  if (values.assignee && lists.excludedUsers!.includes(values.assignee)) return raiseIncident(s, token, 'expression', `assignee: ${values.assignee} is excluded from this task (recusal)`, 'enter');
  const due = date(values.due ?? null, 'due date');
  if (!due.ok) return raiseIncident(s, token, 'expression', due.error, 'enter');
  const followUp = date(values.followUp ?? null, 'follow-up date');
  if (!followUp.ok) return raiseIncident(s, token, 'expression', followUp.error, 'enter');
  const priority = values.priority === null || values.priority === undefined ? 50 : Number(values.priority);
  const taskId = s.env.newId();
  s.emit({
    type: 'taskCreated',
    task: {
      id: taskId,
      tokenId: token.id,
      elementId: node.id,
      name: node.name,
      assignee: values.assignee ?? null,
      candidateUsers: lists.candidateUsers!,
      candidateGroups: lists.candidateGroups!,
      dueAt: due.value,
      followUpAt: followUp.value,
      priority: Number.isFinite(priority) ? priority : 50,
      formKey: config.formKey,
      formSchema: config.formSchema,
      notCompletedBy: config.notCompletedBy,
      excludedUsers: lists.excludedUsers!,
      pool: config.pool,
      qualification: config.qualification,
      gates: config.gates,
      createdAt: s.nowIso,
    },
  });
  s.wait(token, { kind: 'userTask', taskId });
  attachBoundaries(s, node, token);
}

/** A due date as an ISO date-time, or an ISO duration from now (calendar time). */
function resolveDate(value: string, now: Date): Date | null {
  const duration = parseDuration(value);
  if (duration.ok) return addDuration(now, duration.duration);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** Service, send and business-rule tasks; message throw and end events with an implementation. */
function runImplementation(s: Step, node: FlowNode, token: Token): void {
  const impl = node.implementation;
  if (impl.kind === 'none') return complete(s, token);
  if (impl.kind === 'decision') {
    if (!s.env.decide) return raiseIncident(s, token, 'decision', `no decision service to evaluate "${impl.decisionRef}"`, 'enter');
    const result = s.env.decide(impl.decisionRef, s.variables(token.scopeId, token.locals));
    if (!result.ok) return raiseIncident(s, token, 'decision', result.error, 'enter');
    const variables = impl.resultVariable ? { [impl.resultVariable]: mapDecisionResult(result.value, impl.mapDecisionResult) } : {};
    return complete(s, token, variables);
  }
  const jobId = s.env.newId();
  s.emit({
    type: 'jobCreated',
    job: {
      id: jobId,
      tokenId: token.id,
      elementId: node.id,
      kind: impl.kind,
      dueAt: s.nowIso,
      topic: impl.kind === 'external' ? impl.topic : impl.name,
      retries: impl.retries,
      payload: s.variables(token.scopeId, token.locals),
    },
  });
  s.wait(token, { kind: 'job', jobId, job: impl.kind });
  attachBoundaries(s, node, token);
}

/** Camunda's camunda:mapDecisionResult: how a table's result lands in the result variable. */
function mapDecisionResult(value: unknown, mapping: 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList'): unknown {
  const rows = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  const firstValue = (row: unknown) => (row && typeof row === 'object' && !Array.isArray(row) ? Object.values(row)[0] : row);
  switch (mapping) {
    case 'singleEntry':
      return rows.length === 0 ? null : firstValue(rows[0]);
    case 'singleResult':
      return rows.length === 0 ? null : rows[0];
    case 'collectEntries':
      return rows.map(firstValue);
    case 'resultList':
      return rows;
  }
}

function catchEvent(s: Step, node: FlowNode, token: Token): void {
  const event = node.event;
  if (!event) return complete(s, token);
  if (event.kind === 'timer') {
    const due = timerDue(s, event.timer, token);
    if (!due.ok) return raiseIncident(s, token, 'expression', due.error, 'enter');
    const jobId = s.env.newId();
    s.emit({ type: 'jobCreated', job: { id: jobId, tokenId: token.id, elementId: node.id, kind: 'timer', dueAt: due.value.toISOString(), topic: null, retries: 3, payload: null } });
    s.wait(token, { kind: 'timer', jobId });
  } else if (event.kind === 'message') {
    const key = text(s, event.correlationKey, token);
    if (!key.ok) return raiseIncident(s, token, 'expression', `correlation key: ${key.error}`, 'enter');
    const subscriptionId = s.env.newId();
    s.emit({ type: 'subscriptionCreated', subscription: { id: subscriptionId, tokenId: token.id, elementId: node.id, kind: 'message', name: event.messageName, correlationKey: key.value } });
    s.wait(token, { kind: 'message', subscriptionId });
  } else if (event.kind === 'signal') {
    const subscriptionId = s.env.newId();
    s.emit({ type: 'subscriptionCreated', subscription: { id: subscriptionId, tokenId: token.id, elementId: node.id, kind: 'signal', name: event.signalName, correlationKey: null } });
    s.wait(token, { kind: 'signal', subscriptionId });
  } else return complete(s, token);
  if (node.type === 'receiveTask') attachBoundaries(s, node, token);
}

/** The first due instant of a timer definition, its expression evaluated now. */
export function timerDue(s: Step, timer: { type: 'timeDuration' | 'timeDate' | 'timeCycle'; expression: Expression }, token: Token | null, scopeId?: string) {
  const evaluated = s.evaluate(timer.expression, token?.scopeId ?? scopeId ?? s.state.id, token?.locals);
  if (!evaluated.ok) return { ok: false as const, error: `timer: ${evaluated.error}` };
  const value = evaluated.value instanceof Date ? evaluated.value.toISOString() : String(evaluated.value ?? '');
  const parsed = parseTimer(timer.type, value);
  if (!parsed.ok) return { ok: false as const, error: `timer ${timer.type} "${value}": ${parsed.error}` };
  const due = firstDue(parsed.spec, s.env.now);
  if (!due) return { ok: false as const, error: `timer ${timer.type} "${value}" never fires` };
  return { ok: true as const, value: due, spec: parsed.spec };
}

function throwEvent(s: Step, node: FlowNode, token: Token): void {
  const event = node.event;
  if (event?.kind === 'signal') s.emit({ type: 'signalThrown', name: event.signalName, variables: {} });
  if (event?.kind === 'message') return runImplementation(s, node, token);
  if (event?.kind === 'escalation') {
    throwEscalation(s, token.scopeId, null, event.escalationCode ?? '', {});
    if (!s.state.tokens[token.id]) return; // an interrupting catcher ended the scope around it
  }
  complete(s, token);
}

function endEvent(s: Step, node: FlowNode, token: Token): void {
  const event = node.event;
  if (event?.kind === 'message' && node.implementation.kind !== 'none' && token.wait.kind === 'active') return runImplementation(s, node, token);
  if (event?.kind === 'signal') s.emit({ type: 'signalThrown', name: event.signalName, variables: {} });
  if (event?.kind === 'error') {
    s.record(token.id, node, token.scopeId, 'end');
    delete s.state.tokens[token.id];
    const outcome = throwError(s, token.scopeId, null, event.errorCode ?? '', null, {});
    if (outcome === 'unhandled') {
      const stuck = s.addToken({ ...token, wait: { kind: 'active' } });
      raiseIncident(s, stuck, 'unhandledError', `BPMN error "${event.errorCode ?? ''}" thrown by "${node.id}" is not caught by any boundary event or event sub-process`, 'enter');
    }
    return;
  }
  if (event?.kind === 'escalation') {
    throwEscalation(s, token.scopeId, null, event.escalationCode ?? '', {});
    if (!s.state.tokens[token.id]) return;
  }
  if (event?.kind === 'terminate') {
    s.record(token.id, node, token.scopeId, 'end');
    delete s.state.tokens[token.id];
    terminateScope(s, token.scopeId);
    return;
  }
  complete(s, token);
}

/** A terminate end event: everything else in the scope stops; the scope ends. */
function terminateScope(s: Step, scopeId: string): void {
  for (const other of s.tokensIn(scopeId)) cancelToken(s, other);
  const scope = s.scope(scopeId);
  scope.joins = {};
  completeScope(s, scopeId, scope.kind === 'process' ? 'terminated' : 'completed');
}

function startSubProcess(s: Step, node: FlowNode, token: Token): void {
  // the activity's locals (input mappings, a multi-instance element and counter) are the sub-process's own variables
  const scope = s.newScope({ id: s.env.newId(), elementId: node.id, parentId: token.scopeId, kind: 'subProcess', variables: { ...token.locals }, hostToken: token.id });
  s.wait(token, { kind: 'scope', scopeId: scope.id });
  attachBoundaries(s, node, token);
  startScope(s, scope.id, null);
}

function callProcess(s: Step, node: FlowNode, token: Token): void {
  const call = node.call!;
  const processId = text(s, call.processId, token);
  if (!processId.ok || !processId.value) return raiseIncident(s, token, 'call', `called element: ${processId.ok ? 'empty' : processId.error}`, 'enter');
  const visible = s.variables(token.scopeId, token.locals);
  const variables: Record<string, unknown> = call.passAll ? { ...visible } : {};
  for (const mapping of call.inVariables) variables[mapping.target] = visible[mapping.source];
  const childInstanceId = s.env.newId();
  s.emit({ type: 'childStart', childInstanceId, processId: processId.value, tokenId: token.id, variables, businessKey: s.state.businessKey });
  s.wait(token, { kind: 'call', childInstanceId });
  attachBoundaries(s, node, token);
}
