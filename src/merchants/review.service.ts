import { sql, type Kysely, type Transaction } from 'kysely';
import { systemContext, type RequestContext } from '../platform/access/actor.ts';
import { auditInsert, recordAudit } from '../platform/audit/audit.service.ts';
import { chinaDate } from '../platform/calendar/china-time.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError, type FieldError } from '../platform/errors.ts';
import type { Engine } from '../engine/engine.ts';
import { startInstance } from '../engine/runtime/instances.ts';
import type { RiskRating } from './merchant.table.ts';
import { addMonths, REVIEW_MONTHS } from './onboarding.ts';
import { completedBy } from './risk-case.repository.ts';
import { screenMerchant } from './risk-list.service.ts';

/*
 * Periodic re-review (定期复查): every active or restricted merchant is reviewed again when its
 * `next_review_on` comes — the riskier, the sooner (months per rating, the bank's configuration).
 * The sweep starts one `merchantReview` per merchant due; its service task records the new rating
 * and the next review's date.
 */

type Db = Kysely<Database> | Transaction<Database>;
export type ReviewMonths = Record<RiskRating, number>;

const RATINGS: readonly RiskRating[] = ['high', 'medium', 'low'];
/** The most due merchants one sweep starts reviews for; the rest wait for the next round. */
const SWEEP_BATCH = 200;

/** Writes the default months where a rating has none: a bank's own settings are kept. */
export async function ensureReviewSettings(deps: Deps): Promise<void> {
  await deps.db
    .insertInto('merchant_review_setting')
    .values(RATINGS.map((rating) => ({ rating, months: REVIEW_MONTHS[rating], updated_by: null, updated_at: deps.clock() })))
    .onConflict((oc) => oc.column('rating').doNothing())
    .execute();
}

/** The months between re-reviews per rating in force (the defaults for a rating not configured). */
export async function reviewMonths(db: Db): Promise<ReviewMonths> {
  const rows = await db.selectFrom('merchant_review_setting').select(['rating', 'months']).execute();
  return { ...REVIEW_MONTHS, ...Object.fromEntries(rows.map((r) => [r.rating, r.months])) };
}

export async function getReviewSettings(deps: Deps) {
  const rows = await deps.db.selectFrom('merchant_review_setting').selectAll().orderBy('updated_at', 'desc').execute();
  const months = await reviewMonths(deps.db);
  return { months, updatedBy: rows[0]?.updated_by ?? null, updatedAt: rows[0]?.updated_at.toISOString() ?? null };
}

/**
 * Changes the months between re-reviews. A riskier rating is never reviewed less often than a
 * safer one. Applies from each merchant's next recorded rating; dates already set are kept.
 */
export async function putReviewSettings(deps: Deps, ctx: RequestContext, input: ReviewMonths) {
  const errors: FieldError[] = [];
  if (input.high > input.medium) errors.push({ field: '/high', message: { en: 'High-risk merchants are reviewed at least as often as medium-risk ones: high months cannot exceed medium months.', zh: '高风险商户的复查频率不得低于中风险商户：高风险的月数不能大于中风险。' } });
  if (input.medium > input.low) errors.push({ field: '/medium', message: { en: 'Medium-risk merchants are reviewed at least as often as low-risk ones: medium months cannot exceed low months.', zh: '中风险商户的复查频率不得低于低风险商户：中风险的月数不能大于低风险。' } });
  if (errors.length) throw new ValidationError(errors);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const before = await reviewMonths(trx);
    for (const rating of RATINGS) {
      await trx.insertInto('merchant_review_setting').values({ rating, months: input[rating], updated_by: ctx.actor!.username, updated_at: now }).onConflict((oc) => oc.column('rating').doUpdateSet({ months: input[rating], updated_by: ctx.actor!.username, updated_at: now })).execute();
    }
    await recordAudit(trx, ctx, { action: 'merchant.review_settings.update', entityType: 'merchant_review_setting', entityId: 'months', before, after: input }, now);
  });
  return getReviewSettings(deps);
}

