import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { COMPENSATION_BPMN, RUNNING_EXAMPLE_MAPPING, SEQUENTIAL_BPMN } from './models.ts';
import { uploadLog } from './support.ts';

const LOGS = path.resolve('../shared/data/logs');

/** A small process the engine runs: a teller receives the application; identity and screening (a sub-process) in parallel; then open or reject. */
const ACCOUNT_BPMN = bpmn('accountOpeningCheck', `
    <bpmn:startEvent id="s" name="Application received"/>
    <bpmn:userTask id="receive" name="Receive application" camunda:candidateGroups="teller"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:task id="identity" name="Check identity"/>
    <bpmn:subProcess id="screening" name="Screening">
      <bpmn:startEvent id="ss"/><bpmn:task id="sanctions" name="Check sanctions list"/><bpmn:endEvent id="se"/>
${flows('ss->sanctions', 'sanctions->se')}
    </bpmn:subProcess>
    <bpmn:parallelGateway id="join"/>
    <bpmn:exclusiveGateway id="approved" default="f_approved_rejection"/>
    <bpmn:task id="open" name="Open account"/>
    <bpmn:task id="rejection" name="Send rejection"/>
    <bpmn:endEvent id="opened"/><bpmn:endEvent id="refused"/>
${flows('s->receive', 'receive->fork', 'fork->identity', 'fork->screening', 'identity->join', 'screening->join', 'join->approved', 'approved->open:${approved}', 'approved->rejection', 'open->opened', 'rejection->refused')}`);

