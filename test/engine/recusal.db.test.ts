import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { DEMO_PASSWORD } from '../../src/platform/demo/demo-bank.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

/** A review that the people named in `involved` may not take, and an assigned step that names one. */
const REVIEW_BPMN = bpmn('recusalReview', `
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="teller,supervisor" banklane:excludedUsers="\${involved}"/>
    <bpmn:userTask id="followUp" name="Follow up" camunda:assignee="\${owner}" banklane:excludedUsers="\${involved}"/>
    <bpmn:endEvent id="done"/>
${flows('start->review', 'review->followUp', 'followUp->done')}`);

await describeEachDatabase('Recusal (回避) on engine tasks', (kind) => {
  let app: TestApp;
  let ops: Client;
  let teller: Client;
  let supervisor: Client;
  before(async () => {
    app = await startTestApp(kind);
    [ops, teller, supervisor] = (await Promise.all(['ops', 'teller1', 'supervisor'].map((u) => loginAs(app.http, u)))) as [Client, Client, Client];
    const deployed = await ops.post('/api/v1/deployments', { name: 'recusal', resources: [{ name: 'review.bpmn', content: REVIEW_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
  });
  after(async () => app?.stop());

  const start = async (variables: Record<string, unknown>) => {
    const started = await teller.post('/api/v1/process-instances', { processKey: 'recusalReview', variables });
    assert.equal(started.statusCode, 201, started.body);
    const id = started.json().id as string;
    return { id, task: (await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0] as { id: string; excludedUsers: string[] } };
  };

  it('keeps an excluded user off the task through every API, and leaves it to the others', async () => {
    const { task } = await start({ involved: ['teller1'], owner: 'supervisor' });
    assert.deepEqual(task.excludedUsers, ['teller1']);
    assert.ok(!(await teller.get('/api/v1/tasks?mine=true')).json().items.some((t: { id: string }) => t.id === task.id), 'not in their worklist');
    const next = await teller.post('/api/v1/work/next');
    assert.ok(next.statusCode === 204 || next.json().id !== task.id, 'get next work passes it by');
    assert.match(problem(await teller.post(`/api/v1/tasks/${task.id}/claim`)).type, /recused$/);
    assert.match(problem(await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).type, /recused$/);
    const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
    const camunda = (username: string, url: string, body: unknown) => app.http.inject({ method: 'POST', url: `/engine-rest${url}`, headers: { authorization: basic(username), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.equal((await camunda('teller1', `/task/${task.id}/claim`, { userId: 'teller1' })).statusCode, 403);
    assert.equal((await camunda('ops', `/task/${task.id}/claim`, { userId: 'teller1' })).statusCode, 403, 'a process manager cannot delegate it to them either');
    assert.equal((await camunda('ops', `/task/${task.id}/complete`, {})).statusCode, 204, 'someone else completes it');
  });

  it('hands an absent colleague\'s task back to its candidates rather than to someone excluded', async () => {
    const { task } = await start({ involved: ['teller1'], owner: 'supervisor' });
    assert.equal((await supervisor.post(`/api/v1/tasks/${task.id}/claim`)).statusCode, 200);
    const moved = await ops.post('/api/v1/work/reassign', { from: 'supervisor', to: 'teller1' });
    assert.equal(moved.statusCode, 200, moved.body);
    const after = (await ops.get(`/api/v1/tasks/${task.id}`)).json();
    assert.equal(after.assignee, null);
  });

  it('stops with an incident instead of assigning the task to an excluded user', async () => {
    const { id, task } = await start({ involved: ['supervisor'], owner: 'supervisor' });
    assert.equal((await teller.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).statusCode, 200);
    assert.equal((await teller.get(`/api/v1/tasks?instanceId=${id}`)).json().items.length, 0, 'no task for the excluded assignee');
    const incidents = (await ops.get(`/api/v1/incidents?instanceId=${id}`)).json().items;
    assert.equal(incidents.length, 1);
    assert.match(incidents[0].message, /supervisor is excluded from this task \(recusal\)/);
  });
});
