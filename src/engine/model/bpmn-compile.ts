import { compileExpression } from '../expressions/index.ts';
import { callConfig, checkListeners, eventDefinition, implementation, ioMappings, multiInstance, Problems, taskConfig } from './bpmn-node-config.ts';
import { list, readBpmn, str, type ModdleElement } from './bpmn-read.ts';
import type { EventDefinition, FlowNode, ModelProblem, NodeType, ProcessModel, ScopeInfo, SequenceFlow } from './process-model.ts';

export type CompiledDefinitions = {
  /** Every process of the document, executable or not. */
  processes: ProcessModel[];
  /** Parts of non-executable processes that could not run if they were made executable. */
  unsupported: ModelProblem[];
  /** Accepted but not acted on (listeners), and what the XML reader noticed. */
  warnings: ModelProblem[];
};

export type CompileResult = { ok: true; value: CompiledDefinitions } | { ok: false; problems: ModelProblem[] };

const NODE_TYPES: Record<string, NodeType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

/** Elements that are not part of the flow (data, annotations): imported, ignored at run time. */
const NOT_FLOW = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group']);

const ALLOWED_EVENTS: Partial<Record<NodeType, EventDefinition['kind'][]>> = {
  startEvent: ['timer', 'message', 'signal', 'error', 'escalation'],
  endEvent: ['terminate', 'error', 'escalation', 'message', 'signal'],
  intermediateCatchEvent: ['timer', 'message', 'signal'],
  intermediateThrowEvent: ['signal', 'escalation', 'message'],
  boundaryEvent: ['timer', 'message', 'signal', 'error', 'escalation'],
};

const ACTIVITIES = new Set<NodeType>(['task', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'manualTask', 'businessRuleTask', 'subProcess', 'callActivity']);

/**
 * Compiles a BPMN document for execution. Executable processes must be free of problems; each
 * problem names the element and the reason. Non-executable processes always import (to be shown
 * and analysed), their unsupported parts listed.
 */
export async function compileBpmn(xml: string): Promise<CompileResult> {
  return compile(xml, false);
}

/**
 * Imports any BPMN document for display and analysis, executable or not: every problem is
 * reported (by element) as unsupported instead of refusing the document. Refuses only XML that
 * cannot be read as BPMN at all.
 */
export async function importBpmn(xml: string): Promise<CompileResult> {
  return compile(xml, true);
}

async function compile(xml: string, lenient: boolean): Promise<CompileResult> {
  const read = await readBpmn(xml);
  if (!read.ok) return { ok: false, problems: [{ elementId: 'definitions', reason: read.error }] };
  const processes: ProcessModel[] = [];
  const problems: ModelProblem[] = [];
  const unsupported: ModelProblem[] = [];
  const warnings: ModelProblem[] = read.warnings.map((w) => ({ elementId: 'definitions', reason: w }));
  const roots = list(read.definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (roots.length === 0 && !lenient) return { ok: false, problems: [{ elementId: 'definitions', reason: 'the document contains no process' }] };
  for (const root of roots) {
    const found = new Problems();
    const model = compileProcess(root, found);
    processes.push(model);
    (model.executable && !lenient ? problems : unsupported).push(...found.list);
    warnings.push(...found.warnings);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { processes, unsupported, warnings } };
}

function compileProcess(root: ModdleElement, problems: Problems): ProcessModel {
  const model: ProcessModel = { id: root.id ?? 'process', name: str(root, 'name'), executable: root.isExecutable === true, nodes: {}, flows: {}, scopes: {} };
  const lanes = laneMap(root);
  compileScope(root, model.id, model, problems, lanes);
  linkFlows(model);
  checkStructure(model, problems);
  return model;
}

/**
 * Derives each node's incoming and outgoing flows from the flows' source and target: the
 * `<incoming>`/`<outgoing>` children of a node are optional in BPMN and not always written.
 */
function linkFlows(model: ProcessModel): void {
  for (const node of Object.values(model.nodes)) {
    node.incoming = [];
    node.outgoing = [];
  }
  for (const flow of Object.values(model.flows)) {
    model.nodes[flow.source]?.outgoing.push(flow.id);
    model.nodes[flow.target]?.incoming.push(flow.id);
  }
}

/** Lane of each flow node (the lane name stands for the department: its candidate group). */
function laneMap(root: ModdleElement): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (laneSet: ModdleElement | undefined) => {
    for (const lane of list(laneSet, 'lanes')) {
      const name = str(lane, 'name') ?? lane.id ?? '';
      for (const ref of list(lane, 'flowNodeRef')) if (ref.id) result.set(ref.id, name.trim());
      walk(lane.childLaneSet as ModdleElement | undefined);
    }
  };
  for (const laneSet of list(root, 'laneSets')) walk(laneSet);
  return result;
}

