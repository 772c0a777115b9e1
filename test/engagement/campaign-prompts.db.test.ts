import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';
import { signInAs, type PortalCustomer } from './portal-support.ts';

// Campaign prompts where people see them: the teller serving a customer (counter) and the customer
// signed in to the portal. Only customers the campaign contacted on that channel see them — never
// the control group, never a customer without consent for the channel.

type Prompt = {
  campaignId: string; code: string; kind: string; messageZh: string; messageEn: string; response: string | null; declinedAt: string | null;
  sessions: { id: string; placesLeft: number; full: boolean }[]; registration: { code: string; sessionId: string } | null;
};

await describeEachDatabase('Campaign prompts at the counter and in the portal', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-20T02:00:00Z'); // 10:00 in China
  let rm: Client;
  let teller1: Client;
  let serial = 0;
  const born1952: { id: string; phone: string }[] = [];
  let counterOnly: { id: string; phone: string };
  let noMarketing: { id: string; phone: string };
  let seminar: { id: string };
  let promo: { id: string };
  let promoControl: string[];
  let promoTreatment: string[];

  const customer = async (marketing = true) => {
    const phone = `136${String(2000_0000 + serial)}`;
    const r = await rm.post('/api/v1/customers', { kind: 'individual', name: `提示客户${serial}`, idType: 'resident_id', idNumber: residentId(`11010819520101${String(500 + serial++).padStart(3, '0')}`), phone, consents: { marketing, sms: true, dataSharing: false } });
    assert.equal(r.statusCode, 201, r.body);
    return { id: r.json().id as string, phone };
  };
  const consent = async (id: string, channel: string, granted: boolean) => {
    const r = await rm.put(`/api/v1/customers/${id}/marketing-consents/${channel}`, { granted, source: 'counter' });
    assert.equal(r.statusCode, 200, r.body);
  };
  const launch = async (body: Record<string, unknown>) => {
    const created = await rm.post('/api/v1/campaigns', {
      nameZh: '测试活动', nameEn: 'Test campaign', segmentCode: 'born-1952', startsAt: new Date(now.getTime() - 60_000).toISOString(), endsAt: '2026-12-31T00:00:00Z', ...body,
    });
    assert.equal(created.statusCode, 201, created.body);
    const launched = await rm.post(`/api/v1/campaigns/${created.json().id}/launch`, { version: created.json().version });
    assert.equal(launched.statusCode, 200, launched.body);
    return launched.json() as { id: string };
  };
  const prompts = async (client: Client, customerId: string): Promise<Prompt[]> => {
    const r = await client.get(`/api/v1/customers/${customerId}/campaign-prompts`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json().items;
  };
  const codes = (items: { code: string }[]) => items.map((p) => p.code).sort();
  const portalOf = (c: { phone: string }): Promise<PortalCustomer> => {
    now = new Date(now.getTime() + 1000); // the inbox shows the newest code first
    return signInAs(app.http, c.phone);
  };
  const results = async (id: string) => (await rm.get(`/api/v1/campaigns/${id}/results`)).json();

  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    rm = await loginAs(app.http, 'rm');
    teller1 = await loginAs(app.http, 'teller1');
    for (let i = 0; i < 6; i++) {
      const c = await customer();
      for (const channel of ['sms', 'portal', 'counter']) await consent(c.id, channel, true);
      born1952.push(c);
    }
    counterOnly = await customer();
    await consent(counterOnly.id, 'counter', true);
    await consent(counterOnly.id, 'sms', true);
    noMarketing = await customer(false);
    await consent(noMarketing.id, 'portal', true);
    await consent(noMarketing.id, 'counter', true);
    assert.equal((await rm.post('/api/v1/segment-runs')).statusCode, 201);
    const seg = await rm.post('/api/v1/segments', { code: 'born-1952', kind: 'group', nameZh: '1952年生', nameEn: 'Born 1952', expression: 'age = 74' });
    assert.equal(seg.statusCode, 201, seg.body);
    seminar = await launch({
      code: 'SEM-PROMPT', kind: 'seminar', channels: ['portal', 'counter'], controlPercent: 0,
      messages: { portal: { zh: '诚邀您参加理财讲座', en: 'Join our wealth seminar' }, counter: { zh: '请邀请客户参加周三理财讲座', en: 'Invite the customer to Wednesday’s seminar' } },
      sessions: [
        { startsAt: '2026-11-25T06:00:00Z', unitCode: 'BJ-HD', place: '海淀支行三楼', capacity: 1 },
        { startsAt: '2026-11-26T06:00:00Z', unitCode: 'BJ-HD', place: '海淀支行三楼', capacity: 10 },
      ],
    });
    promo = await launch({
      code: 'PROMO-PROMPT', kind: 'promotion', channels: ['portal', 'counter'], controlPercent: 50,
      messages: { portal: { zh: '大额存单利率上浮', en: 'Large CDs at a better rate' }, counter: { zh: '请向客户介绍大额存单', en: 'Mention the large CD' } },
    });
    const audience = (await rm.get(`/api/v1/campaigns/${promo.id}/audience`)).json().items as { customerId: string; arm: string; outcome: string }[];
    promoControl = audience.filter((a) => a.arm === 'control').map((a) => a.customerId);
    promoTreatment = audience.filter((a) => a.arm === 'treatment' && a.outcome === 'contacted').map((a) => a.customerId);
  });
  after(async () => app?.stop());

  it('shows the teller the prompt of a consented customer, with the message and a seminar’s sessions; none without consent for the counter', async () => {
    const first = born1952[0]!;
    const items = await prompts(teller1, first.id);
    const sem = items.find((p) => p.code === 'SEM-PROMPT')!;
    assert.deepEqual([sem.kind, sem.messageZh, sem.response, sem.registration], ['seminar', '请邀请客户参加周三理财讲座', null, null]);
    assert.deepEqual(sem.sessions.map((s) => s.placesLeft), [1, 10]);
    assert.deepEqual(codes(await prompts(teller1, counterOnly.id)), codes(promoTreatment.includes(counterOnly.id) ? [{ code: 'PROMO-PROMPT' }, { code: 'SEM-PROMPT' }] : [{ code: 'SEM-PROMPT' }]), 'counter consent only: the counter prompt');
    assert.deepEqual(await prompts(teller1, noMarketing.id), [], 'no marketing at all: no prompt, whatever the channels say');
    // a withdrawal since the start takes the prompt away at once
    await consent(born1952[5]!.id, 'counter', false);
    assert.deepEqual(await prompts(teller1, born1952[5]!.id), []);
  });

  it('shows no prompt to a control-group customer, at the counter or in the portal', async () => {
    assert.ok(promoControl.length >= 3, 'half of the audience held out');
    for (const id of promoControl) assert.ok(!codes(await prompts(teller1, id)).includes('PROMO-PROMPT'), `control customer ${id}`);
    const controlCustomer = [...born1952, counterOnly].find((c) => promoControl.includes(c.id) && c !== born1952[5] && c !== counterOnly);
    assert.ok(controlCustomer, 'four of eight held out: at least one with every consent');
    const portal = await portalOf(controlCustomer);
    assert.ok(!codes((await portal.get('/api/v1/portal/campaigns')).json().items).includes('PROMO-PROMPT'));
  });

  it('keeps prompts to the branch serving the customer', async () => {
    const teller2 = await loginAs(app.http, 'teller2');
    assert.equal((await teller2.get(`/api/v1/customers/${born1952[0]!.id}/campaign-prompts`)).statusCode, 403);
    assert.equal(problem(await teller2.post(`/api/v1/customers/${born1952[0]!.id}/campaign-prompts/${seminar.id}/response`, { response: 'mentioned' })).status, 403);
    assert.equal((await anonymous(app.http).get(`/api/v1/customers/${born1952[0]!.id}/campaign-prompts`)).statusCode, 401);
    assert.equal((await teller1.get('/api/v1/customers/no-such-customer/campaign-prompts')).statusCode, 404);
  });

  it('records the teller’s mention as the customer’s response in the results; a decline is shown and audited but is not a response', async () => {
    const [a, b] = promoTreatment.filter((id) => id !== born1952[5]!.id);
    assert.ok(a && b, 'two treatment customers with counter consent');
    const before = await results(promo.id);
    const mentioned = await teller1.post(`/api/v1/customers/${a}/campaign-prompts/${promo.id}/response`, { response: 'mentioned' });
    assert.equal(mentioned.statusCode, 200, mentioned.body);
    assert.equal(mentioned.json().response, 'mentioned');
    assert.equal((await teller1.post(`/api/v1/customers/${a}/campaign-prompts/${promo.id}/response`, { response: 'mentioned' })).statusCode, 200, 'asked again: the same');
    const declined = await teller1.post(`/api/v1/customers/${b}/campaign-prompts/${promo.id}/response`, { response: 'declined' });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.deepEqual([declined.json().response, typeof declined.json().declinedAt], [null, 'string']);
    assert.ok((await prompts(teller1, b)).find((p) => p.code === 'PROMO-PROMPT')!.declinedAt, 'the next teller sees the decline');
    const after = await results(promo.id);
    assert.equal(after.treatment.responded, before.treatment.responded + 1, 'one response: the mention');
    assert.equal(after.channels.find((c: { channel: string }) => c.channel === 'counter').responded, before.channels.find((c: { channel: string }) => c.channel === 'counter').responded + 1);
    const late = problem(await teller1.post(`/api/v1/customers/${a}/campaign-prompts/${promo.id}/response`, { response: 'declined' }));
    assert.deepEqual([late.status, late.errors?.[0]?.field], [409, '/response']);
    const audit = await app.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', promo.id).where('action', 'like', 'campaign.prompt_%').execute();
    assert.deepEqual(audit.map((x) => x.action).sort(), ['campaign.prompt_declined', 'campaign.prompt_mentioned']);
  });

  it('refuses a bad response on its field, and a prompt the customer does not have', async () => {
    const id = born1952[0]!.id;
    for (const body of [{ response: 'maybe' }, {}, { response: 'mentioned', extra: 1 }]) {
      const p = problem(await teller1.post(`/api/v1/customers/${id}/campaign-prompts/${seminar.id}/response`, body));
      assert.equal(p.status, 400, JSON.stringify(body));
    }
    assert.deepEqual(problem(await teller1.post(`/api/v1/customers/${id}/campaign-prompts/${seminar.id}/response`, { response: 'maybe' })).errors?.map((e) => e.field), ['/response']);
    assert.equal(problem(await teller1.post(`/api/v1/customers/${id}/campaign-prompts/no-such-campaign/response`, { response: 'mentioned' })).status, 404);
    assert.equal(problem(await teller1.post(`/api/v1/customers/${promoControl[0]}/campaign-prompts/${promo.id}/response`, { response: 'mentioned' })).status, 404, 'control: no prompt to answer');
  });

  it('lets the teller register the served customer for a seminar session, shown on the prompt', async () => {
    const c = born1952[1]!;
    const sem = (await prompts(teller1, c.id)).find((p) => p.code === 'SEM-PROMPT')!;
    const r = await teller1.post(`/api/v1/campaigns/${seminar.id}/registrations`, { customerId: c.id, sessionId: sem.sessions[1]!.id });
    assert.equal(r.statusCode, 201, r.body);
    const shown = (await prompts(teller1, c.id)).find((p) => p.code === 'SEM-PROMPT')!;
    assert.deepEqual([shown.registration?.code, shown.registration?.sessionId, shown.response], [r.json().code, sem.sessions[1]!.id, 'registered']);
    assert.equal((await teller1.get(`/api/v1/campaigns/${seminar.id}`)).statusCode, 403, 'the teller still does not read campaigns');
  });

  it('answers the signed-in customer’s own portal campaigns, and registers them for a session', async () => {
    const me = await portalOf(born1952[0]!);
    const mine = (await me.get('/api/v1/portal/campaigns')).json().items as Prompt[];
    const sem = mine.find((p) => p.code === 'SEM-PROMPT')!;
    assert.deepEqual([sem.messageZh, sem.messageEn, sem.registration], ['诚邀您参加理财讲座', 'Join our wealth seminar', null]);
    assert.equal(Object.hasOwn(sem, 'declinedAt'), false, 'staff notes stay with staff');
    const reg = await me.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: sem.sessions[0]!.id });
    assert.equal(reg.statusCode, 200, reg.body);
    assert.match(reg.json().registration.code, /^[A-Z2-9]{8}$/);
    assert.equal(reg.json().response, 'registered');

    // another customer sees their own card only: not the first one's place, and the session now full
    const other = await portalOf(born1952[2]!);
    const theirs = ((await other.get('/api/v1/portal/campaigns')).json().items as Prompt[]).find((p) => p.code === 'SEM-PROMPT')!;
    assert.equal(theirs.registration, null);
    assert.deepEqual(theirs.sessions.map((s) => s.full), [true, false]);
    const full = problem(await other.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: sem.sessions[0]!.id }));
    assert.deepEqual([full.status, full.errors?.map((e) => e.field)], [409, ['/sessionId']]);

    // no portal consent: no portal card, though the counter shows it
    const counterCustomer = await portalOf(counterOnly);
    assert.deepEqual((await counterCustomer.get('/api/v1/portal/campaigns')).json().items, []);
    assert.equal(problem(await counterCustomer.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: sem.sessions[1]!.id })).status, 404, 'not invited in the portal');
  });

  it('refuses the portal campaigns without a session, and bad registrations on their field', async () => {
    assert.equal((await anonymous(app.http).get('/api/v1/portal/campaigns')).statusCode, 401);
    const me = await portalOf(born1952[3]!);
    assert.deepEqual(problem(await me.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, {})).errors?.map((e) => e.field), ['/sessionId']);
    assert.deepEqual(problem(await me.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: 'nope' })).errors?.map((e) => e.field), ['/sessionId']);
    assert.equal(problem(await me.post(`/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: 'x', customerId: born1952[0]!.id })).status, 400, 'no customer to name');
    assert.equal(problem(await me.request('POST', `/api/v1/portal/campaigns/${seminar.id}/registrations`, { sessionId: 'x' }, { csrf: false })).status, 403, 'CSRF token required');
  });
});
