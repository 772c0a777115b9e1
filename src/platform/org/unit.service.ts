import type { RequestContext } from '../access/actor.ts';
import { assertInScope, assertPermission, scopePrefix } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExistsError, DomainError, NotFoundError, fieldError } from '../errors.ts';
import type { OrgUnitKind } from './org.table.ts';
import { childPath, kindAllowedUnder, toUnit, UNIT_LABEL, type Unit } from './unit.ts';
import * as repo from './unit.repository.ts';

/** The units the actor can see: all of them, or their own unit and those below it. */
export async function listUnits(deps: Deps, ctx: RequestContext): Promise<Unit[]> {
  const prefix = scopePrefix(ctx.actor!, 'org.unit.read');
  return (await repo.listUnits(deps.db, prefix)).map(toUnit);
}

export async function getUnit(deps: Deps, ctx: RequestContext, id: string): Promise<Unit> {
  const row = await repo.findUnit(deps.db, id);
  if (!row) throw new NotFoundError(UNIT_LABEL, id);
  assertInScope(ctx.actor!, 'org.unit.read', row.path);
  return toUnit(row);
}

export type NewUnit = { code: string; nameZh: string; nameEn: string; kind: OrgUnitKind; parentId: string | null; region?: string };

/**
 * Adds a unit under a parent within the actor's reach. Only the head office stands at the root,
 * and there is one; regions sit under it, branches under it or a region, sub-branches under branches.
 */
export async function createUnit(deps: Deps, ctx: RequestContext, input: NewUnit): Promise<Unit> {
  const actor = ctx.actor;
  return deps.db.transaction().execute(async (trx) => {
    const parent = input.parentId ? await repo.findUnit(trx, input.parentId) : null;
    if (input.parentId && !parent) throw fieldError('parentId', 'no such unit', '上级机构不存在');
    if (actor) {
      if (parent) assertInScope(actor, 'org.unit.write', parent.path);
      else if (assertPermission(actor, 'org.unit.write') !== 'global') {
        throw new DomainError('out_of_scope', { en: 'Only head-office administrators can create a root unit.', zh: '只有总行管理员可以创建顶级机构。' });
      }
    }
    if (!kindAllowedUnder(input.kind, parent?.kind ?? null)) {
      throw fieldError(
        'kind',
        `a ${input.kind} cannot be placed ${parent ? `under a ${parent.kind}` : 'at the root'}`,
        parent ? '该类型机构不能设在此上级机构之下' : '只有总行可以作为顶级机构',
      );
    }
    if (!parent && (await repo.listUnits(trx, null)).some((u) => u.parent_id === null)) {
      throw fieldError('parentId', 'the organisation already has its head office; choose a parent unit', '已存在总行，请选择上级机构');
    }
    if (await repo.findUnitByCode(trx, input.code)) throw new AlreadyExistsError(UNIT_LABEL, 'code', input.code);
    const id = deps.newId();
    const row = await repo.insertUnit(trx, {
      id,
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      kind: input.kind,
      parent_id: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      region: input.region ?? parent?.region ?? 'CN',
      created_at: deps.clock(),
      updated_at: deps.clock(),
    });
    const unit = toUnit(row);
    await recordAudit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, unitId: id, after: unit }, deps.clock());
    return unit;
  });
}

export type UnitPatch = { nameZh?: string; nameEn?: string; active?: boolean; region?: string };

/** Renames, re-regions or (de)activates a unit. A unit with active units or users below stays active. */
export async function updateUnit(deps: Deps, ctx: RequestContext, id: string, patch: UnitPatch): Promise<Unit> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findUnit(trx, id);
    if (!row) throw new NotFoundError(UNIT_LABEL, id);
    assertInScope(ctx.actor!, 'org.unit.write', row.path);
    if (patch.active === false && row.active) {
      const dependants = await repo.activeDependants(trx, row.path, id);
      if (dependants.units > 0 || dependants.users > 0) {
        throw new DomainError('invalid_state', {
          en: `The unit still has ${dependants.units} active unit(s) and ${dependants.users} active user(s) under it; move or deactivate them first.`,
          zh: `该机构下仍有 ${dependants.units} 个在用机构和 ${dependants.users} 个在用用户，请先迁移或停用。`,
        });
      }
    }
    const updated = await repo.updateUnit(
      trx,
      id,
      {
        ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
        ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
        ...(patch.active !== undefined && { active: patch.active }),
        ...(patch.region !== undefined && { region: patch.region }),
      },
      deps.clock(),
    );
    const before = toUnit(row);
    const after = toUnit(updated);
    await recordAudit(trx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, unitId: id, before, after }, deps.clock());
    return after;
  });
}

/** Every unit, for Banklane's own use (the admin CLI); never exposed to a request. */
export async function listUnitsUnscoped(deps: Deps): Promise<Unit[]> {
  return (await repo.listUnits(deps.db, null)).map(toUnit);
}
