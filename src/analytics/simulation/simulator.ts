import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FlowNode, SequenceFlow } from '../../engine/model/process-model.ts';
import { sampler } from './distributions.ts';
import { EventHeap } from './event-heap.ts';
import { stream, type Random } from './random.ts';
import { ResourcePool, type Window } from './resource-pool.ts';
import { labelOf, nodesReaching, splitKind, startsOf } from './simulation-model.ts';
import type { ActivityTally, RunOutcome, SimulatedEvent, SimulationRun } from './simulation-run.ts';
import { ALWAYS_OPEN } from './work-calendar.ts';

/*
 * A discrete-event simulation of a process model: cases arrive, tokens move along the sequence
 * flows, splits choose by probability, parallel and inclusive joins wait for their tokens, human
 * tasks wait in their pool's FIFO queue for a free person, everything else takes its time alone.
 * One run is a pure function of its input (seeded streams, simulated time only) unless the
 * wall-clock guard stops it. See ARCHITECTURE.md.
 */

type Case = { id: string; arrival: number; measured: boolean };
/** A process or sub-process instance: its moving tokens (counted; kept too where inclusive joins need their places), its joins' waiting tokens. */
type Scope = { kase: Case; parent: Token | null; live: number; tokens: Set<Token> | null; andJoins: Map<string, Map<string, number>> | null; orWaiting: Map<string, number> | null; dead: boolean };
/** A token; at an activity it carries the work it is having done. */
type Token = { scope: Scope; at: string; via: string | null; since: number; node: SimNode | null; ms: number; pool: Pool | null; resource: number; workStart: number };
type Pool = ResourcePool<Token>;
type SimNode = {
  node: FlowNode;
  label: string;
  out: SequenceFlow[];
  join: 'and' | 'or' | null;
  split: { kind: 'exclusive' | 'inclusive'; probabilities: number[]; random: Random } | null;
  draw: (() => number) | null;
  pool: Pool | null;
  removed: boolean;
  starts: string[];
  tally: ActivityTally | null;
};

const GUARD_EVERY = 4096;
const GATEWAYS = new Set(['exclusiveGateway', 'eventBasedGateway', 'parallelGateway', 'inclusiveGateway']);

export class Simulator {
  private readonly nodes = new Map<string, SimNode>();
  private readonly pools: Pool[] = [];
  /** Future events: a token's work done, or (null) the next arrival. */
  private readonly heap = new EventHeap<Token | null>();
  /** Tokens moved at the current instant, to be handled before time moves on. */
  private readonly pending: Token[] = [];
  private readonly dirty = new Set<Scope>();
  /** For each inclusive join: the nodes from which it can still be reached. */
  private readonly reachesJoin = new Map<string, Set<string>>();
  private readonly arrivals: Random;
  private readonly log: SimulatedEvent[] | null;
  private readonly cycleTimes: number[] = [];
  private readonly window: Window = { from: Infinity, to: Infinity };
  private now: number;
  private arrived = 0;
  private completedInWindow = 0;
  private unfinished = 0;
  private steps = 0;
  private readonly clock: () => number;
  private readonly wallStart: number;
  private outOfTime = false;

  constructor(private readonly run: SimulationRun) {
    this.now = run.startAt;
    this.arrivals = stream(run.seed, 'arrivals');
    this.log = run.keepLog ? [] : null;
    this.clock = run.wallClock ?? (() => performance.now());
    this.wallStart = this.clock();
    const { model } = run.outline;
    const pools = new Map<string, Pool>();
    for (const name of run.outline.pools) {
      const p = run.parameters.pools[name] ?? { size: 1, calendar: '24x7' };
      const calendar = p.calendar === 'working' ? (run.workingCalendar ?? ALWAYS_OPEN) : ALWAYS_OPEN;
      pools.set(name, new ResourcePool<Token>(name, p.size, calendar, this.window, run.startAt));
    }
    this.pools.push(...pools.values());
    const removed = new Set(run.parameters.removedActivities);
    const info = new Map(run.outline.activities.map((a) => [a.id, a]));
    for (const node of run.outline.nodes) {
      const activity = info.get(node.id);
      const duration = run.parameters.durations[node.id];
      const kind = splitKind(node, model.flows);
      const joins = node.incoming.length > 1;
      this.nodes.set(node.id, {
        node,
        label: labelOf(node),
        out: node.outgoing.map((f) => model.flows[f]!),
        join: joins && node.type === 'parallelGateway' ? 'and' : joins && node.type === 'inclusiveGateway' ? 'or' : null,
        split: kind ? { kind, probabilities: node.outgoing.map((f) => run.parameters.branchProbabilities[f] ?? 0), random: stream(run.seed, `branch:${node.id}`) } : null,
        draw: activity?.timed && duration ? sampler(duration, stream(run.seed, `duration:${node.id}`)) : null,
        pool: activity?.pool ? (pools.get(activity.pool) ?? null) : null,
        removed: removed.has(node.id),
        starts: startsOf(model, node),
        tally: activity ? { id: node.id, label: labelOf(node), pool: activity.pool, count: 0, waits: [], processing: [] } : null,
      });
    }
    for (const n of this.nodes.values()) if (n.join === 'or') this.reachesJoin.set(n.node.id, nodesReaching(model, n.node.id));
  }

