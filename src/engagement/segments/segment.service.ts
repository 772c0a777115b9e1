import type { Static } from '@sinclair/typebox';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { AlreadyExistsError, NotFoundError, ValidationError, VersionConflictError, type Localized } from '../../platform/errors.ts';
import { dryRunSegment, type DryRun } from './dry-run.service.ts';
import { compileSegment, DEFAULT_SEGMENTS, type CompiledSegment } from './segment-rules.ts';
import type { SegmentBody, SegmentChangeBody } from './segment.schemas.ts';
import type { SegmentTable } from './segment.table.ts';

/*
 * The segments a bank keeps (客户分层): the shipped tiers and groups, and those its relationship
 * managers build. A rule is checked when it is saved — syntax, fact names, that it is a condition
 * — so a stored rule always compiles; saving answers with the live count it would have.
 */

export const SEGMENT: Localized = { en: 'segment', zh: '客户分层' };

export type SegmentView = {
  code: string;
  kind: 'tier' | 'group';
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  expression: string;
  rank: number;
  active: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
};

function view(r: Selectable<SegmentTable>): SegmentView {
  return {
    code: r.code, kind: r.kind, nameZh: r.name_zh, nameEn: r.name_en, descriptionZh: r.description_zh, descriptionEn: r.description_en,
    expression: r.expression, rank: r.rank, active: r.active, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString(),
  };
}

/** Compiles a rule, or refuses it on /expression with what is wrong and where. */
export function checked(rule: { code: string; kind: 'tier' | 'group'; expression: string; rank: number }): CompiledSegment {
  const outcome = compileSegment(rule);
  if (!outcome.ok) throw new ValidationError([{ field: '/expression', message: { en: outcome.error.en, zh: outcome.error.zh } }]);
  return outcome.segment;
}

/** Adds the shipped segments the bank does not have yet; a bank's own changes are kept. */
export async function ensureDefaultSegments(deps: Deps): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    for (const s of DEFAULT_SEGMENTS) {
      if (s.kind === 'tier') await ensureTier(trx, s.code, s.name, s.rank, false);
      await trx
        .insertInto('segment')
        .values({ code: s.code, kind: s.kind, name_zh: s.name.zh, name_en: s.name.en, description_zh: s.description.zh, description_en: s.description.en, expression: s.expression, rank: s.rank, active: true, updated_by: null, updated_at: now })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
  });
}

/** A tier is also a customer tier (`customer.segment` names one): kept in step with it. */
async function ensureTier(trx: Transaction<Database>, code: string, name: Localized, rank: number, update: boolean): Promise<void> {
  await trx
    .insertInto('customer_segment')
    .values({ code, name_zh: name.zh, name_en: name.en, rank })
    .onConflict((oc) => (update ? oc.column('code').doUpdateSet({ name_zh: name.zh, name_en: name.en, rank }) : oc.column('code').doNothing()))
    .execute();
}

/** Two active tiers of one rank would leave a customer's tier to chance. */
async function assertRankFree(trx: Transaction<Database>, code: string, rank: number): Promise<void> {
  const other = await trx.selectFrom('segment').select('code').where('kind', '=', 'tier').where('active', '=', true).where('rank', '=', rank).where('code', '!=', code).executeTakeFirst();
  if (other) throw new ValidationError([{ field: '/rank', message: { en: `The tier "${other.code}" already has rank ${rank}; tiers are ranked one above another, so choose another rank.`, zh: `层级“${other.code}”已使用排序 ${rank}；层级须高低分明，请换一个排序值。` } }]);
}

export type SegmentListItem = SegmentView & { members: number };

