import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import { bpmn, flows } from '../../engine/model/bpmn-fixture.ts';
import type { ProcessModel } from '../../engine/model/process-model.ts';
import type { Distribution } from './distributions.ts';
import { defaultParameters, outline, type ModelOutline, type SimulationParameters } from './simulation-model.ts';
import { simulate, type RunOutcome, type SimulationRun } from './simulator.ts';

/* Models and a runner for the simulator's tests. */

export async function modelOf(xml: string): Promise<ProcessModel> {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(`model refused: ${JSON.stringify(compiled.problems)}`);
  return compiled.value.processes[0]!;
}

export const minutes = (m: number): Distribution => ({ kind: 'fixed', value: m * 60 });

/** Simulates `model` with the default parameters changed by `changes`. */
export function run(model: ProcessModel | ModelOutline, changes: Partial<SimulationParameters>, options: Partial<Omit<SimulationRun, 'outline' | 'parameters'>> = {}): RunOutcome {
  const o = 'starts' in model ? model : outline(model);
  const base = defaultParameters(o).parameters;
  const parameters: SimulationParameters = {
    ...base,
    ...changes,
    durations: { ...base.durations, ...changes.durations },
    branchProbabilities: { ...base.branchProbabilities, ...changes.branchProbabilities },
    pools: { ...base.pools, ...changes.pools },
  };
  return simulate({ outline: o, parameters, cases: 1000, warmUpCases: 0, seed: 1, startAt: Date.UTC(2026, 2, 2), maxSimulatedMs: 100 * 365 * 86_400_000, wallClockMs: 60_000, ...options });
}

/** One reviewer pool working one task: a single-server queue. */
export const SINGLE_QUEUE_BPMN = bpmn('queue', `
    <bpmn:startEvent id="s"/>
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="reviewer"/>
    <bpmn:endEvent id="e"/>
${flows('s->review', 'review->e')}`);

/**
 * A loan application: registered automatically, reviewed by the Reviewers lane, approved or
 * rejected; an approved loan's offer is prepared and signed by clerks while a credit check runs,
 * then paid out; a rejected one is notified after a cooling-off timer.
 */
export const LOAN_BPMN = bpmn('loan', `
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="lane_review" name="Reviewers"><bpmn:flowNodeRef>review</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="s" name="Application received"/>
    <bpmn:serviceTask id="register" name="Register application" camunda:type="external" camunda:topic="register"/>
    <bpmn:userTask id="review" name="Review application"/>
    <bpmn:exclusiveGateway id="decision" name="Approved?"/>
    <bpmn:userTask id="offer" name="Prepare offer" camunda:candidateGroups="clerk"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:userTask id="sign" name="Sign contract" camunda:candidateGroups="clerk"/>
    <bpmn:serviceTask id="credit" name="Credit check" camunda:type="external" camunda:topic="credit"/>
    <bpmn:parallelGateway id="joined"/>
    <bpmn:serviceTask id="payout" name="Pay out" camunda:type="external" camunda:topic="payout"/>
    <bpmn:endEvent id="paid" name="Paid out"/>
    <bpmn:intermediateCatchEvent id="cooling" name="Cooling-off"><bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sendTask id="notify" name="Notify rejection" camunda:type="external" camunda:topic="notify"/>
    <bpmn:endEvent id="rejected" name="Rejected"/>
${flows('s->register', 'register->review', 'review->decision', 'decision->offer:${approved}', 'decision->cooling:${!approved}', 'offer->fork', 'fork->sign', 'fork->credit', 'sign->joined', 'credit->joined', 'joined->payout', 'payout->paid', 'cooling->notify', 'notify->rejected')}`);
