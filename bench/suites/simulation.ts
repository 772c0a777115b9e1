import { performance } from 'node:perf_hooks';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { figures } from '../../src/analytics/simulation/results.ts';
import { defaultParameters, outline } from '../../src/analytics/simulation/simulation-model.ts';
import { simulate } from '../../src/analytics/simulation/simulator.ts';
import { modelOf } from '../../src/analytics/simulation/test-fixtures.ts';
import type { BenchRow, BenchSuite } from '../bench-suite.ts';
import { median } from '../measure.ts';

/*
 * The what-if simulator: 10,000 cases (plus 1,000 warm-up) of a 10-activity process with three
 * pools, an exclusive and a parallel split — the first run in the process (cold) and the median
 * of five more.
 */

export const simulationSuite: BenchSuite = {
  name: 'simulation',
  async run(): Promise<BenchRow[]> {
    const user = (id: string, pool: string) => `<bpmn:userTask id="${id}" camunda:candidateGroups="${pool}"/>`;
    const auto = (id: string) => `<bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${id}"/>`;
      const model = await modelOf(bpmn('tenSteps', `
      <bpmn:startEvent id="s"/>${user('a1', 'front')}${auto('a2')}<bpmn:exclusiveGateway id="x"/>${user('a3', 'back')}${user('a4', 'back')}<bpmn:exclusiveGateway id="m"/>
      <bpmn:parallelGateway id="fork"/>${user('a5', 'check')}${auto('a6')}<bpmn:parallelGateway id="join"/>${user('a7', 'front')}${auto('a8')}${user('a9', 'check')}${auto('a10')}<bpmn:endEvent id="e"/>
      ${flows('s->a1', 'a1->a2', 'a2->x', 'x->a3:${p}', 'x->a4:${!p}', 'a3->m', 'a4->m', 'm->fork', 'fork->a5', 'fork->a6', 'a5->join', 'a6->join', 'join->a7', 'a7->a8', 'a8->a9', 'a9->a10', 'a10->e')}`));
    const o = outline(model);
    const parameters = defaultParameters(o).parameters;
    parameters.arrivalsPerHour = 10;
    for (const id of ['a1', 'a3', 'a4', 'a5', 'a7', 'a9']) parameters.durations[id] = { kind: 'lognormal', mean: 600, sd: 300 };
    for (const id of ['a2', 'a6', 'a8', 'a10']) parameters.durations[id] = { kind: 'exponential', mean: 60 };
    parameters.pools = { front: { size: 4, calendar: '24x7' }, back: { size: 2, calendar: '24x7' }, check: { size: 4, calendar: '24x7' } };

    const times: number[] = [];
    let last: ReturnType<typeof figures> | null = null;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const outcome = simulate({ outline: o, parameters, cases: 10_000, warmUpCases: 1000, seed: i + 1, startAt: Date.UTC(2026, 2, 2), maxSimulatedMs: 3650 * 86_400_000, wallClockMs: 60_000 });
      last = figures(outcome);
      times.push(performance.now() - t);
    }
    const warm = median(times.slice(1));
    const notes = `10,000 cases of a 10-activity process (3 pools, XOR and AND splits); mean cycle time ${last!.cycleTime.meanSeconds} s; utilisation ${last!.pools.map((p) => `${p.name} ${p.utilisation}`).join(', ')}`;
    return [
      { name: 'what-if simulation, first run', instancesPerSecond: 10_000 / (times[0]! / 1000), operation: 'simulated case', notes: `${notes}; ${times[0]!.toFixed(0)} ms` },
      { name: 'what-if simulation, warm (median of 5)', instancesPerSecond: 10_000 / (warm / 1000), operation: 'simulated case', notes: `${warm.toFixed(0)} ms` },
    ];
  },
};
