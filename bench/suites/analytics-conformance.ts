import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { conformance } from '../../src/analytics/conformance/conformance.service.ts';
import { fitness, replayer } from '../../src/analytics/conformance/token-replay.ts';
import { toWorkflowNet } from '../../src/analytics/conformance/workflow-net.ts';
import { readXes } from '../../src/analytics/import/xes-reader.ts';
import type { App } from '../../src/app.ts';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { compileBpmn } from '../../src/engine/model/bpmn-compile.ts';
import { deployResources } from '../../src/engine/process.service.ts';
import { signIn } from '../bench-app.ts';
import type { BenchRow } from '../bench-suite.ts';
import { median } from '../measure.ts';
import { ANALYTICS_ROWS } from '../report.ts';

/*
 * Conformance checking on the analytics suite's generated log (1.2 M events, 31,509 cases, 40
 * variants): token replay of the imported log against the model the generator follows, deployed
 * as BPMN below, on PostgreSQL through the service (one SQL statement groups the cases into
 * variants; each variant is replayed once) — next to a baseline in the same run: the parsed events
 * grouped by case in memory and every trace replayed, no variant cache. Both must give the same
 * token counts, and fitness 1 (the generator only writes traces the model allows).
 */

export const CONFORMANCE_ROWS = { postgres: ANALYTICS_ROWS.conformancePostgres, memory: ANALYTICS_ROWS.conformanceMemory } as const;

const RUNS = 3;
const PROCESS_KEY = 'loanApplication';

/**
 * The process of bench/suites/analytics.ts's `trace()`: register, check completeness, rounds of
 * missing documents, verify, credit bureau, assess; rounds of review with clarification, a final
 * review, an optional senior review, decide; then a rejection, or an offer sent, customer calls,
 * and a signed offer with disbursement or a cancellation; close.
 */
export const LOAN_APPLICATION_BPMN = bpmn(PROCESS_KEY, `
    <bpmn:startEvent id="start"/>
    <bpmn:task id="register" name="Register application"/>
    <bpmn:task id="complete" name="Check completeness"/>
    <bpmn:exclusiveGateway id="docsMerge"/><bpmn:exclusiveGateway id="docsMissing"/>
    <bpmn:task id="requestDocs" name="Request missing documents"/>
    <bpmn:task id="receiveDocs" name="Receive missing documents"/>
    <bpmn:task id="verify" name="Verify identity"/>
    <bpmn:task id="bureau" name="Check credit bureau"/>
    <bpmn:task id="assess" name="Assess risk"/>
    <bpmn:exclusiveGateway id="reviewMerge"/>
    <bpmn:task id="review" name="Review application"/>
    <bpmn:exclusiveGateway id="unclear"/>
    <bpmn:task id="requestClarification" name="Request clarification"/>
    <bpmn:task id="receiveClarification" name="Receive clarification"/>
    <bpmn:task id="update" name="Update application"/>
    <bpmn:exclusiveGateway id="needsSenior"/><bpmn:task id="senior" name="Senior review"/><bpmn:exclusiveGateway id="reviewed"/>
    <bpmn:task id="decide" name="Decide"/>
    <bpmn:exclusiveGateway id="outcome"/>
    <bpmn:task id="notify" name="Notify rejection"/>
    <bpmn:task id="prepare" name="Prepare offer"/>
    <bpmn:task id="send" name="Send offer"/>
    <bpmn:exclusiveGateway id="callMerge"/><bpmn:exclusiveGateway id="answer"/>
    <bpmn:task id="call" name="Call customer"/>
    <bpmn:task id="signed" name="Receive signed offer"/>
    <bpmn:task id="disburse" name="Disburse funds"/>
    <bpmn:task id="cancel" name="Cancel offer"/>
    <bpmn:exclusiveGateway id="closeMerge"/>
    <bpmn:task id="close" name="Close case"/>
    <bpmn:endEvent id="end"/>
${flows(
    'start->register', 'register->complete', 'complete->docsMerge', 'docsMerge->docsMissing', 'docsMissing->requestDocs', 'requestDocs->receiveDocs', 'receiveDocs->docsMerge', 'docsMissing->verify',
    'verify->bureau', 'bureau->assess', 'assess->reviewMerge', 'reviewMerge->review', 'review->unclear', 'unclear->requestClarification', 'requestClarification->receiveClarification',
    'receiveClarification->update', 'update->reviewMerge', 'unclear->needsSenior', 'needsSenior->senior', 'needsSenior->reviewed', 'senior->reviewed', 'reviewed->decide', 'decide->outcome',
    'outcome->notify', 'notify->closeMerge', 'outcome->prepare', 'prepare->send', 'send->callMerge', 'callMerge->answer', 'answer->call', 'call->callMerge', 'answer->signed', 'signed->disburse',
    'disburse->closeMerge', 'answer->cancel', 'cancel->closeMerge', 'closeMerge->close', 'close->end',
  )}`);

