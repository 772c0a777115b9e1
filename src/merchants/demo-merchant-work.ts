import type { RequestContext } from '../platform/access/actor.ts';
import { businessCalendar } from '../platform/calendar/calendar.service.ts';
import type { Deps } from '../platform/deps.ts';
import { Engine } from '../engine/engine.ts';
import { completeTask } from '../engine/task.service.ts';
import { registerReviewHandlers, startDueReviews } from './review.service.ts';
import { openRiskCase } from './risk-case.service.ts';
import { advanceRequest, openRequest } from './service-requests.service.ts';
import { onDay, type City, type PlannedMerchant } from './demo-merchant-plan.ts';
import type { DemoWork, PlannedCase, PlannedReview } from './demo-merchant-plan-work.ts';
import { scheduleRequests, type PlannedRequest } from './demo-merchant-plan-requests.ts';

/*
 * The demo merchants' work (demo-merchant-plan-work.ts) done as staff do it: re-reviews started
 * by the sweep and inspected on the engine, service requests opened and answered through their
 * service, risk cases opened and their tasks completed through the engine's task service, each
 * system step run by the job executor. Nothing is written but through them.
 */

export type DemoWorkSeeded = { riskCases: number; requests: number; reviews: number };

/** A written merchant: as planned, and the code registration gave it. */
export type WrittenMerchant = { planned: PlannedMerchant; code: string };

export type DemoStaff = { managers: Record<City, RequestContext>; as: (username: string) => Promise<RequestContext> };

/** Services writing at a planned instant. */
const at = (deps: Deps, instant: Date): Deps => ({ ...deps, clock: () => instant });

/**
 * Does the planned work on the merchants just written (`merchants` by plan key): the reviews and
 * requests at their past instants, the cases now — on the alerts the figures' import raised now.
 * `engine` is the node's own.
 */
export async function seedDemoWork(deps: Deps, engine: Engine, work: DemoWork, merchants: Map<string, WrittenMerchant>, staff: DemoStaff): Promise<DemoWorkSeeded> {
  const merchant = (key: string) => merchants.get(key) ?? raise(`demo merchants: no merchant ${key} was written`);
  const reviews = await runReviews(deps, work.reviews, merchant, staff);
  const requests = await runRequests(deps, work.requests, merchant, staff);
  for (const c of work.cases) await runCase(deps, engine, c, merchant(c.key).code, staff);
  return { riskCases: work.cases.length, requests, reviews };
}

const raise = (message: string): never => {
  throw new Error(message);
};

/**
 * Runs the due jobs as the job executor does, and returns when the instance has none left (the
 * node's own executor may be running some: then it waits for it). A step that failed stops the
 * seeding with its error.
 */
async function settle(deps: Deps, engine: Engine, instanceId: string): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    await engine.executor.drain();
    const jobs = deps.db.selectFrom('job').select(['id', 'last_error']).where('instance_id', '=', instanceId).where('kind', 'in', ['handler', 'asyncBefore', 'asyncAfter', 'timer']);
    const failed = await jobs.where('last_error', 'is not', null).executeTakeFirst();
    if (failed) raise(`demo merchants: a system step of process instance ${instanceId} failed: ${failed.last_error}`);
    if (!(await jobs.where('due_at', '<=', engine.deps.clock()).executeTakeFirst())) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  raise(`demo merchants: the system steps of process instance ${instanceId} did not run`);
}

/** The instance's open task, which must be at `elementId`. */
async function openTask(deps: Deps, instanceId: string, elementId: string): Promise<string> {
  const task = await deps.db.selectFrom('task').select(['id', 'element_id']).where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirst();
  if (task?.element_id !== elementId) raise(`demo merchants: process instance ${instanceId} waits at ${task?.element_id ?? 'nothing'}, not ${elementId}`);
  return task!.id;
}

