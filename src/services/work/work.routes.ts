import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { IdParam, Paging } from '../../platform/http/schemas.ts';
import type { Engine } from '../../engine/engine.ts';
import { reassignTasks } from '../../engine/task-dispatch.ts';
import * as qualifications from './qualification.service.ts';
import { assertNotSelf, nextWork, returnForCorrection, worklist } from './work.service.ts';

type Id = Static<typeof IdParam>;
const DateText = Type.String({ format: 'date' });

const WorkQuery = Type.Object({ view: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('available')])), ...Paging }, { additionalProperties: false });
const ReturnBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
const ReassignBody = Type.Object({ from: Type.String({ minLength: 1, maxLength: 100 }), to: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]) }, { additionalProperties: false });
const QualificationBody = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,59}$' }), nameZh: Type.String({ minLength: 1, maxLength: 60 }), nameEn: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
const CredentialBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('certificate'), Type.Literal('training')]),
    qualification: Type.Optional(Type.String({ maxLength: 60 })),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    reference: Type.Optional(Type.String({ maxLength: 100 })),
    hours: Type.Optional(Type.Number({ minimum: 0, maximum: 10000 })),
    issuedOn: DateText,
    expiresOn: Type.Optional(Type.Union([DateText, Type.Null()])),
  },
  { additionalProperties: false },
);

/** Task work for staff: worklists, get next work, return for correction, reassignment; qualifications. */
export function workRoutes(engine: Engine) {
  return (app: FastifyInstance, deps: Deps): void => {
    const tags = ['task work'];

    app.get<{ Querystring: Static<typeof WorkQuery> }>('/api/v1/work/tasks', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'My tasks (mine) or tasks open to me and my roles (available), most urgent first, with their cases', querystring: WorkQuery },
    }, async (request) => worklist(deps, engine, request.ctx, { view: request.query.view ?? 'mine', limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

    app.post('/api/v1/work/next', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'Get next work: claims the most urgent task I may take (204 when there is none)' },
    }, async (request, reply) => {
      const item = await nextWork(deps, engine, request.ctx);
      return item ? item : reply.code(204).send();
    });

    app.post<{ Params: Id; Body: Static<typeof ReturnBody> }>('/api/v1/work/tasks/:id/return', {
      config: { access: { permission: 'task.work' } },
      schema: { tags, summary: 'Return the work for correction (decision = return); counted as rework on the case', params: IdParam, body: ReturnBody },
    }, async (request) => returnForCorrection(deps, engine, request.ctx, request.params.id, request.body.reason));

    app.post<{ Body: Static<typeof ReassignBody> }>('/api/v1/work/reassign', {
      config: { access: { permission: 'task.reassign' } },
      schema: { tags, summary: "Hand an absent colleague's open tasks to someone else, or back to the pool (to = null)", body: ReassignBody },
    }, async (request) => {
      assertNotSelf(request.ctx, request.body.from);
      return { moved: await reassignTasks(engine, request.ctx, request.body.from, request.body.to) };
    });

    app.get('/api/v1/qualifications', {
      config: { access: { authenticated: true } },
      schema: { tags: ['staff qualifications'], summary: 'Qualifications tasks may require' },
    }, async () => ({ items: await qualifications.listQualifications(deps) }));

    app.post<{ Body: Static<typeof QualificationBody> }>('/api/v1/qualifications', {
      config: { access: { permission: 'staff.qualify' } },
      schema: { tags: ['staff qualifications'], summary: 'Add or rename a qualification', body: QualificationBody },
    }, async (request) => qualifications.addQualification(deps, request.ctx, request.body));

    app.get<{ Params: Id }>('/api/v1/users/:id/credentials', {
      config: { access: { permission: 'org.user.read' } },
      schema: { tags: ['staff qualifications'], summary: "A staff member's training records and certificates (valid today or not)", params: IdParam },
    }, async (request) => ({ items: await qualifications.credentialsOf(deps, request.ctx, request.params.id) }));

    app.post<{ Params: Id; Body: Static<typeof CredentialBody> }>('/api/v1/users/:id/credentials', {
      config: { access: { permission: 'staff.qualify' } },
      schema: { tags: ['staff qualifications'], summary: 'Record a training or a certificate (with its expiry)', params: IdParam, body: CredentialBody },
    }, async (request, reply) => reply.code(201).send(await qualifications.recordCredential(deps, request.ctx, request.params.id, request.body)));
  };
}
