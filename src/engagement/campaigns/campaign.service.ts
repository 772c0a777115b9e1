import { sql, type Kysely, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { assertInScope, isInScope, scopePrefix } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { AlreadyExistsError, DomainError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { CAMPAIGN, type CampaignStatus } from './campaign.ts';
import type { NewCampaign } from './campaign.schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Contact rules when the bank has set none: 4 campaigns per customer in 30 days. */
export const DEFAULT_SETTINGS = { frequencyCap: 4, windowDays: 30 };

export async function contactSettings(db: Db): Promise<{ frequencyCap: number; windowDays: number }> {
  const row = await db.selectFrom('campaign_setting').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { frequencyCap: row.frequency_cap, windowDays: row.window_days } : DEFAULT_SETTINGS;
}

/** Bank-wide contact rules: head office only (a branch's campaigns must not raise the cap for everyone). Audited. */
export async function changeContactSettings(deps: Deps, ctx: RequestContext, input: { frequencyCap: number; windowDays: number }) {
  if (scopePrefix(ctx.actor!, 'campaign.manage') !== null) throw new DomainError('forbidden', { en: 'The contact rules are the whole bank’s: head office sets them.', zh: '营销触达频次规则全行统一，由总行设置。' });
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const before = await contactSettings(trx);
    await trx.insertInto('campaign_setting').values({ id: 1, frequency_cap: input.frequencyCap, window_days: input.windowDays, updated_by: ctx.actor!.username, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ frequency_cap: input.frequencyCap, window_days: input.windowDays, updated_by: ctx.actor!.username, updated_at: now })).execute();
    await recordAudit(trx, ctx, { action: 'campaign_setting.change', entityType: 'campaign_setting', entityId: '1', before, after: input }, now);
  });
  return contactSettings(deps.db);
}

const fault = (field: string, en: string, zh: string): FieldError => ({ field, message: { en, zh } });

/** Checks what the schema cannot: references, dates, what each kind needs. Every fault at once. */
async function checkCampaign(trx: Transaction<Database>, ctx: RequestContext, input: NewCampaign, now: Date): Promise<{ sessionUnits: Map<string, string> }> {
  const errors: FieldError[] = [];
  const starts = new Date(input.startsAt);
  const ends = new Date(input.endsAt);
  if (!(await trx.selectFrom('segment').select('code').where('code', '=', input.segmentCode).where('active', '=', true).executeTakeFirst())) errors.push(fault('/segmentCode', `There is no active segment "${input.segmentCode}".`, `客户分层“${input.segmentCode}”不存在或未启用。`));
  if (ends <= starts) errors.push(fault('/endsAt', 'The end must come after the start.', '结束时间须晚于开始时间。'));
  if (ends <= now) errors.push(fault('/endsAt', 'The campaign would be over before it is launched.', '活动结束时间已过。'));
  for (const channel of input.channels) if (!input.messages[channel]) errors.push(fault(`/messages/${channel}`, `Write the ${channel} message in Chinese and English.`, `请填写该渠道（${channel}）的中英文内容。`));
  for (const channel of Object.keys(input.messages)) if (!input.channels.includes(channel as never)) errors.push(fault(`/messages/${channel}`, 'A message for a channel the campaign does not use.', '活动未选择该渠道。'));
  if (input.productCode && !(await trx.selectFrom('product').select('code').where('code', '=', input.productCode.toUpperCase()).executeTakeFirst())) errors.push(fault('/productCode', `There is no product "${input.productCode}".`, `产品“${input.productCode}”不存在。`));
  if (input.kind === 'lottery' && !input.prizes) errors.push(fault('/prizes', 'A lottery needs its prizes and how many of each.', '抽奖活动须设置奖品及数量。'));
  if (input.kind !== 'lottery' && input.prizes) errors.push(fault('/prizes', 'Only a lottery has prizes.', '只有抽奖活动设置奖品。'));
  if (input.kind !== 'lottery' && input.lotteryRule) errors.push(fault('/lotteryRule', 'Only a lottery has a rule for entrants.', '只有抽奖活动设置参与规则。'));
  if (input.kind === 'seminar' && !input.sessions) errors.push(fault('/sessions', 'A seminar needs at least one session (time, branch, place, capacity).', '理财讲座须设置至少一个场次（时间、网点、地点、名额）。'));
  if (input.kind !== 'seminar' && input.sessions) errors.push(fault('/sessions', 'Only a seminar has sessions.', '只有理财讲座设置场次。'));
  const sessionUnits = new Map<string, string>();
  for (const [i, s] of (input.sessions ?? []).entries()) {
    const at = new Date(s.startsAt);
    if (at <= starts || at > ends) errors.push(fault(`/sessions/${i}/startsAt`, 'A session takes place after the campaign starts and by its end (invitations go out first).', '场次时间须在活动开始之后、结束之前（先发邀请）。'));
    const unit = await trx.selectFrom('org_unit').select(['id', 'path']).where('code', '=', s.unitCode).executeTakeFirst();
    if (!unit) errors.push(fault(`/sessions/${i}/unitCode`, `There is no unit "${s.unitCode}".`, `机构“${s.unitCode}”不存在。`));
    else if (!isInScope(ctx.actor!, 'campaign.manage', unit.path)) errors.push(fault(`/sessions/${i}/unitCode`, 'A session is held at a branch of your own unit or below it.', '场次须在本机构或下属网点举办。'));
    else sessionUnits.set(s.unitCode, unit.id);
  }
  if (errors.length) throw new ValidationError(errors);
  return { sessionUnits };
}

