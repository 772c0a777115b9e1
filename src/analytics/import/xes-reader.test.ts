import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { LogFormatError, type LogHeader } from './log-event.ts';
import { chunked, collect } from './test-helpers.ts';
import { readXes } from './xes-reader.ts';

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a hand-written log -->
<log xes.version="2.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="trace"><string key="concept:name" value="__INVALID__"/></global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <string key="org:resource" value="nobody"/>
    <int key="priority" value="3"/>
  </global>
  <classifier name="Activity" keys="concept:name lifecycle:transition"/>
  <string key="concept:name" value="Loans &amp; cards"/>
  <trace>
    <string key="concept:name" value="c1"/>
    <string key="variant" value="v1"/>
    <event>
      <string key="concept:name" value="A -&gt; B > C"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/>
      <string key="org:resource" value="Zoë"/>
      <int key="amount" value="-42"/>
      <float key="rate" value="1.5E2"/>
      <boolean key="ok" value="true"/>
      <id key="ref" value="0b0f4c1e"/>
      <date key="due" value="2024-03-02T00:00:00Z"/>
      <list key="tags"><values><string key="tag" value="x"/><int key="n" value="2"/></values></list>
      <container key="address"><string key="city" value="Köln"/><container key="geo"><float key="lat" value="50.94"/></container></container>
      <string key="note" value="with a meta-attribute"><string key="meta" value="dropped"/></string>
    </event>
    <event><string key="concept:name" value="C"/><string key="org:resource" value="ann"/></event>
  </trace>
  <trace><string key="concept:name" value="c2"/><event><string key="concept:name" value="A"/></event></trace>
