import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import { bank, complete, decisionsOf, endedAt, taskAt } from '../../services/processes/process-test-support.ts';
import { describeDiagram } from '../../services/processes/diagram-checks.ts';

// merchantReview on the memory engine, with merchant-decisions.dmn as its decision service and a
// stub for `merchantReviewRecord`: the inspection goes to the merchant manager, the rating runs
// again on what it found, and the record step sees the new rating. The sweep that starts reviews
// and what the record step writes are tested through the API (test/merchants/reviews.db.test.ts).

const text = fs.readFileSync(new URL('merchant-review.bpmn', import.meta.url), 'utf8');
const compiled = await compileBpmn(text);
if (!compiled.ok) throw new Error(`merchant-review.bpmn is refused: ${JSON.stringify(compiled.problems)}`);
const model = compiled.value.processes.find((p) => p.id === 'merchantReview')!;
const decide = await decisionsOf(new URL('merchant-decisions.dmn', import.meta.url));

/** A store rated low at onboarding, as the sweep starts its review. */
const DUE = { merchantId: 'm1', merchantCode: 'MCH000001', merchantKind: 'store', region: '110108', mcc: '5411', scale: 'small', reviewId: 'r1', dueOn: '2027-11-20', ratingBefore: 'low', listHits: 0, annualRevenue: 3_000_000, yearsInBusiness: 6, creditRecord: 'good' };
const INSPECTION = { inspectionFindings: 'none', addressConfirmed: true, inspectionChecklist: { premises: true }, inspectionPhotos: 3, inspectionLocation: '39.98,116.31', inspectionNote: null };

function review(start: Record<string, unknown> = {}) {
  const { engine } = bank({}, decide);
  engine.deploy(model);
  const seen: Record<string, unknown>[] = [];
  engine.handlers.set('merchantReviewRecord', (variables) => {
    seen.push(variables);
  });
  const id = engine.start('merchantReview', { ...DUE, ...start }, { businessKey: DUE.merchantCode });
  return { engine, id, seen };
}

describe('merchantReview (merchant-review.bpmn)', () => {
  it('compiles without warnings; the inspection goes to the merchant manager within ten working days, its answers checked', () => {
    assert.deepEqual([...compiled.value.warnings, ...compiled.value.unsupported], []);
    for (const node of Object.values(model.nodes)) assert.match(`${node.name} ${node.lane}`, /^\P{ASCII}.* \/ [A-Z].* \P{ASCII}.* \/ [A-Z]/u, node.id);
    const inspection = model.nodes.inspection!.task!;
    assert.deepEqual([inspection.dueDate?.kind === 'literal' ? inspection.dueDate.text : null, inspection.workingTime], ['P10D', true]);
    const { engine, id } = review();
    const t = taskAt(engine, id, 'inspection');
    assert.deepEqual([t.candidateGroups, t.gates], [['merchant_manager'], ['merchantReviewInspection']]);
  });

  const outcomes: [label: string, start: Record<string, unknown>, inspection: Record<string, unknown>, rating: string][] = [
    ['nothing found at a low-risk store', {}, {}, 'low'],
    ['minor findings', {}, { inspectionFindings: 'minor' }, 'medium'],
    ['major findings', {}, { inspectionFindings: 'major', addressConfirmed: false }, 'high'],
    ['listed since it was last rated', { listHits: 1 }, {}, 'high'],
    ['no earlier rating inputs (revenue, years, credit unknown)', { annualRevenue: null, yearsInBusiness: null, creditRecord: null }, {}, 'medium'],
  ];
  for (const [label, start, inspection, rating] of outcomes) {
    it(`${label}: rated ${rating}, recorded, reviewed`, () => {
      const { engine, id, seen } = review(start);
      complete(engine, id, 'inspection', { ...INSPECTION, ...inspection }, 'mm1');
      assert.equal(seen.length, 1);
      assert.deepEqual([seen[0]!.riskRating, seen[0]!.reviewId, seen[0]!.inspectionFindings], [rating, 'r1', inspection.inspectionFindings ?? 'none']);
      assert.equal(endedAt(engine, id), 'reviewed');
    });
  }
});

describeDiagram('merchant-review.bpmn', text, model, ['participant_merchantReview', 'laneMerchantManager', 'laneSystem']);
