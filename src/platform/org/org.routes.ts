import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { IdParam, noContent, responses } from '../http/schemas.ts';
import * as S from './org.schemas.ts';
import * as roles from './role.service.ts';
import * as units from './unit.service.ts';
import * as users from './user.service.ts';

type Id = Static<typeof IdParam>;

/** Organisation units, staff users and roles: administration of who may do what where. */
export function orgRoutes(app: FastifyInstance, deps: Deps): void {
  app.addSchema(S.UnitSchema);
  app.addSchema(S.RoleSchema);
  app.addSchema(S.UserSchema);
  const units_ = ['organisation'];

  app.get('/api/v1/units', {
    config: { access: { permission: 'org.unit.read' } },
    schema: { tags: units_, summary: 'Units within reach (flat list; build the tree from parentId)', response: responses(Type.Object({ items: Type.Array(Type.Ref('Unit')) })) },
  }, async (request) => ({ items: await units.listUnits(deps, request.ctx) }));

  app.get<{ Params: Id }>('/api/v1/units/:id', {
    config: { access: { permission: 'org.unit.read' } },
    schema: { tags: units_, summary: 'One unit', params: IdParam, response: responses(Type.Ref('Unit')) },
  }, async (request) => units.getUnit(deps, request.ctx, request.params.id));

  app.post<{ Body: Static<typeof S.NewUnitBody> }>('/api/v1/units', {
    config: { access: { permission: 'org.unit.write' } },
    schema: { tags: units_, summary: 'Create a unit under a parent', body: S.NewUnitBody, response: responses(Type.Ref('Unit'), 201) },
  }, async (request, reply) => reply.code(201).send(await units.createUnit(deps, request.ctx, request.body)));

  app.patch<{ Params: Id; Body: Static<typeof S.UnitPatchBody> }>('/api/v1/units/:id', {
    config: { access: { permission: 'org.unit.write' } },
    schema: { tags: units_, summary: 'Rename, re-region or (de)activate a unit', params: IdParam, body: S.UnitPatchBody, response: responses(Type.Ref('Unit')) },
  }, async (request) => units.updateUnit(deps, request.ctx, request.params.id, request.body));

  app.get('/api/v1/roles', {
    config: { access: { permission: 'org.role.read' } },
    schema: { tags: units_, summary: 'Roles and their permissions', response: responses(Type.Object({ items: Type.Array(Type.Ref('Role')) })) },
  }, async () => ({ items: await roles.listRoles(deps) }));

  app.post<{ Body: Static<typeof S.NewRoleBody> }>('/api/v1/roles', {
    config: { access: { permission: 'org.role.write' } },
    schema: { tags: units_, summary: 'Create a role', body: S.NewRoleBody, response: responses(Type.Ref('Role'), 201) },
  }, async (request, reply) => reply.code(201).send(await roles.createRole(deps, request.ctx, request.body)));

  app.patch<{ Params: { key: string }; Body: Static<typeof S.RolePatchBody> }>('/api/v1/roles/:key', {
    config: { access: { permission: 'org.role.write' } },
    schema: { tags: units_, summary: 'Change a role', params: Type.Object({ key: Type.String({ maxLength: 40 }) }), body: S.RolePatchBody, response: responses(Type.Ref('Role')) },
  }, async (request) => roles.updateRole(deps, request.ctx, request.params.key, request.body));

  app.get('/api/v1/permissions', {
    config: { access: { authenticated: true } },
    schema: {
      tags: units_,
      summary: 'Every permission with its names',
      response: responses(Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String() })) })),
    },
  }, async () => ({ items: roles.listPermissions() }));

  app.get<{ Querystring: Static<typeof S.UserQuery> }>('/api/v1/users', {
    config: { access: { permission: 'org.user.read' } },
    schema: { tags: units_, summary: 'Staff users within reach', querystring: S.UserQuery, response: responses(Type.Object({ items: Type.Array(Type.Ref('User')), total: Type.Integer() })) },
  }, async (request) => {
    const { limit, offset, lang: _lang, ...filter } = request.query;
    return users.listUsers(deps, request.ctx, filter, { limit, offset });
  });

  app.get<{ Params: Id }>('/api/v1/users/:id', {
    config: { access: { permission: 'org.user.read' } },
    schema: { tags: units_, summary: 'One user', params: IdParam, response: responses(Type.Ref('User')) },
  }, async (request) => users.getUser(deps, request.ctx, request.params.id));

  app.post<{ Body: Static<typeof S.NewUserBody> }>('/api/v1/users', {
    config: { access: { permission: 'org.user.write' } },
    schema: { tags: units_, summary: 'Create a staff user', body: S.NewUserBody, response: responses(Type.Ref('User'), 201) },
  }, async (request, reply) => reply.code(201).send(await users.createUser(deps, request.ctx, request.body)));

  app.patch<{ Params: Id; Body: Static<typeof S.UserPatchBody> }>('/api/v1/users/:id', {
    config: { access: { permission: 'org.user.write' } },
    schema: { tags: units_, summary: 'Change a user (optimistic locking by version)', params: IdParam, body: S.UserPatchBody, response: responses(Type.Ref('User')) },
  }, async (request) => users.updateUser(deps, request.ctx, request.params.id, request.body));

  app.post<{ Params: Id; Body: Static<typeof S.PasswordBody> }>('/api/v1/users/:id/password', {
    config: { access: { permission: 'org.user.write' } },
    schema: { tags: units_, summary: "Set a user's password; ends their sessions", params: IdParam, body: S.PasswordBody, response: noContent() },
  }, async (request, reply) => {
    await users.resetPassword(deps, request.ctx, request.params.id, request.body.password);
    return reply.code(204).send();
  });

  app.post<{ Params: Id; Body: Static<typeof S.RevealBody> }>('/api/v1/users/:id/reveal', {
    config: { access: { permission: 'pii.reveal' } },
    schema: {
      tags: units_,
      summary: 'See contact details unmasked (the reason is audited)',
      params: IdParam,
      body: S.RevealBody,
      response: responses(Type.Object({ phone: Type.Optional(Type.Union([Type.String(), Type.Null()])), email: Type.Optional(Type.Union([Type.String(), Type.Null()])) })),
    },
  }, async (request) => users.revealUser(deps, request.ctx, request.params.id, request.body.fields, request.body.reason));
}
