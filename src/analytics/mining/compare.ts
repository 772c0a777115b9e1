import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { dfg, rework, summary } from '../mining.service.ts';
import { bottlenecks } from './bottlenecks.ts';
import { FilterQuery, parseFilter, type LogFilter } from './log-filter.ts';

/*
 * Before and after: the same measures over two slices of one log — two periods (each a time
 * window on case starts) or two versions of a process (the engine's log) — side by side, with
 * the change of each. The other filters apply to both slices.
 */

const { from: _from, to: _to, version: _version, ...shared } = FilterQuery.properties;
export const CompareQuery = Type.Object({
  ...shared,
  beforeFrom: Type.Optional(Type.String({ format: 'date-time' })),
  beforeTo: Type.Optional(Type.String({ format: 'date-time' })),
  afterFrom: Type.Optional(Type.String({ format: 'date-time' })),
  afterTo: Type.Optional(Type.String({ format: 'date-time' })),
  beforeVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  afterVersion: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type CompareParams = Static<typeof CompareQuery>;

/** The two slices the query asks for: by period or by version, never a mix. */
export function parseSlices(q: CompareParams): { before: LogFilter; after: LogFilter } {
  const { beforeFrom, beforeTo, afterFrom, afterTo, beforeVersion, afterVersion, ...rest } = q;
  const byPeriod = [beforeFrom, beforeTo, afterFrom, afterTo].some((v) => v !== undefined);
  const byVersion = beforeVersion !== undefined || afterVersion !== undefined;
  const errors: FieldError[] = [];
  if (byPeriod === byVersion) {
    errors.push({ field: 'querystring:/beforeFrom', message: { en: 'Compare either two periods (beforeFrom … afterTo) or two versions (beforeVersion, afterVersion).', zh: '请比较两个时段（beforeFrom … afterTo）或两个版本（beforeVersion、afterVersion），二者选一。' } });
  } else if (byVersion && (beforeVersion === undefined || afterVersion === undefined)) {
    errors.push({ field: beforeVersion === undefined ? 'querystring:/beforeVersion' : 'querystring:/afterVersion', message: { en: 'Give both versions.', zh: '请给出两个版本。' } });
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    before: parseFilter({ ...rest, from: beforeFrom, to: beforeTo, version: beforeVersion }, 'before'),
    after: parseFilter({ ...rest, from: afterFrom, to: afterTo, version: afterVersion }, 'after'),
  };
}

async function slice(deps: Deps, id: string, f: LogFilter) {
  const [s, graph, delays, again] = await Promise.all([summary(deps, id, f), dfg(deps, id, f), bottlenecks(deps, id, 'activity', f), rework(deps, id, f)]);
  return { summary: s, nodes: graph.nodes, delays: delays.items, rework: again };
}

const change = (before: number | null, after: number | null) => ({
  before,
  after,
  change: before === null || after === null ? null : Math.round((after - before) * 10000) / 10000,
  changeRate: before === null || after === null || before === 0 ? null : Math.round(((after - before) / before) * 10000) / 10000,
});

/**
 * The two slices' figures — cases, mean case duration, variants, the share of cases with rework —
 * and per activity how often a case does it, its mean waiting and handling time, each with the
 * change from before to after (absolute and relative). Activities present in one slice only (a
 * step added or removed) show null on the other side.
 */
export async function compare(deps: Deps, id: string, q: CompareParams) {
  const slices = parseSlices(q);
  const [b, a] = await Promise.all([slice(deps, id, slices.before), slice(deps, id, slices.after)]);
  const reworkShare = (s: typeof b) => (s.rework.cases ? Math.round((s.rework.casesWithRework / s.rework.cases) * 10000) / 10000 : null);
  const perCase = (s: typeof b, activity: string) => {
    const n = s.nodes.filter((x) => x.activity === activity || x.activity.startsWith(`${activity}+`));
    return n.length && s.summary.cases ? Math.round((Math.max(...n.map((x) => x.count)) / s.summary.cases) * 1000) / 1000 : null;
  };
  const activities = [...new Set([...b.delays, ...a.delays].map((d) => d.key))].filter((k): k is string => k !== null).sort();
  return {
    before: { filter: q.beforeVersion !== undefined ? { version: q.beforeVersion } : { from: q.beforeFrom ?? null, to: q.beforeTo ?? null } },
    after: { filter: q.afterVersion !== undefined ? { version: q.afterVersion } : { from: q.afterFrom ?? null, to: q.afterTo ?? null } },
    cases: change(b.summary.cases, a.summary.cases),
    meanCaseDurationSeconds: change(b.summary.meanCaseDurationSeconds, a.summary.meanCaseDurationSeconds),
    variants: change(b.summary.variants, a.summary.variants),
    reworkShare: change(reworkShare(b), reworkShare(a)),
    activities: activities.map((activity) => {
      const [db, da] = [b.delays.find((d) => d.key === activity), a.delays.find((d) => d.key === activity)];
      return {
        activity,
        perCase: change(perCase(b, activity), perCase(a, activity)),
        waitingMeanSeconds: change(db?.waiting.meanSeconds ?? null, da?.waiting.meanSeconds ?? null),
        handlingMeanSeconds: change(db?.handling?.meanSeconds ?? null, da?.handling?.meanSeconds ?? null),
      };
    }),
  };
}
