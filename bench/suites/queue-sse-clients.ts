import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/*
 * The SSE clients of the queue suite (bench/suites/queue.ts), in a child process of their own so
 * that the server's event loop and memory are measured alone: `SseClients` starts and drives the
 * child; run with `CHILD_FLAG`, this file is the child. Plain `node:http`, one connection per
 * client, as display boards have. Over IPC:
 *
 *   parent → { type: 'open', url, clients, lastEventId }   child → { type: 'connected', clients }
 *   parent → { type: 'report', untilSeq }                  child → { type: 'report', clients: ClientReport[] }
 *   parent → { type: 'close' }                             child closes every connection and exits
 *
 * Any failure is sent as { type: 'error', message } and the child exits.
 */

/** A `called` event as one client received it: the ticket number, its event number, and the receipt time (ms since the epoch, `performance.timeOrigin + performance.now()`). */
export type Receipt = [number: string, seq: number, at: number];

/** What one client saw: its `called` events in order, and every gap, repeat or step back in the event numbers. */
export type ClientReport = { called: Receipt[]; lastSeq: number; anomalies: string[] };

type ParentMessage = { type: 'open'; url: string; clients: number; lastEventId: number } | { type: 'report'; untilSeq: number } | { type: 'close' };
type ChildMessage = { type: 'connected'; clients: number } | { type: 'report'; clients: ClientReport[] } | { type: 'error'; message: string };

const CHILD_FLAG = '--sse-clients-child';
/** Connections opened at once: enough to be quick, few enough not to overflow the server's accept backlog. */
const OPENING_AT_ONCE = 50;
/** How long a report waits for every client to reach the last event. */
const REPORT_WAIT_MS = 5000;

/** The clients' child process, driven over IPC; `close` ends it, by force if it hangs. */
export class SseClients {
  private constructor(private readonly child: ChildProcess) {}

  /** `clients` connections to `url`, each resuming after `lastEventId`; resolves once all are answered. */
  static async open(url: string, clients: number, lastEventId: number): Promise<SseClients> {
    const opened = new SseClients(fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    try {
      await opened.ask({ type: 'open', url, clients, lastEventId }, 'connected', 60_000);
      return opened;
    } catch (error) {
      await opened.close();
      throw error;
    }
  }

  /** What every client saw, once each has reached event `untilSeq` (or 5 s have passed). */
  async report(untilSeq: number): Promise<ClientReport[]> {
    return (await this.ask({ type: 'report', untilSeq }, 'report', 30_000)).clients;
  }

  private ask<T extends ChildMessage['type']>(message: ParentMessage, answer: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
    const { child } = this;
    return new Promise((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === 'error') settle(new Error(`the SSE clients failed: ${m.message}`));
        else if (m.type === answer) settle(null, m as Extract<ChildMessage, { type: T }>);
      };
      const onExit = (code: number | null) => settle(new Error(`the SSE clients' process ended (exit code ${code})`));
      const timer = setTimeout(() => settle(new Error(`the SSE clients did not answer "${message.type}" within ${timeoutMs / 1000} s`)), timeoutMs);
      const settle = (error: Error | null, value?: Extract<ChildMessage, { type: T }>) => {
        clearTimeout(timer);
        child.off('message', onMessage).off('exit', onExit);
        if (error) reject(error);
        else resolve(value!);
      };
      child.on('message', onMessage).on('exit', onExit);
      if (!child.connected) return settle(new Error("the SSE clients' process is not running"));
      child.send(message);
    });
  }

  async close(): Promise<void> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.send({ type: 'close' } satisfies ParentMessage);
    const timer = setTimeout(() => child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

// ---- the child ----

type Client = ClientReport & { request: http.ClientRequest; buffer: string };

const clients: Client[] = [];
let closing = false;

function send(message: ChildMessage): void {
  process.send?.(message);
}

function fail(error: unknown): void {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  close();
}

function close(): void {
  closing = true;
  for (const c of clients) c.request.destroy();
  if (process.connected) process.disconnect();
}

/** One client: resolves once the server answered with the event stream. */
function open(url: string, lastEventId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream', 'last-event-id': String(lastEventId) } });
    const client: Client = { request, buffer: '', called: [], lastSeq: lastEventId, anomalies: [] };
    clients.push(client);
    request.on('error', (error) => (closing ? undefined : reject(error)));
    request.on('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the event stream answered ${response.statusCode}`));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => receive(client, chunk, performance.timeOrigin + performance.now()));
      response.on('close', () => {
        if (!closing) client.anomalies.push('the server closed the stream');
      });
      resolve();
    });
  });
}

/** Parses whole SSE messages out of the stream; the chunk's arrival time is each message's receipt time. */
function receive(client: Client, chunk: string, at: number): void {
  client.buffer += chunk;
  let end: number;
  while ((end = client.buffer.indexOf('\n\n')) >= 0) {
    const block = client.buffer.slice(0, end);
    client.buffer = client.buffer.slice(end + 2);
    let id: string | undefined;
    let event: string | undefined;
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (id === undefined) continue; // the retry hint and keep-alive comments
    const seq = Number(id);
    // a branch's events are numbered without gaps: anything but the next number is a loss, a repeat or a step back
    if (seq !== client.lastSeq + 1) client.anomalies.push(seq <= client.lastSeq ? `event ${seq} after ${client.lastSeq}` : `events ${client.lastSeq + 1}–${seq - 1} missed`);
    client.lastSeq = Math.max(client.lastSeq, seq);
    if (event === 'called') client.called.push([(JSON.parse(data ?? '{}') as { number: string }).number, seq, at]);
  }
}

async function openAll(url: string, count: number, lastEventId: number): Promise<void> {
  for (let opened = 0; opened < count; opened += OPENING_AT_ONCE) {
    await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, count - opened) }, () => open(url, lastEventId)));
  }
  send({ type: 'connected', clients: clients.length });
}

async function report(untilSeq: number): Promise<void> {
  const deadline = performance.now() + REPORT_WAIT_MS;
  while (clients.some((c) => c.lastSeq < untilSeq) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  send({ type: 'report', clients: clients.map(({ called, lastSeq, anomalies }) => ({ called, lastSeq, anomalies })) });
}

if (process.argv[2] === CHILD_FLAG) {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'open') openAll(message.url, message.clients, message.lastEventId).catch(fail);
    else if (message.type === 'report') report(message.untilSeq).catch(fail);
    else close();
  });
  // the parent is gone (or let go of us): nothing is left to measure
  process.on('disconnect', () => {
    if (!closing) close();
  });
}