</log>
`;

/** A log with one trace; `body` goes where the trace's content would. */
const log = (body: string) => `<?xml version="1.0"?>\n<log>\n<trace>\n${body}\n</trace>\n</log>\n`;

async function refused(xml: string | Buffer, message: RegExp, line: number | null) {
  await assert.rejects(collect(readXes(chunked(xml, 5))), (error) => {
    assert.ok(error instanceof LogFormatError, String(error));
    assert.match(error.message, message);
    assert.equal(error.line, line);
    return true;
  });
}

describe('readXes', () => {
  test('typed attributes, nested list and container, event globals, trace attributes under case:', async () => {
    const headers: LogHeader[] = [];
    const events = await collect(readXes(chunked(SAMPLE, 4096), { onHeader: (h) => headers.push(h) }));
    assert.equal(headers.length, 1);
    assert.deepEqual(headers[0], {
      name: 'Loans & cards',
      attributes: {},
      extensions: [{ name: 'Concept', prefix: 'concept', uri: 'http://www.xes-standard.org/concept.xesext' }],
      classifiers: [{ name: 'Activity', keys: 'concept:name lifecycle:transition' }],
    });
    assert.deepEqual(events[0], {
      caseId: 'c1',
      activity: 'A -> B > C',
      lifecycle: 'complete',
      timestamp: new Date('2024-03-01T09:00:00Z'),
      resource: 'Zoë',
      attributes: {
        amount: -42, rate: 150, ok: true, ref: '0b0f4c1e', due: '2024-03-02T00:00:00.000Z',
        tags: ['x', 2], address: { city: 'Köln', geo: { lat: 50.94 } }, note: 'with a meta-attribute',
        priority: 3, 'case:variant': 'v1',
      },
    });
    // The second event lacks org:resource and priority: the event globals fill them in.
    assert.deepEqual(events[1], { caseId: 'c1', activity: 'C', lifecycle: null, timestamp: null, resource: 'ann', attributes: { priority: 3, 'case:variant': 'v1' } });
    assert.deepEqual(events.map((e) => [e.caseId, e.activity, e.resource]), [['c1', 'A -> B > C', 'Zoë'], ['c1', 'C', 'ann'], ['c2', 'A', 'nobody']]);
  });

  test('reads the same whatever the chunk boundaries (through tags, quotes and UTF-8 characters)', async () => {
    const whole = await collect(readXes(chunked(SAMPLE, 1 << 20)));
    for (const size of [1, 3, 7, 64]) assert.deepEqual(await collect(readXes(chunked(SAMPLE, size))), whole);
  });

  test('a gzipped file reads the same as the plain one, and the options may be just onHeader', async () => {
    let name: string | null = null;
    const gz = await collect(readXes(chunked(gzipSync(SAMPLE), 100), (h) => (name = h.name)));
    assert.deepEqual(gz, await collect(readXes(chunked(SAMPLE, 100))));
    assert.equal(name, 'Loans & cards');
  });

  test('maxBytes stops an inflate that grows past it (a gzip bomb)', async () => {
    const bomb = gzipSync(`<log>${' '.repeat(64 * 1024 * 1024)}</log>`);
    assert.ok(bomb.length < 200_000);
    await assert.rejects(collect(readXes(chunked(bomb, 1024), { maxBytes: 1024 * 1024 })), (e) => e instanceof LogFormatError && /larger than 1048576 bytes/.test(e.message));
    await assert.rejects(collect(readXes(chunked(SAMPLE, 64), { maxBytes: 100 })), LogFormatError);
  });

  test('a tag that never ends is refused once it passes 4 MiB, rather than held in memory', async () => {
    const endless = `<log>\n<trace>\n<string key="note" value="${'x'.repeat(5 * 1024 * 1024)}`;
    await assert.rejects(collect(readXes(chunked(endless, 256 * 1024))), (e) => e instanceof LogFormatError && /^A tag longer than 4194304 characters$/.test(e.message) && e.line === 3);
  });

  test('a DOCTYPE or an entity declaration is refused', async () => {
    await refused('<?xml version="1.0"?>\n<!DOCTYPE log [\n<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<log>&x;</log>', /^DOCTYPE and entities are not accepted$/, 2);
    await refused('<log>\n<!ENTITY lol "lol">\n</log>', /^DOCTYPE and entities are not accepted$/, 2);
  });

  test('malformed XML is refused with its line', async () => {
    await refused(log('<string key="concept:name" value="c"/>\n<event>\n</evnt>'), /^Malformed XML: closing tag mismatch/, 6);
    await refused(log('<string key="concept:name" value="c/>'), /^Malformed XML/, 4);
    await refused('<log>\n<trace>\n', /^Malformed XML: unexpected end of file/, 3);
    await refused('not xml at all', /^Malformed XML: missing start tag/, 1);
    await refused('<process/>', /^Not an XES log/, 1);
    await refused(gzipSync(SAMPLE).subarray(0, 300), /gzip data is damaged/, null);
  });

  test('a trace or an event without concept:name, or a bad value, is refused with its line', async () => {
    await refused(log('<event><string key="concept:name" value="a"/></event>'), /^A trace has no concept:name$/, 5);
    // The event global "__INVALID__" is a placeholder and does not name the event.
    await refused(`<log>\n<global scope="event"><string key="concept:name" value="__INVALID__"/></global>\n<trace>\n<string key="concept:name" value="c"/>\n<event>\n<int key="n" value="1"/>\n</event>\n</trace>\n</log>`, /^An event has no concept:name$/, 7);
    await refused(log('<string key="concept:name" value="c"/>\n<event>\n<string key="concept:name" value="a"/>\n<date key="time:timestamp" value="2024-02-30T10:00:00Z"/>\n</event>'), /time:timestamp: "2024-02-30T10:00:00Z" is not an ISO 8601 date/, 7);
    await refused(log('<string key="concept:name" value="c"/>\n<event>\n<string key="concept:name" value="a"/>\n<string key="time:timestamp" value="yesterday"/>\n</event>'), /time:timestamp "yesterday"/, 8);
    await refused(log('<string key="concept:name" value="c"/>\n<event><int key="n" value="1.5"/></event>'), /n: "1.5" is not an integer/, 5);
  });
});
