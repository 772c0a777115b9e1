import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCnResidentId, validateUscc } from '../platform/pii/index.ts';
import { addDays } from '../platform/calendar/calendar-data.ts';
import { DEMO_FIGURE_DAYS, DEMO_MERCHANT_SEED, planDemoMerchants, plantAnomalies, txnRow } from './demo-merchant-plan.ts';
import { DEFAULT_RULES } from './rules/default-rules.ts';
import { compileRules, evaluateRules } from './rules/evaluate-rules.ts';

const LAST_DAY = '2026-11-29';
const plan = planDemoMerchants(DEMO_MERCHANT_SEED, LAST_DAY);
const rules = compileRules(DEFAULT_RULES);

describe('the demo merchants plan', () => {
  it('is the same for the same seed and day, and another for another seed', () => {
    assert.equal(JSON.stringify(planDemoMerchants(DEMO_MERCHANT_SEED, LAST_DAY)), JSON.stringify(plan));
    const names = (p: typeof plan) => p.merchants.map((m) => m.application.name);
    assert.notDeepEqual(names(planDemoMerchants(7, LAST_DAY)), names(plan));
  });

  it('holds 300 merchants with valid codes and ID numbers, unique names, in their branch’s city', () => {
    assert.equal(plan.merchants.length, 300);
    assert.equal(new Set(plan.merchants.map((m) => m.application.name)).size, 300);
    assert.equal(new Set(plan.merchants.map((m) => m.application.uscc)).size, 300);
    for (const m of plan.merchants) {
      const a = m.application;
      assert.ok(validateUscc(a.uscc).ok, a.uscc);
      assert.equal(a.uscc.slice(2, 8), a.region, `${a.name}: registered where it trades`);
      assert.equal(a.region.slice(0, 4), m.unitCode.startsWith('BJ') ? '1101' : '3101', `${a.name} (${m.unitCode}) in ${a.region}`);
      for (const p of [a.legalRepresentative, ...(a.beneficialOwners ?? [])]) assert.ok(validateCnResidentId(p.idNumber, { today: m.appliedOn }).ok, p.idNumber);
      assert.ok((a.beneficialOwners ?? []).reduce((s, o) => s + o.share, 0) <= 100);
      assert.equal(a.kind === 'online', ['5999', '5964'].includes(a.mcc), `${a.name}: ${a.kind} ${a.mcc}`);
      if (a.kind === 'online' || m.status === 'refused') assert.equal(m.terminals.length, 0, a.name);
      else assert.ok(m.terminals.length > 0, a.name);
      for (const t of m.terminals) assert.equal(t.region, a.region);
    }
    assert.equal(new Set(plan.merchants.flatMap((m) => m.terminals.map((t) => t.serial))).size, plan.merchants.reduce((n, m) => n + m.terminals.length, 0), 'terminal serials are unique');
    assert.deepEqual([...new Set(plan.merchants.map((m) => m.unitCode))].sort(), ['BJ', 'BJ-CY', 'BJ-HD', 'SH', 'SH-JA', 'SH-PD']);
  });

  it('has every status, most merchants active and rated low, a few high', () => {
    const count = (f: (m: (typeof plan.merchants)[number]) => boolean) => plan.merchants.filter(f).length;
    for (const status of ['applying', 'refused', 'restricted', 'suspended', 'terminated']) assert.ok(count((m) => m.status === status) >= 5, status);
    assert.ok(count((m) => m.status === 'active') >= 250);
    const rated = count((m) => m.rating !== null);
    assert.ok(count((m) => m.rating === 'low') > rated * 0.6);
    assert.ok(count((m) => m.rating === 'high') < rated * 0.12);
    assert.equal(count((m) => (m.status === 'applying' || m.status === 'refused') !== (m.rating === null)), 0, 'rated exactly when onboarded');
    for (const m of plan.merchants) {
      const dates = [m.appliedOn, m.activatedOn, m.changedOn].filter((d) => d !== null);
      assert.ok(dates.every((d, i) => d <= LAST_DAY && (i === 0 || d > dates[i - 1]!)), `${m.key} ${m.status}: ${dates.join(' ')}`);
    }
  });

  it('gives the trading merchants their figures within the 90 days, through yesterday for those still trading', () => {
    const firstDay = addDays(LAST_DAY, 1 - DEMO_FIGURE_DAYS);
    assert.equal(plan.firstDay, firstDay);
    for (const m of plan.merchants) {
      const days = m.figures.map((d) => d.day);
      assert.ok(days.every((d, i) => d >= firstDay && d <= LAST_DAY && (i === 0 || d > days[i - 1]!)), m.key);
      if (m.status === 'applying' || m.status === 'refused') assert.equal(days.length, 0);
      if (m.status === 'active' || m.status === 'restricted') assert.ok(days.length > 0 && days.at(-1)! >= addDays(LAST_DAY, -3), `${m.key} trades through yesterday`);
      if (m.status === 'suspended') assert.ok(days.length === 0 || days.at(-1)! < m.changedOn!);
      if (m.activatedOn) assert.ok(days.length === 0 || days[0]! > m.activatedOn);
    }
    assert.ok(plan.merchants.filter((m) => m.figures[0]?.day === firstDay).length > 200);
  });

  it('lists an applying merchant’s legal representative on the risk list', () => {
    const listed = new Set(plan.riskList.map((e) => e.value));
    assert.ok(plan.merchants.some((m) => m.status === 'applying' && listed.has(m.application.legalRepresentative.idNumber)));
  });
});

describe('the planted anomalies', () => {
  const planted = planDemoMerchants(DEMO_MERCHANT_SEED, LAST_DAY);
  const anomalies = plantAnomalies(planted, rules, DEMO_MERCHANT_SEED);

  it('trip every shipped rule on a dozen merchants in the last three weeks, and nothing fires elsewhere', () => {
    assert.deepEqual([...new Set(anomalies.map((a) => a.rule))].sort(), DEFAULT_RULES.map((r) => r.code).sort());
    assert.equal(new Set(anomalies.map((a) => a.key)).size, anomalies.length);
    assert.ok(anomalies.length >= 12);
    assert.ok(anomalies.every((a) => a.days.every((d) => d >= addDays(LAST_DAY, -20) && d <= LAST_DAY)));
    const firings = [...evaluateRules(planted.merchants.flatMap((m) => m.figures), rules)];
    const keys = new Set(anomalies.map((a) => a.key));
    assert.deepEqual(firings.filter((f) => !keys.has(f.merchantId)), []);
    for (const a of anomalies) assert.ok(firings.some((f) => f.merchantId === a.key && f.ruleCode === a.rule && a.days.includes(f.day)), `${a.key} ${a.rule}`);
  });

  it('keep every figure importable: amounts to the cent, shares to 4 places, counts within the day', () => {
    for (const m of planted.merchants) {
      for (const d of m.figures) {
        const row = txnRow('MCH000001', d);
        assert.ok(/^\d+\.\d{2}$/.test(row.amount) && /^[01]\.\d{4}$/.test(row.night_share), JSON.stringify(row));
        assert.ok(d.nearLimitCount <= d.count && d.outsideRegionCount <= d.count && d.maxAmount <= d.amount, `${m.key} ${d.day}`);
      }
    }
  });
});
