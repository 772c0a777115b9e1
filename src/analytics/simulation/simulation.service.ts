import { sql } from 'kysely';
import type { ProcessModel } from '../../engine/model/process-model.ts';
import { businessCalendar } from '../../platform/calendar/calendar.service.ts';
import { chinaDayStart } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { findLog } from '../event-log.service.ts';
import { eventOrder, eventSource } from '../mining/log-source.ts';
import { learnParameters, type LogRecord } from './learn.ts';
import { applyOverrides, type ParameterOverrides } from './parameters.ts';
import { difference, figures } from './results.ts';
import { defaultParameters, outline, type ModelOutline, type Provenance, type SimulationParameters } from './simulation-model.ts';
import { simulateCooperatively } from './simulator.ts';
import { workingTime } from './work-calendar.ts';

/** The most events read from a log to learn from (a log beyond it is learned from its first cases). */
const MAX_LOG_EVENTS = 1_000_000;
/** A scenario returns its simulated log only up to this many cases (warm-up included). */
export const MAX_LOGGED_CASES = 10_000;
/** The most cases a request simulates over all its scenarios, warm-ups included. */
export const MAX_REQUEST_CASES = 500_000;
/** Real time a request may simulate for, over all its scenarios. */
const REQUEST_BUDGET_MS = 15_000;
const DAY_MS = 86_400_000;

const DEFINITION = { en: 'process definition', zh: '流程定义' };

export type DefinitionRef = { definitionId?: string; processKey?: string };

