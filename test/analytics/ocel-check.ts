import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// An OCEL 2.0 document checked against the schema written from the specification
// (ocel-2.0.schema.json), and for what a schema cannot say.

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
const validate = addFormats(new Ajv({ allErrors: true })).compile(JSON.parse(fs.readFileSync(path.resolve('test/analytics/ocel-2.0.schema.json'), 'utf8')));

export type Ocel = {
  eventTypes: { name: string; attributes: { name: string; type: string }[] }[];
  objectTypes: { name: string; attributes: { name: string; type: string }[] }[];
  events: { id: string; type: string; time: string; attributes: { name: string; value: unknown }[]; relationships: { objectId: string; qualifier: string }[] }[];
  objects: { id: string; type: string; attributes: { name: string; time: string; value: unknown }[]; relationships: { objectId: string; qualifier: string }[] }[];
};

/** What the schema cannot say: every relationship names an object of the log, every type is declared, every value has its declared type. */
export function checkConsistent(doc: Ocel): void {
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
