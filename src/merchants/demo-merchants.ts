import { sql } from 'kysely';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { mergeRolePermissions } from '../platform/access/policy.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { rolesOfUser } from '../platform/auth/session.repository.ts';
import { addDays } from '../platform/calendar/calendar-data.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import { DEMO_PASSWORD } from '../platform/demo/demo-bank.ts';
import type { Deps } from '../platform/deps.ts';
import type { Engine } from '../engine/engine.ts';
import { createUser } from '../platform/org/user.service.ts';
import { evaluateDecision } from '../engine/dmn/dmn-evaluate.ts';
import type { DmnModel } from '../engine/dmn/dmn-model.ts';
import { activeRules, raiseAlerts } from './alerts.service.ts';
import { addAgreement, addTerminal } from './merchant-records.service.ts';
import { registerMerchant } from './merchant.service.ts';
import type { MerchantControls, RiskRating } from './merchant.table.ts';
import { addMonths, REVIEW_MONTHS, SETTLEMENT_DAYS } from './onboarding.ts';
import { addRiskListEntries } from './risk-list.service.ts';
import { importTransactionRows } from './txn-import.service.ts';
import { DEMO_MERCHANT_SEED, onDay, planDemoMerchants, plantAnomalies, txnRow, type City, type PlannedMerchant, type PlantedAnomaly } from './demo-merchant-plan.ts';
import { planDemoWork } from './demo-merchant-plan-work.ts';
import { seedDemoWork, type DemoWorkSeeded, type WrittenMerchant } from './demo-merchant-work.ts';

/*
 * Demo merchants (演示商户) for a new demo bank: about 300 card-acquiring merchants of the four
 * branches and the two regions, at every stage from application to exit, with 90 days of daily
 * figures ending yesterday and anomalies planted in the last three weeks, so that the alerts
 * board, the 360 view and the risk list have something true to show.
 *
 * Everything is planned first from a seed (`planDemoMerchants` in demo-merchant-plan.ts, pure), then written through the
 * module's own services: registration (code and ID numbers checked, personal data sealed),
 * terminals, agreement versions, the risk list, the figures' import and the alerts it raises;
 * then the staff's work on them (demo-merchant-work.ts): risk cases, service requests, re-reviews.
 */

/** A demo staff member's context, as a session would give it (demo seeding only). */
async function staff(deps: Deps, username: string): Promise<RequestContext> {
  const u = await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'o.path']).where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await rolesOfUser(deps.db, u.id);
  return {
    actor: { userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, unitPath: u.path, roles: roles.map((r) => r.key), permissions: mergeRolePermissions(roles), sessionTokenHash: 'demo' },
    ip: null,
    requestId: 'demo-seed',
    lang: 'zh-CN',
  };
}

/** The Shanghai region's merchant manager (the demo bank's own serves Beijing only), created once by the administrator. */
export const SHANGHAI_MERCHANT_MANAGER = { username: 'merchant-sh', displayName: '沈经理 Shen (Merchants)', unit: 'SH', roles: ['merchant_manager'], phone: '13800001071' };

async function shanghaiManager(deps: Deps): Promise<RequestContext> {
  const m = SHANGHAI_MERCHANT_MANAGER;
  if (!(await deps.db.selectFrom('app_user').select('id').where('username', '=', m.username).executeTakeFirst())) {
    const unit = await deps.db.selectFrom('org_unit').select('id').where('code', '=', m.unit).executeTakeFirstOrThrow();
    await createUser(deps, await staff(deps, 'admin'), { username: m.username, displayName: m.displayName, password: DEMO_PASSWORD, unitId: unit.id, roles: m.roles, phone: m.phone, email: `${m.username}@demo.banklane.local` });
  }
  return staff(deps, m.username);
}

/** Services writing at a planned instant: the records of a merchant onboarded years ago are dated then. */
const at = (deps: Deps, instant: Date): Deps => ({ ...deps, clock: () => instant });

/**
 * Where onboarding ended, written in one place. The onboarding process's own steps write this
 * (`onboarding.ts`); running 300 onboardings through the engine would take minutes, and nothing
 * else may set a status or a rating. So the demo writes the outcome directly: the rating (reason
 * `demo`, with the inputs the decision table rated), the terminals installed, the status with its
 * controls and next re-review, an ended agreement for a terminated merchant, and an audit entry.
 * `reviewDueOn`: a re-review that came due and was not held yet (the planned work's).
 */
