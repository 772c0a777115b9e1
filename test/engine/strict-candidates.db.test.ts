import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { compileBpmn } from '../../src/engine/model/bpmn-compile.ts';
import { bpmn, flows } from '../../src/engine/model/bpmn-fixture.ts';
import { DEMO_PASSWORD } from '../../src/platform/demo/demo-bank.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

// Strict candidates (banklane.strictCandidates): an approval whose candidates an authority
// decides is claimed and completed by its candidates only. A process manager (ops, who holds
// process.manage) still sees it, hands it to a candidate and takes it back, but can neither take
// it nor give the approval — through the native API or /engine-rest — while a task not marked
// strict stays theirs to work as before.

/** An approval the authority gives to supervisors (strict), then a filing step offered to them too (not strict). */
const APPROVAL_BPMN = bpmn('strictApproval', `
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="approve" name="Approve" camunda:candidateGroups="\${approverRole}" banklane:strictCandidates="true"/>
    <bpmn:userTask id="file" name="File" camunda:candidateGroups="supervisor"/>
    <bpmn:endEvent id="done"/>
${flows('start->approve', 'approve->file', 'file->done')}`);

await describeEachDatabase('Strict candidates on engine tasks', (kind) => {
  let app: TestApp;
  let ops: Client;
  let teller: Client;
  let supervisor: Client;
  before(async () => {
    app = await startTestApp(kind);
    [ops, teller, supervisor] = (await Promise.all(['ops', 'teller1', 'supervisor'].map((u) => loginAs(app.http, u)))) as [Client, Client, Client];
    const deployed = await ops.post('/api/v1/deployments', { name: 'strict', resources: [{ name: 'approval.bpmn', content: APPROVAL_BPMN }] });
    assert.equal(deployed.statusCode, 201, deployed.body);
  });
  after(async () => app?.stop());

  const start = async () => {
    const started = await teller.post('/api/v1/process-instances', { processKey: 'strictApproval', variables: { approverRole: 'supervisor' } });
    assert.equal(started.statusCode, 201, started.body);
    const id = started.json().id as string;
    return { id, task: (await ops.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0] as { id: string; elementId: string } };
  };
  const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
  const camunda = (username: string, url: string, body: unknown) => app.http.inject({ method: 'POST', url: `/engine-rest${url}`, headers: { authorization: basic(username), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('lets a process manager see the approval but neither claim nor complete it, on any API, saying why in both languages', async () => {
    const { task } = await start();
    assert.equal((await ops.get(`/api/v1/tasks/${task.id}`)).statusCode, 200, 'seen');
    const claimed = problem(await ops.post(`/api/v1/tasks/${task.id}/claim`));
    assert.deepEqual([claimed.status, claimed.type], [403, 'urn:banklane:problem:forbidden']);
    assert.match(claimed.detail, /Only the task's candidates \(supervisor\) may claim or complete it/);
    const zh = await loginAs(app.http, 'ops', undefined, 'zh-CN');
    assert.match(problem(await zh.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).detail, /只能由其候选人（supervisor）签收或办理；流程管理权限不能代替/);
    assert.equal((await camunda('ops', `/task/${task.id}/claim`, {})).statusCode, 403);
    assert.equal((await camunda('ops', `/task/${task.id}/complete`, {})).statusCode, 403);
    assert.equal((await supervisor.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).statusCode, 200, 'a candidate approves');
  });

  it('lets a process manager hand the approval to a candidate only, and take it back', async () => {
    const { task } = await start();
    assert.equal(problem(await ops.post(`/api/v1/tasks/${task.id}/delegate`, { userId: 'teller1' })).status, 403, 'a teller may not approve it');
    assert.equal(problem(await ops.post(`/api/v1/tasks/${task.id}/delegate`, { userId: 'ops' })).status, 403, 'nor may the manager themself');
    assert.equal((await camunda('ops', `/task/${task.id}/claim`, { userId: 'teller1' })).statusCode, 403, 'nor through /engine-rest');
    assert.equal((await ops.post(`/api/v1/tasks/${task.id}/delegate`, { userId: 'supervisor' })).json().assignee, 'supervisor');
    assert.equal(problem(await ops.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).status, 403, 'handed on, still not the manager’s to give');
    assert.equal((await ops.post(`/api/v1/tasks/${task.id}/unclaim`)).json().assignee, null, 'taken back');
    assert.equal(problem(await teller.post(`/api/v1/tasks/${task.id}/claim`)).status, 403, 'not a teller’s either');
  });

  it('hands an absent candidate’s approval back to the candidates rather than to someone who may not approve', async () => {
    const { task } = await start();
    assert.equal((await supervisor.post(`/api/v1/tasks/${task.id}/claim`)).statusCode, 200);
    const moved = await ops.post('/api/v1/work/reassign', { from: 'supervisor', to: 'teller1' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await ops.get(`/api/v1/tasks/${task.id}`)).json().assignee, null);
  });

  it('leaves a task not marked strict to the process manager, as before', async () => {
    const { id, task } = await start();
    assert.equal((await supervisor.post(`/api/v1/tasks/${task.id}/complete`, { variables: {} })).statusCode, 200);
    const file = (await ops.get(`/api/v1/tasks?instanceId=${id}`)).json().items[0] as { id: string; elementId: string };
    assert.equal(file.elementId, 'file');
    assert.equal((await ops.post(`/api/v1/tasks/${file.id}/complete`, { variables: {} })).statusCode, 200);
  });

  it('refuses a model whose strictCandidates is neither true nor false', async () => {
    const refused = problem(await ops.post('/api/v1/deployments', { name: 'bad', resources: [{ name: 'bad.bpmn', content: APPROVAL_BPMN.replace('strictCandidates="true"', 'strictCandidates="yes"') }] }));
    assert.equal(refused.status, 400);
    assert.match(refused.errors!.map((e) => e.message).join('\n'), /approve: banklane.strictCandidates is true or false, not "yes"/);
  });
});

describe('the shipped approvals by authority', () => {
  const shipped: [file: string, strict: string[]][] = [
    ['src/merchants/processes/merchant-risk-case.bpmn', ['approve']],
    ['src/merchants/processes/merchant-onboarding.bpmn', ['approve']],
    ['src/complaints/processes/complaint-handling.bpmn', ['approveDecision']],
    ['src/services/processes/personal-loan-application.bpmn', ['branchApproval', 'regionApproval', 'committeeVote']],
  ];
  for (const [file, strict] of shipped) {
    it(`${file}: ${strict.join(', ')} strict`, async () => {
      const compiled = await compileBpmn(fs.readFileSync(file, 'utf8'));
      assert.ok(compiled.ok);
      const marked = compiled.value.processes.flatMap((p) => Object.values(p.nodes)).filter((n) => n.task?.strictCandidates).map((n) => n.id);
      assert.deepEqual(marked, strict);
    });
  }
});