type DueMerchant = { id: string; code: string; kind: string; region: string; mcc: string; scale: string; unit_id: string; risk_rating: RiskRating | null; due_on: string };

/**
 * One round of the sweep: starts a review for each active or restricted merchant whose re-review
 * has come (China date) and that has none running. Idempotent: the running review is unique per
 * merchant, so a second sweep — on this node or another — starts nothing twice. Returns how many
 * it started.
 */
export async function startDueReviews(deps: Deps, engine: Engine): Promise<number> {
  const today = chinaDate(deps.clock());
  const due = await deps.db
    .selectFrom('merchant as m')
    .select(['m.id', 'm.code', 'm.kind', 'm.region', 'm.mcc', 'm.scale', 'm.unit_id', 'm.risk_rating', sql<string>`m.next_review_on::text`.as('due_on')])
    .where('m.status', 'in', ['active', 'restricted'])
    .where('m.next_review_on', '<=', today)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('merchant_review as r').select('r.id').whereRef('r.merchant_id', '=', 'm.id').where('r.status', '=', 'in_progress'))))
    .orderBy('m.next_review_on')
    .orderBy('m.id')
    .limit(SWEEP_BATCH)
    .execute();
  if (due.length === 0) return 0;
  const definitionId = await engine.definitions.latestProcessId(deps.db, 'merchantReview');
  if (!definitionId) return 0;
  let started = 0;
  for (const m of due) if (await startReview(deps, engine, m, definitionId)) started++;
  return started;
}

/** The inputs of the merchant's last rating the inspection does not renew (revenue, years, credit). */
async function lastRatingInputs(db: Db, merchantId: string): Promise<Record<string, unknown>> {
  // ratings from the full inputs: onboarding's, a review's, and the demo bank's merchants taken on before it began (`demo`)
  const last = await db.selectFrom('merchant_rating').select('inputs').where('merchant_id', '=', merchantId).where('reason', 'in', ['onboarding', 'periodic_review', 'demo']).orderBy('decided_at', 'desc').limit(1).executeTakeFirst();
  const inputs = last?.inputs ?? {};
  return { annualRevenue: inputs.annualRevenue ?? null, yearsInBusiness: inputs.yearsInBusiness ?? null, creditRecord: inputs.creditRecord ?? null };
}