/** The definition named by id, or the latest version of a key; 404 when there is none. */
async function findDefinition(deps: Deps, ref: DefinitionRef, part: '' | 'querystring:') {
  if (!ref.definitionId === !ref.processKey) {
    throw new ValidationError([{ field: `${part}/definitionId`, message: { en: 'Name the process by exactly one of definitionId and processKey.', zh: '请在 definitionId 与 processKey 中恰好提供一个来指明流程。' } }]);
  }
  let q = deps.db.selectFrom('process_definition').select(['id', 'key', 'version', 'name', 'model']);
  q = ref.definitionId ? q.where('id', '=', ref.definitionId) : q.where('key', '=', ref.processKey!).orderBy('version', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(DEFINITION, ref.definitionId ?? ref.processKey!);
  return { id: row.id, key: row.key, version: row.version, name: row.name, model: row.model as ProcessModel };
}

/** The log's events of this process, in order within each case. */
async function readLog(deps: Deps, logId: string, processKey: string): Promise<{ events: LogRecord[]; truncated: boolean }> {
  const log = await findLog(deps, logId);
  const { rows } = await sql<{ case_id: string; activity: string; lifecycle: string | null; at: Date; resource: string | null }>`
    with ev as (${eventSource(log)})
    select case_id, activity, lifecycle, at, resource from ev
    where at is not null ${log.eventOrder === 'engine' ? sql`and service = ${processKey}` : sql``}
    order by case_id, ${eventOrder(log)} limit ${MAX_LOG_EVENTS + 1}`.execute(deps.db);
  const truncated = rows.length > MAX_LOG_EVENTS;
  const events = (truncated ? rows.slice(0, MAX_LOG_EVENTS) : rows).map((r) => ({ caseId: r.case_id, activity: r.activity, lifecycle: r.lifecycle, at: new Date(r.at).getTime(), resource: r.resource }));
  return { events, truncated };
}

type Base = { parameters: SimulationParameters; provenance: Provenance; log: { id: string; cases: number; matchedActivities: string[]; unmatchedActivities: string[]; truncated: boolean } | null };

/** Parameters learned from a log, or the defaults without one. */
async function baseParameters(deps: Deps, o: ModelOutline, processKey: string, logId: string | undefined, field: string): Promise<Base> {
  if (!logId) return { ...defaultParameters(o), log: null };
  const { events, truncated } = await readLog(deps, logId, processKey);
  const learned = learnParameters(o, events);
  if (learned.matched.length === 0) {
    throw new ValidationError([{ field, message: events.length
      ? { en: `None of the log's activities is an activity of this process (activities match by name, or by id where an activity has no name); the log has: ${learned.unmatched.slice(0, 10).join(', ')}.`, zh: `该日志中没有与此流程活动同名的活动（按名称匹配，无名称时按 id）；日志中的活动有：${learned.unmatched.slice(0, 10).join('、')}。` }
      : { en: 'The log holds no cases of this process yet: run it, or simulate without a log.', zh: '该日志中尚无此流程的案例：请先运行流程，或不指定日志进行仿真。' } }]);
  }
  return { parameters: learned.parameters, provenance: learned.provenance, log: { id: logId, cases: learned.cases, matchedActivities: learned.matched, unmatchedActivities: learned.unmatched, truncated } };
}

const describeModel = (o: ModelOutline) => ({
  activities: o.activities.map((a) => ({ id: a.id, name: a.label, type: a.type, pool: a.pool, timed: a.timed })),
  splits: o.splits.map((s) => ({ id: s.id, name: s.label, kind: s.kind, flows: s.flows.map((f) => ({ id: f.id, target: f.target, targetName: f.targetLabel })) })),
  pools: o.pools,
});

/** The parameters a simulation of the process would start from: learned from `logId`, or the defaults. */
export async function simulationParameters(deps: Deps, query: DefinitionRef & { logId?: string }) {
  const definition = await findDefinition(deps, query, 'querystring:');
  const o = outline(definition.model);
  const base = await baseParameters(deps, o, definition.key, query.logId, 'querystring:/logId');
  return { definition: { id: definition.id, key: definition.key, version: definition.version, name: definition.name }, log: base.log, model: describeModel(o), parameters: base.parameters, provenance: base.provenance };
}

export type ScenarioRequest = { name: string; parameters?: ParameterOverrides; cases?: number; warmUpCases?: number; seed?: number; maxSimulatedDays?: number; includeLog?: boolean };
export type SimulationRequest = DefinitionRef & { logId?: string; startAt?: string; scenarios: ScenarioRequest[] };

/**
 * Simulates each scenario — the base parameters (learned from `logId`, else defaults) with the
 * scenario's overrides — and answers them side by side, each with its difference from the first.
 */
export async function runSimulations(deps: Deps, request: SimulationRequest) {
  const definition = await findDefinition(deps, request, '');
  const o = outline(definition.model);
  if (o.starts.length === 0) throw new ValidationError([{ field: request.definitionId ? '/definitionId' : '/processKey', message: { en: 'The process has no start event a case could begin at.', zh: '该流程没有可供案例开始的开始事件。' } }]);
  const base = await baseParameters(deps, o, definition.key, request.logId, '/logId');
  const errors: FieldError[] = [];
  let total = 0;
  const scenarios = request.scenarios.map((s, i) => {
    const resolved = applyOverrides(o, base, s.parameters ?? {}, `/scenarios/${i}/parameters`);
    errors.push(...resolved.errors);
    const cases = s.cases ?? 1000;
    const warmUpCases = s.warmUpCases ?? Math.min(10_000, Math.round(cases / 10));
    total += cases + warmUpCases;
    if (s.includeLog && cases + warmUpCases > MAX_LOGGED_CASES) errors.push({ field: `/scenarios/${i}/includeLog`, message: { en: `The simulated log is returned for at most ${MAX_LOGGED_CASES} cases (warm-up included); ask for fewer cases.`, zh: `仿真日志最多返回 ${MAX_LOGGED_CASES} 个案例（含预热案例），请减少案例数。` } });
    return { ...s, ...resolved, cases, warmUpCases, seed: s.seed ?? 1 };
  });
  if (total > MAX_REQUEST_CASES) errors.push({ field: '/scenarios', message: { en: `The scenarios simulate ${total} cases together (warm-ups included); one request simulates at most ${MAX_REQUEST_CASES}.`, zh: `各情景合计仿真 ${total} 个案例（含预热），单次请求最多 ${MAX_REQUEST_CASES} 个。` } });
  if (errors.length) throw new ValidationError(errors);

  const working = scenarios.some((s) => Object.values(s.parameters.pools).some((p) => p.calendar === 'working')) ? workingTime(await businessCalendar(deps, 'CN')) : undefined;
  const startAt = request.startAt ? Date.parse(request.startAt) : chinaDayStart(deps.clock()).getTime();
  const deadline = performance.now() + REQUEST_BUDGET_MS;
  const results = [];
  for (const s of scenarios) {
    const outcome = await simulateCooperatively({ outline: o, parameters: s.parameters, cases: s.cases, warmUpCases: s.warmUpCases, seed: s.seed, startAt, workingCalendar: working, keepLog: s.includeLog === true, maxSimulatedMs: (s.maxSimulatedDays ?? 3650) * DAY_MS, wallClockMs: Math.max(0, deadline - performance.now()) });
    results.push({
      name: s.name,
      seed: s.seed,
      cases: s.cases,
      warmUpCases: s.warmUpCases,
      ...figures(outcome),
      parameters: s.parameters,
      provenance: s.provenance,
      ...(outcome.log && { log: outcome.log.map((e) => ({ caseId: e.caseId, activityId: e.activityId, activity: e.activity, lifecycle: e.lifecycle, timestamp: new Date(e.at).toISOString(), resource: e.resource })) }),
    });
  }
  const baseline = results[0]!;
  return {
    definition: { id: definition.id, key: definition.key, version: definition.version, name: definition.name },
    log: base.log,
    startAt: new Date(startAt).toISOString(),
    scenarios: results.map((r, i) => ({ ...r, differenceFromBaseline: i === 0 ? null : difference(r, baseline) })),
  };
}
