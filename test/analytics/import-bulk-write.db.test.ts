import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { uploadLog } from './support.ts';

// The import's bulk write (COPY on PostgreSQL, unnest batches on PGlite), through the upload a user
// makes: values that COPY's text format must escape, logs longer than one write, a file that breaks
// after thousands of events were sent, and deleting a log.

const MAPPING = { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time', resourceColumn: 'who' };

/** `rows` rows of 10 cases in turn, one minute apart from 2026-01-05 09:00 UTC; row `n` is activity `A<n>`. */
function csv(rows: number, broken?: number): string {
  const lines = ['case,activity,time,who'];
  for (let n = 0; n < rows; n++) {
    const time = new Date(Date.UTC(2026, 0, 5, 9) + n * 60_000).toISOString();
    lines.push(n === broken ? `c${n % 10},A${n},not a time,ann` : `c${n % 10},A${n},${time},ann`);
  }
  return lines.join('\n');
}

await describeEachDatabase('Event-log import: the bulk write', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  const upload = (fields: Record<string, string>, name: string, content: string) => uploadLog(app, ops, fields, { name, type: 'text/plain', content: Buffer.from(content) });
  const events = (logId: string) => app.deps.db.selectFrom('mining_event').selectAll().where('log_id', '=', logId).orderBy('seq').execute();
  type Row = Awaited<ReturnType<typeof events>>[number];
  const eventCount = async () => Number((await app.deps.db.selectFrom('mining_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('keeps tabs, line breaks, backslashes, quotes and non-Latin text as they were, typed XES attributes with their types', async () => {
    const xes = `<log>
      <trace><string key="concept:name" value="case\t1\\x"/><string key="branch" value="上海"/>
        <event><string key="concept:name" value="say &quot;hi&quot;&#10;twice"/><string key="org:resource" value="C:\\users\\ann"/>
          <date key="time:timestamp" value="2026-01-05T10:00:00.250+08:00"/><int key="amount" value="-7"/><float key="rate" value="0.5"/><boolean key="vip" value="true"/>
          <string key="note" value="tab\there\\n, not a newline"/><container key="address"><string key="city" value="Köln"/></container>
        </event>
        <event><string key="concept:name" value="B"/></event>
      </trace>
    </log>`;
    const imported = await upload({}, 'awkward.xes', xes);
    assert.equal(imported.statusCode, 201, imported.body);
    const [{ log_id: _, ...first }, second] = (await events(imported.json().id)) as [Row, Row];
    assert.deepEqual(first, {
      seq: 0,
      case_id: 'case\t1\\x',
      activity: 'say "hi"\ntwice',
      lifecycle: null,
      at: new Date('2026-01-05T02:00:00.250Z'),
      resource: 'C:\\users\\ann',
      attributes: { amount: -7, rate: 0.5, vip: true, note: 'tab\there\\n, not a newline', address: { city: 'Köln' }, 'case:branch': '上海' },
    });
    // an event with nothing but its name: no time, no resource, only the case's attribute
    assert.deepEqual([second.seq, second.activity, second.at, second.resource, second.attributes], [1, 'B', null, null, { 'case:branch': '上海' }]);
  });

  it('writes a log longer than one write in file order, and counts its cases', async () => {
    const imported = await upload({ ...MAPPING }, 'long.csv', csv(45_000));
    assert.equal(imported.statusCode, 201, imported.body);
    assert.deepEqual({ cases: imported.json().cases, events: imported.json().events }, { cases: 10, events: 45_000 });
    const rows = await events(imported.json().id);
    assert.equal(rows.length, 45_000);
    assert.ok(rows.every((r, n) => r.seq === n && r.activity === `A${n}` && r.case_id === `c${n % 10}`), 'row n of the file is event n');
    assert.equal(rows[44_999]!.at?.toISOString(), '2026-02-05T14:59:00.000Z'); // 44,999 min = 31 days + 5 h 59 min after 2026-01-05 09:00
    assert.equal(rows[0]!.attributes, null, 'no attributes are stored as null, not {}');
  });

  it('a file that breaks after 40,000 events writes nothing, names the line, and the next import works', async () => {
    const before = await eventCount();
    const broken = problem(await upload({ ...MAPPING }, 'broken.csv', csv(45_000, 40_000)));
    assert.equal(broken.status, 400);
    assert.match(broken.errors?.[0]?.message ?? '', /"not a time" in "time" is not a timestamp .*\(line 40002\)/);
    assert.equal(await eventCount(), before, 'not one event of the broken file was kept');
    const next = await upload({ ...MAPPING }, 'small.csv', csv(3));
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(next.json().events, 3);
  });

  it('deleting a log deletes its events, and only its own', async () => {
    const [a, b] = [await upload({ ...MAPPING }, 'a.csv', csv(5)), await upload({ ...MAPPING }, 'b.csv', csv(7))];
    assert.equal((await ops.request('DELETE', `/api/v1/event-logs/${a.json().id}`)).statusCode, 204);
    assert.equal((await events(a.json().id)).length, 0);
    assert.equal((await events(b.json().id)).length, 7);
  });
});
