import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, NotFoundError } from '../../platform/errors.ts';
import { maskName } from '../../platform/pii/index.ts';
import { drawWinners, entrantsDigest, seedCommitment, type Prize } from './campaign.ts';
import { campaignInReach } from './campaign.service.ts';

/*
 * The lottery's fair draw (抽奖): the seed is committed at launch (its SHA-256 published), the
 * entrants are fixed when the draw is made, the winners follow from seed and entrants alone
 * (`drawWinners`), and the seed is published with them. A draw is made once: asking again
 * answers the same draw and writes nothing.
 */

type DrawRow = { seed: string; seed_commitment: string; entrants: string[]; entrants_sha256: string; winners: { customerId: string; prize: number }[]; drawn_by: string; drawn_at: Date };

async function drawView(deps: Deps, c: { id: string; seed_commitment: string | null; prizes: Prize[] | null }, d: DrawRow | undefined) {
  const ids = d?.winners.map((w) => w.customerId) ?? [];
  const rows = ids.length ? await deps.db.selectFrom('customer').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const names = new Map(rows.map((r) => [r.id, maskName(r.name)]));
  return {
    campaignId: c.id,
    seedCommitment: c.seed_commitment,
    prizes: c.prizes ?? [],
    drawn: d !== undefined,
    seed: d?.seed ?? null,
    drawnAt: d?.drawn_at.toISOString() ?? null,
    drawnBy: d?.drawn_by ?? null,
    entrants: d?.entrants ?? [],
    entrantsSha256: d?.entrants_sha256 ?? null,
    winners: (d?.winners ?? []).map((w) => ({ customerId: w.customerId, name: names.get(w.customerId) ?? '', prize: w.prize, prizeZh: c.prizes?.[w.prize]?.nameZh ?? '', prizeEn: c.prizes?.[w.prize]?.nameEn ?? '' })),
  };
}

/** The lottery's commitment, and once drawn its seed, entrants and winners (names masked). */
export async function lotteryDraw(deps: Deps, ctx: RequestContext, id: string) {
  const c = await campaignInReach(deps.db, ctx, id, 'campaign.read');
  assertLottery(c.kind);
  const d = await deps.db.selectFrom('campaign_draw').selectAll().where('campaign_id', '=', id).executeTakeFirst();
  return drawView(deps, c, d);
}

function assertLottery(kind: string) {
  if (kind !== 'lottery') throw new DomainError('invalid_state', { en: 'Only a lottery campaign has a draw.', zh: '只有抽奖活动可以开奖。' });
}

/**
 * Makes the draw of a started lottery over its entrants now: every contacted customer of the
 * treatment arm, or (rule `entered`) those of them who entered through their link. Audited with
 * the seed, the entrants' digest and the winners. A second request answers the first draw.
 */
export async function makeDraw(deps: Deps, ctx: RequestContext, id: string) {
  const now = deps.clock();
  const result = await deps.db.transaction().execute(async (trx) => {
    const c = await campaignInReach(trx, ctx, id, 'campaign.manage');
    assertLottery(c.kind);
    await trx.selectFrom('campaign').select('id').where('id', '=', id).forUpdate().execute();
    const existing = await trx.selectFrom('campaign_draw').selectAll().where('campaign_id', '=', id).executeTakeFirst();
    if (existing) return { c, d: existing, repeated: true };
    if (c.status !== 'running' && c.status !== 'finished') throw new DomainError('invalid_state', { en: 'The draw is made once the lottery has started.', zh: '抽奖活动开始后方可开奖。' });
    let q = trx.selectFrom('campaign_audience').select('customer_id').where('campaign_id', '=', id).where('arm', '=', 'treatment').where('outcome', '=', 'contacted');
    if (c.lottery_rule === 'entered') q = q.where('response', '=', 'entered');
    const entrants = (await q.execute()).map((r) => r.customer_id).sort();
    const winners = drawWinners(c.seed!, entrants, c.prizes ?? []);
    const d: DrawRow = { seed: c.seed!, seed_commitment: c.seed_commitment!, entrants, entrants_sha256: entrantsDigest(entrants), winners, drawn_by: ctx.actor!.username, drawn_at: now };
    await trx.insertInto('campaign_draw').values({ campaign_id: id, ...d, entrants: JSON.stringify(entrants), winners: JSON.stringify(winners) }).execute();
    await recordAudit(trx, ctx, { action: 'campaign.draw', entityType: 'campaign', entityId: id, unitId: c.unit_id, after: { seedCommitment: d.seed_commitment, seed: d.seed, entrants: entrants.length, entrantsSha256: d.entrants_sha256, winners } }, now);
    return { c, d, repeated: false };
  });
  return { ...(await drawView(deps, result.c, result.d)), repeated: result.repeated };
}

/** Recomputes the draw from what is published: the seed matches the commitment, the entrants their digest, the winners the seed. */
export async function verifyDraw(deps: Deps, ctx: RequestContext, id: string) {
  const c = await campaignInReach(deps.db, ctx, id, 'campaign.read');
  assertLottery(c.kind);
  const d = await deps.db.selectFrom('campaign_draw').selectAll().where('campaign_id', '=', id).executeTakeFirst();
  if (!d) throw new NotFoundError({ en: 'draw of campaign', zh: '开奖结果，活动' }, c.code);
  const recomputed = drawWinners(d.seed, d.entrants, c.prizes ?? []);
  const checks = {
    commitmentMatches: seedCommitment(d.seed) === c.seed_commitment && d.seed_commitment === c.seed_commitment,
    entrantsMatch: entrantsDigest(d.entrants) === d.entrants_sha256,
    winnersMatch: JSON.stringify(recomputed.map((w) => [w.customerId, w.prize])) === JSON.stringify(d.winners.map((w) => [w.customerId, w.prize])),
  };
  return { ...checks, valid: checks.commitmentMatches && checks.entrantsMatch && checks.winnersMatch, method: 'winners = entrants ordered by HMAC-SHA256(seed, customerId), lowest first; prizes in the order listed' };
}
