import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { addDays } from '../platform/calendar/calendar-data.ts';
import { dueDate, slaOf, type TimeLimit } from '../services/cases/sla.ts';
import { DEMO_MERCHANT_SEED, planDemoMerchants, plantAnomalies } from './demo-merchant-plan.ts';
import { scheduleRequests, type RequestLimits } from './demo-merchant-plan-requests.ts';
import { caseStage, lastReviewDue, planDemoWork } from './demo-merchant-plan-work.ts';
import { DEFAULT_RULES } from './rules/default-rules.ts';
import { compileRules } from './rules/evaluate-rules.ts';

const LAST_DAY = '2026-11-29';
const TODAY = '2026-11-30';
const plan = planDemoMerchants(DEMO_MERCHANT_SEED, LAST_DAY);
const planted = plantAnomalies(plan, compileRules(DEFAULT_RULES), DEMO_MERCHANT_SEED);
const work = planDemoWork(plan, planted, DEMO_MERCHANT_SEED);
const merchant = (key: string) => plan.merchants.find((m) => m.key === key)!;

describe('the demo merchants’ work', () => {
  it('is the same for the same plan and seed', () => {
    assert.equal(JSON.stringify(planDemoWork(plan, planted, DEMO_MERCHANT_SEED)), JSON.stringify(work));
  });

  it('plans risk cases at every step, each approved by someone who neither investigated nor proposed', () => {
    const stages = work.cases.map(caseStage);
    assert.deepEqual(Object.fromEntries(['closed', 'investigate', 'proposeActions', 'approve'].map((s) => [s, stages.filter((x) => x === s).length])), { closed: 4, investigate: 2, proposeActions: 1, approve: 1 });
    for (const c of work.cases) {
      const approval = c.steps.find((s) => s.element === 'approve');
      if (approval) assert.ok(!c.steps.some((s) => s.element !== 'approve' && s.by === approval.by), c.description);
    }
    const suspension = work.cases.find((c) => c.steps.some((s) => s.variables.suspend === true))!;
    assert.equal(suspension.steps.at(-1)!.by, 'ops', 'a suspension is operations management’s to approve');
    const rectification = work.cases.find((c) => c.kind === 'rectification')!;
    assert.deepEqual([merchant(rectification.key).status, rectification.alertRule, rectification.steps[1]!.variables.liftControls], ['restricted', null, ['settlementDelay']]);
    assert.equal(new Set(work.cases.map((c) => c.key)).size, work.cases.length, 'one case a merchant');
  });

  it('opens cases from planted alerts only where the rule keeps another open alert on the board', () => {
    const fromAlerts = work.cases.filter((c) => c.alertRule);
    assert.ok(fromAlerts.length >= 3, `${fromAlerts.length} from alerts`);
    for (const c of fromAlerts) {
      assert.ok(planted.some((p) => p.key === c.key && p.rule === c.alertRule), `${c.key} ${c.alertRule}`);
      assert.ok(planted.some((p) => p.rule === c.alertRule && !work.cases.some((o) => o.key === p.key)), `${c.alertRule} keeps an open alert`);
    }
    for (const c of work.cases.filter((x) => x.kind !== 'rectification')) assert.equal(merchant(c.key).status, 'active', c.key);
  });

  it('plans re-reviews that came due on the merchants’ own cycles: completed, overdue at the inspection, not started', () => {
    const by = (outcome: string) => work.reviews.filter((r) => r.outcome === outcome);
    assert.deepEqual([by('completed').length, by('inspection_overdue').length, by('not_started').length], [2, 2, 2]);
    for (const r of work.reviews) {
      assert.equal(lastReviewDue(merchant(r.key), TODAY), r.dueOn, r.key);
      assert.ok(!work.cases.some((c) => c.key === r.key));
    }
    for (const r of by('completed')) assert.ok(r.inspectedOn! > r.dueOn && r.inspectedOn! < TODAY && merchant(r.key).rating === 'medium');
    for (const r of by('inspection_overdue')) assert.ok(r.dueOn <= addDays(TODAY, -24), 'ten working days to inspect are long gone');
    for (const r of by('not_started')) assert.ok(r.dueOn >= addDays(TODAY, -10) && r.dueOn < TODAY);
  });

  it('plans about 25 requests of the last two weeks by merchants the bank serves: terminals and paper for stores, a suspended one asks about its settlement', () => {
    assert.equal(work.requests.length, 25);
    for (const r of work.requests) {
      const m = merchant(r.key);
      assert.ok(['active', 'restricted', 'suspended'].includes(m.status), `${r.key} ${m.status}`);
      if (['terminal_fault', 'paper_roll'].includes(r.kind)) assert.equal(m.application.kind, 'store');
      if (m.status === 'suspended') assert.equal(r.kind, 'settlement_query');
      assert.ok(r.openedAt.toISOString() >= `${addDays(TODAY, -15)}T00:00` && r.openedAt.toISOString() < `${TODAY}T00:00`);
    }
    assert.deepEqual([...new Set(work.requests.map((r) => r.kind))].sort(), ['chargeback_help', 'paper_roll', 'settlement_query', 'terminal_fault', 'training']);
    assert.ok(work.requests.some((r) => merchant(r.key).application.tier !== 'standard'), 'the regions’ key merchants ask too');
  });
});

describe('the demo requests’ instants', () => {
  // weekends off, 09:00–17:00 (China): no holidays loaded
  const calendar = createBusinessCalendar({});
  const now = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 in China
  const LIMITS: Record<string, TimeLimit> = { terminal_fault: { amount: 8, unit: 'workingHours' }, paper_roll: { amount: 3, unit: 'workingDays' }, settlement_query: { amount: 3, unit: 'workingDays' }, chargeback_help: { amount: 7, unit: 'workingDays' }, training: { amount: 10, unit: 'workingDays' } };
  const limitsOf = (i: number): RequestLimits => ({ response: { amount: 2, unit: 'workingHours' }, resolution: LIMITS[work.requests[i]!.kind]! });
  const events = scheduleRequests(work.requests, limitsOf, calendar, now);

  it('opens, answers and resolves each request in that order, all before now', () => {
    assert.ok(events.every((e, i) => e.at < now && (i === 0 || events[i - 1]!.at <= e.at)));
    for (const [index, r] of work.requests.entries()) {
      const steps = events.filter((e) => e.index === index).map((e) => e.step);
      assert.deepEqual(steps, { open: ['open'], responded: ['open', 'respond'], resolved: ['open', 'respond', 'resolve'] }[r.state], `${index} ${r.kind}`);
    }
  });

  it('leaves the requests meant to be so at risk or breached now', () => {
    for (const [index, r] of work.requests.entries()) {
      if (!r.target) continue;
      const opened = events.find((e) => e.index === index && e.step === 'open')!.at;
      const limit = limitsOf(index).resolution;
      assert.equal(slaOf(calendar, limit.unit, opened, dueDate(calendar, opened, limit), now).state, r.target, `${index} ${r.kind} opened ${opened.toISOString()}`);
    }
    assert.deepEqual(work.requests.map((r) => r.target).filter(Boolean).sort(), ['at_risk', 'at_risk', 'breached', 'breached']);
  });
});