/** Builds a campaign (a draft, owned by the builder's unit: it reaches that unit's customers only). Audited. */
export async function createCampaign(deps: Deps, ctx: RequestContext, input: NewCampaign) {
  const now = deps.clock();
  const id = deps.newId();
  const code = input.code.toUpperCase();
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('campaign').select('id').where('code', '=', code).executeTakeFirst()) throw new AlreadyExistsError(CAMPAIGN, 'code', code);
    const { sessionUnits } = await checkCampaign(trx, ctx, input, now);
    await trx.insertInto('campaign').values({
      id, code, name_zh: input.nameZh.trim(), name_en: input.nameEn.trim(), kind: input.kind, segment_code: input.segmentCode,
      channels: JSON.stringify(input.channels), messages: JSON.stringify(input.messages), starts_at: input.startsAt, ends_at: input.endsAt,
      control_percent: input.controlPercent, product_code: input.productCode?.toUpperCase() ?? null, offer_zh: input.offerZh ?? null, offer_en: input.offerEn ?? null,
      prizes: input.prizes ? JSON.stringify(input.prizes) : null, lottery_rule: input.kind === 'lottery' ? (input.lotteryRule ?? 'contacted') : null,
      status: 'draft', unit_id: ctx.actor!.unitId, seed: null, seed_commitment: null, created_by: ctx.actor!.username, created_at: now, updated_at: now,
      launched_by: null, launched_at: null, started_at: null,
    }).execute();
    for (const s of input.sessions ?? []) {
      await trx.insertInto('campaign_session').values({ id: deps.newId(), campaign_id: id, starts_at: s.startsAt, unit_id: sessionUnits.get(s.unitCode)!, place: s.place, capacity: s.capacity }).execute();
    }
    await recordAudit(trx, ctx, { action: 'campaign.create', entityType: 'campaign', entityId: id, unitId: ctx.actor!.unitId, after: { ...input, code } }, now);
  });
  return campaignView(deps, ctx, id);
}

/** The campaign row with its owner unit's path, after checking the caller may act on it with `permission`. */
export async function campaignInReach(db: Db, ctx: RequestContext, id: string, permission: 'campaign.read' | 'campaign.manage') {
  const row = await db.selectFrom('campaign as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').selectAll('c').select(['o.path as unit_path', 'o.code as unit_code']).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(CAMPAIGN, id);
  assertInScope(ctx.actor!, permission, row.unit_path);
  return row;
}

