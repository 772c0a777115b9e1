import { systemContext, type RequestContext } from '../../platform/access/actor.ts';
import { mergeRolePermissions } from '../../platform/access/policy.ts';
import { rolesOfUser } from '../../platform/auth/session.repository.ts';
import { addDays } from '../../platform/calendar/calendar-data.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Deps } from '../../platform/deps.ts';
import { cnResidentIdCheckChar } from '../../platform/pii/index.ts';
import { createCustomer } from '../../services/customers/customer.service.ts';
import { LocalFileAdapter } from '../../services/notifications/adapters.ts';
import { dispatchDue } from '../../services/notifications/notification.service.ts';
import { sellProduct } from '../products/sale.service.ts';
import { refreshSegments } from '../segments/refresh.service.ts';
import type { MarketingChannel } from './campaign.ts';
import type { NewCampaign } from './campaign.schemas.ts';
import { createCampaign } from './campaign.service.ts';
import { setMarketingConsent } from './consent.service.ts';
import { launchCampaign, sweepCampaigns } from './launch.service.ts';
import { makeDraw } from './lottery.service.ts';
import { respondToPrompt } from './prompt.service.ts';
import { checkIn, registerByStaff } from './seminar.service.ts';

/*
 * The demo bank's campaigns, so that staff trying Banklane see each kind at work: a finished
 * promotion of the three-year large CD with its control group and results, a wealth seminar at the
 * Haidian branch running now (one session held, two next week), and a lottery drawn. A demo bank
 * has too few platinum customers at Haidian for a control group, so a dozen are registered here
 * first, with their consent per channel and a balance that keeps them in the tier. Everything goes
 * through the services the screens use, at past instants where a campaign has run already (a
 * copy of deps with its clock moved back); their messages are delivered then, through the demo's
 * local outbox, as the dispatcher would have. Written once: a bank holding these campaigns is left
 * alone.
 */

export const DEMO_CAMPAIGN_CODES = { promotion: 'DEMO-LDC-RATE', seminar: 'DEMO-WEALTH-SEMINAR', lottery: 'DEMO-LUCKY-DRAW' } as const;

const BRANCH = 'BJ-HD';
const SEGMENT = 'platinum';

/** A dozen platinum customers of the Haidian branch: name, ID number's first 17 digits, mobile, AUM, the marketing channels they agreed to. */
const DEMO_CUSTOMERS: { name: string; id17: string; phone: string; aum: string; channels: MarketingChannel[] }[] = [
  { name: '刘建华', id17: '11010819630914051', phone: '13955550101', aum: '1260000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '杨秀兰', id17: '11010819660227062', phone: '13955550102', aum: '860000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '黄志刚', id17: '11010819680511073', phone: '13955550103', aum: '640000.00', channels: ['sms', 'counter'] },
  { name: '赵淑芬', id17: '11010819690706084', phone: '13955550104', aum: '1580000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '周国强', id17: '11010819710123095', phone: '13955550105', aum: '720000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '吴丽娟', id17: '11010819720830106', phone: '13955550106', aum: '950000.00', channels: ['counter'] },
  { name: '徐海涛', id17: '11010819740419117', phone: '13955550107', aum: '530000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '孙美玲', id17: '11010819751102128', phone: '13955550108', aum: '2100000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '马晓东', id17: '11010819770308139', phone: '13955550109', aum: '810000.00', channels: ['sms', 'portal'] },
  { name: '朱红梅', id17: '11010819780625140', phone: '13955550110', aum: '690000.00', channels: ['sms', 'portal', 'counter'] },
  { name: '胡志强', id17: '11010819810917151', phone: '13955550111', aum: '1120000.00', channels: ['sms', 'counter'] },
  { name: '郭静怡', id17: '11010819841204162', phone: '13955550112', aum: '580000.00', channels: ['portal'] },
];

/** A demo staff member's context, as if signed in. */
async function staff(deps: Deps, username: string): Promise<RequestContext> {
  const u = await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'o.path']).where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await rolesOfUser(deps.db, u.id);
  return { actor: { userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, unitPath: u.path, roles: roles.map((r) => r.key), permissions: mergeRolePermissions(roles), sessionTokenHash: 'demo' }, ip: null, requestId: 'demo-seed', lang: 'zh-CN' };
}

