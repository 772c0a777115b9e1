import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, WANG } from '../services/support.ts';
import { checkConsistent, type Ocel } from './ocel-check.ts';
import { uploadLog } from './support.ts';

await describeEachDatabase('Event logs as OCEL 2.0', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  it('exports an imported log: each event related to its case and its resource, attributes typed', async () => {
    const csv = fs.readFileSync(path.resolve('../shared/data/logs/running-example.csv'));
    const imported = await uploadLog(app, ops, { caseColumn: 'case:concept:name', activityColumn: 'concept:name', timestampColumn: 'time:timestamp', resourceColumn: 'org:resource' }, { name: 'running-example.csv', type: 'text/csv', content: csv });
    assert.equal(imported.statusCode, 201, imported.body);
    const res = await ops.get(`/api/v1/event-logs/${imported.json().id}/export?format=ocel`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['content-disposition']), /\.ocel\.json/);
    const doc = res.json() as Ocel;
    checkConsistent(doc);
    assert.equal(doc.events.length, 42);
    const cases = doc.objects.filter((o) => o.type === 'case');
    assert.equal(cases.length, 6);
    // the running example's resources (Pete, Mike, Ellen, Sara, Sue, Sean) as staff
    assert.deepEqual(doc.objects.filter((o) => o.type === 'staff').map((o) => o.id).sort(), ['staff:Ellen', 'staff:Mike', 'staff:Pete', 'staff:Sara', 'staff:Sean', 'staff:Sue']);
    assert.deepEqual(doc.eventTypes.map((t) => t.name), ['check ticket', 'decide', 'examine casually', 'examine thoroughly', 'pay compensation', 'register request', 'reinitiate request', 'reject request']);
    // the CSV's other columns stay with the event; its case: columns go to the case
    const register = doc.events.find((e) => e.type === 'register request')!;
    assert.deepEqual(register.relationships.map((r) => r.qualifier).sort(), ['case', 'resource']);
    assert.ok(register.attributes.some((a) => a.name === 'Costs' && a.value === '50'), JSON.stringify(register));
    assert.ok(cases.every((c) => c.attributes.some((a) => a.name === 'creator' && a.value === 'Fluxicon Nitro')), JSON.stringify(cases[0]));
  });

  it("exports Banklane's own log with cases, customers and branches, and no personal data", async () => {
    const teller = await loginAs(app.http, 'teller1');
    const opened = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter' });
    assert.equal(opened.statusCode, 201, opened.body);
    const res = await ops.get('/api/v1/event-logs/engine/export?format=ocel');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as Ocel;
    checkConsistent(doc);
    const theCase = doc.objects.find((o) => o.id === `case:${opened.json().ref}`);
    assert.ok(theCase, 'the case is an object');
    const related = new Set(theCase.relationships.map((r) => r.qualifier));
    assert.ok(related.has('for customer') && related.has('handled at'), JSON.stringify(theCase));
    const customer = doc.objects.find((o) => o.id === theCase.relationships.find((r) => r.qualifier === 'for customer')!.objectId)!;
    assert.deepEqual(customer.attributes.map((a) => a.name).sort(), ['kind', 'segment']);
    assert.ok(doc.events.some((e) => e.relationships.some((r) => r.objectId === theCase.id)), 'its events point at it');
    assert.ok(doc.objects.some((o) => o.type === 'branch' && o.id === 'branch:BJ-HD'));
    assert.ok(!res.body.includes(WANG.idNumber) && !res.body.includes(WANG.phone), 'no ID number or phone in the export');
    assert.equal(problem(await ops.get('/api/v1/event-logs/engine/export?format=pdf')).status, 400);
    assert.equal((await (await loginAs(app.http, 'teller1')).get('/api/v1/event-logs/engine/export?format=ocel')).statusCode, 403);
  });
});
