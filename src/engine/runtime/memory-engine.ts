import { step, StepRefusal, type ActivityRecord, type Command, type Effect, type Env, type IncidentSpec, type InstanceState, type JobSpec, type SubscriptionSpec, type TaskSpec } from '../core/index.ts';
import type { ProcessModel } from '../model/process-model.ts';

type Owned<T> = T & { instanceId: string };

/** A handler for service tasks, by name: returns variables, or throws a `BpmnError`. */
export type Handler = (variables: Record<string, unknown>) => Record<string, unknown> | void;

export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

/**
 * The engine's core driven entirely in memory: no database, a clock the caller moves. Applies
 * effects to maps of tasks, jobs and subscriptions exactly as the database runtime applies them to
 * tables. Used by the semantics tests and as the "pure core" benchmark.
 */
export class MemoryEngine {
  readonly models = new Map<string, ProcessModel>();
  readonly instances = new Map<string, InstanceState>();
  readonly tasks = new Map<string, Owned<TaskSpec>>();
  readonly jobs = new Map<string, Owned<JobSpec>>();
  readonly subscriptions = new Map<string, Owned<SubscriptionSpec>>();
  readonly incidents = new Map<string, Owned<IncidentSpec>>();
  readonly history: Owned<ActivityRecord>[] = [];
  readonly handlers = new Map<string, Handler>();
  now: Date;
  keepHistory = true;
  private counter = 0;

  constructor(now = new Date('2026-01-05T01:00:00Z')) {
    this.now = now;
  }

  deploy(...models: ProcessModel[]): void {
    for (const model of models) this.models.set(model.id, model);
  }

  private env(): Env {
    return { now: this.now, newId: () => `id${++this.counter}` };
  }

  private model(processId: string): ProcessModel {
    const model = this.models.get(processId);
    if (!model) throw new StepRefusal('not_found', `no deployed process "${processId}"`);
    return model;
  }

  start(processId: string, variables: Record<string, unknown> = {}, options: { businessKey?: string; startEventId?: string; parent?: { instanceId: string; tokenId: string }; instanceId?: string } = {}): string {
    const instanceId = options.instanceId ?? `pi${++this.counter}`;
    const command: Command = { type: 'start', instanceId, definitionId: processId, businessKey: options.businessKey ?? null, variables, ...(options.startEventId && { startEventId: options.startEventId }), ...(options.parent && { parent: options.parent }) };
    const result = step(this.model(processId), null, command, this.env());
    this.instances.set(instanceId, result.state);
    this.apply(instanceId, result.effects);
    return instanceId;
  }

  /** Runs a command on an instance (on a copy of its state: a refusal leaves it untouched). */
  send(instanceId: string, command: Exclude<Command, { type: 'start' }>): void {
    const state = this.instances.get(instanceId);
    if (!state) throw new StepRefusal('not_found', `no instance ${instanceId}`);
    const result = step(this.model(state.processId), structuredClone(state), command, this.env());
    this.instances.set(instanceId, result.state);
    this.apply(instanceId, result.effects);
  }

  completeTask(taskId: string, variables: Record<string, unknown> = {}, userId: string | null = null): void {
    const task = this.tasks.get(taskId);
    if (!task) throw new StepRefusal('not_found', `no open task ${taskId}`);
    this.send(task.instanceId, { type: 'completeTask', taskId, variables, userId });
  }

  /** Open tasks, optionally of one instance, oldest first. */
  openTasks(instanceId?: string): Owned<TaskSpec>[] {
    return [...this.tasks.values()].filter((t) => !instanceId || t.instanceId === instanceId);
  }

  correlate(name: string, options: { correlationKey?: string; businessKey?: string; variables?: Record<string, unknown> } = {}): void {
    const sub = [...this.subscriptions.values()].find(
      (s) => s.kind === 'message' && s.name === name && (options.correlationKey === undefined || s.correlationKey === options.correlationKey) && (options.businessKey === undefined || this.instances.get(s.instanceId)?.businessKey === options.businessKey),
    );
    if (!sub) throw new StepRefusal('not_found', `no process instance waits for message "${name}"`);
    this.send(sub.instanceId, { type: 'correlate', subscriptionId: sub.id, variables: options.variables ?? {} });
  }

  signal(name: string, variables: Record<string, unknown> = {}): void {
    for (const sub of [...this.subscriptions.values()].filter((s) => s.kind === 'signal' && s.name === name)) {
      if (this.subscriptions.has(sub.id)) this.send(sub.instanceId, { type: 'correlate', subscriptionId: sub.id, variables });
    }
  }