export type DemoCampaignsSeeded = { customers: number; promotion: string; seminar: string; lottery: string };

/** Seeds the demo campaigns once (none of their codes in use yet); returns what it made, or null when there was nothing to do. */
export async function seedDemoCampaigns(deps: Deps): Promise<DemoCampaignsSeeded | null> {
  if (await deps.db.selectFrom('campaign').select('id').where('code', 'in', Object.values(DEMO_CAMPAIGN_CODES)).limit(1).executeTakeFirst()) return null;
  if (!(await deps.db.selectFrom('app_user').select('id').where('username', '=', 'rm').executeTakeFirst())) return null;
  if (!(await deps.db.selectFrom('product').select('code').where('code', '=', 'DEP-LDC-3Y').executeTakeFirst())) return null;
  const now = deps.clock();
  const today = chinaDate(now);
  /** `days` from today (negative: ago) at a China wall-clock time. */
  const at = (days: number, time: string) => new Date(`${addDays(today, days)}T${time}:00+08:00`);
  const then = (instant: Date): Deps => ({ ...deps, clock: () => instant });
  const rm = await staff(deps, 'rm');
  const teller = await staff(deps, 'teller1');
  const adapters = { sms: new LocalFileAdapter('sms', deps.config.dataDir), email: new LocalFileAdapter('email', deps.config.dataDir) };
  /** The messages due by `instant` delivered a minute later, as the outbox's dispatcher would have. */
  const deliver = async (instant: Date) => {
    while ((await dispatchDue(then(new Date(instant.getTime() + 60_000)), adapters)) > 0);
  };

  const customers = await demoCustomers(deps, rm, at(-75, '10:00'), now);

  // the promotion: 45 to 15 days ago, SMS and counter, a fifth held out; CDs sold while it ran
  const promo = await buildAndLaunch(then(at(-45, '10:00')), rm, {
    code: DEMO_CAMPAIGN_CODES.promotion, nameZh: '大额存单利率优惠', nameEn: 'Large CD rate offer', kind: 'promotion', segmentCode: SEGMENT,
    channels: ['sms', 'counter'], startsAt: at(-45, '10:00').toISOString(), endsAt: at(-15, '18:00').toISOString(), controlPercent: 20,
    messages: {
      sms: { zh: '尊敬的客户，海淀支行三年期大额存单限时利率上浮，20万元起存，详询您的客户经理。', en: 'Haidian branch: a better rate on our 3-year large CD for a limited time, from 200,000 yuan. Ask your relationship manager.' },
      counter: { zh: '请向客户介绍三年期大额存单利率优惠（20万元起存）。', en: 'Mention the 3-year large CD rate offer (from 200,000 yuan).' },
    },
    productCode: 'DEP-LDC-3Y', offerZh: '三年期大额存单年利率上浮至 2.35%', offerEn: '3-year large CD at 2.35% a year',
  });
  await deliver(at(-45, '10:00'));

  // the lottery: 30 to 9 days ago, every customer contacted takes part; drawn after its end
  const lottery = await buildAndLaunch(then(at(-30, '10:00')), rm, {
    code: DEMO_CAMPAIGN_CODES.lottery, nameZh: '金秋财富抽奖', nameEn: 'Autumn wealth lucky draw', kind: 'lottery', segmentCode: SEGMENT,
    channels: ['sms', 'portal'], startsAt: at(-30, '10:00').toISOString(), endsAt: at(-9, '18:00').toISOString(), controlPercent: 0,
    messages: {
      sms: { zh: '海淀支行金秋财富抽奖，白金客户自动参与，活动结束后公开开奖。', en: 'Haidian branch autumn lucky draw: platinum customers take part; the draw is published when it ends.' },
      portal: { zh: '您已自动参加金秋财富抽奖，开奖结果与种子将公开，可自行验证。', en: 'You take part in the autumn lucky draw; the seed and winners will be published for anyone to check.' },
    },
    prizes: [{ nameZh: '一等奖：足金纪念币', nameEn: 'First prize: gold commemorative coin', count: 1 }, { nameZh: '二等奖：体检套餐', nameEn: 'Second prize: health check-up', count: 2 }, { nameZh: '三等奖：定制保温杯', nameEn: 'Third prize: branded flask', count: 3 }],
    lotteryRule: 'contacted',
  });
  await deliver(at(-30, '10:00'));

  // the promotion's responses and sales: contacted customers told at the counter, CDs sold to some of them and to one of the control group
  const promoAudience = await audienceOf(deps, promo, customers);
  const treated = promoAudience.filter((a) => a.arm === 'treatment' && a.outcome === 'contacted');
  const control = promoAudience.filter((a) => a.arm === 'control' && a.outcome === 'contacted');
  const staffP = { kind: 'staff' as const, ctx: rm };
  const amounts = ['300000.00', '500000.00', '200000.00', '1000000.00', '400000.00', '250000.00'];
  for (const [i, a] of treated.slice(0, amounts.length + 1).entries()) {
    const day = -40 + i * 3;
    if (a.counter) await respondToPrompt(then(at(day, '10:20')), teller, a.customerId, promo, 'mentioned');
    if (amounts[i]) await sellProduct(then(at(day, '10:40')), staffP, { customerId: a.customerId, productCode: 'DEP-LDC-3Y', amount: amounts[i], channel: 'counter' });
  }
  if (control[0]) await sellProduct(then(at(-33, '15:10')), staffP, { customerId: control[0].customerId, productCode: 'DEP-LDC-3Y', amount: '200000.00', channel: 'counter' });
  await sweepCampaigns(then(at(-15, '18:05')), systemContext());

  // the lottery ends and is drawn the next morning
  await sweepCampaigns(then(at(-9, '18:05')), systemContext());
  await makeDraw(then(at(-8, '10:00')), rm, lottery);

  // the seminar: invitations a week ago; one session held two days ago, two next week
  const seminar = await buildAndLaunch(then(at(-7, '10:00')), rm, {
    code: DEMO_CAMPAIGN_CODES.seminar, nameZh: '2026 年资产配置策略讲座', nameEn: 'Asset allocation outlook seminar', kind: 'seminar', segmentCode: SEGMENT,
    channels: ['sms', 'portal', 'counter'], startsAt: at(-7, '10:00').toISOString(), endsAt: at(21, '18:00').toISOString(), controlPercent: 10,
    messages: {
      sms: { zh: '海淀支行诚邀您参加资产配置策略讲座，名额有限，点击链接选择场次报名。', en: 'Haidian branch invites you to our asset allocation seminar; places are limited, choose a session through the link.' },
      portal: { zh: '资产配置策略讲座：选择场次即可报名，凭签到码入场。', en: 'Asset allocation seminar: choose a session to take a place; show your check-in code at the door.' },
      counter: { zh: '请邀请客户参加资产配置策略讲座，可当场为客户报名。', en: 'Invite the customer to the asset allocation seminar; you can register them here.' },
    },
    sessions: [
      { startsAt: at(-2, '14:30').toISOString(), unitCode: BRANCH, place: '海淀支行三楼贵宾厅', capacity: 20 },
      { startsAt: at(nextWeekday(today, 2), '14:30').toISOString(), unitCode: BRANCH, place: '海淀支行三楼贵宾厅', capacity: 20 },
      { startsAt: at(nextWeekday(today, 6), '10:00').toISOString(), unitCode: BRANCH, place: '海淀支行一楼多功能厅', capacity: 30 },
    ],
  });
  await deliver(at(-7, '10:00'));
  const invited = (await audienceOf(deps, seminar, customers)).filter((a) => a.arm === 'treatment' && a.outcome === 'contacted');
  const sessions = await deps.db.selectFrom('campaign_session').select('id').where('campaign_id', '=', seminar).orderBy('starts_at').execute();
  const held = invited[0] ? await registerByStaff(then(at(-6, '11:00')), rm, seminar, { customerId: invited[0].customerId, sessionId: sessions[0]!.id }) : null;
  await deliver(at(-6, '11:00'));
  if (held) await checkIn(then(at(-2, '14:20')), rm, sessions[0]!.id, held.code);
  for (const [i, a] of invited.slice(1, 3).entries()) await registerByStaff(then(at(-1, i === 0 ? '10:30' : '15:00')), rm, seminar, { customerId: a.customerId, sessionId: sessions[1 + i]!.id });
  await deliver(at(-1, '15:00'));

  return { customers: customers.size, promotion: promo, seminar, lottery };
}

