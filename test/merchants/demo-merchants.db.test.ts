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
// have something to show — and nothing more on the next start.

const NOW = new Date('2026-11-30T02:00:00Z'); // 10:00 on 30 November in China
const YESTERDAY = '2026-11-29';

await describeEachDatabase('Demo merchants', (kind) => {
  let app: TestApp;
  let risk: Client;
  let seeded: DemoMerchantsSeeded | null;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => NOW);
    seeded = await seedDemoMerchants(app.deps);
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
      assert.equal(await seedDemoMerchants(second.deps), null);
    } finally {
      await second.close();
    }
    assert.deepEqual(await counts(), first);
  });
});