/** Every segment — tiers from the highest, then groups — with its members in the caller's branches, and the last run. */
export async function listSegments(deps: Deps, ctx: RequestContext) {
  const prefix = scopePrefix(ctx.actor!, 'segment.read');
  const rows = await deps.db.selectFrom('segment').selectAll().orderBy(sql`kind = 'tier'`, 'desc').orderBy('rank', 'desc').orderBy('code').execute();
  let counts = deps.db.selectFrom('segment_member as m').select(['m.segment_code', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('m.segment_code');
  if (prefix !== null) counts = counts.innerJoin('customer as c', 'c.id', 'm.customer_id').innerJoin('org_unit as o', 'o.id', 'c.unit_id').where('o.path', 'like', `${prefix}%`);
  const members = new Map((await counts.execute()).map((c) => [c.segment_code, Number(c.n)]));
  const lastRun = await deps.db.selectFrom('segment_run').select(['id', sql<string>`day::text`.as('day'), 'finished_at', 'scope']).where('scope', '=', 'all').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return {
    items: rows.map((r) => ({ ...view(r), members: members.get(r.code) ?? 0 })),
    lastRun: lastRun ? { id: lastRun.id, day: lastRun.day, finishedAt: lastRun.finished_at?.toISOString() ?? null } : null,
  };
}

/** Adds a segment; its rule is checked first, and the answer has its live count. */
export async function createSegment(deps: Deps, ctx: RequestContext, input: Static<typeof SegmentBody>): Promise<{ segment: SegmentView; dryRun: DryRun }> {
  const rank = input.rank ?? 0;
  const compiled = checked({ code: input.code, kind: input.kind, expression: input.expression, rank });
  const now = deps.clock();
  const segment = await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('segment').select('code').where('code', '=', input.code).executeTakeFirst()) throw new AlreadyExistsError(SEGMENT, 'code', input.code);
    const active = input.active ?? true;
    if (input.kind === 'tier') {
      if (active) await assertRankFree(trx, input.code, rank);
      await ensureTier(trx, input.code, { en: input.nameEn, zh: input.nameZh }, rank, true);
    }
    const row = await trx
      .insertInto('segment')
      .values({ code: input.code, kind: input.kind, name_zh: input.nameZh, name_en: input.nameEn, description_zh: input.descriptionZh ?? null, description_en: input.descriptionEn ?? null, expression: input.expression, rank, active, updated_by: ctx.actor!.username, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'segment.create', entityType: 'segment', entityId: input.code, after: view(row) }, now);
    return view(row);
  });
  return { segment, dryRun: await dryRunSegment(deps, ctx, compiled) };
}

/** Changes a segment (optimistic locking by version); a new rule is checked before it is kept. Members change at the next refresh. */
export async function changeSegment(deps: Deps, ctx: RequestContext, code: string, change: Static<typeof SegmentChangeBody>): Promise<{ segment: SegmentView; dryRun: DryRun }> {
  const now = deps.clock();
  const { segment, compiled } = await deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('segment').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!r) throw new NotFoundError(SEGMENT, code);
    if (r.version !== change.version) throw new VersionConflictError(SEGMENT);
    const next = {
      name_zh: change.nameZh ?? r.name_zh, name_en: change.nameEn ?? r.name_en,
      description_zh: change.descriptionZh !== undefined ? change.descriptionZh : r.description_zh,
      description_en: change.descriptionEn !== undefined ? change.descriptionEn : r.description_en,
      expression: change.expression ?? r.expression, rank: change.rank ?? r.rank, active: change.active ?? r.active,
    };
    const compiled = checked({ code, kind: r.kind, expression: next.expression, rank: next.rank });
    if (r.kind === 'tier') {
      if (next.active) await assertRankFree(trx, code, next.rank);
      await ensureTier(trx, code, { en: next.name_en, zh: next.name_zh }, next.rank, true);
    }
    const row = await trx.updateTable('segment').set({ ...next, version: sql`version + 1`, updated_by: ctx.actor!.username, updated_at: now }).where('code', '=', code).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'segment.change', entityType: 'segment', entityId: code, before: view(r), after: view(row) }, now);
    return { segment: view(row), compiled };
  });
  return { segment, dryRun: await dryRunSegment(deps, ctx, compiled) };
}

/** What a rule would hold now, without saving it: checked as when saved. */
export async function dryRunExpression(deps: Deps, ctx: RequestContext, expression: string): Promise<DryRun> {
  return dryRunSegment(deps, ctx, checked({ code: 'dry-run', kind: 'group', expression, rank: 0 }));
}