async function startReview(deps: Deps, engine: Engine, m: DueMerchant, definitionId: string): Promise<boolean> {
  const ctx = systemContext();
  const now = deps.clock();
  const id = deps.newId();
  const instanceId = deps.newId();
  const earlier = await lastRatingInputs(deps.db, m.id);
  return engine.transaction(async (trx) => {
    const inserted = await trx
      .insertInto('merchant_review')
      .values({ id, merchant_id: m.id, due_on: m.due_on, instance_id: instanceId, rating_before: m.risk_rating, rating_after: null, next_review_on: null, started_at: now, completed_at: null, completed_by: null })
      .onConflict((oc) => oc.column('merchant_id').where('status', '=', 'in_progress').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const hits = await screenMerchant(deps, m.id, trx);
    const variables = { merchantId: m.id, merchantCode: m.code, merchantKind: m.kind, region: m.region, mcc: m.mcc, scale: m.scale, reviewId: id, dueOn: m.due_on, ratingBefore: m.risk_rating, listHits: hits.length, ...earlier };
    await startInstance(trx, engine.env(ctx), { definitionId, instanceId, businessKey: m.code, variables, unitId: m.unit_id }, (r) => [
      auditInsert(ctx, { action: 'process.start', entityType: 'process_instance', entityId: r.id, unitId: m.unit_id, after: { processKey: r.processKey, businessKey: m.code, definitionId } }, now),
    ]);
    await recordAudit(trx, ctx, { action: 'merchant.review.start', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, after: { reviewId: id, dueOn: m.due_on, instanceId } }, now);
    return true;
  });
}

const INSPECTION_FINDINGS = ['none', 'minor', 'major'];

/** What is wrong with the answers of the review inspection, each fault named by its variable. */
function inspectionProblems(v: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (!INSPECTION_FINDINGS.includes(String(v.inspectionFindings))) errors.push({ field: '/variables/inspectionFindings', message: { en: 'Say what the inspection found: none, minor or major.', zh: '请填写检查发现：none（无）、minor（轻微）或 major（重大）。' } });
  if (typeof v.addressConfirmed !== 'boolean') errors.push({ field: '/variables/addressConfirmed', message: { en: 'Say whether the address is confirmed (true or false).', zh: '请说明经营地址是否核实（true 或 false）。' } });
  const photos = v.inspectionPhotos;
  if (photos !== null && photos !== undefined && (typeof photos !== 'number' || !Number.isInteger(photos) || photos < 0)) errors.push({ field: '/variables/inspectionPhotos', message: { en: 'The number of photos is a whole number, 0 or more.', zh: '照片数量应为不小于 0 的整数。' } });
  return errors;
}

/** The review's system step (handler `merchantReviewRecord`): the new rating and the next review. */
async function recordReview(deps: Deps, trx: Transaction<Database>, instanceId: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const review = await trx.selectFrom('merchant_review').selectAll().where('instance_id', '=', instanceId).forUpdate().executeTakeFirst();
  if (!review) throw new Error(`merchantReview: no review runs on process instance ${instanceId}`);
  const m = await trx.selectFrom('merchant').select(['id', 'unit_id', 'status', 'risk_rating', sql<string | null>`next_review_on::text`.as('next_review_on')]).where('id', '=', review.merchant_id).forUpdate().executeTakeFirstOrThrow();
  const rating = String(variables.riskRating ?? '') as RiskRating;
  // a rating table that cannot decide (an answer outside its values) stops here with an incident
  if (!RATINGS.includes(rating)) throw new Error(`merchantReview: no risk rating (${rating})`);
  const now = deps.clock();
  const today = chinaDate(now);
  const next = m.status === 'terminated' ? null : addMonths(today, (await reviewMonths(trx))[rating]);
  const inspector = await completedBy(trx, instanceId, 'inspection');
  const inputs = Object.fromEntries(['mcc', 'region', 'scale', 'merchantKind', 'annualRevenue', 'yearsInBusiness', 'creditRecord', 'inspectionFindings', 'addressConfirmed', 'listHits'].map((k) => [k, variables[k] ?? null]));
  await trx.insertInto('merchant_rating').values({ id: deps.newId(), merchant_id: m.id, rating, reason: 'periodic_review', inputs: JSON.stringify(inputs), decided_by: inspector, decided_at: now }).execute();
  await trx.updateTable('merchant').set({ risk_rating: rating, next_review_on: next, updated_at: now, version: sql`version + 1` }).where('id', '=', m.id).execute();
  await trx.updateTable('merchant_review').set({ status: 'completed', rating_after: rating, next_review_on: next, completed_at: now, completed_by: inspector }).where('id', '=', review.id).execute();
  await recordAudit(trx, systemContext(), { action: 'merchant.review', entityType: 'merchant', entityId: m.id, unitId: m.unit_id, before: { rating: m.risk_rating, nextReviewOn: m.next_review_on }, after: { rating, nextReviewOn: next, reviewId: review.id, inspectedBy: inspector } }, now);
  return { nextReviewOn: next };
}

/** Registers the review's handler and the check of its inspection's answers. */
export function registerReviewHandlers(deps: Deps, engine: Engine): void {
  engine.register('merchantReviewRecord', ({ variables, db, instanceId }) => recordReview(deps, db, instanceId, variables));
  engine.registerGate('merchantReviewInspection', async ({ variables }) => {
    const errors = inspectionProblems(variables);
    if (errors.length) throw new ValidationError(errors);
  });
}
