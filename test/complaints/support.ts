import assert from 'node:assert/strict';
import type { TestApp } from '../support/test-app.ts';
import type { Client } from '../support/http.ts';
import { customerId, WANG } from '../services/support.ts';

/** Saturday 2026-11-28, 10:00 in Beijing. */
export const RECEIVED_AT = Date.parse('2026-11-28T02:00:00Z');
export const DAY = 86_400_000;

/** A clock the test moves by hand. */
export function manualClock(start = RECEIVED_AT) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms), set: (at: number) => void (now = at) };
}

/** Lets the process's system steps run (they are jobs), then the complaint sweeper. */
export async function settle(app: TestApp): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const ran = await app.engine.executor.drain();
    await app.complaints.tick();
    if (ran === 0) break;
  }
}

/** Opens a case for 王小明 at the teller's branch: a subject to complain about. */
export async function openCase(teller: Client): Promise<{ id: string; ref: string }> {
  const opened = await teller.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0, 1] });
  assert.equal(opened.statusCode, 201, opened.body);
  return opened.json();
}

/** Registers a complaint and returns it; fails the test if refused. */
export async function register(client: Client, body: Record<string, unknown>) {
  const r = await client.post('/api/v1/complaints', { channel: 'counter', description: '柜员办理业务时态度很差，还多收了手续费', request: '退还手续费并道歉', ...body });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

/** Runs a step and returns the complaint as it now is; fails the test if refused. */
export async function step(client: Client, ref: string, path: string, body: Record<string, unknown> = {}) {
  const r = await client.post(`/api/v1/complaints/${ref}/${path}`, body);
  assert.equal(r.statusCode, 200, `${path}: ${r.body}`);
  return r.json();
}

/** The notifications sent about a complaint, by template. */
export async function notices(app: TestApp, complaintId: string): Promise<string[]> {
  const rows = await app.deps.db.selectFrom('notification').select(['template', 'subject_id']).where('subject_type', '=', 'complaint').where('subject_id', 'like', `${complaintId}:%`).orderBy('created_at').execute();
  return rows.map((r) => r.template);
}
