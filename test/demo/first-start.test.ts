import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

// `npm start` as a newcomer runs it: a first start on an empty embedded database answers /healthz
// at once, writes its demo history in the background with a bar on the terminal, and the next
// start finds the history done.

const root = path.resolve(import.meta.dirname, '../..');

/** A free TCP port on this machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type Node = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startNode(dataDir: string, port: number, days: number): Node {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANKLANE_DATA_DIR: dataDir, BANKLANE_DEMO_HISTORY_DAYS: String(days), LOG_LEVEL: 'info', DATABASE_URL: '', BANKLANE_DEMO: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // off a terminal, the bar is a log line every tenth of the way
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null) return;
  node.child.kill('SIGTERM');
  const killed = setTimeout(() => node.child.kill('SIGKILL'), 20_000);
  await node.exited;
  clearTimeout(killed);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it answers something, or fails after `seconds`. */
async function within<T>(seconds: number, what: string, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + seconds * 1000;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await sleep(200);
  }
}

describe('First start of the demo', () => {
  let dataDir: string;
  let port: number;
  let node: Node | undefined;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'banklane-first-start-'));
    port = await freePort();
  });
  after(async () => {
    await stopNode(node);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  const signIn = async () => {
    const r = await fetch(url('/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ops', password: 'banklane-demo' }) });
    return r.status === 200 ? ((await r.json()) as { token: string }).token : undefined;
  };
  const historyState = async (token: string) => {
    const r = await fetch(url('/api/v1/demo/history'), { headers: { authorization: `Bearer ${token}` } });
    return (await r.json()) as { state: string; days: number; daysDone: number };
  };

  it('answers /healthz within 15 s, serves while it writes two days of history, and shows the bar', async () => {
    const started = performance.now();
    node = startNode(dataDir, port, 2);
    await within(15, '/healthz', async () => ((await fetch(url('/healthz'))).status === 200 ? true : undefined));
    const healthyAfter = (performance.now() - started) / 1000;
    assert.ok(healthyAfter < 15, `healthy after ${healthyAfter.toFixed(1)} s`);
    // before it is ready, the rest says so in a problem, and asks to retry
    const early = await fetch(url('/api/v1/cases'), { headers: { 'accept-language': 'zh-CN' } });
    if (early.status === 503) {
      assert.equal(early.headers.get('retry-after'), '5');
      assert.match(((await early.json()) as { detail: string }).detail, /正在启动/);
    }
    const token = await within(120, 'sign-in', signIn);
    const done = await within(300, 'the history', async () => {
      const h = await historyState(token);
      return h.state === 'done' ? h : undefined;
    });
    assert.deepEqual([done.days, done.daysDone], [2, 2]);
    // the log is written asynchronously: on a busy machine its last line may follow the state by a moment
    await within(15, 'the bar at its end', async () => (/Demo history \[#+\] 2\/2 days/.test(node!.output()) ? true : undefined));
    const summary = (await (await fetch(url('/api/v1/event-logs/engine/summary'), { headers: { authorization: `Bearer ${token}` } })).json()) as { cases: number };
    assert.ok(summary.cases > 0, 'the mining page has cases from the first start');
    await stopNode(node);
  });

  it('the next start reuses the history: done at once, nothing written again', async () => {
    await stopNode(node); // the first start, should its test have stopped short: one node on the data directory
    node = startNode(dataDir, port, 2);
    const token = await within(120, 'sign-in', signIn);
    const h = await historyState(token);
    assert.deepEqual([h.state, h.daysDone], ['done', 2]);
    await sleep(1000);
    assert.doesNotMatch(node.output(), /Demo history \[/, 'no second bar');
  });
});
