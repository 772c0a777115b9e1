import { compileExpression, type Expression } from '../expressions/index.ts';
import { parseTimer, type TimerKind } from '../timers/index.ts';
import { extensions, foreignAttr, list, properties, str, type ModdleElement } from './bpmn-read.ts';
import type { EventDefinition, Implementation, IoParameter, ModelProblem, MultiInstance, TaskConfig } from './process-model.ts';

/** Collects the problems found while reading one node's configuration. */
export class Problems {
  readonly list: ModelProblem[] = [];
  /** Parts that are accepted but not acted on (listeners): told, not refused. */
  readonly warnings: ModelProblem[] = [];
  add(elementId: string, reason: string): void {
    this.list.push({ elementId, reason });
  }
  warn(elementId: string, reason: string): void {
    this.warnings.push({ elementId, reason });
  }
  /** Compiles an expression, recording a problem (and returning null) when it does not parse. */
  expr(elementId: string, text: string | null, what: string): Expression | null {
    if (text === null) return null;
    const result = compileExpression(text);
    if (result.ok) return result.expression;
    this.add(elementId, `${what}: ${result.error}`);
    return null;
  }
}

const DEFAULT_RETRIES = 3;

/** `a, b ,c` → ['a', 'b', 'c']; each entry may itself be an expression. */
function csv(text: string | null): string[] {
  return text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * Camunda listeners run Java or scripts inside the engine; Banklane runs neither. A scripted one is
 * refused (its effect would silently be lost); others are accepted with a warning.
 */
export function checkListeners(el: ModdleElement, problems: Problems): void {
  for (const type of ['camunda:TaskListener', 'camunda:ExecutionListener']) {
    for (const listener of extensions(el, type)) {
      const script = listener.script as ModdleElement | undefined;
      if (script) problems.add(el.id!, `unsupported script language "${str(script, 'scriptFormat') ?? 'unknown'}" in a ${type.replace('camunda:', '')}: scripts are not run`);
      else problems.warn(el.id!, `${type.replace('camunda:', '')} (${str(listener, 'event') ?? 'any event'}) is not run by Banklane; use a service task or an external worker instead`);
    }
  }
}

export function taskConfig(el: ModdleElement, problems: Problems, laneGroup: string | null): TaskConfig {
  const id = el.id!;
  const zeebeAssign = extensions(el, 'zeebe:AssignmentDefinition')[0];
  const zeebeSchedule = extensions(el, 'zeebe:TaskSchedule')[0];
  const zeebeForm = extensions(el, 'zeebe:FormDefinition')[0];
  const zeebePriority = extensions(el, 'zeebe:PriorityDefinition')[0];
  const props = properties(el);
  const groups = csv(str(el, 'candidateGroups') ?? str(zeebeAssign, 'candidateGroups'));
  if (groups.length === 0 && laneGroup) groups.push(laneGroup);
  const notCompletedBy = csv(foreignAttr(el, 'notCompletedBy') ?? props.get('banklane.notCompletedBy') ?? null);
  const strict = props.get('banklane.strictCandidates') ?? foreignAttr(el, 'strictCandidates') ?? 'false';
  if (strict !== 'true' && strict !== 'false') problems.add(id, `banklane.strictCandidates is true or false, not "${strict}"`);
  let formSchema: unknown = null;
  const embedded = props.get('banklane.formSchema');
  if (embedded) {
    try {
      formSchema = JSON.parse(embedded);
    } catch {
      problems.add(id, 'banklane.formSchema is not valid JSON');
    }
  }
  return {
    assignee: problems.expr(id, str(el, 'assignee') ?? str(zeebeAssign, 'assignee'), 'assignee'),
    candidateUsers: csv(str(el, 'candidateUsers') ?? str(zeebeAssign, 'candidateUsers')).map((u) => problems.expr(id, u, 'candidate user')).filter(isExpr),
    candidateGroups: groups.map((g) => problems.expr(id, g, 'candidate group')).filter(isExpr),
    dueDate: problems.expr(id, str(el, 'dueDate') ?? str(zeebeSchedule, 'dueDate'), 'due date'),
    followUpDate: problems.expr(id, str(el, 'followUpDate') ?? str(zeebeSchedule, 'followUpDate'), 'follow-up date'),
    priority: problems.expr(id, str(el, 'priority') ?? str(zeebePriority, 'priority'), 'priority'),
    formKey: str(el, 'formKey') ?? str(zeebeForm, 'formKey') ?? str(zeebeForm, 'formId'),
    formSchema,
    notCompletedBy,
    excludedUsers: csv(foreignAttr(el, 'excludedUsers') ?? props.get('banklane.excludedUsers') ?? null).map((u) => problems.expr(id, u, 'excluded user')).filter(isExpr),
    workingTime: (props.get('banklane.dueDateCalendar') ?? foreignAttr(el, 'dueDateCalendar')) === 'working',
    pool: props.get('banklane.pool') ?? foreignAttr(el, 'pool') ?? null,
    qualification: props.get('banklane.qualification') ?? foreignAttr(el, 'qualification') ?? null,
    gates: csv(props.get('banklane.gates') ?? foreignAttr(el, 'gates') ?? null),
    ...(strict === 'true' ? { strictCandidates: true as const } : {}),
  };
}

function isExpr(e: Expression | null): e is Expression {
  return e !== null;
}

/** Strips `${…}`/`#{…}` around a delegate expression: its text is the handler name. */
function delegateName(text: string): string {
  const m = /^\s*[$#]\{\s*(.*?)\s*\}\s*$/.exec(text);
  return m ? m[1]! : text.trim();
}

/**
 * How a service-like task is carried out. Camunda 7 Java delegates (`camunda:class`,
 * `delegateExpression`, `expression`) and Camunda 8 job types become a named handler: the one
 * registered under that name runs it, or, if none is, an external worker fetching that topic does.
 */
export function implementation(el: ModdleElement, problems: Problems): Implementation {
  const id = el.id!;
  const retries = Number(properties(el).get('banklane.retries') ?? DEFAULT_RETRIES);
  const zeebeTask = extensions(el, 'zeebe:TaskDefinition')[0];
  const zeebeDecision = extensions(el, 'zeebe:CalledDecision')[0];
  if (extensions(el, 'camunda:Connector').length > 0) {
    problems.add(id, 'Camunda connectors are not supported; use an external task (camunda:type="external") instead');
    return { kind: 'none' };
  }
  if (str(el, 'type') === 'external') {
    const topic = str(el, 'topic');
    if (!topic) problems.add(id, 'an external task needs camunda:topic');
    return { kind: 'external', topic: topic ?? '', retries };
  }
  const decisionRef = str(el, 'decisionRef') ?? str(zeebeDecision, 'decisionId');
  if (decisionRef) {
    const map = str(el, 'mapDecisionResult') ?? 'resultList';
    const mapping = (['singleEntry', 'singleResult', 'collectEntries', 'resultList'] as const).find((m) => m === map);
    if (!mapping) problems.add(id, `unknown camunda:mapDecisionResult "${map}"`);
    return { kind: 'decision', decisionRef, resultVariable: str(el, 'resultVariable') ?? str(zeebeDecision, 'resultVariable'), mapDecisionResult: zeebeDecision ? 'singleResult' : (mapping ?? 'resultList') };
  }
  const delegate = str(el, 'class') ?? str(el, 'delegateExpression') ?? str(el, 'expression') ?? str(zeebeTask, 'type');
  if (delegate) {
    const zeebeRetries = Number(str(zeebeTask, 'retries') ?? NaN);
    return { kind: 'handler', name: delegateName(delegate), retries: Number.isFinite(zeebeRetries) ? zeebeRetries : retries };
  }
  return { kind: 'none' };
}

export function multiInstance(el: ModdleElement, problems: Problems): MultiInstance | null {
  const loop = el.loopCharacteristics as ModdleElement | undefined;
  if (!loop) return null;
  const id = el.id!;
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    problems.add(id, 'standard loops are not supported; model the loop with a gateway, or use multi-instance');
    return null;
  }
  const zeebeLoop = extensions(loop, 'zeebe:LoopCharacteristics')[0];
  const body = (prop: string) => str(loop[prop] as ModdleElement | undefined, 'body');
  return {
    sequential: loop.isSequential === true,
    loopCardinality: problems.expr(id, body('loopCardinality'), 'loop cardinality'),
    collection: problems.expr(id, str(loop, 'collection') ?? str(zeebeLoop, 'inputCollection'), 'multi-instance collection'),
    elementVariable: str(loop, 'elementVariable') ?? str(zeebeLoop, 'inputElement'),
    completionCondition: problems.expr(id, body('completionCondition'), 'completion condition'),
    outputCollection: str(zeebeLoop, 'outputCollection'),
    outputElement: problems.expr(id, str(zeebeLoop, 'outputElement'), 'output element'),
  };
}

/** Input and output mappings: `camunda:inputOutput` or `zeebe:ioMapping`. */
export function ioMappings(el: ModdleElement, problems: Problems): { inputs: IoParameter[]; outputs: IoParameter[] } {
  const id = el.id!;
  const inputs: IoParameter[] = [];
  const outputs: IoParameter[] = [];
  for (const io of extensions(el, 'camunda:InputOutput')) {
    for (const [params, into] of [[list(io, 'inputParameters'), inputs], [list(io, 'outputParameters'), outputs]] as const) {
      for (const p of params) {
        const name = str(p, 'name') ?? '';
        const definition = p.definition as ModdleElement | undefined;
        if (definition?.$type === 'camunda:Script') {
          problems.add(id, `unsupported script language "${str(definition, 'scriptFormat') ?? 'unknown'}" in mapping "${name}": scripts are not run`);
          continue;
        }
        if (definition) {
          problems.add(id, `mapping "${name}": ${definition.$type} values are not supported; use an expression`);
          continue;
        }
        const value = problems.expr(id, str(p, 'value') ?? '', `mapping "${name}"`);
        if (value) into.push({ name, value });
      }
    }
  }
  for (const io of extensions(el, 'zeebe:IoMapping')) {
    for (const [params, into] of [[list(io, 'inputParameters'), inputs], [list(io, 'outputParameters'), outputs]] as const) {
      for (const p of params) {
        const source = str(p, 'source') ?? '';
        const value = problems.expr(id, source.startsWith('=') ? source : `=${source}`, `mapping "${str(p, 'target')}"`);
        if (value) into.push({ name: str(p, 'target') ?? '', value });
      }
    }
  }
  return { inputs, outputs };
}

export function callConfig(el: ModdleElement, problems: Problems) {
  const id = el.id!;
  const zeebeCalled = extensions(el, 'zeebe:CalledElement')[0];
  const processIdText = str(el, 'calledElement') ?? str(zeebeCalled, 'processId');
  if (!processIdText) problems.add(id, 'a call activity needs calledElement (the process to call)');
  const mappings = (type: string) => extensions(el, type);
  const passAll = zeebeCalled ? zeebeCalled.propagateAllChildVariables !== false : mappings('camunda:In').some((m) => str(m, 'variables') === 'all');
  const pairs = (type: string) =>
    mappings(type)
      .filter((m) => str(m, 'source') && str(m, 'variables') !== 'all')
      .map((m) => ({ source: str(m, 'source')!, target: str(m, 'target') ?? str(m, 'source')! }));
  return {
    processId: problems.expr(id, processIdText ?? '', 'called element') ?? { kind: 'literal' as const, text: '' },
    passAll: passAll || mappings('camunda:In').length === 0,
    inVariables: pairs('camunda:In'),
    outVariables: pairs('camunda:Out'),
  };
}

const TIMER_KINDS: TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

/** The node's event definition, checked against what the node type may carry. */
export function eventDefinition(el: ModdleElement, problems: Problems): EventDefinition | null {
  const defs = list(el, 'eventDefinitions');
  const id = el.id!;
  if (defs.length === 0) return null;
  if (defs.length > 1) {
    problems.add(id, 'multiple event definitions on one event are not supported');
    return null;
  }
  const def = defs[0]!;
  switch (def.$type) {
    case 'bpmn:TimerEventDefinition': {
      const type = TIMER_KINDS.find((k) => def[k]);
      const text = type ? str(def[type] as ModdleElement, 'body') : null;
      if (!type || !text) {
        problems.add(id, 'a timer needs timeDuration, timeDate or timeCycle');
        return null;
      }
      const expression = problems.expr(id, text, 'timer');
      if (expression?.kind === 'literal') {
        const parsed = parseTimer(type, expression.text);
        if (!parsed.ok) problems.add(id, `timer ${type} "${text}": ${parsed.error}`);
      }
      return expression ? { kind: 'timer', timer: { type, expression } } : null;
    }
    case 'bpmn:MessageEventDefinition': {
      const message = def.messageRef as ModdleElement | undefined;
      const name = str(message, 'name');
      if (!name) {
        problems.add(id, 'a message event needs a message with a name (messageRef)');
        return null;
      }
      const subscription = message ? extensions(message, 'zeebe:Subscription')[0] : undefined;
      return { kind: 'message', messageName: name, correlationKey: problems.expr(id, str(subscription, 'correlationKey'), 'correlation key') };
    }
    case 'bpmn:SignalEventDefinition': {
      const name = str(def.signalRef as ModdleElement | undefined, 'name');
      if (!name) {
        problems.add(id, 'a signal event needs a signal with a name (signalRef)');
        return null;
      }
      return { kind: 'signal', signalName: name };
    }
    case 'bpmn:ErrorEventDefinition':
      return {
        kind: 'error',
        errorCode: str(def.errorRef as ModdleElement | undefined, 'errorCode'),
        codeVariable: str(def, 'errorCodeVariable'),
        messageVariable: str(def, 'errorMessageVariable'),
      };
    case 'bpmn:EscalationEventDefinition':
      return { kind: 'escalation', escalationCode: str(def.escalationRef as ModdleElement | undefined, 'escalationCode') };
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    default:
      problems.add(id, `unsupported event definition ${def.$type.replace('bpmn:', '')}`);
      return null;
  }
}
