import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../platform/access/actor.ts';
import { businessCalendar } from '../platform/calendar/calendar.service.ts';
import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError } from '../platform/errors.ts';
import { StepRefusal } from './core/index.ts';
import { addDuration, parseDuration } from './timers/index.ts';
import { DefinitionCache } from './runtime/definitions.ts';
import { HotCache } from './runtime/hot-cache.ts';
import { WriteBatcher } from './runtime/write-batch.ts';
import type { RuntimeEnv } from './runtime/instances.ts';
import { JobExecutor, type Handler } from './runtime/jobs.ts';

/** A completion check: resolves when the task may be completed, throws a DomainError saying why not. */
export type TaskGate = (input: { taskId: string; elementId: string; instanceId: string; businessKey: string | null; variables: Record<string, unknown>; db: Kysely<Database> | Transaction<Database> }) => Promise<void>;

/**
 * The engine as the rest of Banklane sees it: definition caches, the handlers registered in code,
 * the job executor, and the environment every step runs in. One per node, built by createApp.
 */
export class Engine {
  readonly definitions = new DefinitionCache();
  /** Instances and tasks this node just wrote: the next completion needs no read. */
  readonly hot = new HotCache();
  /** Group commit of the hot path's writes. */
  readonly batcher: WriteBatcher;
  readonly handlers = new Map<string, Handler>();
  /** Checks a task must pass before it is completed (`banklane.gates`), by name. */
  readonly gates = new Map<string, TaskGate>();
  /**
   * Whether a user holds a valid qualification (`banklane.qualification`). Until a capability
   * provides the answer, nobody does: a task that requires one is never taken unchecked.
   */
  isQualified: (db: Kysely<Database> | Transaction<Database>, username: string, qualification: string, at: Date) => Promise<boolean> = async () => false;
  readonly executor: JobExecutor;
  private calendar: { value: BusinessCalendar; loadedAt: number } | null = null;

  constructor(readonly deps: Deps, options: { pollMs?: number } = {}) {
    this.batcher = new WriteBatcher(deps.db);
    this.executor = new JobExecutor(deps.db, () => this.env(null), this.handlers, {
      pollMs: options.pollMs ?? 500,
      batch: 200,
      onError: (error) => console.error('job executor:', error),
    });
  }

  /** Registers a completion gate under the name models use in `banklane.gates`. */
  registerGate(name: string, gate: TaskGate): void {
    this.gates.set(name, gate);
  }

  /** Registers a built-in service-task handler under a name (a topic, class or delegate name). */
  register(name: string, handler: Handler): void {
    this.handlers.set(name, handler);
  }

  /** The environment of one step: now, ids, decisions, dates on the business calendar, who acts. */
  env(ctx: RequestContext | null): RuntimeEnv {
    const calendar = this.calendar?.value;
    return {
      now: this.deps.clock(),
      newId: this.deps.newId,
      definitions: this.definitions,
      handlers: new Set(this.handlers.keys()),
      actor: ctx?.actor?.username ?? null,
      batcher: this.batcher,
      resolveDate: (text, from, workingTime) => resolveDate(text, from, workingTime ? calendar : undefined),
    };
  }

  /** Loads the business calendar (mainland China) used for working-time due dates; refreshed hourly. */
  async refreshCalendar(): Promise<void> {
    if (this.calendar && Date.now() - this.calendar.loadedAt < 3600_000) return;
    this.calendar = { value: await businessCalendar(this.deps, 'CN'), loadedAt: Date.now() };
  }

  /** The business calendar (mainland China) the engine counts working time in. */
  async businessCalendar(): Promise<BusinessCalendar> {
    await this.refreshCalendar();
    return this.calendar!.value;
  }

  /** Runs engine work in a transaction, turning the core's refusals into domain errors. */
  async transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    await this.refreshCalendar();
    try {
      return await this.deps.db.transaction().execute(work);
    } catch (error) {
      throw toDomainError(error);
    }
  }
}

/**
 * A due date: an ISO date-time, or an ISO duration from `from` — counted in working days and
 * hours on the business calendar when one is given (`banklane.dueDateCalendar=working`).
 */
export function resolveDate(text: string, from: Date, calendar?: BusinessCalendar): Date | null {
  const duration = parseDuration(text);
  if (duration.ok) {
    const d = duration.duration;
    if (!calendar) return addDuration(from, d);
    const days = d.years * 365 + d.months * 30 + d.weeks * 5 + d.days;
    const hours = d.hours + d.minutes / 60 + d.seconds / 3600;
    return calendar.addWorkingHours(calendar.addWorkingDays(from, Math.round(days)), hours);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

export function toDomainError(error: unknown): unknown {
  if (!(error instanceof StepRefusal)) return error;
  switch (error.code) {
    case 'not_found':
      return new DomainError('not_found', { en: `${error.message}.`, zh: `未找到：${error.message}。` });
    case 'maker_checker':
      return new DomainError('maker_checker', {
        en: `${error.message}. Another person must do it (maker-checker).`,
        zh: '同一人不能既经办又复核此笔业务，请由其他人员办理。',
      });
    case 'invalid_state':
      return new DomainError('invalid_state', { en: `${error.message}.`, zh: `当前状态下不能执行此操作：${error.message}。` });
  }
}
