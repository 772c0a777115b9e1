import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, scopePrefix } from '../../platform/access/policy.ts';
import { addDays } from '../../platform/calendar/calendar-data.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError, type FieldError, type Localized } from '../../platform/errors.ts';
import { countAnswers, effortByJourney, type ExperienceFilter } from './experience.queries.ts';
import type { EffortParams, ScoresParams } from './experience.schemas.ts';
import { addCounts, CHANNEL_NAMES, NO_ANSWERS, OTHER_JOURNEYS, scoresOf, type AnswerCounts, type Bucket, type Dimension, type Scores } from './experience.ts';

/*
 * Customer experience measures (客户体验): NPS and CSAT over time, by segment, channel, branch
 * and journey; the customer's effort per journey. Always within the caller's branches.
 */

/** The longest window a request may ask for: two years of weeks is already 104 points a line. */
const MAX_DAYS = 731;
/** The default window: this many buckets back. */
const DEFAULT_BUCKETS = 12;

/** China's midnight starting a day, as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The window and filters a request asks for, within the caller's branches; contradictions refused on their field. */
async function filterOf(deps: Deps, ctx: RequestContext, q: EffortParams & { segment?: string | undefined }, bucket: Bucket): Promise<ExperienceFilter> {
  const scope = scopePrefix(ctx.actor!, 'experience.read');
  const today = chinaDate(deps.clock());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, bucket === 'week' ? -7 * DEFAULT_BUCKETS + 1 : -365);
  const errors: FieldError[] = [];
  if (from > to) errors.push({ field: 'querystring:/to', message: { en: 'The last day must not come before the first.', zh: '结束日期不能早于开始日期。' } });
  else if (dayStart(to).getTime() - dayStart(from).getTime() > MAX_DAYS * 86_400_000) errors.push({ field: 'querystring:/from', message: { en: `A window of at most ${MAX_DAYS} days: choose a later first day.`, zh: `时间范围最长 ${MAX_DAYS} 天，请选择更晚的开始日期。` } });
  if (q.branch) {
    const unit = await deps.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', q.branch).executeTakeFirst();
    if (!unit) errors.push({ field: 'querystring:/branch', message: { en: 'No such branch.', zh: '机构不存在。' } });
    else assertInScope(ctx.actor!, 'experience.read', unit.path);
  }
  if (errors.length) throw new ValidationError(errors);
  return { from: dayStart(from), to: dayStart(addDays(to, 1)), scope, branch: q.branch, channel: q.channel, journey: q.journey, segment: q.segment };
}

export type ScoreSeries = { key: string; name: Localized; total: Scores; points: ({ period: string } & Scores)[] };

/**
 * NPS and CSAT per period (China weeks from Monday, or months), overall or one line per key of
 * the dimension, each with its total over the window; keys with the most answers first.
 */
export async function experienceScores(deps: Deps, ctx: RequestContext, q: ScoresParams) {
  const bucket: Bucket = q.bucket ?? 'month';
  const by: Dimension | null = q.by ?? null;
  const f = await filterOf(deps, ctx, q, bucket);
  const rows = await countAnswers(deps.db, f, by, bucket);
  const byKey = new Map<string, { total: AnswerCounts; points: ({ period: string } & Scores)[] }>();
  let overall = NO_ANSWERS;
  for (const r of rows) {
    const counts: AnswerCounts = { responses: r.responses, npsAnswers: r.nps_answers, promoters: r.promoters, detractors: r.detractors, csatAnswers: r.csat_answers, satisfied: r.satisfied };
    const line = byKey.get(r.key) ?? { total: NO_ANSWERS, points: [] };
    line.total = addCounts(line.total, counts);
    line.points.push({ period: r.period, ...scoresOf(counts) });
    byKey.set(r.key, line);
    overall = addCounts(overall, counts);
  }
  const names = await namesOf(deps, by, [...byKey.keys()]);
  const series: ScoreSeries[] = [...byKey.entries()]
    .map(([key, line]) => ({ key, name: names.get(key) ?? { en: key, zh: key }, total: scoresOf(line.total), points: line.points }))
    .sort((a, b) => b.total.responses - a.total.responses || a.key.localeCompare(b.key));
  // with a breakdown by segment an answer counts in each of the customer's segments: the total is of answers, once each
  const total = by === 'segment' ? scoresOf(await overallOf(deps, f, bucket)) : scoresOf(overall);
  return { from: chinaDate(f.from), to: addDays(chinaDate(f.to), -1), bucket, by, total, series };
}

