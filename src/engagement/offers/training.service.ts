import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { fitModels, type Observation } from './offer-model.ts';
import { FEATURE_KEYS, FEATURES } from './offer-score.ts';
import { MIN_OUTCOMES, TRAINING_DAYS, type ProductModel } from './offer.ts';
import type { OfferModelTable } from './offer.table.ts';
import type { Selectable } from 'kysely';

/*
 * Training the propensity model: every offer with an outcome shown in the last TRAINING_DAYS,
 * per product, fitted (offer-model.ts) into a new version. One training at a time (an advisory
 * lock); the daily one runs once a China day, after the segments' refresh.
 */

/** One training at a time, bank-wide: the advisory lock's key. */
const TRAIN_LOCK = 7_205_031;
const DAY = 86_400_000;
const MODEL = { en: 'offer model version', zh: '推荐模型版本' };

export type Trigger = Selectable<OfferModelTable>['trigger'];

/**
 * Fits a new model version from the offers' outcomes and stores it; `scheduled` does nothing when
 * a version was trained that China day already (null). Audited (`offer_model.train`).
 */
export async function trainModel(deps: Deps, ctx: RequestContext, trigger: Trigger) {
  const now = deps.clock();
  const since = new Date(now.getTime() - TRAINING_DAYS * DAY);
  const row = await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${TRAIN_LOCK})`.execute(trx);
    const last = await trx.selectFrom('offer_model').select(['version', 'trained_at']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (trigger === 'scheduled' && last && chinaDate(last.trained_at) === chinaDate(now)) return null;
    const rows = await trx
      .selectFrom('offer')
      .select(['product_code', 'features', 'outcome'])
      .where('outcome', 'is not', null)
      .where('shown_at', '>=', since)
      .where('shown_at', '<=', now)
      .orderBy('product_code').orderBy('shown_at').orderBy('id')
      .execute();
    const byProduct = new Map<string, Observation[]>();
    for (const r of rows) {
      const list = byProduct.get(r.product_code) ?? [];
      list.push({ features: r.features, accepted: r.outcome === 'accepted' });
      byProduct.set(r.product_code, list);
    }
    const products = fitModels(byProduct, MIN_OUTCOMES);
    const model = { version: (last?.version ?? 0) + 1, trigger, trained_at: now, trained_by: ctx.actor?.username ?? 'system', since, outcomes: rows.length, min_outcomes: MIN_OUTCOMES, features: JSON.stringify(FEATURE_KEYS), products: JSON.stringify(products) };
    await trx.insertInto('offer_model').values(model).execute();
    const modelled = Object.values(products).filter((p) => p.weights).length;
    await recordAudit(trx, ctx, { action: 'offer_model.train', entityType: 'offer_model', entityId: String(model.version), after: { version: model.version, trigger, outcomes: rows.length, products: Object.keys(products).length, modelled } }, now);
    return trx.selectFrom('offer_model').selectAll().where('version', '=', model.version).executeTakeFirstOrThrow();
  });
  return row && (await modelView(deps, row));
}

/** A model version as the API shows it: per product its history and, when modelled, each coefficient named. */
async function modelView(deps: Deps, m: Selectable<OfferModelTable>) {
  const names = new Map((await deps.db.selectFrom('product').select(['code', 'name_zh', 'name_en']).execute()).map((p) => [p.code, p]));
  const products = Object.entries(m.products as Record<string, ProductModel>).map(([code, p]) => ({
    code,
    nameZh: names.get(code)?.name_zh ?? code,
    nameEn: names.get(code)?.name_en ?? code,
    samples: p.samples,
    accepted: p.accepted,
    method: p.weights ? ('model' as const) : ('rules' as const),
    intercept: p.intercept,
    coefficients: p.weights ? FEATURES.map((f) => ({ feature: f.key, en: f.en, zh: f.zh, weight: p.weights![f.key] ?? 0 })) : [],
  }));
  return { version: m.version, trigger: m.trigger, trainedAt: m.trained_at.toISOString(), trainedBy: m.trained_by, since: m.since.toISOString(), outcomes: m.outcomes, minOutcomes: m.min_outcomes, products };
}

/** A model version (the latest when none is named) with its coefficients, and the versions before it. */
export async function offerModels(deps: Deps, version: number | undefined) {
  let q = deps.db.selectFrom('offer_model').selectAll().orderBy('version', 'desc').limit(1);
  if (version !== undefined) q = q.where('version', '=', version);
  const current = await q.executeTakeFirst();
  if (!current && version !== undefined) throw new NotFoundError(MODEL, String(version));
  const versions = await deps.db.selectFrom('offer_model').select(['version', 'trigger', 'trained_at', 'trained_by', 'outcomes']).orderBy('version', 'desc').limit(30).execute();
  return {
    current: current ? await modelView(deps, current) : null,
    versions: versions.map((v) => ({ version: v.version, trigger: v.trigger, trainedAt: v.trained_at.toISOString(), trainedBy: v.trained_by, outcomes: v.outcomes })),
  };
}
