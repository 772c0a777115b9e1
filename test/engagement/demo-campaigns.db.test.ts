import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { createApp } from '../../src/app.ts';
import { DEMO_CAMPAIGN_CODES, seedDemoCampaigns } from '../../src/engagement/campaigns/demo-campaigns.ts';
import { loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

// The demo bank's campaigns: a bank's staff trying Banklane find a finished promotion with its
// results and uplift, a wealth seminar at the Haidian branch with sessions next week, and a
// lottery drawn — all made through the campaign services, once.

const NOW = new Date('2026-11-30T02:00:00Z'); // Monday 30 November, 10:00 in China
const DAY = 86_400_000;

type Listed = { id: string; code: string; kind: string; status: string; unitCode: string; reached: number; startsAt: string; endsAt: string };
type Arm = { size: number; reached: number; responded: number; converted: number; rate: number | null };
type Session = { id: string; startsAt: string; unitCode: string; place: string; capacity: number; registered: number; checkedIn: number };

await describeEachDatabase('Demo campaigns', (kind) => {
  let app: TestApp;
  let rm: Client;
  let campaigns: Map<string, Listed>;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => NOW);
    await app.engagement.seedDemo();
    rm = await loginAs(app.http, 'rm');
    const list = await rm.get('/api/v1/campaigns?limit=100');
    assert.equal(list.statusCode, 200, list.body);
    campaigns = new Map((list.json().items as Listed[]).map((c) => [c.code, c]));
  });
  after(async () => app?.stop());

  it('shows the Haidian relationship manager a finished promotion, a running seminar and a finished lottery', () => {
    const { promotion, seminar, lottery } = DEMO_CAMPAIGN_CODES;
    assert.deepEqual([promotion, seminar, lottery].map((code) => [campaigns.get(code)?.kind, campaigns.get(code)?.status, campaigns.get(code)?.unitCode]), [
      ['promotion', 'finished', 'BJ-HD'],
      ['seminar', 'running', 'BJ-HD'],
      ['lottery', 'finished', 'BJ-HD'],
    ]);
    for (const c of campaigns.values()) assert.ok(c.reached >= 8, `${c.code} reached ${c.reached}`);
    assert.ok(new Date(campaigns.get(promotion)!.endsAt) < NOW && new Date(campaigns.get(seminar)!.endsAt) > NOW);
  });

  it('measures the promotion: reached, responded and converted in each arm, and the uplift with its interval', async () => {
    const promo = campaigns.get(DEMO_CAMPAIGN_CODES.promotion)!;
    const r = (await rm.get(`/api/v1/campaigns/${promo.id}/results`)).json() as { conversion: string; treatment: Arm; control: Arm; uplift: { difference: number; low: number; high: number } | null; excluded: Record<string, number>; channels: { channel: string; decisions: Record<string, number> }[] };
    assert.equal(r.conversion, 'sale of DEP-LDC-3Y');
    assert.ok(r.control.size >= 2 && r.control.reached >= 2 && r.control.converted === 1, JSON.stringify(r.control));
    assert.ok(r.treatment.reached >= 8 && r.treatment.responded >= 4 && r.treatment.converted === 6, JSON.stringify(r.treatment));
    assert.ok(r.treatment.rate! > r.control.rate!, 'the promotion did better than its control group');
    assert.ok(r.uplift && r.uplift.low < r.uplift.difference && r.uplift.difference < r.uplift.high && r.uplift.difference > 0, JSON.stringify(r.uplift));
    assert.equal(r.excluded.no_consent! + r.control.size - r.control.reached, 1, 'the customer without consent on either channel is not reached (or would not be, in control)');
    assert.deepEqual(r.channels.map((c) => c.channel), ['sms', 'counter']);
    for (const c of r.channels) assert.ok(c.decisions.sent! >= 5, JSON.stringify(c));
    // its SMS went out when it started, not at this start: nothing of the demo waits in the outbox
    const sms = await app.deps.db.selectFrom('notification').select(['status', 'sent_at']).where('subject_type', '=', 'campaign').where('subject_id', '=', promo.id).execute();
    assert.equal(sms.length, r.channels.find((c) => c.channel === 'sms')!.decisions.sent);
    assert.ok(sms.every((m) => m.status === 'sent' && m.sent_at!.getTime() - new Date(promo.startsAt).getTime() < 3_600_000));
    assert.equal((await app.deps.db.selectFrom('notification').select('id').where('status', '=', 'pending').execute()).length, 0);
    // the conversions are real sales of the large CD while the promotion ran, recorded with their suitability
    const sales = await app.deps.db.selectFrom('product_sale').selectAll().where('product_code', '=', 'DEP-LDC-3Y').where('sold_at', '>=', new Date(promo.startsAt)).where('sold_at', '<=', new Date(promo.endsAt)).execute();
    assert.equal(sales.length, r.treatment.converted + r.control.converted);
    assert.ok(sales.every((s) => s.sold_by === 'rm' && Number(s.amount) >= 200_000));
    const holdings = await app.deps.db.selectFrom('customer_holding').select('sale_id').where('sale_id', 'in', sales.map((s) => s.id)).execute();
    assert.equal(holdings.length, sales.length);
  });

  it('runs a wealth seminar at Haidian: one session held with its check-in, sessions next week with places and registrations', async () => {
    const seminar = campaigns.get(DEMO_CAMPAIGN_CODES.seminar)!;
    const view = (await rm.get(`/api/v1/campaigns/${seminar.id}`)).json() as { sessions: Session[] };
    const past = view.sessions.filter((s) => new Date(s.startsAt) < NOW);
    const coming = view.sessions.filter((s) => new Date(s.startsAt) > NOW);
    assert.equal(past.length, 1);
    assert.deepEqual([past[0]!.registered, past[0]!.checkedIn], [1, 1]);
    assert.equal(coming.length, 2);
    for (const s of coming) {
      assert.equal(s.unitCode, 'BJ-HD');
      assert.ok(s.capacity > s.registered && s.registered >= 1, JSON.stringify(s));
      assert.ok(new Date(s.startsAt).getTime() - NOW.getTime() < 14 * DAY);
    }
    // the check-in desk of the branch sees the sessions and who came
    const desk = (await rm.get('/api/v1/seminar-sessions')).json().items as { id: string; campaignCode: string }[];
    assert.equal(desk.filter((s) => s.campaignCode === DEMO_CAMPAIGN_CODES.seminar).length, 3);
    const who = (await rm.get(`/api/v1/seminar-sessions/${past[0]!.id}/registrations`)).json().items as { name: string; checkedInAt: string | null }[];
    assert.ok(who.length === 1 && who[0]!.checkedInAt && who[0]!.name.includes('*'));
    const results = (await rm.get(`/api/v1/campaigns/${seminar.id}/results`)).json() as { conversion: string; treatment: Arm; control: Arm };
    assert.equal(results.conversion, 'attended');
    assert.deepEqual([results.treatment.responded, results.treatment.converted], [3, 1]);
    assert.ok(results.control.size >= 1);
  });

  it('has drawn the lottery from its committed seed, and the draw verifies', async () => {
    const lottery = campaigns.get(DEMO_CAMPAIGN_CODES.lottery)!;
    const draw = (await rm.get(`/api/v1/campaigns/${lottery.id}/draw`)).json() as { drawn: boolean; seed: string; seedCommitment: string; entrants: string[]; winners: { prize: number; name: string }[] };
    assert.ok(draw.drawn);
    assert.equal(createHash('sha256').update(draw.seed).digest('hex'), draw.seedCommitment);
    assert.equal(draw.entrants.length, lottery.reached);
    assert.deepEqual(draw.winners.map((w) => w.prize), [0, 1, 1, 2, 2, 2]);
    const verify = (await rm.get(`/api/v1/campaigns/${lottery.id}/draw/verify`)).json();
    assert.deepEqual([verify.commitmentMatches, verify.entrantsMatch, verify.winnersMatch, verify.valid], [true, true, true, true]);
  });

  it('registers a dozen platinum customers at Haidian with their consent per channel, phones clashing with no one', async () => {
    const customers = await app.deps.db.selectFrom('customer as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select(['c.id', 'c.name', 'c.segment', 'c.phone_digest', 'o.code'])
      .where('c.created_by', '=', 'rm').where('c.kind', '=', 'individual').execute();
    assert.equal(customers.length, 12);
    assert.ok(customers.every((c) => c.code === 'BJ-HD' && c.segment === 'platinum' && /^[\u4e00-\u9fa5]{2,3}$/.test(c.name)), JSON.stringify(customers.map((c) => [c.name, c.segment, c.code])));
    const phones = (await app.deps.db.selectFrom('customer').select('phone_digest').where('phone_digest', 'is not', null).execute()).map((c) => c.phone_digest);
    assert.equal(new Set(phones).size, phones.length, 'no two customers share a phone');
    const consent = (await rm.get(`/api/v1/customers/${customers[0]!.id}/marketing-consents`)).json() as { marketing: boolean; channels: { channel: string; granted: boolean }[]; history: { changedBy: string }[] };
    assert.ok(consent.marketing && consent.channels.some((c) => c.granted) && consent.history.every((h) => h.changedBy === 'rm'));
  });

  it('adds nothing on a second start', async () => {
    const db = app.deps.db;
    const counts = async () => {
      const n = async (table: 'campaign' | 'campaign_audience' | 'campaign_registration' | 'campaign_draw' | 'customer' | 'product_sale' | 'customer_marketing_consent' | 'notification' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return { campaigns: await n('campaign'), audience: await n('campaign_audience'), registrations: await n('campaign_registration'), draws: await n('campaign_draw'), customers: await n('customer'), sales: await n('product_sale'), consents: await n('customer_marketing_consent'), outbox: await n('notification'), audit: await n('audit_log') };
    };
    const first = await counts();
    const second = await createApp(app.deps.config, { database: app.database, clock: () => new Date(NOW.getTime() + DAY) });
    try {
      assert.equal(await seedDemoCampaigns(second.deps), null);
    } finally {
      await second.close();
    }
    assert.deepEqual(await counts(), first);
  });
});
