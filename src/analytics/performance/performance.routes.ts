import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { executiveDashboard } from './dashboard.service.ts';
import { kpis } from './kpi.service.ts';
import { LEVELS, METRIC_INFO, METRICS } from './metrics.ts';
import { PERIOD_PATTERN, periodOf } from './period.ts';
import { setTarget } from './targets.service.ts';

const Period = Type.String({ pattern: PERIOD_PATTERN, description: 'A month, YYYY-MM (China time); this month by default' });
const Level = Type.Unsafe<(typeof LEVELS)[number]>({ type: 'string', enum: [...LEVELS] });
const KpiQuery = Type.Object({ level: Type.Optional(Level), period: Type.Optional(Period) }, { additionalProperties: false });
const DashboardQuery = Type.Object({ period: Type.Optional(Period) }, { additionalProperties: false });
const TargetBody = Type.Object({
  level: Level,
  key: Type.String({ minLength: 1, maxLength: 200, description: 'A username, a unit code or a process key' }),
  metric: Type.Unsafe<(typeof METRICS)[number]>({ type: 'string', enum: METRICS }),
  period: Period,
  value: Type.Union([Type.Number(), Type.Null()], { description: 'The target; null removes it' }),
}, { additionalProperties: false });

/** Performance management: KPIs with targets and attainment, and the executive dashboard. */
export function performanceRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['performance'];
  app.get<{ Querystring: Static<typeof KpiQuery> }>('/api/v1/kpis', {
    config: { access: { permission: 'performance.read' } },
    schema: { tags, summary: "A month's performance figures per staff member, team, branch or process, with targets and attainment (units within the reader's reach)", querystring: KpiQuery },
  }, async (request) => kpis(deps, request.ctx, request.query.level ?? 'staff', request.query.period ?? periodOf(deps.clock())));

  app.get('/api/v1/kpis/metrics', {
    config: { access: { permission: 'performance.read' } },
    schema: { tags, summary: 'The measures, their names and which way is better' },
  }, async () => ({ items: METRICS.map((m) => ({ key: m, ...METRIC_INFO[m] })) }));

  app.put<{ Body: Static<typeof TargetBody> }>('/api/v1/kpi-targets', {
    config: { access: { permission: 'performance.target' } },
    schema: { tags, summary: 'Set a target for a month (null removes it); unit-scoped managers set targets within their units', body: TargetBody },
  }, async (request, reply) => {
    await setTarget(deps, request.ctx, request.body);
    return reply.code(204).send();
  });

  app.get<{ Querystring: Static<typeof DashboardQuery> }>('/api/v1/dashboard', {
    config: { access: { permission: 'performance.read' } },
    schema: { tags, summary: "The executive dashboard: a month's volumes, service levels, waits, satisfaction, complaints and alerts, the month before, and day by day", querystring: DashboardQuery },
  }, async (request) => executiveDashboard(deps, request.ctx, request.query.period ?? periodOf(deps.clock())));
}