await describeEachDatabase('Conformance checking', (kind) => {
  let app: TestApp;
  let ops: Client;
  let runningExample: string;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
    const deployed = await ops.post('/api/v1/deployments', { name: 'conformance', resources: [{ name: 'compensation.bpmn', content: COMPENSATION_BPMN }, { name: 'sequential.bpmn', content: SEQUENTIAL_BPMN }, { name: 'account.bpmn', content: ACCOUNT_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
    const imported = await uploadLog(app, ops, { name: 'running example', ...RUNNING_EXAMPLE_MAPPING }, { name: 'running-example.csv', type: 'text/csv', content: fs.readFileSync(path.join(LOGS, 'running-example.csv')) });
    assert.equal(imported.statusCode, 201, imported.body);
    runningExample = imported.json().id;
  });
  after(async () => app?.stop());

  it("the running example fits the textbook's model: fitness 1, every case fitting", async () => {
    const answer = await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationRequest`);
    assert.equal(answer.statusCode, 200, answer.body);
    const a = answer.json();
    assert.deepEqual(a.definition, { id: a.definition.id, key: 'compensationRequest', version: 1, name: null });
    assert.deepEqual([a.fitness, a.cases, a.fittingCases, a.missing, a.remaining], [1, 6, 6, 0, 0]);
    assert.equal(a.produced, a.consumed);
    assert.deepEqual([a.unmappedActivities, a.deviations, a.worst], [[], [], []]);
  });

  it('against a model that checks the ticket only after the examination, three cases deviate as worked out by hand', async () => {
    const a = (await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationSequential&version=1`)).json();
    // Counting every transition fired (silent ones too), the source's token and the sink's:
    //  cases 1 (a b d e h) and 6 (a c d e g) fit: 10 transitions, p = c = 11 each; case 3
    //  (a c d e f b d e g) fits: 17 transitions, p = c = 18.
    //  case 2 (a d c e g): check ticket comes before any examination, so its input is created
    //  (m = 1) and the examination's token is left before the merge (r = 1): 9 transitions,
    //  p = c = 10, fitness ½(1 − 1/10) + ½(1 − 1/10) = 0.9. Case 4 (a d b e h) the same.
    //  case 5 (a c d e f d c e f c d e h): the second check ticket comes before its examination:
    //  m = 1, and one examine-casually token stays (r = 1); 23 transitions, p = c = 24, fitness
    //  1 − 1/24 = 0.9583.
    // Sums: p = c = 11 + 10 + 18 + 10 + 24 + 11 = 84, m = r = 3: fitness 1 − 3/84 = 0.9643.
    assert.deepEqual([a.fitness, a.cases, a.fittingCases, a.produced, a.consumed, a.missing, a.remaining], [0.9643, 6, 3, 84, 84, 3, 3]);
    assert.deepEqual(a.deviations, [
      { kind: 'missing', place: 'f_examined_check', after: 'examined', before: 'check ticket', tokens: 3, cases: 3 },
      { kind: 'remaining', place: 'f_casual_examined', after: 'examine casually', before: 'examined', tokens: 2, cases: 2 },
      { kind: 'remaining', place: 'f_thorough_examined', after: 'examine thoroughly', before: 'examined', tokens: 1, cases: 1 },
    ]);
    assert.deepEqual(a.worst.map((w: { caseId: string; fitness: number; missing: number; remaining: number }) => [w.caseId, w.fitness, w.missing, w.remaining]), [['2', 0.9, 1, 1], ['4', 0.9, 1, 1], ['5', 0.9583, 1, 1]]);
    const limited = (await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationSequential&limit=1`)).json();
    assert.deepEqual(limited.worst.map((w: { caseId: string }) => w.caseId), ['2']);
    // filtered as every measure is: only case 2's variant
    const variants: { id: string; activities: string[] }[] = (await ops.get(`/api/v1/event-logs/${runningExample}/variants`)).json().items;
    const secondCase = variants.find((v) => v.activities.join(', ') === 'register request, check ticket, examine casually, decide, pay compensation')!;
    const only = (await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationSequential&variant=${secondCase.id}`)).json();
    assert.deepEqual([only.fitness, only.cases, only.fittingCases, only.missing, only.remaining, only.worst.map((w: { caseId: string }) => w.caseId)], [0.9, 1, 0, 1, 1, ['2']]);
    const refused = problem(await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationSequential&minDuration=10&maxDuration=5`));
    assert.deepEqual(refused.errors?.map((e) => e.field), ['querystring:/maxDuration']);
  });

  it("an activity the model lacks is skipped and named, and the cases holding it do not fit", async () => {
    const csv = ['case,activity,time', 'c1,register request,2026-01-05 09:00', 'c1,call customer,2026-01-05 09:30', 'c1,examine casually,2026-01-05 10:00', 'c1,check ticket,2026-01-05 11:00', 'c1,decide,2026-01-05 12:00', 'c1,pay compensation,2026-01-05 13:00'].join('\n');
    const imported = await uploadLog(app, ops, { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time' }, { name: 'extra.csv', type: 'text/csv', content: Buffer.from(csv) });
    const a = (await ops.get(`/api/v1/event-logs/${imported.json().id}/conformance?processKey=compensationRequest`)).json();
    assert.deepEqual([a.fitness, a.cases, a.fittingCases, a.missing, a.remaining, a.unmappedActivities], [1, 1, 0, 0, 0, ['call customer']]);
    assert.deepEqual(a.deviations, [{ kind: 'notInModel', activity: 'call customer', tokens: 1, cases: 1 }]);
    assert.deepEqual(a.worst.map((w: { caseId: string }) => w.caseId), ['c1']);
  });

  it("the engine's own log fits the process it ran; running cases are left out", async () => {
    const teller = await loginAs(app.http, 'teller1');
    const run = async (businessKey: string, approved: boolean | null) => {
      const started = await teller.post('/api/v1/process-instances', { processKey: 'accountOpeningCheck', businessKey });
      assert.equal(started.statusCode, 201, started.body);
      if (approved === null) return;
      const task = (await teller.get(`/api/v1/tasks?instanceId=${started.json().id}`)).json().items[0];
      assert.equal((await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: { approved } })).statusCode, 200);
    };
    await run('ACC-1', true);
    await run('ACC-2', false);
    await run('ACC-3', null); // still waiting for the teller
    const a = (await ops.get('/api/v1/event-logs/engine/conformance?processKey=accountOpeningCheck')).json();
    assert.deepEqual([a.fitness, a.cases, a.fittingCases, a.missing, a.remaining, a.unmappedActivities, a.deviations], [1, 2, 2, 0, 0, [], []]);
    // the same log against another process: none of its activities are in that model
    const other = (await ops.get('/api/v1/event-logs/engine/conformance?processKey=compensationRequest')).json();
    assert.equal(other.cases, 0, 'the engine log holds no case of that process');
    assert.equal(other.fitness, null);
  });

  it('names the model by definition id; an unknown one is 404, a bad request 400 naming the field', async () => {
    const definitions = (await ops.get('/api/v1/process-definitions?key=compensationRequest')).json().items;
    const byId = (await ops.get(`/api/v1/event-logs/${runningExample}/conformance?definitionId=${encodeURIComponent(definitions[0].id)}`)).json();
    assert.deepEqual([byId.definition.key, byId.fitness], ['compensationRequest', 1]);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${runningExample}/conformance?definitionId=nope`)).status, 404);
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationRequest&version=9`)).status, 404);
    assert.equal(problem(await ops.get('/api/v1/event-logs/nope/conformance?processKey=compensationRequest')).status, 404);
    const cases: [string, string][] = [
      ['', 'querystring:/definitionId'],
      [`definitionId=${encodeURIComponent(definitions[0].id)}&processKey=compensationRequest`, 'querystring:/processKey'],
      [`definitionId=${encodeURIComponent(definitions[0].id)}&version=1`, 'querystring:/version'],
      ['processKey=compensationRequest&version=first', 'querystring:/version'],
      ['processKey=compensationRequest&limit=0', 'querystring:/limit'],
    ];
    for (const [query, field] of cases) {
      const refused = problem(await ops.get(`/api/v1/event-logs/${runningExample}/conformance?${query}`));
      assert.equal(refused.status, 400, query);
      assert.deepEqual(refused.errors!.map((e) => e.field), [field], query);
    }
  });

  it('needs analytics.read', async () => {
    const teller = await loginAs(app.http, 'teller1');
    assert.equal(problem(await teller.get(`/api/v1/event-logs/${runningExample}/conformance?processKey=compensationRequest`)).status, 403);
  });
});
