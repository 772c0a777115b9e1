import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { readCsv } from './csv-reader.ts';
import type { LogEvent, LogHeader } from './log-event.ts';
import { collect } from './test-helpers.ts';
import { readXes } from './xes-reader.ts';

// Real logs from ../shared/data/logs: the 4TU "Receipt phase" log (gzipped) and Fluxicon's
// running example, which also ships as a CSV export of the same events.

const logs = path.resolve('../shared/data/logs');
const sequence = (events: LogEvent[]) => events.map((e) => `${e.caseId} | ${e.activity} | ${e.timestamp?.toISOString()}`);

describe('event-log readers on real files', () => {
  test('receipt.xes.gz streams to 1,434 cases and 8,577 events, with its header', async () => {
    let header: LogHeader | null = null;
    let headerCalls = 0;
    const events = await collect(readXes(fs.createReadStream(path.join(logs, 'receipt.xes.gz')), { onHeader: (h) => ((header = h), headerCalls++) }));
    assert.equal(events.length, 8577);
    assert.equal(new Set(events.map((e) => e.caseId)).size, 1434);
    assert.equal(headerCalls, 1);
    const h = header as unknown as LogHeader;
    assert.match(h.name ?? '', /^Receipt phase of an environmental permit application process/);
    assert.equal(h.extensions.length, 11);
    assert.deepEqual(h.extensions.find((x) => x.prefix === 'lifecycle'), { name: 'Lifecycle', prefix: 'lifecycle', uri: 'http://www.xes-standard.org/lifecycle.xesext' });
    assert.deepEqual(h.classifiers[0], { name: 'Activity classifier', keys: 'concept:name lifecycle:transition' });
    assert.equal(h.attributes['meta_3TU:log_type'], 'Real-life');
    assert.ok(events.every((e) => e.timestamp instanceof Date && e.lifecycle !== null && !('concept:name' in e.attributes)));
    assert.equal(typeof events[0]!.attributes['case:channel'], 'string');
  });

  test('batches() gives the same events as reading them one by one, in groups', async () => {
    const file = () => fs.createReadStream(path.join(logs, 'receipt.xes.gz'));
    const batches = await collect(readXes(file()).batches());
    assert.ok(batches.length > 1 && batches.every((b) => b.length > 0), `${batches.length} batches`);
    assert.deepEqual(batches.flat(), await collect(readXes(file())));
    const mapping = { caseColumn: 'case:concept:name', activityColumn: 'concept:name', timestampColumn: 'time:timestamp' };
    const csv = () => fs.createReadStream(path.join(logs, 'running-example.csv'));
    assert.deepEqual((await collect(readCsv(csv(), mapping).batches())).flat(), await collect(readCsv(csv(), mapping)));
  });

  test('running-example.xes and running-example.csv read to the same cases and (case, activity, time) sequence', async () => {
    const xes = await collect(readXes(fs.createReadStream(path.join(logs, 'running-example.xes'))));
    const csv = await collect(readCsv(fs.createReadStream(path.join(logs, 'running-example.csv')), {
      caseColumn: 'case:concept:name',
      activityColumn: 'concept:name',
      timestampColumn: 'time:timestamp',
      resourceColumn: 'org:resource',
    }));
    assert.equal(xes.length, 42);
    assert.deepEqual([...new Set(csv.map((e) => e.caseId))], [...new Set(xes.map((e) => e.caseId))]);
    assert.deepEqual(sequence(csv), sequence(xes));
    assert.deepEqual(csv.map((e) => e.resource), xes.map((e) => e.resource));
    assert.equal(csv[0]!.attributes.Costs, xes[0]!.attributes.Costs);
  });
});