/**
 * The conformance rows for the imported generated log (`logId`, on the app's PostgreSQL) and its
 * file: deploys LOAN_APPLICATION_BPMN, then `conformance()` (median of RUNS after `analyze`), then
 * the in-memory baseline over the parsed file. Throws if the two disagree or the log does not fit.
 */
export async function conformanceRows(app: App, logId: string, file: string, expected: { cases: number; events: number }): Promise<BenchRow[]> {
  const ctx = await signIn(app, 'ops');
  await deployResources(app.engine, ctx, { name: 'bench loan applications', resources: [{ name: 'loan-application.bpmn', content: LOAN_APPLICATION_BPMN }], duplicateFiltering: true, source: 'bench' });
  await sql`analyze mining_event`.execute(app.deps.db);
  const times: number[] = [];
  let answer: Awaited<ReturnType<typeof conformance>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    answer = await conformance(app.deps, logId, { processKey: PROCESS_KEY });
    times.push(performance.now() - t0);
  }
  const a = answer!;
  if (a.cases !== expected.cases || a.fitness !== 1 || a.fittingCases !== a.cases) throw new Error(`conformance answered ${a.cases} cases, fitness ${a.fitness}, ${a.fittingCases} fitting; the generated log has ${expected.cases} cases, all following the model`);
  const mid = median(times);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const row: BenchRow = {
    name: CONFORMANCE_ROWS.postgres,
    instancesPerSecond: expected.events / (mid / 1000),
    operation: 'event',
    p50Ms: mid,
    notes: `events/s; p50 = median of ${RUNS} runs of conformance(): ${s(mid)} s (runs ${times.map(s).join(', ')} s); fitness ${a.fitness}, ${a.cases.toLocaleString('en')} cases, ${a.produced.toLocaleString('en')} tokens produced`,
  };
  return [row, await memoryRow(file, expected, a)];
}

/** Every trace of the file replayed one by one (the parse untimed; grouping by case and replay timed), checked against the service's counts. */
async function memoryRow(file: string, expected: { cases: number; events: number }, answer: { produced: number; consumed: number; missing: number; remaining: number }): Promise<BenchRow> {
  const caseIds: string[] = [];
  const activities: string[] = [];
  const interned = new Map<string, string>();
  for await (const e of readXes(fs.createReadStream(file))) {
    if (e.lifecycle !== null && e.lifecycle.toLowerCase() !== 'complete') continue;
    let shared = interned.get(e.activity);
    if (shared === undefined) interned.set(e.activity, (shared = e.activity));
    caseIds.push(e.caseId);
    activities.push(shared);
  }
  const compiled = await compileBpmn(LOAN_APPLICATION_BPMN);
  if (!compiled.ok) throw new Error(`the bench model does not compile: ${JSON.stringify(compiled.problems)}`);
  const net = toWorkflowNet(compiled.value.processes[0]!);
  const times: number[] = [];
  let totals = { produced: 0, consumed: 0, missing: 0, remaining: 0, cases: 0 };
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const traces = new Map<string, string[]>();
    for (let i = 0; i < caseIds.length; i++) {
      const trace = traces.get(caseIds[i]!);
      if (trace) trace.push(activities[i]!);
      else traces.set(caseIds[i]!, [activities[i]!]);
    }
    const replay = replayer(net);
    totals = { produced: 0, consumed: 0, missing: 0, remaining: 0, cases: traces.size };
    for (const trace of traces.values()) {
      const r = replay(trace);
      totals.produced += r.produced;
      totals.consumed += r.consumed;
      totals.missing += r.missing;
      totals.remaining += r.remaining;
    }
    times.push(performance.now() - t0);
  }
  const same = (['produced', 'consumed', 'missing', 'remaining'] as const).every((k) => totals[k] === answer[k]);
  if (!same || totals.cases !== expected.cases) throw new Error(`the in-memory replay counts ${JSON.stringify(totals)}, the service ${JSON.stringify(answer)}`);
  const mid = median(times);
  return {
    name: CONFORMANCE_ROWS.memory,
    instancesPerSecond: caseIds.length / (mid / 1000),
    operation: 'event',
    p50Ms: mid,
    notes: `events/s; p50 = median of ${RUNS} runs: ${(mid / 1000).toFixed(2)} s (group by case + replay of ${totals.cases.toLocaleString('en')} traces, no variant cache; runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s); fitness ${fitness(totals)}; token counts equal PostgreSQL's`,
  };
}