  private stoppedBy: RunOutcome['stoppedBy'] = 'completed';

  /** Runs to the end: every case done, or a bound reached. */
  execute(): RunOutcome {
    this.begin();
    this.advance(Infinity);
    return this.finish();
  }

  /**
   * The same run, giving the event loop a turn after every `sliceMs` of work, so a server keeps
   * answering other requests while it simulates.
   */
  async executeCooperatively(sliceMs = 20): Promise<RunOutcome> {
    this.begin();
    while (!this.advance(this.clock() + sliceMs)) await nextTurn();
    return this.finish();
  }

  private begin(): void {
    if (this.run.warmUpCases + this.run.cases > 0) this.heap.push(this.run.startAt, null);
  }

  /** Processes events until the run ends (true) or the wall clock passes `sliceEnd` (false). */
  private advance(sliceEnd: number): boolean {
    const total = this.run.warmUpCases + this.run.cases;
    const until = this.run.startAt + this.run.maxSimulatedMs;
    let n = 0;
    while (this.heap.size > 0) {
      if (this.heap.peekTime() > until) {
        this.stoppedBy = 'maxSimulatedTime';
        this.now = until;
        return true;
      }
      const { time, item } = this.heap.pop()!;
      this.now = time;
      if (item === null) this.arrive(total);
      else this.finishWork(item);
      this.settle();
      if (this.outOfTime) {
        this.stoppedBy = 'wallClock';
        return true;
      }
      if (++n % 256 === 0 && this.clock() > sliceEnd) return false;
    }
    return true;
  }

  private finish(): RunOutcome {
    if (this.window.to === Infinity) this.window.to = this.now;
    if (this.window.from === Infinity) this.window.from = this.window.to;
    return this.outcome(this.stoppedBy);
  }

  // ── cases, scopes, tokens ───────────────────────────────────────────

  private arrive(total: number): void {
    const index = this.arrived++;
    const measured = index >= this.run.warmUpCases;
    if (measured && this.window.from === Infinity) this.window.from = this.now;
    if (this.arrived === total) this.window.to = this.now;
    else this.heap.push(this.now - Math.log(1 - this.arrivals()) * (3_600_000 / this.run.parameters.arrivalsPerHour), null);
    if (measured) this.unfinished++;
    this.startScope(this.newScope({ id: `case-${index + 1}`, arrival: this.now, measured }, null), this.run.outline.starts);
  }

  private newScope(kase: Case, parent: Token | null): Scope {
    return { kase, parent, live: 0, tokens: this.reachesJoin.size ? new Set() : null, andJoins: null, orWaiting: null, dead: false };
  }

  private startScope(scope: Scope, starts: string[]): void {
    if (starts.length === 0) return this.completeScope(scope);
    for (const id of starts) this.send(this.spawn(scope), id, null);
  }

  private spawn(scope: Scope): Token {
    const token: Token = { scope, at: '', via: null, since: this.now, node: null, ms: 0, pool: null, resource: -1, workStart: 0 };
    scope.live++;
    scope.tokens?.add(token);
    return token;
  }

  /** A token stops moving: ended, or waiting in a join. */
  private retire(token: Token): void {
    const scope = token.scope;
    if (scope.dead) return;
    scope.live--;
    scope.tokens?.delete(token);
  }

  /** Moves a token to a node; it is handled when the current instant settles. */
  private send(token: Token, target: string, via: string | null): void {
    token.at = target;
    token.via = via;
    token.since = this.now;
    this.pending.push(token);
  }

