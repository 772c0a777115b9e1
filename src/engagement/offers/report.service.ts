import { sql } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';

/*
 * Conversion (转化率) of the offers shown in the caller's branches over a span of China days: by
 * product, by channel and by the customer's tier when shown. Conversion is accepted ÷ shown;
 * `open` are still awaiting an answer (they become ignored after IGNORE_AFTER_DAYS).
 */

const DAY = 86_400_000;
/** A report spans at most this many days. */
const MAX_SPAN_DAYS = 366;

type Line = { key: string; nameZh: string; nameEn: string; shown: number; accepted: number; declined: number; ignored: number; open: number; conversion: number };

/** Offers shown from `from` to `to` (YYYY-MM-DD, inclusive; default the last 90 days) in the caller's branches. */
export async function offerReport(deps: Deps, ctx: RequestContext, query: { from?: string | undefined; to?: string | undefined }) {
  const to = query.to ?? chinaDate(deps.clock());
  const from = query.from ?? chinaDate(new Date(Date.parse(`${to}T00:00:00Z`) - 89 * DAY));
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
  if (Number.isNaN(span) || span < 0) throw new ValidationError([{ field: 'querystring:/from', message: { en: 'The period must start on or before its end (YYYY-MM-DD).', zh: '统计区间起始日期不能晚于结束日期（格式 YYYY-MM-DD）。' } }]);
  if (span >= MAX_SPAN_DAYS) throw new ValidationError([{ field: 'querystring:/to', message: { en: `A report covers at most ${MAX_SPAN_DAYS} days.`, zh: `统计区间最长 ${MAX_SPAN_DAYS} 天。` } }]);
  const prefix = scopePrefix(ctx.actor!, 'product.read');

  const by = async (column: 'product_code' | 'channel' | 'tier') => {
    let q = deps.db
      .selectFrom('offer as f')
      .innerJoin('org_unit as o', 'o.id', 'f.unit_id')
      .where('f.day', '>=', from)
      .where('f.day', '<=', to)
      .select([
        `f.${column} as key`,
        sql<string>`count(*)`.as('shown'),
        sql<string>`count(*) filter (where f.outcome = 'accepted')`.as('accepted'),
        sql<string>`count(*) filter (where f.outcome = 'declined')`.as('declined'),
        sql<string>`count(*) filter (where f.outcome = 'ignored')`.as('ignored'),
        sql<string>`count(*) filter (where f.outcome is null)`.as('open'),
      ])
      .groupBy(`f.${column}`)
      .orderBy(`f.${column}`);
    if (prefix) q = q.where('o.path', 'like', `${prefix}%`);
    return q.execute();
  };
  const [products, channels, tiers, productNames, tierNames] = await Promise.all([
    by('product_code'), by('channel'), by('tier'),
    deps.db.selectFrom('product').select(['code', 'name_zh', 'name_en']).execute(),
    deps.db.selectFrom('segment').select(['code', 'name_zh', 'name_en']).where('kind', '=', 'tier').execute(),
  ]);
  const named = (names: { code: string; name_zh: string; name_en: string }[]) => {
    const map = new Map(names.map((n) => [n.code, n]));
    return (r: { key: string; shown: string; accepted: string; declined: string; ignored: string; open: string }): Line => {
      const shown = Number(r.shown);
      const accepted = Number(r.accepted);
      return { key: r.key, nameZh: map.get(r.key)?.name_zh ?? CHANNEL_NAMES[r.key]?.zh ?? r.key, nameEn: map.get(r.key)?.name_en ?? CHANNEL_NAMES[r.key]?.en ?? r.key, shown, accepted, declined: Number(r.declined), ignored: Number(r.ignored), open: Number(r.open), conversion: shown ? Math.round((accepted / shown) * 10_000) / 10_000 : 0 };
    };
  };
  const byProduct = products.map(named(productNames));
  const total = byProduct.reduce((t, l) => ({ shown: t.shown + l.shown, accepted: t.accepted + l.accepted }), { shown: 0, accepted: 0 });
  return {
    from,
    to,
    shown: total.shown,
    accepted: total.accepted,
    conversion: total.shown ? Math.round((total.accepted / total.shown) * 10_000) / 10_000 : 0,
    byProduct: byProduct.sort((a, b) => b.shown - a.shown || a.key.localeCompare(b.key)),
    byChannel: channels.map(named([])),
    byTier: tiers.map(named(tierNames)),
  };
}

const CHANNEL_NAMES: Record<string, { en: string; zh: string }> = {
  counter: { en: 'Counter', zh: '柜面' },
  phone: { en: 'Phone', zh: '电话' },
  portal: { en: 'Portal', zh: '网上银行' },
  mobile: { en: 'Mobile app', zh: '手机银行' },
};
