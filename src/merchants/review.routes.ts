import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { Paging } from '../platform/http/schemas.ts';
import { listReviews, overdueReviews } from './review.repository.ts';
import { getReviewSettings, putReviewSettings } from './review.service.ts';
import type { ReviewStatus } from './risk-case.table.ts';

const Months = Type.Integer({ minimum: 1, maximum: 36, description: 'Months between re-reviews' });
const SettingsBody = Type.Object({ high: Months, medium: Months, low: Months }, { additionalProperties: false });
const ReviewQuery = Type.Object(
  {
    overdue: Type.Optional(Type.Boolean({ description: 'Only re-reviews past their due date: an inspection past its task’s due date, or a next review date passed with no review running (with `merchant`; `status` does not apply)' })),
    status: Type.Optional(Type.Unsafe<ReviewStatus>({ type: 'string', enum: ['in_progress', 'completed', 'cancelled'] })),
    merchant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A merchant id or code' })),
    ...Paging,
  },
  { additionalProperties: false },
);

/** Periodic re-review (定期复查): the reviews, the overdue report, and the months between reviews by rating. */
export function reviewRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['merchant risk'];

  app.get<{ Querystring: Static<typeof ReviewQuery> }>('/api/v1/merchant-reviews', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: "Periodic re-reviews of the caller's branches; with overdue=true, those past their due date, the longest overdue first", querystring: ReviewQuery },
  }, async (request) => {
    const page = { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 };
    return request.query.overdue ? overdueReviews(deps, request.ctx, { ...page, merchant: request.query.merchant }) : listReviews(deps, request.ctx, { ...page, status: request.query.status, merchant: request.query.merchant });
  });

  app.get('/api/v1/merchant-review-settings', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: 'Months between re-reviews by risk rating (defaults: high 3, medium 6, low 12)' },
  }, async () => getReviewSettings(deps));

  app.put<{ Body: Static<typeof SettingsBody> }>('/api/v1/merchant-review-settings', {
    config: { access: { permission: 'merchant.configure' } },
    schema: { tags, summary: 'Change the months between re-reviews (a riskier rating never less often); applies from each merchant’s next rating', body: SettingsBody },
  }, async (request) => putReviewSettings(deps, request.ctx, request.body));
}