  /** Handles every token movement of the current instant, then inclusive joins that became ready. */
  private settle(): void {
    for (;;) {
      for (let i = 0; i < this.pending.length; i++) {
        const token = this.pending[i]!;
        this.enter(token, this.nodes.get(token.at)!);
        if (++this.steps % GUARD_EVERY === 0 && this.clock() - this.wallStart > this.run.wallClockMs) {
          this.outOfTime = true;
          break;
        }
      }
      this.pending.length = 0;
      if (this.outOfTime || this.dirty.size === 0) return;
      const scopes = [...this.dirty];
      this.dirty.clear();
      for (const scope of scopes) this.fireReadyOrJoins(scope);
      if (this.pending.length === 0) return;
    }
  }

  private isDead(scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent?.scope ?? null) if (s.dead) return true;
    return false;
  }

  private enter(token: Token, n: SimNode): void {
    const scope = token.scope;
    if (this.isDead(scope)) return this.retire(token);
    if (scope.orWaiting?.size) this.dirty.add(scope);
    if (n.removed) return this.leave(token, n);
    const type = n.node.type;
    if (GATEWAYS.has(type)) return this.gateway(token, n);
    if (type === 'startEvent' || type === 'endEvent') {
      this.record(scope, n, 'start', this.now, null);
      this.record(scope, n, 'complete', this.now, null);
      return type === 'startEvent' ? this.leave(token, n) : this.consume(token, n.node.event?.kind === 'terminate');
    }
    if (type === 'subProcess') {
      this.record(scope, n, 'start', this.now, null);
      if (n.tally && scope.kase.measured) n.tally.count++;
      return this.startScope(this.newScope(scope.kase, token), n.starts);
    }
    this.activity(token, n);
  }

  private gateway(token: Token, n: SimNode): void {
    const scope = token.scope;
    if (n.join === 'and') {
      const joins = (scope.andJoins ??= new Map());
      let arrived = joins.get(n.node.id);
      if (!arrived) joins.set(n.node.id, (arrived = new Map()));
      const via = token.via ?? '';
      arrived.set(via, (arrived.get(via) ?? 0) + 1);
      if (!n.node.incoming.every((f) => (arrived.get(f) ?? 0) > 0)) return this.absorb(token);
      for (const f of n.node.incoming) arrived.set(f, arrived.get(f)! - 1);
    } else if (n.join === 'or') {
      const waiting = (scope.orWaiting ??= new Map());
      waiting.set(n.node.id, (waiting.get(n.node.id) ?? 0) + 1);
      this.dirty.add(scope);
      return this.absorb(token);
    }
    this.leave(token, n);
  }

  /** An inclusive join fires once no moving token of its scope can still reach it. */
  private fireReadyOrJoins(scope: Scope): void {
    if (this.isDead(scope) || !scope.orWaiting) return;
    for (const joinId of [...scope.orWaiting.keys()]) {
      const reaching = this.reachesJoin.get(joinId)!;
      let blocked = false;
      for (const t of scope.tokens!) if (reaching.has(t.at)) blocked = true;
      if (blocked) continue;
      scope.orWaiting.delete(joinId);
      const token = this.spawn(scope);
      token.at = joinId;
      this.leave(token, this.nodes.get(joinId)!);
    }
  }

  /** A token waits in a join: the scope is done if nothing else moves and no inclusive join waits. */
  private absorb(token: Token): void {
    const scope = token.scope;
    this.retire(token);
    if (scope.live === 0 && !scope.orWaiting?.size) this.completeScope(scope);
  }

  private leave(token: Token, n: SimNode): void {
    const flows = n.split ? this.choose(n) : n.out;
    if (flows.length === 0) return this.consume(token, false);
    for (let i = 0; i < flows.length; i++) this.send(i === 0 ? token : this.spawn(token.scope), flows[i]!.target, flows[i]!.id);
  }

  private choose(n: SimNode): SequenceFlow[] {
    const { kind, probabilities, random } = n.split!;
    if (kind === 'exclusive') {
      const u = random();
      let cumulative = 0;
      for (let i = 0; i < n.out.length; i++) {
        cumulative += probabilities[i]!;
        if (u < cumulative) return [n.out[i]!];
      }
      // rounding left the sum a hair under 1: the last branch that can be taken
      for (let i = n.out.length - 1; i > 0; i--) if (probabilities[i]! > 0) return [n.out[i]!];
      return [n.out[0]!];
    }
    // inclusive: each branch on its own chance; at least one is taken (drawn again if none was)
    for (let attempt = 0; attempt < 100; attempt++) {
      const taken = n.out.filter((_, i) => random() < probabilities[i]!);
      if (taken.length) return taken;
    }
    return [n.out[probabilities.indexOf(Math.max(...probabilities))]!];
  }

  /** A token ends (end event, or no outgoing flow); a terminate end ends its whole scope. */
  private consume(token: Token, terminate: boolean): void {
    const scope = token.scope;
    this.retire(token);
    if (terminate) {
      scope.dead = true;
      scope.live = 0;
      scope.tokens?.clear();
      scope.orWaiting?.clear();
    }
    if (scope.live === 0 && !scope.orWaiting?.size) this.completeScope(scope);
  }

  private completeScope(scope: Scope): void {
    const parent = scope.parent;
    if (parent) {
      const sub = this.nodes.get(parent.at)!;
      this.record(parent.scope, sub, 'complete', this.now, null);
      if (this.isDead(parent.scope)) return this.retire(parent);
      return this.leave(parent, sub);
    }
    const kase = scope.kase;
    if (!kase.measured) return;
    this.unfinished--;
    this.cycleTimes.push((this.now - kase.arrival) / 1000);
    if (this.now >= this.window.from && this.now <= this.window.to) this.completedInWindow++;
  }

  // ── activities and pools ────────────────────────────────────────────

  private activity(token: Token, n: SimNode): void {
    token.node = n;
    token.ms = (n.draw?.() ?? 0) * 1000;
    token.pool = n.pool;
    if (n.tally && token.scope.kase.measured) n.tally.count++;
    if (!n.pool) return this.startWork(token, -1);
    const resource = n.pool.take();
    if (resource !== undefined) this.startWork(token, resource);
    else n.pool.enqueue(token, this.now);
  }

  private startWork(token: Token, resource: number): void {
    const { node, pool } = token;
    const calendar = pool?.calendar ?? ALWAYS_OPEN;
    token.resource = resource;
    token.workStart = calendar.nextOpen(this.now);
    pool?.running.set(token, token.workStart);
    if (node!.tally && token.scope.kase.measured) node!.tally.waits.push((token.workStart - token.since) / 1000);
    this.record(token.scope, node!, 'start', token.workStart, pool ? pool.nameOf(resource) : null);
    this.heap.push(calendar.finish(this.now, token.ms), token);
  }

  private finishWork(token: Token): void {
    const { node, pool, resource } = token;
    if (pool) {
      pool.running.delete(token);
      pool.addWork(token.workStart, this.now);
      const next = pool.dequeue(this.now, (t) => this.isDead(t.scope));
      if (next) this.startWork(next, resource);
      else pool.release(resource);
    }
    if (node!.tally && token.scope.kase.measured) node!.tally.processing.push(token.ms / 1000);
    this.record(token.scope, node!, 'complete', this.now, pool ? pool.nameOf(resource) : null);
    token.node = null;
    token.pool = null;
    if (this.isDead(token.scope)) return this.retire(token);
    this.leave(token, node!);
  }

  private record(scope: Scope, n: SimNode, lifecycle: 'start' | 'complete', at: number, resource: string | null): void {
    this.log?.push({ caseId: scope.kase.id, activityId: n.node.id, activity: n.label, lifecycle, at, resource });
  }

  private outcome(stoppedBy: RunOutcome['stoppedBy']): RunOutcome {
    const pools = this.pools.map((pool) => {
      pool.tick(this.now);
      for (const workStart of pool.running.values()) pool.addWork(workStart, this.now);
      return { name: pool.name, size: pool.size, calendar: pool.calendar.kind, busyMs: pool.busyMs, availableMs: pool.size * pool.calendar.workingMs(this.window.from, this.window.to), queueArea: pool.queueArea };
    });
    const activities = [...this.nodes.values()].map((n) => n.tally).filter((t): t is ActivityTally => t !== null);
    return { stoppedBy, cycleTimes: this.cycleTimes, unfinished: this.unfinished, window: { ...this.window }, completedInWindow: this.completedInWindow, activities, pools, log: this.log };
  }
}

export type { RunOutcome, SimulatedEvent, SimulationRun } from './simulation-run.ts';

/** Simulates one scenario. */
export function simulate(run: SimulationRun): RunOutcome {
  return new Simulator(run).execute();
}

/** Simulates one scenario in slices of work, letting other work of the process run in between. */
export function simulateCooperatively(run: SimulationRun): Promise<RunOutcome> {
  return new Simulator(run).executeCooperatively();
}