function compileScope(container: ModdleElement, scopeId: string, model: ProcessModel, problems: Problems, lanes: Map<string, string>): void {
  const scope: ScopeInfo = { noneStart: null, eventStarts: [], eventSubProcesses: [], children: [], implicitStarts: [] };
  model.scopes[scopeId] = scope;
  for (const el of list(container, 'flowElements')) {
    if (NOT_FLOW.has(el.$type)) continue;
    const id = el.id ?? '';
    if (el.$type === 'bpmn:SequenceFlow') {
      model.flows[id] = compileFlow(el, problems);
      continue;
    }
    if (el.$type === 'bpmn:ScriptTask') {
      problems.add(id, `unsupported script language "${str(el, 'scriptFormat') ?? 'unknown'}": script tasks are not run; use a service task with a handler or an external worker`);
      continue;
    }
    const type = NODE_TYPES[el.$type];
    if (!type) {
      problems.add(id, `unsupported element ${el.$type.replace('bpmn:', '')}`);
      continue;
    }
    const node = compileNode(el, type, scopeId, problems, lanes);
    model.nodes[id] = node;
    scope.children.push(id);
    if (type === 'startEvent') {
      if (!node.event) {
        if (scope.noneStart) problems.add(id, 'a scope may have only one none start event');
        scope.noneStart = id;
      } else scope.eventStarts.push(id);
    }
    if (type === 'subProcess') {
      if (node.triggeredByEvent) scope.eventSubProcesses.push(id);
      compileScope(el, id, model, problems, lanes);
    }
  }
}

function compileFlow(el: ModdleElement, problems: Problems): SequenceFlow {
  const id = el.id ?? '';
  const source = (el.sourceRef as ModdleElement | undefined)?.id ?? '';
  const target = (el.targetRef as ModdleElement | undefined)?.id ?? '';
  if (!source) problems.add(id, 'the sequence flow has no source');
  if (!target) problems.add(id, 'the sequence flow has no target');
  const condition = el.conditionExpression as ModdleElement | undefined;
  let compiled = null;
  if (condition) {
    const language = str(condition, 'language');
    if (language && !/^(juel|feel|http:\/\/www\.omg\.org\/spec\/FEEL\/.*)$/i.test(language)) {
      problems.add(id, `unsupported script language "${language}" in the condition: scripts are not run`);
    } else {
      const text = str(condition, 'body') ?? '';
      const result = compileExpression(text);
      if (!result.ok) problems.add(id, `condition: ${result.error}`);
      else compiled = result.expression;
    }
  }
  return { id, source, target, condition: compiled };
}