/** Opens the case (from its planted alert when it is still open, else reported) and works its steps as planned, each by its person. */
async function runCase(deps: Deps, engine: Engine, c: PlannedCase, code: string, staff: DemoStaff): Promise<void> {
  const alert = c.alertRule
    ? await deps.db.selectFrom('risk_alert as a').innerJoin('merchant as m', 'm.id', 'a.merchant_id').select('a.id').where('m.code', '=', code).where('a.rule_code', '=', c.alertRule).where('a.status', '=', 'open').executeTakeFirst()
    : undefined;
  const source = alert ? { alertId: alert.id } : { merchantId: code };
  const opened = await openRiskCase(deps, engine, await staff.as('risk'), { ...source, kind: c.kind, description: c.description });
  await settle(deps, engine, opened.instanceId);
  for (const step of c.steps) {
    await completeTask(engine, await staff.as(step.by), await openTask(deps, opened.instanceId, step.element), step.variables);
    await settle(deps, engine, opened.instanceId);
  }
}

/**
 * The requests opened, answered and resolved at their instants by the merchant's region's
 * manager, each clock counted on the business calendar with the standards in force.
 */
async function runRequests(deps: Deps, requests: PlannedRequest[], merchant: (key: string) => WrittenMerchant, staff: DemoStaff): Promise<number> {
  const calendar = await businessCalendar(deps, 'CN');
  const standards = await deps.db.selectFrom('merchant_service_standard').selectAll().execute();
  const limitsOf = (index: number) => {
    const r = requests[index]!;
    const s = standards.find((row) => row.tier === (merchant(r.key).planned.application.tier ?? 'standard') && row.kind === r.kind) ?? raise(`demo merchants: no service standard for ${r.kind}`);
    return { response: { amount: s.response_amount, unit: s.response_unit }, resolution: { amount: s.resolution_amount, unit: s.resolution_unit } };
  };
  const ids = new Map<number, string>();
  for (const e of scheduleRequests(requests, limitsOf, calendar, deps.clock())) {
    const r = requests[e.index]!;
    const m = merchant(r.key);
    const manager = staff.managers[m.planned.city];
    if (e.step === 'open') ids.set(e.index, (await openRequest(at(deps, e.at), manager, { merchantId: m.code, kind: r.kind, channel: r.channel, description: r.description })).id);
    else if (e.step === 'respond') await advanceRequest(at(deps, e.at), manager, ids.get(e.index)!, 'responded', r.respond!.note);
    else await advanceRequest(at(deps, e.at), manager, ids.get(e.index)!, 'resolved', r.resolve!.text);
  }
  return ids.size;
}

/**
 * The re-reviews that came due: the sweep run on each review date (09:30), the inspections of the
 * completed ones done on their day (15:00) by the region's merchant manager. They happened weeks
 * ago, so they run on an engine of their own whose clock is set to each instant — as the demo
 * history runs on its own stack — its jobs drained here, never polled. It has the reviews' handler
 * only: on a new bank no other job is due at those instants.
 */
async function runReviews(deps: Deps, reviews: PlannedReview[], merchant: (key: string) => WrittenMerchant, staff: DemoStaff): Promise<number> {
  let now = deps.clock();
  const past: Deps = { ...deps, clock: () => now };
  const engine = new Engine(past);
  registerReviewHandlers(past, engine);
  const sweeps = [...new Set(reviews.filter((r) => r.outcome !== 'not_started').map((r) => r.dueOn))].map((day) => ({ at: onDay(day, 30), review: null }));
  const inspections = reviews.filter((r) => r.inspectedOn).map((r) => ({ at: onDay(r.inspectedOn!, 360), review: r }));
  let started = 0;
  for (const e of [...sweeps, ...inspections].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    now = e.at;
    if (!e.review) {
      started += await startDueReviews(past, engine);
      continue;
    }
    const m = merchant(e.review.key);
    const review = await deps.db.selectFrom('merchant_review as r').innerJoin('merchant as m', 'm.id', 'r.merchant_id').select('r.instance_id').where('m.code', '=', m.code).where('r.status', '=', 'in_progress').executeTakeFirstOrThrow();
    await completeTask(engine, staff.managers[m.planned.city], await openTask(deps, review.instance_id, 'inspection'), e.review.inspection!);
    await settle(past, engine, review.instance_id);
  }
  return started;
}