/** The demo's platinum customers of Haidian, registered (once) with consent and a balance, and refreshed into their tier. Id → name. */
async function demoCustomers(deps: Deps, rm: RequestContext, registeredAt: Date, now: Date): Promise<Map<string, string>> {
  const then: Deps = { ...deps, clock: () => registeredAt };
  const made = new Map<string, string>();
  const balances: { customer_id: string; aum: string }[] = [];
  for (const c of DEMO_CUSTOMERS) {
    const idNumber = c.id17 + cnResidentIdCheckChar(c.id17);
    const found = await deps.db.selectFrom('customer').select('id').where('id_type', '=', 'resident_id').where('id_number_digest', '=', deps.vault.digest('id:resident_id', idNumber)).executeTakeFirst();
    const id = found?.id ?? (await createCustomer(then, rm, {
      kind: 'individual', name: c.name, idType: 'resident_id', idNumber, idExpiry: '2036-06-30', phone: c.phone, segment: SEGMENT, unitCode: BRANCH,
      relationshipManager: 'rm', consents: { marketing: true, sms: c.channels.includes('sms'), dataSharing: false },
    })).id;
    if (!found) for (const channel of c.channels) await setMarketingConsent(then, rm, id, channel, { granted: true, source: 'paper' });
    made.set(id, c.name);
    balances.push({ customer_id: id, aum: c.aum });
  }
  if (!(await deps.db.selectFrom('customer_fact_import').select('id').where('file_sha256', '=', 'demo-campaigns').executeTakeFirst())) {
    const yesterday = addDays(chinaDate(now), -1);
    await deps.db.transaction().execute(async (trx) => {
      const importId = deps.newId();
      await trx.insertInto('customer_fact_import').values({ id: importId, kind: 'balance', file_sha256: 'demo-campaigns', file_name: 'demo', rows: balances.length, accepted: balances.length, rejected: 0, imported_by: 'system', imported_at: now }).execute();
      await trx.insertInto('customer_balance').values(balances.map((b) => ({ ...b, as_of: yesterday, import_id: importId }))).onConflict((oc) => oc.columns(['customer_id', 'as_of']).doNothing()).execute();
    });
    await refreshSegments(deps, systemContext(), 'start', [...made.keys()]);
  }
  return made;
}