function compileNode(el: ModdleElement, type: NodeType, scope: string, problems: Problems, lanes: Map<string, string>): FlowNode {
  const id = el.id ?? '';
  const event = type === 'receiveTask' ? receiveMessage(el, problems) : eventDefinition(el, problems);
  if (event && type !== 'receiveTask' && !ALLOWED_EVENTS[type]?.includes(event.kind)) problems.add(id, `a ${type} cannot have a ${event.kind} event definition`);
  const lane = lanes.get(id) ?? null;
  checkListeners(el, problems);
  const io = ioMappings(el, problems);
  const serviceLike = type === 'serviceTask' || type === 'sendTask' || type === 'businessRuleTask' || (event?.kind === 'message' && (type === 'endEvent' || type === 'intermediateThrowEvent'));
  const impl = serviceLike ? implementation(el, problems) : ({ kind: 'none' } as const);
  if ((type === 'serviceTask' || type === 'businessRuleTask') && impl.kind === 'none') {
    problems.add(id, `the ${type} has no implementation: give it camunda:type="external" with camunda:topic, a delegate (camunda:class, delegateExpression, expression), a decision (camunda:decisionRef), or zeebe:taskDefinition`);
  }
  return {
    id,
    type,
    name: str(el, 'name'),
    scope,
    incoming: [],
    outgoing: [],
    defaultFlow: (el.default as ModdleElement | undefined)?.id ?? null,
    event,
    attachedTo: (el.attachedToRef as ModdleElement | undefined)?.id ?? null,
    // boundary events say cancelActivity; event sub-process start events say isInterrupting
    cancelActivity: type === 'startEvent' ? el.isInterrupting !== false : el.cancelActivity !== false,
    boundary: [],
    task: type === 'userTask' ? taskConfig(el, problems, lane) : null,
    implementation: impl,
    multiInstance: multiInstance(el, problems),
    asyncBefore: el.asyncBefore === true || el.async === true,
    asyncAfter: el.asyncAfter === true,
    inputs: io.inputs,
    outputs: io.outputs,
    triggeredByEvent: el.triggeredByEvent === true,
    call: type === 'callActivity' ? callConfig(el, problems) : null,
    lane,
  };
}

/** A receive task waits for the message it references directly (not through an event definition). */
function receiveMessage(el: ModdleElement, problems: Problems): EventDefinition | null {
  const name = str(el.messageRef as ModdleElement | undefined, 'name');
  if (!name) {
    problems.add(el.id ?? '', 'a receive task needs a message with a name (messageRef)');
    return null;
  }
  return { kind: 'message', messageName: name, correlationKey: null };
}

/** Whole-model checks: flows point at nodes, gateways lead somewhere, boundaries sit on activities. */
function checkStructure(model: ProcessModel, problems: Problems): void {
  for (const flow of Object.values(model.flows)) {
    if (flow.source && !model.nodes[flow.source]) problems.add(flow.id, `the sequence flow starts at "${flow.source}", which is not a supported flow node`);
    if (flow.target && !model.nodes[flow.target]) problems.add(flow.id, `the sequence flow leads to "${flow.target}", which is not a supported flow node`);
  }
  for (const node of Object.values(model.nodes)) {
    if (node.type.endsWith('Gateway') && node.outgoing.length === 0) problems.add(node.id, 'the gateway has no way out (no outgoing sequence flow)');
    if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) problems.add(node.id, 'the default flow is not one of its outgoing flows');
    if (node.type === 'boundaryEvent') {
      const host = node.attachedTo ? model.nodes[node.attachedTo] : undefined;
      if (!host || !ACTIVITIES.has(host.type)) problems.add(node.id, 'a boundary event must be attached to an activity');
      else host.boundary.push(node.id);
    }
    if (node.type === 'eventBasedGateway') {
      for (const flowId of node.outgoing) {
        const target = model.nodes[model.flows[flowId]?.target ?? ''];
        const ok = target && ((target.type === 'intermediateCatchEvent' && target.event) || target.type === 'receiveTask');
        if (!ok) problems.add(node.id, `an event-based gateway must lead to catch events or receive tasks; flow "${flowId}" does not`);
      }
    }
    if (node.type === 'startEvent' && node.incoming.length > 0) problems.add(node.id, 'a start event cannot have incoming flows');
    if (node.type === 'endEvent' && node.outgoing.length > 0) problems.add(node.id, 'an end event cannot have outgoing flows');
  }
  for (const [scopeId, scope] of Object.entries(model.scopes)) {
    // BPMN: a scope without start events starts every flow node that has no incoming flow
    if (scope.noneStart || scope.eventStarts.length > 0) continue;
    scope.implicitStarts = scope.children.filter((id) => {
      const node = model.nodes[id]!;
      return node.incoming.length === 0 && node.type !== 'boundaryEvent' && !node.triggeredByEvent;
    });
    if (scope.implicitStarts.length === 0 && (scopeId !== model.id || model.executable)) problems.add(scopeId, 'nothing can start here: no start event and no flow node without incoming flows');
  }
}
