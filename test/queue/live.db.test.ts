import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { anonymous, loginAs, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { callNext, counter, OPEN_AT, serve, take } from './support.ts';

type Event = { id: number; type: string; data: Record<string, unknown> };

/** Follows a branch's event stream over real HTTP until `until` says stop (or 5 s pass); returns the events seen. */
async function follow(base: string, branch: string, lastEventId: number | null, until: (events: Event[]) => boolean): Promise<Event[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5000);
  const events: Event[] = [];
  try {
    const response = await fetch(`${base}/api/v1/public/queue/branches/${branch}/events`, { headers: lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }, signal: abort.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.id) events.push({ id: Number(fields.id), type: fields.event!, data: JSON.parse(fields.data!) });
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

await describeEachDatabase('Counter queue: live board events', (kind) => {
  let app: TestApp;
  let base: string;
  let teller: Client;
  const now = OPEN_AT;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    teller = await loginAs(app.http, 'teller1');
  });
  after(async () => app?.stop());

  it('streams the calls to the board, and a board reconnecting with Last-Event-ID gets every event it missed, in order, once', async () => {
    const kiosk = anonymous(app.http);
    const c1 = await counter(teller, 'BJ-HD', 1);
    await teller.post(`/api/v1/queue/counters/${c1}/sign-in`);
    const start = (await kiosk.get('/api/v1/public/queue/branches/BJ-HD')).json().seq as number;
    const watching = follow(base, 'BJ-HD', start, (events) => events.some((e) => e.type === 'called'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t = await take(kiosk, 'BJ-HD', { category: 'A' });
    const called = await callNext(teller, c1);
    const seen = await watching;
    assert.deepEqual(seen.map((e) => e.type), ['issued', 'called']);
    assert.deepEqual({ number: seen[1]!.data.number, counter: seen[1]!.data.counter }, { number: t.number, counter: 1 });
    // the board is offline while service goes on and three more customers come
    await serve(teller, c1, called!.id);
    for (let i = 0; i < 3; i++) await take(kiosk, 'BJ-HD', { category: 'B' });
    const resumed = await follow(base, 'BJ-HD', seen.at(-1)!.id, (events) => events.length >= 5);
    assert.deepEqual(resumed.map((e) => e.type), ['serving', 'done', 'issued', 'issued', 'issued']);
    assert.deepEqual(resumed.map((e) => e.id), [1, 2, 3, 4, 5].map((n) => seen.at(-1)!.id + n), 'consecutive: nothing missed, nothing twice');
    assert.deepEqual((resumed.at(-1)!.data.waiting as Record<string, number>).B, 3);
  });
});

// Two nodes on one PostgreSQL: what only a real server can show (PGlite has one connection, one process).
const postgres = (await testDatabaseKinds()).find((k) => k.kind === 'postgres');
describe('Counter queue on two nodes [postgres]', { skip: postgres?.skip ?? 'no PostgreSQL' }, () => {
  let one: TestApp;
  let two: TestApp;
  let base: string;
  before(async () => {
    one = await startTestApp('postgres', {}, undefined, () => new Date(OPEN_AT));
    two = await startTestApp('postgres', { demo: false }, one.testDb, () => new Date(OPEN_AT));
    await two.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(two.http.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await two?.stop();
    await one?.stop();
  });

  it('never hands one ticket to two counters calling at the same moment on different nodes', async () => {
    const kiosk = anonymous(one.http);
    const tellerOne = await loginAs(one.http, 'teller1');
    const supervisorTwo = await loginAs(two.http, 'supervisor');
    const c1 = await counter(tellerOne, 'BJ-HD', 1);
    const c2 = await counter(supervisorTwo, 'BJ-HD', 2);
    await tellerOne.post(`/api/v1/queue/counters/${c1}/sign-in`);
    await supervisorTwo.post(`/api/v1/queue/counters/${c2}/sign-in`);
    const issued = [];
    for (let i = 0; i < 30; i++) issued.push((await take(kiosk, 'BJ-HD', { category: 'A' })).number);
    const got: string[] = [];
    for (let round = 0; round < 15; round++) {
      const [a, b] = await Promise.all([callNext(tellerOne, c1), callNext(supervisorTwo, c2)]);
      assert.ok(a && b, 'both counters got a ticket');
      assert.notEqual(a.number, b.number);
      got.push(a.number, b.number);
      await Promise.all([serve(tellerOne, c1, a.id), serve(supervisorTwo, c2, b.id)]);
    }
    assert.deepEqual([...got].sort(), [...issued].sort(), 'every ticket called exactly once');
  });

  it('tells a board on one node what happens on the other (LISTEN/NOTIFY)', async () => {
    const kiosk = anonymous(one.http);
    const start = (await anonymous(two.http).get('/api/v1/public/queue/branches/SH-PD')).json().seq as number;
    const watching = follow(base, 'SH-PD', start, (events) => events.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const first = await take(kiosk, 'SH-PD', { category: 'B' });
    const second = await take(kiosk, 'SH-PD', { category: 'A' });
    const seen = await watching;
    assert.deepEqual(seen.map((e) => e.data.number), [first.number, second.number]);
  });
});
