import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../../platform/errors.ts';
import type { ServiceDefinition } from './catalog.schemas.ts';

export const SERVICE = { en: 'service', zh: '服务' };

export type Service = ServiceDefinition & { code: string; version: number; active: boolean; updatedAt: string };

function toService(row: { code: string; version: number; active: boolean; data: unknown; updated_at: Date }): Service {
  return { ...(row.data as ServiceDefinition), code: row.code, version: row.version, active: row.active, updatedAt: row.updated_at.toISOString() };
}

/** The catalogue; what customers see (`publicOnly`) leaves out withdrawn services. */
export async function listServices(deps: Deps, options: { publicOnly: boolean; category?: string | undefined; channel?: string | undefined }): Promise<Service[]> {
  let q = deps.db.selectFrom('service').selectAll().orderBy('code');
  if (options.publicOnly) q = q.where('active', '=', true);
  const services = (await q.execute()).map(toService);
  return services.filter((s) => (!options.category || s.category === options.category) && (!options.channel || s.channels.includes(options.channel as never)));
}

export async function getService(deps: Deps, code: string, publicOnly: boolean): Promise<Service> {
  const row = await deps.db.selectFrom('service').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row || (publicOnly && !row.active)) throw new NotFoundError(SERVICE, code);
  return toService(row);
}

export async function createService(deps: Deps, ctx: RequestContext, code: string, definition: ServiceDefinition): Promise<Service> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('service').select('code').where('code', '=', code).executeTakeFirst()) throw new AlreadyExistsError(SERVICE, 'code', code);
    await trx.insertInto('service').values({ code, version: 1, active: true, data: JSON.stringify(definition), updated_by: ctx.actor?.username ?? null, updated_at: now }).execute();
    await trx.insertInto('service_version').values({ code, version: 1, data: JSON.stringify(definition), changed_by: ctx.actor?.username ?? null, changed_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'service.create', entityType: 'service', entityId: code, after: definition }, now);
  });
  return getService(deps, code, false);
}

/** A new version of a service's definition; refused when someone else changed it since `version`. */
export async function changeService(deps: Deps, ctx: RequestContext, code: string, input: { version: number; active?: boolean | undefined; definition: ServiceDefinition }): Promise<Service> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('service').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError(SERVICE, code);
    if (row.version !== input.version) throw new VersionConflictError(SERVICE);
    const version = row.version + 1;
    await trx.updateTable('service').set({ version, active: input.active ?? row.active, data: JSON.stringify(input.definition), updated_by: ctx.actor?.username ?? null, updated_at: now }).where('code', '=', code).execute();
    await trx.insertInto('service_version').values({ code, version, data: JSON.stringify(input.definition), changed_by: ctx.actor?.username ?? null, changed_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'service.change', entityType: 'service', entityId: code, before: row.data, after: { ...input.definition, active: input.active ?? row.active } }, now);
  });
  return getService(deps, code, false);
}

export async function serviceVersions(deps: Deps, code: string) {
  const rows = await deps.db.selectFrom('service_version').selectAll().where('code', '=', code).orderBy('version', 'desc').execute();
  if (rows.length === 0) throw new NotFoundError(SERVICE, code);
  return rows.map((r) => ({ version: r.version, definition: r.data as ServiceDefinition, changedBy: r.changed_by, changedAt: r.changed_at.toISOString() }));
}
