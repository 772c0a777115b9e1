import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCsv, type CsvMapping } from './csv-reader.ts';
import { LogFormatError } from './log-event.ts';
import { chunked, collect } from './test-helpers.ts';

const MAPPING: CsvMapping = { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time', resourceColumn: 'who' };

async function refused(csv: string, mapping: CsvMapping, message: RegExp, line: number | null) {
  await assert.rejects(collect(readCsv(chunked(csv, 3), mapping)), (error) => {
    assert.ok(error instanceof LogFormatError, String(error));
    assert.match(error.message, message);
    assert.equal(error.line, line);
    return true;
  });
}

describe('readCsv', () => {
  test('quoted fields keep commas, doubled quotes and line breaks; BOM and CRLF; other columns become attributes', async () => {
    const csv = '\uFEFFcase,activity,time,who,note,amount\r\n'
      + '"c,1","say ""hi""",2024-01-01T10:00:00+01:00,ann,"two\r\nlines",12\r\n'
      + 'c2,Check,2024-01-01 10:00,,,\r\n'
      + '\r\n'
      + 'c2,Close,2024-01-02 11:30:15.250,bob,"",7'; // no final line break
    const expected = [
      { caseId: 'c,1', activity: 'say "hi"', lifecycle: null, timestamp: new Date('2024-01-01T09:00:00Z'), resource: 'ann', attributes: { note: 'two\r\nlines', amount: '12' } },
      { caseId: 'c2', activity: 'Check', lifecycle: null, timestamp: new Date('2024-01-01T10:00:00Z'), resource: null, attributes: {} },
      { caseId: 'c2', activity: 'Close', lifecycle: null, timestamp: new Date('2024-01-02T11:30:15.250Z'), resource: 'bob', attributes: { amount: '7' } },
    ];
    for (const size of [1, 2, 5, 4096]) assert.deepEqual(await collect(readCsv(chunked(csv, size), MAPPING)), expected);
  });

  test('LF line ends, another delimiter, a lifecycle column, and a time without zone read as UTC', async () => {
    const csv = 'case;activity;time;state\nc1;A;2024-06-01 08:00;start\nc1;A;2024-06-01 08:05:30;complete\n';
    const events = await collect(readCsv(chunked(csv, 7), { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time', lifecycleColumn: 'state', delimiter: ';' }));
    assert.deepEqual(events.map((e) => [e.lifecycle, e.timestamp?.toISOString()]), [['start', '2024-06-01T08:00:00.000Z'], ['complete', '2024-06-01T08:05:30.000Z']]);
    const tabbed = await collect(readCsv(chunked('case\tactivity\ttime\nc\tA\t2024-06-01T08:00:00Z\n', 4), { ...MAPPING, resourceColumn: undefined, delimiter: '\\t' }));
    assert.equal(tabbed[0]!.activity, 'A');
  });

  test('a mapped column missing from the header is refused by name', async () => {
    await refused('case,activity,when\nc,A,2024-01-01 10:00\n', MAPPING, /The column "time" is not in the header/, 1);
    await refused('case,activity,time\nc,A,2024-01-01 10:00\n', MAPPING, /The column "who" is not in the header/, 1);
    await refused('', MAPPING, /no header row/, 1);
  });

  test('a bad timestamp, an empty case or activity, a ragged row, an open quote: refused with the line', async () => {
    const head = 'case,activity,time,who\nc1,A,2024-01-01 10:00,ann\nc1,"B\nstill B",2024-01-01 11:00,ann\n';
    await refused(`${head}c1,C,01/02/2024 10:00,ann\n`, MAPPING, /"01\/02\/2024 10:00" in "time" is not a timestamp/, 5);
    await refused(`${head}c1,C,2024-13-01 10:00,ann\n`, MAPPING, /is not a timestamp/, 5);
    await refused(`${head}c1,C,,ann\n`, MAPPING, /"" in "time" is not a timestamp/, 5);
    await refused(`${head},C,2024-01-01 10:00,ann\n`, MAPPING, /case id \("case"\) is empty/, 5);
    await refused(`${head}c1, ,2024-01-01 10:00,ann\n`, MAPPING, /activity \("activity"\) is empty/, 5);
    await refused(`${head}c1,C,2024-01-01 10:00\n`, MAPPING, /3 fields, the header 4/, 5);
    await refused(`${head}c1,"C,2024-01-01 10:00,ann\n`, MAPPING, /quoted field is never closed/, 5);
    await refused(`${head}c1,"C"x,2024-01-01 10:00,ann\n`, MAPPING, /after a closing quote/, 5);
  });
});
