import type { FlowNode, NodeType, ProcessModel } from '../../engine/model/process-model.ts';

/*
 * A compiled BPMN process as a workflow net (a Petri net with one source and one sink place), the
 * form token replay needs. Activities are visible transitions labelled by their name (or id);
 * everything else the engine passes through on its own — events, gateways, entering and leaving a
 * sub-process — is a silent transition. Each sequence flow is a place. See ARCHITECTURE.md beside
 * this file for the element-by-element translation.
 */

/** A place: a sequence flow (`flow` its id), or one the translation adds (`source`, `sink`, `<node>:in`, …). */
export type Place = { id: string; flow: string | null; after: string | null; before: string | null };

/** A transition: visible when it has a label (an activity), silent otherwise. Arcs have weight 1. */
export type Transition = { id: string; label: string | null; node: string | null; inputs: number[]; outputs: number[] };

export type WorkflowNet = {
  places: Place[];
  transitions: Transition[];
  source: number;
  sink: number;
  /** Visible transitions by the activity's name. */
  byName: Map<string, number[]>;
  /** Visible transitions by the activity's element id. */
  byId: Map<string, number[]>;
  /** Names and ids of the silent elements (the process itself, events, gateways, sub-processes): a log's events for them are not replayed. */
  silent: Set<string>;
};

/** Node types that are visible transitions: tasks of every kind, and call activities (the called process is another case). */
const VISIBLE = new Set<NodeType>(['task', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'manualTask', 'businessRuleTask', 'callActivity']);

/** Inclusive joins of more branches than this fire on one branch or on all, not on every subset (2^n − 1 transitions). */
const MAX_SUBSET_BRANCHES = 4;

/** What a log calls a node: its name, else its id. */
export const nodeLabel = (node: FlowNode) => node.name?.trim() || node.id;

/** Translates a compiled process into its workflow net. Pure; the same model gives the same net. */
export function toWorkflowNet(model: ProcessModel): WorkflowNet {
  return new Translation(model).net();
}

class Translation {
  private readonly places: Place[] = [];
  private readonly placeIndex = new Map<string, number>();
  private readonly transitions: Transition[] = [];
  private readonly inputs = new Map<string, number>();
  private readonly outputs = new Map<string, number[]>();
  private readonly source: number;
  private readonly sink: number;

  constructor(private readonly model: ProcessModel) {
    for (const flow of Object.values(model.flows)) this.place(flow.id, flow.id, this.labelOf(flow.source), this.labelOf(flow.target));
    this.source = this.place('source', null, null, null);
    this.sink = this.place('sink', null, null, null);
  }

  net(): WorkflowNet {
    for (const node of Object.values(this.model.nodes)) this.translate(node);
    for (const [scopeId, scope] of Object.entries(this.model.scopes)) {
      // without start events every node without incoming flows starts (BPMN 10.5.1)
      const starts = scope.noneStart || scope.eventStarts.length ? [] : scope.implicitStarts;
      if (starts.length) this.silent(`${scopeId}:implicitStart`, scopeId, [this.entry(scopeId)], starts.map((id) => this.inputOf(this.model.nodes[id]!)));
    }
    const byName = new Map<string, number[]>();
    const byId = new Map<string, number[]>();
    // the engine logs the process itself too (its start and end): silent, like its events
    const silent = new Set<string>([this.model.id, ...(this.model.name?.trim() ? [this.model.name.trim()] : [])]);
    const push = (map: Map<string, number[]>, key: string, t: number) => map.set(key, [...(map.get(key) ?? []), t]);
    this.transitions.forEach((t, i) => {
      if (t.label === null || t.node === null) return;
      push(byName, t.label, i);
      push(byId, t.node, i);
    });
    for (const node of Object.values(this.model.nodes)) {
      if (VISIBLE.has(node.type)) continue;
      silent.add(node.id);
      if (node.name?.trim()) silent.add(node.name.trim());
    }
    return { places: this.places, transitions: this.transitions, source: this.source, sink: this.sink, byName, byId, silent };
  }

  private translate(node: FlowNode): void {
    const id = node.id;
    if (VISIBLE.has(node.type)) {
      if (!node.multiInstance) return void this.add(id, nodeLabel(node), id, [this.inputOf(node)], this.outputsOf(node));
      // one or more completions in a row (sequential or parallel instances both complete one by one)
      const done = this.place(`${id}:done`, null, nodeLabel(node), null);
      this.add(id, nodeLabel(node), id, [this.inputOf(node)], [done]);
      this.silent(`${id}:again`, id, [done], [this.inputOf(node)]);
      this.silent(`${id}:leave`, id, [done], this.outputsOf(node));
      return;
    }
    switch (node.type) {
      case 'subProcess':
        return this.subProcess(node);
      case 'startEvent':
        return void this.silent(id, id, [this.entry(node.scope)], this.outputsOf(node));
      case 'boundaryEvent': {
        // fires instead of the activity it sits on (interrupting) or beside it (non-interrupting)
        const attached = this.model.nodes[node.attachedTo ?? ''];
        const host = this.inputOf(attached ?? node);
        return void this.silent(id, id, [host], node.cancelActivity ? this.outputsOf(node) : [...this.outputsOf(node), host]);
      }
      case 'exclusiveGateway':
      case 'eventBasedGateway':
        // one silent transition per (incoming, outgoing) pair: any one in, any one out
        for (const i of this.gatewayIns(node)) for (const o of this.gatewayOuts(node)) this.silent(`${id}:${this.places[i]!.id}>${this.places[o]!.id}`, id, [i], [o]);
        return;
      case 'parallelGateway':
        return void this.silent(id, id, this.gatewayIns(node), this.gatewayOuts(node));
      case 'inclusiveGateway': {
        const ins = this.gatewayIns(node);
        const outs = node.outgoing.length > 1 ? this.branches(node) : this.gatewayOuts(node);
        for (const set of ins.length > 1 ? subsets(ins) : [ins]) this.silent(`${id}:${set.map((p) => this.places[p]!.id).join('+')}`, id, set, outs);
        return;
      }
      default:
        // events: pass the token on
        return void this.silent(id, id, [this.inputOf(node)], this.outputsOf(node));
    }
  }

