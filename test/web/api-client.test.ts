import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

// The web app's API client against a real HTTP server: a change sent with an Idempotency-Key is
// tried again with the same key when no answer came, and only then.

type Seen = { method: string; key: string | undefined };

describe('Web API client: keyed changes', () => {
  let server: http.Server;
  let seen: Seen[] = [];
  /** What the server does with each request, in turn: drop the connection, or answer a status. */
  let script: ('drop' | number)[] = [];
  let client: typeof import('../../web/src/api/client.ts');
  const realFetch = globalThis.fetch;

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method!, key: req.headers['idempotency-key'] as string | undefined });
      const step = script.shift() ?? 201;
      if (step === 'drop') return req.socket.destroy();
      res.writeHead(step, { 'content-type': step < 300 ? 'application/json' : 'application/problem+json' }).end(JSON.stringify(step < 300 ? { number: 'A001' } : { status: step, title: 'no', detail: 'no' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // the client runs in a page: same-origin paths, a cookie jar
    Object.assign(globalThis, { document: { cookie: 'bl_csrf=t0k' } });
    globalThis.fetch = (input, init) => realFetch(new URL(String(input), origin), init);
    client = await import('../../web/src/api/client.ts');
  });
  after(async () => {
    globalThis.fetch = realFetch;
    await new Promise((resolve) => server.close(resolve));
  });
  const reset = (steps: ('drop' | number)[]) => {
    seen = [];
    script = steps;
  };

  it('tries a keyed change again with the same key after a dropped connection and a gateway error, and returns the answer', async () => {
    reset(['drop', 502, 201]);
    const key = client.newIdempotencyKey();
    assert.match(key, /^[0-9a-f]{32}$/);
    const answer = await client.api.post<{ number: string }>('/queue/branches/BJ-HD/tickets', { category: 'A' }, { idempotencyKey: key });
    assert.equal(answer.number, 'A001');
    assert.deepEqual(seen, [{ method: 'POST', key }, { method: 'POST', key }, { method: 'POST', key }]);
  });

  it('gives up after three attempts with the network error', async () => {
    reset(['drop', 'drop', 'drop', 201]);
    await assert.rejects(client.api.post('/cases', {}, { idempotencyKey: client.newIdempotencyKey() }), (e: unknown) => client.isApiError(e) && e.status === 0);
    assert.equal(seen.length, 3);
  });

  it('does not try again on an answer that would be the same (4xx), nor any change sent without a key', async () => {
    reset([409]);
    await assert.rejects(client.api.post('/cases', {}, { idempotencyKey: client.newIdempotencyKey() }), (e: unknown) => client.isApiError(e) && e.status === 409);
    assert.equal(seen.length, 1);
    reset(['drop', 201]);
    await assert.rejects(client.api.post('/tasks/x/complete', {}), (e: unknown) => client.isApiError(e) && e.status === 0);
    assert.deepEqual(seen, [{ method: 'POST', key: undefined }], 'without a key a lost answer is not sent again');
  });

  it('makes a new key each time', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => client.newIdempotencyKey()));
    assert.equal(keys.size, 1000);
  });
});
