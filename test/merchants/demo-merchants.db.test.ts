import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../src/app.ts';
import { addDays } from '../../src/platform/calendar/calendar-data.ts';
import { DEMO_MERCHANT_SEED, planDemoMerchants } from '../../src/merchants/demo-merchant-plan.ts';
import { seedDemoMerchants, type DemoMerchantsSeeded } from '../../src/merchants/demo-merchants.ts';
import { DEFAULT_RULES } from '../../src/merchants/rules/default-rules.ts';
import { loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

// The demo bank's merchants: seeded once when the demo bank is created, through the registry,
// the risk list and the figures' import, so that the alerts board, the 360 view and the list
// have something to show, then worked on by the staff — risk cases, service requests,
// re-reviews — through the services and the engine; and nothing more on the next start.

const NOW = new Date('2026-11-30T02:00:00Z'); // 10:00 on 30 November in China
const YESTERDAY = '2026-11-29';

await describeEachDatabase('Demo merchants', (kind) => {
  let app: TestApp;
  let risk: Client;
  let seeded: DemoMerchantsSeeded | null;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => NOW);
    seeded = await seedDemoMerchants(app.deps, app.engine);
    risk = await loginAs(app.http, 'risk');
  });
  after(async () => app?.stop());

  type Listed = { code: string; unitCode: string; status: string; riskRating: string | null };
  const merchants = async (): Promise<Listed[]> => (await risk.get('/api/v1/merchants?limit=500')).json().items;

  it('gives the demo branches and regions about 300 merchants at every stage, most active and rated low', async () => {
    assert.ok(seeded && seeded.seconds > 0);
    const items = await merchants();
    assert.ok(items.length >= 250, `${items.length} merchants`);
    const atUnit = (unit: string) => items.filter((m) => m.unitCode === unit).length;
    for (const unit of ['BJ-HD', 'BJ-CY', 'SH-PD', 'SH-JA']) assert.ok(atUnit(unit) >= 40, `${unit}: ${atUnit(unit)}`);
    assert.ok(atUnit('BJ') > 0 && atUnit('SH') > 0);
    assert.deepEqual([...new Set(items.map((m) => m.status))].sort(), ['active', 'applying', 'refused', 'restricted', 'suspended', 'terminated']);
    const rated = items.filter((m) => m.riskRating);
    assert.ok(rated.filter((m) => m.riskRating === 'low').length > rated.length * 0.6);
    assert.ok(rated.some((m) => m.riskRating === 'high') && rated.some((m) => m.riskRating === 'medium'));
    // each merchant manager sees the merchants of the region: Beijing's does not see Shanghai's
    const beijing = (await (await loginAs(app.http, 'merchant')).get('/api/v1/merchants?limit=500')).json().items as Listed[];
    assert.ok(beijing.length > 100 && beijing.every((m) => m.unitCode.startsWith('BJ')));
  });

  it('holds 90 days of figures ending yesterday', async () => {
    const span = (await sql<{ first: string; last: string; days: number }>`select min(day)::text as first, max(day)::text as last, count(distinct day)::int as days from merchant_txn_day`.execute(app.deps.db)).rows[0]!;
    assert.deepEqual(span, { first: addDays(YESTERDAY, -89), last: YESTERDAY, days: 90 });
    assert.ok(seeded!.figureRows > 20_000, `${seeded!.figureRows} rows`);
    // the list shows the newest first: the last is a long-standing merchant
    const active = (await merchants()).filter((m) => m.status === 'active').at(-1)!;
    const view = (await risk.get(`/api/v1/merchants/${active.code}`)).json();
    assert.ok(view.last30Days.days >= 25, JSON.stringify(view.last30Days));
    assert.ok(view.agreements.length >= 1 && view.ratings[0].reason === 'demo');
  });

  it('opens an alert of every shipped rule, on few merchants', async () => {
    const board = (await risk.get('/api/v1/risk-alerts?status=open&limit=500')).json();
    const rules = new Set(board.items.map((a: { rule: { code: string } }) => a.rule.code));
    for (const rule of DEFAULT_RULES) assert.ok(rules.has(rule.code), `no open ${rule.code} alert`);
    const alerted = new Set(board.items.map((a: { merchant: { code: string } }) => a.merchant.code));
    assert.ok(alerted.size <= (await merchants()).length * 0.1, `${alerted.size} merchants with alerts`);
    assert.ok(board.items.every((a: { firstDay: string }) => a.firstDay >= addDays(YESTERDAY, -20) && a.firstDay <= YESTERDAY));
  });

  it('shows an applying merchant’s risk-list hit on its 360 view', async () => {
    const applying = (await merchants()).filter((m) => m.status === 'applying');
    const views = await Promise.all(applying.map(async (m) => (await risk.get(`/api/v1/merchants/${m.code}`)).json()));
    const hits = views.flatMap((v) => v.riskListHits.map((h: { matched: string }) => h.matched));
    assert.deepEqual(hits, ['legal_representative']);
  });

  type CaseView = { ref: string; kind: string; source: string; status: string; actions: { type: string }[] | null; approvedBy: string | null; merchant: { code: string; status: string; controls: Record<string, unknown> }; alert: { status: string } | null; openStep: { elementId: string; candidateGroups: string[]; excludedUsers: string[] } | null };

  it('has risk cases at every step, and the merchants are as their cases left them', async () => {
    const list = (await risk.get('/api/v1/merchant-risk-cases?limit=100')).json();
    const cases: CaseView[] = await Promise.all(list.items.map(async (c: { ref: string }) => (await risk.get(`/api/v1/merchant-risk-cases/${c.ref}`)).json()));
    const stage = (c: CaseView) => c.openStep?.elementId ?? c.status;
    assert.deepEqual(cases.map(stage).sort(), ['approve', 'closed', 'closed', 'closed', 'closed', 'investigate', 'investigate', 'proposeActions']);
    const applied = (type: string) => cases.find((c) => c.status === 'closed' && c.actions?.some((a) => a.type === type))!;
    const delay = applied('settlement_delay');
    assert.deepEqual([delay.source, delay.alert?.status, delay.approvedBy, delay.merchant.status, delay.merchant.controls.settlementDelayDays], ['alert', 'closed', 'risk2', 'restricted', 3], 'T+3 from a chargeback alert');
    const limits = applied('limits');
    assert.deepEqual([limits.source, limits.merchant.status, limits.merchant.controls.dailyLimit, limits.merchant.controls.singleLimit], ['alert', 'restricted', '30000.00', '2000.00']);
    const suspension = applied('suspend');
    assert.deepEqual([suspension.approvedBy, suspension.merchant.status], ['ops', 'suspended'], 'approved by operations management');
    const terminals = (await risk.get(`/api/v1/merchants/${suspension.merchant.code}`)).json().terminals as { status: string }[];
    assert.ok(terminals.length > 0 && terminals.every((t) => t.status === 'recovered'));
    const lift = applied('lift_controls');
    assert.deepEqual([lift.kind, lift.source, lift.merchant.controls.settlementDelayDays, lift.merchant.status], ['rectification', 'report', 1, 'restricted'], 'the delay lifted, the limits kept');
    const waiting = cases.find((c) => stage(c) === 'approve')!;
    assert.deepEqual([waiting.status, waiting.openStep!.candidateGroups, waiting.openStep!.excludedUsers], ['awaiting_approval', ['risk_officer'], ['risk']], 'for another risk officer than the proposer');
    const approvals = (await (await loginAs(app.http, 'risk2')).get('/api/v1/tasks?mine=true&elementId=approve&limit=100')).json().items as { businessKey: string }[];
    assert.ok(approvals.some((t) => t.businessKey === waiting.ref), 'in risk2’s work');
    // the alerts handled are no longer open; every rule still has one on the board (the test above)
    assert.equal(cases.filter((c) => c.source === 'alert' && c.alert?.status === 'open').length, 0);
  });

  type Request = { status: string; tier: string; kind: string; openedAt: string; merchant: { unitCode: string }; resolution: { state: string; met: boolean | null } };

  it('has service requests of the last two weeks, most resolved, some breached or at risk now; each region’s manager sees its own', async () => {
    const all = (await risk.get('/api/v1/merchant-requests?limit=100')).json();
    const items = all.items as Request[];
    assert.ok(all.total >= 20, `${all.total} requests`);
    const count = (status: string) => items.filter((r) => r.status === status).length;
    assert.ok(count('resolved') > all.total / 2 && count('responded') > 0 && count('open') > 0, JSON.stringify({ resolved: count('resolved'), responded: count('responded'), open: count('open') }));
    assert.ok(items.every((r) => r.openedAt < NOW.toISOString() && r.openedAt >= addDays(YESTERDAY, -21)));
    assert.deepEqual([...new Set(items.map((r) => r.kind))].sort(), ['chargeback_help', 'paper_roll', 'settlement_query', 'terminal_fault', 'training']);
    assert.ok(new Set(items.map((r) => r.tier)).size >= 2, 'of more than one tier');
    assert.ok(items.some((r) => r.resolution.met === false), 'one resolved late');
    for (const clock of ['breached', 'at_risk']) {
      const found = (await risk.get(`/api/v1/merchant-requests?status=active&clock=${clock}`)).json();
      assert.ok(found.total >= 2, `${found.total} ${clock}`);
    }
    const shanghai = (await (await loginAs(app.http, 'merchant-sh')).get('/api/v1/merchant-requests?limit=100')).json().items as Request[];
    assert.ok(shanghai.length > 0 && shanghai.length < items.length && shanghai.every((r) => r.merchant.unitCode.startsWith('SH')));
  });

  it('reports re-reviews overdue for both reasons, and shows the completed ones', async () => {
    const overdue = (await risk.get('/api/v1/merchant-reviews?overdue=true')).json().items as { reason: string; daysOverdue: number }[];
    assert.deepEqual(overdue.map((r) => r.reason).sort(), ['inspection_overdue', 'inspection_overdue', 'not_started', 'not_started']);
    assert.ok(overdue.every((r) => r.daysOverdue > 0));
    const completed = (await risk.get('/api/v1/merchant-reviews?status=completed')).json().items as { completedBy: string; completedAt: string; nextReviewOn: string; ratingAfter: string }[];
    assert.equal(completed.length, 2);
    for (const r of completed) {
      assert.ok(['merchant', 'merchant-sh'].includes(r.completedBy) && r.completedAt < NOW.toISOString() && r.nextReviewOn > YESTERDAY, JSON.stringify(r));
    }
    assert.deepEqual(seeded!.work, { riskCases: 8, requests: 25, reviews: 4 });
  });

  it('stores nothing personal in clear: ID numbers, phones and accounts are sealed, and masked in the audit trail', async () => {
    const plan = planDemoMerchants(DEMO_MERCHANT_SEED, YESTERDAY).merchants.map((m) => m.application);
    const idNumbers = plan.flatMap((a) => [a.legalRepresentative, ...(a.beneficialOwners ?? [])].map((p) => p.idNumber));
    // the numbers searched for are the numbers registered: the sealed ones open to them
    const people = await app.deps.db.selectFrom('merchant_person').selectAll().execute();
    assert.deepEqual(people.map((p) => app.deps.vault.open(p.id_number_sealed)).sort(), [...idNumbers].sort());
    const secrets = [...idNumbers, ...plan.map((a) => a.contactPhone!), ...plan.map((a) => a.settlementAccount)];
    const tables = ['merchant_person', 'merchant', 'audit_log', 'risk_list_entry', 'merchant_terminal', 'merchant_rating'] as const;
    for (const table of tables) {
      const text = JSON.stringify(await app.deps.db.selectFrom(table).selectAll().execute());
      assert.ok(text.length > 1000, table);
      const found = secrets.filter((s) => text.includes(s));
      assert.deepEqual(found, [], `${table} holds ${found.length} in clear`);
    }
  });

  it('adds nothing on a second start', async () => {
    const counts = async () => {
      const db = app.deps.db;
      const n = async (table: 'merchant' | 'merchant_txn_day' | 'risk_alert' | 'risk_list_entry' | 'audit_log' | 'app_user') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return { merchants: await n('merchant'), days: await n('merchant_txn_day'), alerts: await n('risk_alert'), listed: await n('risk_list_entry'), audit: await n('audit_log'), users: await n('app_user') };
    };
    const first = await counts();
    const second = await createApp(app.deps.config, { database: app.database, clock: () => NOW });
    try {
      assert.equal(second.seededDemo, false);
      assert.equal(await seedDemoMerchants(second.deps, second.engine), null);
    } finally {
      await second.close();
    }
    assert.deepEqual(await counts(), first);
  });
});