async function overallOf(deps: Deps, f: ExperienceFilter, bucket: Bucket): Promise<AnswerCounts> {
  let all = NO_ANSWERS;
  for (const r of await countAnswers(deps.db, f, null, bucket)) all = addCounts(all, { responses: r.responses, npsAnswers: r.nps_answers, promoters: r.promoters, detractors: r.detractors, csatAnswers: r.csat_answers, satisfied: r.satisfied });
  return all;
}

/** People's names of a dimension's keys: segments, branches, services; channels and other journeys from code. */
async function namesOf(deps: Deps, by: Dimension | 'journey' | null, keys: string[]): Promise<Map<string, Localized>> {
  const names = new Map<string, Localized>();
  if (keys.length === 0) return names;
  if (by === null) names.set('all', { en: 'All', zh: '全部' });
  if (by === 'channel') for (const k of keys) if (CHANNEL_NAMES[k]) names.set(k, CHANNEL_NAMES[k]);
  if (by === 'segment') {
    for (const s of await deps.db.selectFrom('segment').select(['code', 'name_en', 'name_zh']).where('code', 'in', keys).execute()) names.set(s.code, { en: s.name_en, zh: s.name_zh });
  }
  if (by === 'branch') {
    for (const u of await deps.db.selectFrom('org_unit').select(['id', 'name_en', 'name_zh']).where('id', 'in', keys).execute()) names.set(u.id, { en: u.name_en, zh: u.name_zh });
  }
  if (by === 'journey') {
    for (const k of keys) if (OTHER_JOURNEYS[k]) names.set(k, OTHER_JOURNEYS[k]);
    const services = await deps.db.selectFrom('service').select(['code', 'data']).where('code', 'in', keys).execute();
    for (const s of services) {
      const data = s.data as { nameEn?: string; nameZh?: string };
      names.set(s.code, { en: data.nameEn ?? s.code, zh: data.nameZh ?? s.code });
    }
  }
  return names;
}

/** Seconds rounded to whole seconds, counts to one decimal (a median of two may fall between). */
const round = (v: number | null, digits = 0) => (v === null ? null : Math.round(Number(v) * 10 ** digits) / 10 ** digits);

/** The customer's effort per journey over the cases closed in the window (medians and 90th percentiles). */
export async function experienceEffort(deps: Deps, ctx: RequestContext, q: EffortParams) {
  const f = await filterOf(deps, ctx, q, 'month');
  const rows = await effortByJourney(deps.db, f);
  const names = await namesOf(deps, 'journey', rows.map((r) => r.journey));
  return {
    from: chinaDate(f.from),
    to: addDays(chinaDate(f.to), -1),
    items: rows.map((r) => ({
      journey: r.journey,
      name: names.get(r.journey) ?? { en: r.journey, zh: r.journey },
      cases: r.cases,
      steps: { median: round(r.steps_median, 1), p90: round(r.steps_p90, 1) },
      waitingSeconds: { median: round(r.waiting_median), p90: round(r.waiting_p90) },
      handovers: { median: round(r.handovers_median, 1), p90: round(r.handovers_p90, 1) },
      totalSeconds: { median: round(r.total_median), p90: round(r.total_p90) },
      contacts: { cases: r.contact_cases, median: round(r.contacts_median, 1), p90: round(r.contacts_p90, 1) },
    })),
  };
}
