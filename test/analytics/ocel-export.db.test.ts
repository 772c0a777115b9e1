import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { customerId, WANG } from '../services/support.ts';
import { uploadLog } from './support.ts';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
const validate = addFormats(new Ajv({ allErrors: true })).compile(JSON.parse(fs.readFileSync(path.resolve('test/analytics/ocel-2.0.schema.json'), 'utf8')));

type Ocel = {
  eventTypes: { name: string; attributes: { name: string; type: string }[] }[];
  objectTypes: { name: string; attributes: { name: string; type: string }[] }[];
  events: { id: string; type: string; time: string; attributes: { name: string; value: unknown }[]; relationships: { objectId: string; qualifier: string }[] }[];
  objects: { id: string; type: string; attributes: { name: string; time: string; value: unknown }[]; relationships: { objectId: string; qualifier: string }[] }[];
};

/** What the schema cannot say: every relationship names an object of the log, every type is declared, every value has its declared type. */
function checkConsistent(doc: Ocel): void {
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
  const objects = new Set(doc.objects.map((o) => o.id));
  assert.equal(objects.size, doc.objects.length, 'object ids are unique');
  assert.equal(new Set(doc.events.map((e) => e.id)).size, doc.events.length, 'event ids are unique');
  const declared = (types: Ocel['eventTypes']) => new Map(types.map((t) => [t.name, new Map(t.attributes.map((a) => [a.name, a.type]))]));
  const [eventTypes, objectTypes] = [declared(doc.eventTypes), declared(doc.objectTypes)];
  const matches = (type: string | undefined, value: unknown) =>
    type === 'string' ? typeof value === 'string' : type === 'integer' ? Number.isInteger(value) : type === 'float' ? typeof value === 'number' : type === 'boolean' ? typeof value === 'boolean' : type === 'time' ? typeof value === 'string' && !Number.isNaN(Date.parse(value)) : false;
  for (const e of doc.events) {
    assert.ok(eventTypes.has(e.type), `event type ${e.type} declared`);
    for (const a of e.attributes) assert.ok(matches(eventTypes.get(e.type)!.get(a.name), a.value), `${e.type}.${a.name} = ${JSON.stringify(a.value)}`);
    for (const r of e.relationships) assert.ok(objects.has(r.objectId), `event ${e.id} → ${r.objectId}`);
  }
  for (const o of doc.objects) {
    assert.ok(objectTypes.has(o.type), `object type ${o.type} declared`);
    for (const a of o.attributes) assert.ok(matches(objectTypes.get(o.type)!.get(a.name), a.value), `${o.type}.${a.name} = ${JSON.stringify(a.value)}`);
    for (const r of o.relationships) assert.ok(objects.has(r.objectId), `object ${o.id} → ${r.objectId}`);
  }
}

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