  /** Moves the clock and runs every job now due (timers, continuations, handlers), in due order. */
  advance(ms = 0): void {
    this.now = new Date(this.now.getTime() + ms);
    for (let job = this.nextDue(); job; job = this.nextDue()) this.runJob(job);
  }

  private nextDue(): Owned<JobSpec> | undefined {
    return [...this.jobs.values()]
      .filter((j) => j.kind !== 'external' && !(j.kind === 'handler' && !this.handlers.has(j.topic ?? '')) && j.dueAt <= this.now.toISOString())
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  }

  private runJob(job: Owned<JobSpec>): void {
    this.jobs.delete(job.id); // a job runs once; what follows is the instance's business
    if (job.kind === 'timer') return this.send(job.instanceId, { type: 'fireTimer', jobId: job.id });
    if (job.kind === 'asyncBefore' || job.kind === 'asyncAfter') return this.send(job.instanceId, { type: 'continueJob', jobId: job.id });
    const handler = this.handlers.get(job.topic ?? '')!;
    try {
      const variables = handler(job.payload ?? {}) ?? {};
      this.send(job.instanceId, { type: 'completeJob', jobId: job.id, variables });
    } catch (error) {
      if (!(error instanceof BpmnError)) throw error;
      this.send(job.instanceId, { type: 'jobError', jobId: job.id, errorCode: error.code, message: error.message, variables: {} });
    }
  }

  /** A worker finished an external task. */
  completeExternal(jobId: string, variables: Record<string, unknown> = {}): void {
    const job = this.jobs.get(jobId);
    if (!job) throw new StepRefusal('not_found', `no external task ${jobId}`);
    this.jobs.delete(jobId);
    this.send(job.instanceId, { type: 'completeJob', jobId, variables });
  }

  /** External tasks waiting for a worker on this topic. */
  externalTasks(topic: string): Owned<JobSpec>[] {
    // a delegate with no handler registered here is done by a worker on its name
    return [...this.jobs.values()].filter((j) => (j.kind === 'external' || (j.kind === 'handler' && !this.handlers.has(j.topic ?? ''))) && j.topic === topic);
  }

  private apply(instanceId: string, effects: Effect[]): void {
    const after: (() => void)[] = [];
    for (const e of effects) {
      switch (e.type) {
        case 'taskCreated':
          this.tasks.set(e.task.id, { ...e.task, instanceId });
          break;
        case 'taskEnded':
          this.tasks.delete(e.taskId);
          break;
        case 'jobCreated':
          this.jobs.set(e.job.id, { ...e.job, instanceId });
          break;
        case 'jobRemoved':
          this.jobs.delete(e.jobId);
          break;
        case 'subscriptionCreated':
          this.subscriptions.set(e.subscription.id, { ...e.subscription, instanceId });
          break;
        case 'subscriptionRemoved':
          this.subscriptions.delete(e.subscriptionId);
          break;
        case 'activity':
          if (this.keepHistory) this.history.push({ ...e.record, instanceId });
          break;
        case 'incidentCreated':
          this.incidents.set(e.incident.id, { ...e.incident, instanceId });
          break;
        case 'instanceEnded':
          break;
        case 'signalThrown':
          after.push(() => this.signal(e.name, e.variables));
          break;
        case 'childStart':
          after.push(() => this.start(e.processId, e.variables, { instanceId: e.childInstanceId, parent: { instanceId, tokenId: e.tokenId }, ...(e.businessKey ? { businessKey: e.businessKey } : {}) }));
          break;
        case 'childCancel':
          after.push(() => this.instances.get(e.childInstanceId)?.status === 'active' && this.send(e.childInstanceId, { type: 'cancel' }));
          break;
        case 'parentNotify':
          after.push(() => this.send(e.parentInstanceId, { type: 'childDone', tokenId: e.tokenId, outcome: e.outcome }));
          break;
      }
    }
    for (const work of after) work();
    // continuations and handlers run at once; timers wait for the clock
    this.advance(0);
  }

  /** Element ids an instance passed through (ended), in order: the path it took. */
  path(instanceId: string): string[] {
    return this.history.filter((h) => h.instanceId === instanceId && h.event === 'end').map((h) => h.elementId);
  }

  /** Where an instance's tokens wait now. */
  waitingAt(instanceId: string): string[] {
    return Object.values(this.instances.get(instanceId)?.tokens ?? {}).map((t) => t.elementId).sort();
  }
}