/** A campaign as staff see it, with its sessions (places taken) and the lottery's commitment. */
export async function campaignView(deps: Deps, ctx: RequestContext, id: string) {
  const c = await campaignInReach(deps.db, ctx, id, 'campaign.read');
  const sessions = await sessionsOf(deps.db, id);
  const draw = await deps.db.selectFrom('campaign_draw').select(['drawn_at']).where('campaign_id', '=', id).executeTakeFirst();
  return {
    id: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, kind: c.kind, segmentCode: c.segment_code, channels: c.channels, messages: c.messages,
    startsAt: c.starts_at.toISOString(), endsAt: c.ends_at.toISOString(), controlPercent: c.control_percent, productCode: c.product_code,
    offerZh: c.offer_zh, offerEn: c.offer_en, prizes: c.prizes, lotteryRule: c.lottery_rule, status: c.status, unitCode: c.unit_code,
    createdBy: c.created_by, createdAt: c.created_at.toISOString(), launchedBy: c.launched_by, launchedAt: c.launched_at?.toISOString() ?? null,
    startedAt: c.started_at?.toISOString() ?? null, version: c.version, seedCommitment: c.seed_commitment, drawnAt: draw?.drawn_at.toISOString() ?? null, sessions,
  };
}

export async function sessionsOf(db: Db, campaignId: string) {
  const rows = await db
    .selectFrom('campaign_session as s')
    .innerJoin('org_unit as o', 'o.id', 's.unit_id')
    .select(['s.id', 's.starts_at', 's.place', 's.capacity', 'o.code as unit_code', 'o.name_zh', 'o.name_en'])
    .select((eb) => [
      eb.selectFrom('campaign_registration as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.session_id', '=', 's.id').as('registered'),
      eb.selectFrom('campaign_registration as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.session_id', '=', 's.id').where('r.checked_in_at', 'is not', null).as('checked_in'),
    ])
    .where('s.campaign_id', '=', campaignId)
    .orderBy('s.starts_at').orderBy('s.id')
    .execute();
  return rows.map((s) => ({ id: s.id, startsAt: s.starts_at.toISOString(), unitCode: s.unit_code, unitNameZh: s.name_zh, unitNameEn: s.name_en, place: s.place, capacity: s.capacity, registered: Number(s.registered ?? 0), checkedIn: Number(s.checked_in ?? 0) }));
}

/** Campaigns of the caller's unit and below (head office: all), newest first, with how many they reached. */
export async function listCampaigns(deps: Deps, ctx: RequestContext, f: { status?: CampaignStatus | undefined; kind?: string | undefined; limit: number; offset: number }) {
  const prefix = scopePrefix(ctx.actor!, 'campaign.read');
  let q = deps.db.selectFrom('campaign as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id');
  if (prefix !== null) q = q.where('o.path', 'like', `${prefix}%`);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.kind) q = q.where('c.kind', '=', f.kind as never);
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.select(['c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.kind', 'c.status', 'c.segment_code', 'c.channels', 'c.starts_at', 'c.ends_at', 'c.control_percent', 'o.code as unit_code'])
      .select((eb) => eb.selectFrom('campaign_audience as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.campaign_id', '=', 'c.id').where('a.arm', '=', 'treatment').where('a.outcome', '=', 'contacted').as('reached'))
      .orderBy('c.created_at', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind, status: r.status, segmentCode: r.segment_code, channels: r.channels, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(), controlPercent: r.control_percent, unitCode: r.unit_code, reached: Number(r.reached ?? 0) })),
  };
}

/** Cancels a campaign not yet finished: nothing more goes out (messages already sent stay sent; deferred ones are withdrawn). Audited. */
export async function cancelCampaign(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignInReach(trx, ctx, id, 'campaign.manage');
    if (c.status === 'finished' || c.status === 'cancelled') throw new DomainError('invalid_state', { en: `The campaign is already ${c.status}.`, zh: `活动已${c.status === 'finished' ? '结束' : '取消'}。` });
    const updated = await trx.updateTable('campaign').set({ status: 'cancelled', updated_at: now, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('version_conflict', { en: 'The campaign was changed meanwhile; reload it and try again.', zh: '活动已被他人修改，请刷新后重试。' });
    const deferred = trx.selectFrom('campaign_contact').select('notification_id').where('campaign_id', '=', id).where('decision', '=', 'deferred').where('notification_id', 'is not', null);
    await trx.updateTable('notification').set({ status: 'failed', last_error: 'campaign cancelled' }).where('status', '=', 'pending').where('id', 'in', deferred as never).execute();
    await recordAudit(trx, ctx, { action: 'campaign.cancel', entityType: 'campaign', entityId: id, unitId: c.unit_id, before: { status: c.status }, after: { status: 'cancelled' } }, now);
  });
  return campaignView(deps, ctx, id);
}
