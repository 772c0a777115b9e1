import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { responses } from '../platform/http/schemas.ts';
import { readHistory, statusOf } from './history-state.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Instant = Type.String({ format: 'date-time' });

const HistoryStatusSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('off'), Type.Literal('generating'), Type.Literal('stopped'), Type.Literal('done'), Type.Literal('failed')]),
    days: Type.Integer({ minimum: 0 }),
    daysDone: Type.Integer({ minimum: 0 }),
    through: Type.Union([Day, Type.Null()]),
    startedAt: Type.Union([Instant, Type.Null()]),
    finishedAt: Type.Union([Instant, Type.Null()]),
  },
  { additionalProperties: false },
);

/** The demo history's progress, for the web app's banner while it is generated. */
export function demoHistoryRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/v1/demo/history', {
    config: { access: { authenticated: true } },
    schema: { tags: ['demo'], summary: 'The demo history: off, being generated (how many days so far), stopped (resumed at the next start), done or failed', response: responses(HistoryStatusSchema) },
  }, async () => statusOf(await readHistory(deps.db), deps.clock()));
}