  /** Flattened: entering puts a token at the inner start, leaving takes one from the inner end. */
  private subProcess(node: FlowNode): void {
    const id = node.id;
    const end = this.exit(id);
    if (node.triggeredByEvent) {
      // an event sub-process may start at any time (no input place); its end tokens are absorbed
      this.silent(`${id}:trigger`, id, [], [this.entry(id)]);
      this.silent(`${id}:absorb`, id, [end], []);
      return;
    }
    this.silent(`${id}:enter`, id, [this.inputOf(node)], [this.entry(id)]);
    this.silent(`${id}:leave`, id, [end], this.outputsOf(node));
    if (node.multiInstance) this.silent(`${id}:again`, id, [end], [this.inputOf(node)]);
    // the ends of parallel inner paths: one token leaves, the others are absorbed
    this.silent(`${id}:absorb`, id, [end], []);
  }

  /** The one place a node takes its token from: its incoming flow, or a merge place fed by each incoming flow. */
  private inputOf(node: FlowNode): number {
    const known = this.inputs.get(node.id);
    if (known !== undefined) return known;
    let place: number;
    if (node.incoming.length === 1) place = this.placeIndex.get(node.incoming[0]!)!;
    else {
      place = this.place(`${node.id}:in`, null, null, nodeLabel(node));
      for (const flow of node.incoming) this.silent(`${node.id}:merge:${flow}`, node.id, [this.placeIndex.get(flow)!], [place]);
    }
    this.inputs.set(node.id, place);
    return place;
  }

  /**
   * The places a node puts tokens in when it completes: every outgoing flow (a parallel split),
   * or its scope's end where it has none. Conditional flows out of an activity or event are an
   * inclusive split.
   */
  private outputsOf(node: FlowNode): number[] {
    const known = this.outputs.get(node.id);
    if (known) return known;
    const conditional = node.outgoing.length > 1 && (node.defaultFlow !== null || node.outgoing.some((f) => this.model.flows[f]?.condition));
    const places = conditional ? this.branches(node) : node.outgoing.length ? node.outgoing.map((f) => this.placeIndex.get(f)!) : [this.exit(node.scope)];
    this.outputs.set(node.id, places);
    return places;
  }

  /**
   * An inclusive split, approximated: every branch gets a token in a place of its own, from which
   * a silent transition either takes the branch or skips it (consumes the token, produces none).
   */
  private branches(node: FlowNode): number[] {
    return node.outgoing.map((flowId) => {
      const flow = this.placeIndex.get(flowId)!;
      const branch = this.place(`${node.id}:${flowId}`, flowId, nodeLabel(node), this.places[flow]!.before);
      this.silent(`${node.id}:take:${flowId}`, node.id, [branch], [flow]);
      this.silent(`${node.id}:skip:${flowId}`, node.id, [branch], []);
      return branch;
    });
  }

  private gatewayIns(node: FlowNode): number[] {
    return node.incoming.length ? node.incoming.map((f) => this.placeIndex.get(f)!) : [this.inputOf(node)];
  }

  private gatewayOuts(node: FlowNode): number[] {
    return node.outgoing.length ? node.outgoing.map((f) => this.placeIndex.get(f)!) : [this.exit(node.scope)];
  }

  /** Where a scope's start events take their token from: the source, or a sub-process's start place. */
  private entry(scopeId: string): number {
    return scopeId === this.model.id ? this.source : this.place(`${scopeId}:start`, null, this.labelOf(scopeId), null);
  }

  /** Where a scope's end events put their token: the sink, or a sub-process's end place. */
  private exit(scopeId: string): number {
    return scopeId === this.model.id ? this.sink : this.place(`${scopeId}:end`, null, null, this.labelOf(scopeId));
  }

  private labelOf(nodeId: string): string | null {
    const node = this.model.nodes[nodeId];
    return node ? nodeLabel(node) : null;
  }

  private place(id: string, flow: string | null, after: string | null, before: string | null): number {
    const known = this.placeIndex.get(id);
    if (known !== undefined) return known;
    this.places.push({ id, flow, after, before });
    this.placeIndex.set(id, this.places.length - 1);
    return this.places.length - 1;
  }

  private add(id: string, label: string | null, node: string | null, inputs: number[], outputs: number[]): number {
    this.transitions.push({ id, label, node, inputs, outputs });
    return this.transitions.length - 1;
  }

  private silent(id: string, node: string, inputs: number[], outputs: number[]): void {
    this.add(id, null, node, inputs, outputs);
  }
}

/**
 * The non-empty subsets of an inclusive join's inputs, largest first: when replay can fire either,
 * it takes the one that joins most branches. Beyond MAX_SUBSET_BRANCHES: all, then each alone.
 */
export function subsets(places: number[]): number[][] {
  if (places.length > MAX_SUBSET_BRANCHES) return [places, ...places.map((p) => [p])];
  const all: number[][] = [];
  for (let mask = 1; mask < 1 << places.length; mask++) all.push(places.filter((_, i) => mask & (1 << i)));
  return all.sort((a, b) => b.length - a.length);
}