async function buildAndLaunch(deps: Deps, ctx: RequestContext, input: NewCampaign): Promise<string> {
  const built = await createCampaign(deps, ctx, input);
  await launchCampaign(deps, ctx, built.id, built.version);
  return built.id;
}

/** A campaign's decisions for the demo's own customers (others of the segment stay as the start decided), in id order. */
async function audienceOf(deps: Deps, campaignId: string, customers: Map<string, string>) {
  const rows = await deps.db.selectFrom('campaign_audience').select(['customer_id', 'arm', 'outcome']).where('campaign_id', '=', campaignId).orderBy('customer_id').execute();
  const counter = new Set((await deps.db.selectFrom('campaign_contact').select('customer_id').where('campaign_id', '=', campaignId).where('channel', '=', 'counter').where('decision', '=', 'sent').execute()).map((r) => r.customer_id));
  return rows.filter((r) => customers.has(r.customer_id)).map((r) => ({ customerId: r.customer_id, arm: r.arm, outcome: r.outcome, counter: counter.has(r.customer_id) }));
}

/** Days from `today` to the given weekday (0 Sunday … 6 Saturday) of next week (which starts on Monday). */
function nextWeekday(today: string, weekday: number): number {
  const now = new Date(`${today}T00:00:00Z`).getUTCDay();
  const toMonday = ((8 - now) % 7) || 7;
  return toMonday + ((weekday + 6) % 7);
}