async function recordOutcome(deps: Deps, m: PlannedMerchant, id: string, unitId: string, rating: RiskRating | null, reviewDueOn: string | undefined): Promise<void> {
  const when = onDay(m.changedOn ?? m.activatedOn!, 600);
  const controls: MerchantControls = rating ? { settlementDelayDays: m.status === 'restricted' ? 3 : SETTLEMENT_DAYS[rating] } : {};
  if (m.status === 'restricted') Object.assign(controls, { dailyLimit: '50000.00', singleLimit: '5000.00' });
  // the next re-review after today: the ones before it were held (the demo has no record of them);
  // or the one that came due, for the planned work to hold or leave late
  let nextReview: string | null = reviewDueOn ?? null;
  if (!reviewDueOn && rating && m.activatedOn && m.status !== 'terminated') {
    const today = chinaDate(deps.clock());
    for (let n = 1; nextReview === null || nextReview <= today; n++) nextReview = addMonths(m.activatedOn, n * REVIEW_MONTHS[rating]);
  }
  await deps.db.transaction().execute(async (trx) => {
    if (rating) await trx.insertInto('merchant_rating').values({ id: deps.newId(), merchant_id: id, rating, reason: 'demo', inputs: JSON.stringify(m.ratingInputs), decided_by: null, decided_at: onDay(addDays(m.activatedOn!, -2), 240) }).execute();
    if (m.activatedOn) {
      const terminal = m.status === 'terminated' ? 'recovered' : 'active';
      await trx.updateTable('merchant_terminal').set({ status: terminal, installed_on: addDays(m.activatedOn, -1) }).where('merchant_id', '=', id).execute();
    }
    if (m.status === 'terminated') await trx.updateTable('merchant_agreement').set({ ends_on: m.changedOn! }).where('merchant_id', '=', id).where('ends_on', 'is', null).execute();
    await trx.updateTable('merchant').set({ status: m.status, risk_rating: rating, controls: JSON.stringify(controls), next_review_on: nextReview, updated_at: when, version: sql`version + 1` }).where('id', '=', id).execute();
    await recordAudit(trx, systemContext(), { action: 'merchant.status', entityType: 'merchant', entityId: id, unitId, before: { status: 'applying' }, after: { status: m.status, rating, reason: 'demo' } }, when);
  });
}

/** Registers a planned merchant through the registry, with its terminals and agreements; then its outcome. */
async function writeMerchant(deps: Deps, ctx: RequestContext, m: PlannedMerchant, rate: (inputs: Record<string, unknown>) => RiskRating | null, reviewDueOn: string | undefined) {
  const view = await registerMerchant(at(deps, onDay(m.appliedOn)), ctx, m.application);
  for (const [i, t] of m.terminals.entries()) await addTerminal(at(deps, onDay(m.appliedOn, 5 + i)), ctx, view.id, t);
  for (const a of m.agreements) await addAgreement(at(deps, onDay(addDays(a.startsOn, -1), 120)), ctx, view.id, a);
  if (m.status !== 'applying') {
    const unit = await deps.db.selectFrom('merchant').select('unit_id').where('id', '=', view.id).executeTakeFirstOrThrow();
    await recordOutcome(deps, m, view.id, unit.unit_id, m.ratingInputs ? (rate(m.ratingInputs) ?? m.rating) : null, reviewDueOn);
  }
  return view;
}

export type DemoMerchantsSeeded = { merchants: number; figureRows: number; alerts: number; planted: PlantedAnomaly[]; work: DemoWorkSeeded; seconds: number };

/**
 * Seeds the demo merchants once, on a bank with none (else does nothing and answers null): the
 * plan written through the registry by the regions' merchant managers, the risk list by the risk
 * officer, the figures imported by the risk officer in chunks, each raising its alerts as the
 * import route does. The figures end yesterday (China date) by the app's clock. Then the staff's
 * work on them, the cases on `engine` (the node's).
 */
export async function seedDemoMerchants(deps: Deps, engine: Engine, seed = DEMO_MERCHANT_SEED): Promise<DemoMerchantsSeeded | null> {
  if (await deps.db.selectFrom('merchant').select('id').limit(1).executeTakeFirst()) return null;
  const started = performance.now();
  const plan = planDemoMerchants(seed, addDays(chinaDate(deps.clock()), -1));
  const planted = plantAnomalies(plan, await activeRules(deps), seed);
  const work = planDemoWork(plan, planted, seed);
  const reviewDue = new Map(work.reviews.map((r) => [r.key, r.dueOn]));
  const managers: Record<City, RequestContext> = { BJ: await staff(deps, 'merchant'), SH: await shanghaiManager(deps) };
  const risk = await staff(deps, 'risk');
  const decision = await deps.db.selectFrom('decision_definition').select('model').where('key', '=', 'merchantRiskRating').orderBy('version', 'desc').limit(1).executeTakeFirst();
  const rate = (inputs: Record<string, unknown>): RiskRating | null => {
    const result = decision ? evaluateDecision(decision.model as DmnModel, 'merchantRiskRating', inputs) : null;
    return result?.ok && (result.value === 'low' || result.value === 'medium' || result.value === 'high') ? result.value : null;
  };
  const codes = new Map<string, string>();
  for (const m of plan.merchants) codes.set(m.key, (await writeMerchant(deps, managers[m.city], m, rate, reviewDue.get(m.key))).code);
  await addRiskListEntries(deps, risk, plan.riskList, (i, name) => `/entries/${i}/${name}`);
  let figureRows = 0;
  let alerts = 0;
  const trading = plan.merchants.filter((m) => m.figures.length);
  for (let i = 0; i < trading.length; i += 40) {
    const rows = trading.slice(i, i + 40).flatMap((m) => m.figures.map((d) => txnRow(codes.get(m.key)!, d)));
    const imported = await importTransactionRows(deps, risk, rows, false);
    figureRows += imported.accepted;
    if (imported.written) alerts += (await raiseAlerts(deps, risk, imported.written.merchantIds, imported.written.from, imported.written.to)).opened;
  }
  const written = new Map(plan.merchants.map((m): [string, WrittenMerchant] => [m.key, { planned: m, code: codes.get(m.key)! }]));
  const done = await seedDemoWork(deps, engine, work, written, { managers, as: (username) => staff(deps, username) });
  return { merchants: plan.merchants.length, figureRows, alerts, planted, work: done, seconds: (performance.now() - started) / 1000 };
}
