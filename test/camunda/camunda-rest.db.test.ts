import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { APPROVAL_DMN, TRANSFER_BPMN } from '../engine/fixtures.ts';

const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

function multipart(fields: Record<string, string>, files: { name: string; content: string }[]): { payload: string; contentType: string } {
  const boundary = '----banklane-test-boundary';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ...files.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`),
  ];
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A Camunda REST client with HTTP Basic credentials. */
function camunda(app: TestApp, username: string, password = 'banklane-demo') {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    app.http.inject({ method, url: `/engine-rest${url}`, headers: { authorization, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { payload: JSON.stringify(body) }) });
  return { call, authorization };
}

function camundaError(response: LightMyRequestResponse, status: number, type?: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.headers['content-type'], 'application/json');
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['message', 'type']);
  if (type) assert.equal(body.type, type);
  return body as { type: string; message: string };
}

await describeEachDatabase('Camunda 7 REST compatibility', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind);
  });
  after(async () => app?.stop());

  it('answers /engine and /version, and refuses calls without Basic credentials as Camunda does', async () => {
    assert.deepEqual((await app.http.inject({ url: '/engine-rest/engine' })).json(), [{ name: 'default' }]);
    assert.match((await app.http.inject({ url: '/engine-rest/version' })).json().version, /^7\./);
    const anonymous = await app.http.inject({ url: '/engine-rest/task' });
    camundaError(anonymous, 401);
    assert.match(String(anonymous.headers['www-authenticate']), /Basic/);
    camundaError(await camunda(app, 'admin', 'wrong-password-1').call('GET', '/task'), 401);
  });

  it('deploys by multipart with duplicate filtering, and lists definitions as ProcessDefinitionDto', async () => {
    const ops = camunda(app, 'ops');
    const form = multipart({ 'deployment-name': 'transfers', 'enable-duplicate-filtering': 'true' }, [{ name: 'transfer.bpmn', content: TRANSFER_BPMN }, { name: 'approval.dmn', content: APPROVAL_DMN }]);
    const deployed = await app.http.inject({ method: 'POST', url: '/engine-rest/deployment/create', headers: { authorization: ops.authorization, 'content-type': form.contentType }, payload: form.payload });
    assert.equal(deployed.statusCode, 200, deployed.body);
    const body = deployed.json();
    assert.equal(body.name, 'transfers');
    assert.match(body.deploymentTime, CAMUNDA_DATE);
    const defs = Object.values(body.deployedProcessDefinitions) as { key: string; version: number }[];
    assert.deepEqual(defs.map((d) => [d.key, d.version]), [['largeTransfer', 1]]);
    const again = await app.http.inject({ method: 'POST', url: '/engine-rest/deployment/create', headers: { authorization: ops.authorization, 'content-type': form.contentType }, payload: form.payload });
    assert.equal(again.json().deployedProcessDefinitions, null, 'nothing new with duplicate filtering');

    const list = (await ops.call('GET', '/process-definition?key=largeTransfer&latestVersion=true')).json();
    assert.equal(list.length, 1);
    for (const field of ['id', 'key', 'category', 'description', 'name', 'version', 'resource', 'deploymentId', 'diagram', 'suspended', 'tenantId', 'versionTag', 'historyTimeToLive', 'startableInTasklist']) assert.ok(field in list[0], field);
    assert.equal((await ops.call('GET', '/process-definition/key/largeTransfer')).json().id, list[0].id);
    assert.match((await ops.call('GET', '/process-definition/key/largeTransfer/xml')).json().bpmn20Xml, /largeTransfer/);
    camundaError(await ops.call('GET', '/process-definition/key/nothing-here'), 404);
  });

  it('starts with typed variables, pages instances, and reads and writes typed variables', async () => {
    const teller = camunda(app, 'teller1');
    const started = await teller.call('POST', '/process-definition/key/largeTransfer/start', { businessKey: 'CAM-1', variables: { amount: { value: 80000, type: 'Integer' }, note: { value: '加急', type: 'String' }, meta: { value: '{"channel":"counter"}', type: 'Json' } } });
    assert.equal(started.statusCode, 200, started.body);
    const instance = started.json();
    assert.deepEqual(Object.keys(instance).sort(), ['businessKey', 'caseInstanceId', 'definitionId', 'ended', 'id', 'links', 'suspended', 'tenantId']);
    assert.equal(instance.ended, false);
    await teller.call('POST', '/process-definition/key/largeTransfer/start', { businessKey: 'CAM-2', variables: { amount: { value: 10, type: 'Integer' } } });
    const page = (await teller.call('GET', '/process-instance?processDefinitionKey=largeTransfer&firstResult=0&maxResults=1')).json();
    assert.equal(page.length, 1);
    const keys = async (order: string) => (await teller.call('GET', `/process-instance?processDefinitionKey=largeTransfer&sortBy=businessKey&sortOrder=${order}`)).json().map((i: { businessKey: string }) => i.businessKey);
    assert.deepEqual(await keys('asc'), ['CAM-1', 'CAM-2']);
    assert.deepEqual(await keys('desc'), ['CAM-2', 'CAM-1']);
    const second = (await teller.call('GET', '/process-instance?processDefinitionKey=largeTransfer&sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=1')).json();
    assert.deepEqual(second.map((i: { businessKey: string }) => i.businessKey), ['CAM-2'], 'paging follows the sort');
    camundaError(await teller.call('GET', '/process-instance?sortBy=businessKey'), 400, 'InvalidRequestException');
    camundaError(await teller.call('GET', '/process-instance?sortBy=shoeSize&sortOrder=asc'), 400, 'InvalidRequestException');
    assert.deepEqual((await teller.call('GET', `/process-instance/${instance.id}/variables/amount`)).json(), { value: 80000, type: 'Integer', valueInfo: {} });
    assert.deepEqual((await teller.call('GET', `/process-instance/${instance.id}/variables/meta`)).json(), { value: '{"channel":"counter"}', type: 'Json', valueInfo: {} });
    camundaError(await teller.call('GET', `/process-instance/${instance.id}/variables/missing`), 404, 'InvalidRequestException');
    const ops = camunda(app, 'ops');
    assert.equal((await ops.call('PUT', `/process-instance/${instance.id}/variables/priority`, { value: 'high', type: 'String' })).statusCode, 204);
    assert.equal((await teller.call('GET', `/process-instance/${instance.id}/variables`)).json().priority.value, 'high');
    camundaError(await teller.call('POST', '/process-definition/key/largeTransfer/start', { variables: { amount: { value: 'lots', type: 'Integer' } } }), 400, 'InvalidRequestException');
  });

  it('works tasks through Camunda\'s task API with Banklane\'s rules: scope, claims and maker-checker', async () => {
    const teller = camunda(app, 'teller1');
    const id = (await teller.call('GET', '/process-instance?businessKey=CAM-1')).json()[0].id;
    const [prepare] = (await teller.call('GET', `/task?processInstanceId=${id}`)).json();
    assert.equal(prepare.taskDefinitionKey, 'prepare');
    assert.match(prepare.created, CAMUNDA_DATE);
    for (const field of ['id', 'name', 'assignee', 'created', 'due', 'followUp', 'delegationState', 'description', 'executionId', 'owner', 'parentTaskId', 'priority', 'processDefinitionId', 'processInstanceId', 'taskDefinitionKey', 'suspended', 'formKey', 'tenantId']) assert.ok(field in prepare, field);
    camundaError(await camunda(app, 'teller2').call('POST', `/task/${prepare.id}/claim`, { userId: 'teller2' }), 403, 'AuthorizationException');
    assert.equal((await teller.call('POST', `/task/${prepare.id}/claim`, { userId: 'teller1' })).statusCode, 204);
    assert.equal((await teller.call('GET', `/task/${prepare.id}`)).json().assignee, 'teller1');
    assert.equal((await teller.call('GET', `/task?assignee=teller1&processInstanceId=${id}`)).json().length, 1);
    assert.equal((await teller.call('GET', `/task/${prepare.id}/form-variables`)).json().amount.type, 'Integer');
    assert.equal((await teller.call('POST', `/task/${prepare.id}/complete`, { variables: { checked: { value: true, type: 'Boolean' } } })).statusCode, 204);
    const [approve] = (await teller.call('GET', `/task?processInstanceId=${id}&taskDefinitionKey=approve`)).json();
    const denied = camundaError(await teller.call('POST', `/task/${approve.id}/complete`, {}), 403, 'AuthorizationException');
    assert.match(denied.message, /maker-checker/);
    assert.equal((await camunda(app, 'supervisor').call('POST', `/task/${approve.id}/complete`, {})).statusCode, 204);
  });

  it('correlates messages (400 when nothing waits), evaluates decisions and shows history and incidents in Camunda\'s shapes', async () => {
    const ops = camunda(app, 'ops');
    camundaError(await ops.call('POST', '/message', { messageName: 'transferConfirmed', businessKey: 'NOBODY' }), 400);
    const decision = (await ops.call('POST', '/decision-definition/key/approvalLevel/evaluate', { variables: { amount: { value: 60000, type: 'Integer' } } })).json();
    assert.deepEqual(decision, [{ level: { value: 'supervisor', type: 'String', valueInfo: {} } }]);
    const id = (await ops.call('GET', '/process-instance?businessKey=CAM-1')).json()[0].id;
    const history = (await ops.call('GET', `/history/activity-instance?processInstanceId=${id}`)).json();
    const prepare = history.find((a: { activityId: string }) => a.activityId === 'prepare');
    assert.equal(prepare.activityType, 'userTask');
    assert.match(prepare.endTime, CAMUNDA_DATE);
    assert.equal(prepare.assignee, 'teller1');
    const instances = (await ops.call('GET', '/history/process-instance?businessKey=CAM-1')).json();
    assert.equal(instances[0].state, 'ACTIVE');
    const tasks = (await ops.call('GET', `/history/task?processInstanceId=${id}`)).json();
    assert.deepEqual(tasks.map((t: { taskDefinitionKey: string }) => t.taskDefinitionKey), ['prepare', 'approve']);
    assert.ok(Array.isArray((await ops.call('GET', '/incident')).json()));
    assert.equal((await ops.call('POST', '/signal', { name: 'nobody-listens' })).statusCode, 204);
    assert.equal((await ops.call('DELETE', `/process-instance/${id}`)).statusCode, 204);
    camundaError(await ops.call('GET', `/process-instance/${id}`), 404);
  });
});
