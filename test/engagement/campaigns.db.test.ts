import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, it } from 'node:test';
import { sendReminders } from '../../src/engagement/campaigns/seminar.service.ts';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';

type Decision = { customerId: string; arm: string; outcome: string; contacts: { channel: string; decision: string; scheduledFor: string | null }[] };

await describeEachDatabase('Campaigns', (kind) => {
  let app: TestApp;
  let now = new Date('2026-11-20T02:00:00Z'); // 10:00 in China
  let rm: Client;
  let ops: Client;
  const people: { id: string; phone: string }[] = [];
  let shanghai: string;
  let serial = 0;

  const signIn = async () => {
    rm = await loginAs(app.http, 'rm');
    ops = await loginAs(app.http, 'ops');
  };
  const customer = async (client: Client, marketing = true) => {
    const phone = `137${String(1000_0000 + serial).slice(0)}`;
    const r = await client.post('/api/v1/customers', { kind: 'individual', name: `测试客户${serial}`, idType: 'resident_id', idNumber: residentId(`11010819500101${String(300 + serial++).padStart(3, '0')}`), phone, consents: { marketing, sms: true, dataSharing: false } });
    assert.equal(r.statusCode, 201, r.body);
    return { id: r.json().id as string, phone };
  };
  const consent = async (client: Client, id: string, channel: string, granted: boolean) => {
    const r = await client.put(`/api/v1/customers/${id}/marketing-consents/${channel}`, { granted, source: 'counter' });
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const campaign = (code: string, extra: Record<string, unknown> = {}) => ({
    code, nameZh: '测试活动', nameEn: 'Test campaign', kind: 'promotion', segmentCode: 'born-1950', channels: ['sms'],
    startsAt: new Date(now.getTime() - 60_000).toISOString(), endsAt: '2026-12-31T00:00:00Z', controlPercent: 0,
    messages: { sms: { zh: '大额存单利率上浮', en: 'Large CDs at a better rate' } }, ...extra,
  });
  const launch = async (body: Record<string, unknown>, client = rm) => {
    const created = await client.post('/api/v1/campaigns', body);
    assert.equal(created.statusCode, 201, created.body);
    const launched = await client.post(`/api/v1/campaigns/${created.json().id}/launch`, { version: created.json().version });
    assert.equal(launched.statusCode, 200, launched.body);
    return launched.json();
  };
  const audience = async (id: string): Promise<Map<string, Decision>> => {
    const r = await rm.get(`/api/v1/campaigns/${id}/audience`);
    assert.equal(r.statusCode, 200, r.body);
    return new Map(r.json().items.map((d: Decision) => [d.customerId, d]));
  };
  const outbox = (campaignId: string) => app.deps.db.selectFrom('notification').select(['id', 'template', 'next_attempt_at', 'recipient_masked', 'body']).where('subject_id', '=', campaignId).execute();

  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => now);
    await signIn();
    for (let i = 0; i < 10; i++) people.push(await customer(rm, i !== 9));
    for (const p of people.slice(0, 6)) {
      await consent(rm, p.id, 'sms', true);
      await consent(rm, p.id, 'portal', true);
      await consent(rm, p.id, 'counter', true);
    }
    await consent(rm, people[6]!.id, 'email', true); // no address on file
    await consent(rm, people[8]!.id, 'sms', true);
    await consent(rm, people[8]!.id, 'sms', false); // withdrawn
    await consent(rm, people[9]!.id, 'sms', true); // general marketing consent refused
    const teller2 = await loginAs(app.http, 'teller2');
    shanghai = (await customer(teller2)).id;
    await consent(teller2, shanghai, 'sms', true);
    assert.equal((await rm.post('/api/v1/segment-runs')).statusCode, 201);
    const seg = await rm.post('/api/v1/segments', { code: 'born-1950', kind: 'group', nameZh: '1950年生', nameEn: 'Born 1950', expression: 'age = 76' });
    assert.equal(seg.statusCode, 201, seg.body);
  });
  after(async () => app?.stop());

  it('keeps consent per channel with its history, and the general marketing switch overrides it', async () => {
    const view = (await rm.get(`/api/v1/customers/${people[8]!.id}/marketing-consents`)).json();
    assert.deepEqual(view.history.map((h: { granted: boolean }) => h.granted), [false, true]);
    assert.equal(view.channels.find((c: { channel: string }) => c.channel === 'sms').effective, false);
    const refused = (await rm.get(`/api/v1/customers/${people[9]!.id}/marketing-consents`)).json();
    assert.deepEqual([refused.marketing, refused.channels.find((c: { channel: string }) => c.channel === 'sms').granted, refused.channels.find((c: { channel: string }) => c.channel === 'sms').effective], [false, true, false]);
    const audit = await app.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', people[8]!.id).where('action', 'like', 'marketing_consent.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['marketing_consent.grant', 'marketing_consent.withdraw']);
  });

  let first: string;
  it('contacts only on consented channels, holds out a control group that gets nothing, and records every decision', async () => {
    const c = await launch(campaign('PROMO-1', { channels: ['sms', 'email', 'counter'], controlPercent: 20, messages: { sms: { zh: '大额存单利率上浮', en: 'Large CDs' }, email: { zh: '大额存单利率上浮', en: 'Large CDs' }, counter: { zh: '请推荐大额存单', en: 'Offer the large CD' } } }));
    first = c.id;
    assert.equal(c.status, 'running');
    const d = await audience(c.id);
    assert.equal(d.size, 10, 'the Shanghai customer is outside the Haidian RM’s campaign');
    assert.ok(!d.has(shanghai));
    const control = [...d.values()].filter((x) => x.arm === 'control');
    assert.equal(control.length, 2);
    for (const x of control) assert.deepEqual(x.contacts, [], 'nothing goes to the control group');
    const expected = (i: number) => (i < 6 ? 'contacted' : i === 6 ? 'no_address' : 'no_consent');
    people.forEach((p, i) => {
      const x = d.get(p.id)!;
      if (x.arm === 'control') return;
      assert.equal(x.outcome, expected(i), `customer ${i}`);
      const sms = x.contacts.find((k) => k.channel === 'sms')!.decision;
      assert.equal(sms, i < 6 ? 'sent' : 'no_consent', `customer ${i} sms`);
    });
    const contacted = [...d.values()].filter((x) => x.arm === 'treatment' && x.outcome === 'contacted');
    const sms = await outbox(c.id);
    assert.equal(sms.length, contacted.length, 'one SMS per contacted customer, none to control or without consent');
    assert.match(sms[0]!.body, /\/portal\/campaign\/[\w-]{20,}/);
    // the teller serving a contacted customer sees the prompt; a control customer shows none
    const teller1 = await loginAs(app.http, 'teller1');
    assert.equal((await teller1.get(`/api/v1/customers/${contacted[0]!.customerId}/campaign-prompts`)).json().items[0].code, 'PROMO-1');
    assert.deepEqual((await teller1.get(`/api/v1/customers/${control[0]!.customerId}/campaign-prompts`)).json().items, []);

    const results = (await rm.get(`/api/v1/campaigns/${c.id}/results`)).json();
    assert.equal(results.audience, 10);
    assert.equal(results.control.size, 2, 'control counted in the results');
    assert.equal(results.treatment.reached, contacted.length);
    assert.equal(results.excluded.control, 2);
    assert.equal(results.excluded.no_address + results.excluded.no_consent + results.treatment.reached + 2, 10);
  });

  it('caps contacts per customer across campaigns, counting only campaigns that reached them', async () => {
    assert.equal((await rm.put('/api/v1/campaign-settings', { frequencyCap: 1, windowDays: 30 })).statusCode, 403, 'a branch cannot change the bank’s rule');
    assert.equal((await ops.put('/api/v1/campaign-settings', { frequencyCap: 1, windowDays: 30 })).statusCode, 200);
    const before = await audience(first);
    const c = await launch(campaign('PROMO-2'));
    const d = await audience(c.id);
    for (const p of people.slice(0, 6)) {
      const was = before.get(p.id)!;
      assert.equal(d.get(p.id)!.outcome, was.arm === 'treatment' ? 'capped' : 'contacted', 'reached once in 30 days: capped; held out last time: reached now');
    }
    const capped = [...d.values()].filter((x) => x.outcome === 'capped');
    assert.equal((await outbox(c.id)).length, 6 - capped.length);
    assert.equal((await ops.put('/api/v1/campaign-settings', { frequencyCap: 10, windowDays: 30 })).statusCode, 200);
  });

  it('holds SMS written in quiet hours until 08:00 China time', async () => {
    now = new Date('2026-11-20T14:00:00Z'); // 22:00 in China
    await signIn();
    const c = await launch(campaign('PROMO-NIGHT'));
    const d = await audience(c.id);
    const sms = d.get(people[0]!.id)!.contacts[0]!;
    assert.deepEqual([sms.decision, sms.scheduledFor], ['deferred', '2026-11-21T00:00:00.000Z']);
    for (const m of await outbox(c.id)) assert.equal(m.next_attempt_at.toISOString(), '2026-11-21T00:00:00.000Z');
    const results = (await rm.get(`/api/v1/campaigns/${c.id}/results`)).json();
    assert.equal(results.deferred, 6);
  });

  it('runs a seminar: portal registration by the invitation link, capacity, reminders, check-in by code', async () => {
    now = new Date('2026-11-21T02:00:00Z');
    await signIn();
    const c = await launch(campaign('SEM-1', { kind: 'seminar', sessions: [
      { startsAt: '2026-11-25T06:00:00Z', unitCode: 'BJ-HD', place: '海淀支行三楼', capacity: 1 },
      { startsAt: '2026-11-26T06:00:00Z', unitCode: 'BJ-HD', place: '海淀支行三楼', capacity: 5 },
    ] }));
    const link = async (phone: string) => {
      const inbox = await anonymous(app.http).post('/api/v1/public/demo-inbox', { phone });
      const body = inbox.json().items.find((m: { body: string }) => m.body.includes('讲座') || m.body.includes('/portal/campaign/'))?.body as string;
      return /\/portal\/campaign\/([\w-]+)/.exec(body)![1]!;
    };
    const portal = anonymous(app.http);
    const token0 = await link(people[0]!.phone);
    const shown = (await portal.get(`/api/v1/public/campaign-invitations/${token0}`)).json();
    assert.equal(shown.sessions.length, 2);
    const [s1, s2] = shown.sessions;
    const reg = await portal.post(`/api/v1/public/campaign-invitations/${token0}`, { sessionId: s1.id });
    assert.equal(reg.statusCode, 200, reg.body);
    const code = reg.json().registration.code as string;
    assert.match(code, /^[A-Z2-9]{8}$/);
    assert.equal((await portal.post(`/api/v1/public/campaign-invitations/${token0}`, { sessionId: s2.id })).json().registration.code, code, 'one place per customer');
    const token1 = await link(people[1]!.phone);
    const full = problem(await portal.post(`/api/v1/public/campaign-invitations/${token1}`, { sessionId: s1.id }));
    assert.equal(full.status, 409);
    assert.deepEqual(full.errors?.map((e) => e.field), ['/sessionId']);
    assert.equal((await portal.post(`/api/v1/public/campaign-invitations/${token1}`, { sessionId: s2.id })).statusCode, 200);
    assert.deepEqual(problem(await portal.post(`/api/v1/public/campaign-invitations/${token1}`, {})).errors?.map((e) => e.field), ['/sessionId']);
    assert.equal((await portal.get('/api/v1/public/campaign-invitations/not-a-real-token-at-all')).statusCode, 404);

    // reminders: the day before, once
    now = new Date('2026-11-24T02:00:00Z');
    assert.equal(await sendReminders(app.deps), 1, 'only the session of the 25th is tomorrow');
    assert.equal(await sendReminders(app.deps), 0);
    assert.equal((await outbox(c.id)).filter((m) => m.template === 'seminar_reminder').length, 1);

    now = new Date('2026-11-25T05:50:00Z');
    const teller1 = await loginAs(app.http, 'teller1');
    const sessions = (await teller1.get('/api/v1/seminar-sessions')).json().items;
    assert.ok(sessions.some((s: { id: string }) => s.id === s1.id));
    const wrong = problem(await teller1.post(`/api/v1/seminar-sessions/${s1.id}/check-ins`, { code: 'ZZZZZZZZ' }));
    assert.deepEqual([wrong.status, wrong.errors?.[0]?.field], [400, '/code']);
    const teller2 = await loginAs(app.http, 'teller2');
    assert.equal((await teller2.post(`/api/v1/seminar-sessions/${s1.id}/check-ins`, { code })).statusCode, 403, 'another branch’s seminar');
    const checked = await teller1.post(`/api/v1/seminar-sessions/${s1.id}/check-ins`, { code: code.toLowerCase() });
    assert.equal(checked.statusCode, 200, checked.body);
    assert.equal(checked.json().alreadyCheckedIn, false);
    assert.equal((await teller1.post(`/api/v1/seminar-sessions/${s1.id}/check-ins`, { code })).json().alreadyCheckedIn, true);
    const list = (await teller1.get(`/api/v1/seminar-sessions/${s1.id}/registrations`)).json().items;
    assert.deepEqual(list.map((r: { code: string; checkedInAt: string | null }) => [r.code, r.checkedInAt !== null]), [[code, true]]);
    const results = (await (await loginAs(app.http, 'rm')).get(`/api/v1/campaigns/${c.id}/results`)).json();
    assert.deepEqual([results.treatment.responded, results.treatment.converted, results.conversion], [2, 1, 'attended']);
  });

  it('draws a lottery once, from a seed committed before and published after, that anyone can recompute', async () => {
    now = new Date('2026-11-27T02:00:00Z');
    await signIn();
    const c = await launch(campaign('LOTTO-1', { kind: 'lottery', prizes: [{ nameZh: '一等奖', nameEn: 'First prize', count: 1 }, { nameZh: '二等奖', nameEn: 'Second prize', count: 2 }] }));
    assert.match(c.seedCommitment, /^[0-9a-f]{64}$/);
    const pending = (await rm.get(`/api/v1/campaigns/${c.id}/draw`)).json();
    assert.deepEqual([pending.drawn, pending.seed], [false, null], 'the seed stays secret until the draw');
    const drawn = await rm.post(`/api/v1/campaigns/${c.id}/draw`);
    assert.equal(drawn.statusCode, 200, drawn.body);
    const d = drawn.json();
    assert.equal(createHash('sha256').update(d.seed).digest('hex'), c.seedCommitment, 'the published seed is the committed one');
    assert.equal(d.entrants.length, 6);
    const score = (id: string) => createHmac('sha256', d.seed).update(id).digest('hex');
    const ranked = [...d.entrants].sort((a: string, b: string) => (score(a) < score(b) ? -1 : 1));
    assert.deepEqual(d.winners.map((w: { customerId: string; prize: number }) => [w.customerId, w.prize]), [[ranked[0], 0], [ranked[1], 1], [ranked[2], 1]]);
    const again = (await rm.post(`/api/v1/campaigns/${c.id}/draw`)).json();
    assert.deepEqual([again.repeated, again.seed, again.winners], [true, d.seed, d.winners], 're-running changes nothing');
    const audited = await app.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'campaign.draw').execute();
    assert.equal(audited.length, 1);
    assert.equal((await rm.get(`/api/v1/campaigns/${c.id}/draw/verify`)).json().valid, true);
  });

  it('keeps campaigns within branch and role', async () => {
    const teller2 = await loginAs(app.http, 'teller2');
    assert.equal((await teller2.get('/api/v1/campaigns')).statusCode, 403, 'tellers do not read campaigns');
    assert.equal((await teller2.get(`/api/v1/campaigns/${first}`)).statusCode, 403);
    assert.ok((await ops.get('/api/v1/campaigns')).json().items.some((c: { id: string }) => c.id === first), 'head office sees every campaign');
    assert.equal((await (await loginAs(app.http, 'branchmgr')).post(`/api/v1/campaigns/${first}/cancel`, { version: 1 })).statusCode, 403, 'a branch manager reads, does not manage');
    assert.equal((await rm.put(`/api/v1/customers/${shanghai}/marketing-consents/sms`, { granted: false, source: 'counter' })).statusCode, 403);
    const elsewhere = problem(await rm.post('/api/v1/campaigns', campaign('SEM-SH', { kind: 'seminar', sessions: [{ startsAt: '2026-12-05T06:00:00Z', unitCode: 'SH-PD', place: '浦东', capacity: 10 }] })));
    assert.deepEqual(elsewhere.errors?.map((e) => e.field), ['/sessions/0/unitCode']);
    const opsCampaign = await launch(campaign('PROMO-HO'), ops);
    assert.ok((await ops.get(`/api/v1/campaigns/${opsCampaign.id}/audience`)).json().items.some((x: Decision) => x.customerId === shanghai), 'head office reaches every branch');
    assert.equal((await rm.get(`/api/v1/campaigns/${opsCampaign.id}`)).statusCode, 403, 'a branch does not see head office’s campaign');
  });

  it('refuses bad input on the field at fault', async () => {
    const bad = problem(await rm.post('/api/v1/campaigns', campaign('BAD-1', { segmentCode: 'nope', endsAt: '2026-01-01T00:00:00Z', channels: ['sms', 'email'], prizes: [{ nameZh: '奖', nameEn: 'Prize', count: 1 }] })));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['/endsAt', '/endsAt', '/messages/email', '/prizes', '/segmentCode']);
    assert.deepEqual(problem(await rm.post('/api/v1/campaigns', campaign('BAD-2', { kind: 'seminar' }))).errors?.map((e) => e.field), ['/sessions']);
    assert.equal(problem(await rm.post('/api/v1/campaigns', { ...campaign('bad code!'), controlPercent: 80 })).status, 400);
    assert.equal(problem(await rm.post('/api/v1/campaigns', campaign('PROMO-1'))).status, 409, 'codes are unique');
    const launchedAgain = problem(await rm.post(`/api/v1/campaigns/${first}/launch`, { version: 2 }));
    assert.equal(launchedAgain.status, 409);
  });
});
