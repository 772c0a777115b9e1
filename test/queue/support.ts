import assert from 'node:assert/strict';
import { anonymous, loginAs, type Client } from '../support/http.ts';
import type { TestApp } from '../support/test-app.ts';

/** Thursday 2026-11-26, 10:00 in Beijing: a working day, the branches open. */
export const OPEN_AT = Date.parse('2026-11-26T02:00:00Z');
export const MINUTE = 60_000;

/** The counter of a branch with its number, from the staff set-up view. */
export async function counter(client: Client, branch: string, number: number): Promise<string> {
  const setup = (await client.get(`/api/v1/queue/branches/${branch}`)).json();
  const found = setup.counters.find((c: { number: number }) => c.number === number);
  if (!found) throw new Error(`no counter ${number} at ${branch}: ${JSON.stringify(setup)}`);
  return found.id;
}

/** teller1 signed in at counter 1 of BJ-HD, and the branch's kiosk: where a queue test starts. */
export async function atCounter(app: TestApp): Promise<{ teller: Client; kiosk: Client; c1: string }> {
  const teller = await loginAs(app.http, 'teller1');
  const c1 = await counter(teller, 'BJ-HD', 1);
  assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/sign-in`)).statusCode, 200);
  return { teller, kiosk: anonymous(app.http), c1 };
}

/** Takes a kiosk ticket and returns the answer (number, token…). */
export async function take(client: Client, branch: string, body: Record<string, unknown>) {
  const response = await client.post(`/api/v1/public/queue/branches/${branch}/tickets`, { channel: 'kiosk', ...body });
  if (response.statusCode !== 201) throw new Error(`ticket refused: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; token: string; number: string; class: string; ahead: number; estimatedWaitMinutes: number; status: string }>();
}

/** Calls the next ticket at a counter; its number, or null. */
export async function callNext(client: Client, counterId: string): Promise<{ id: string; number: string; callCount: number } | null> {
  const response = await client.post(`/api/v1/queue/counters/${counterId}/call-next`);
  if (response.statusCode !== 200) throw new Error(`call refused: ${response.statusCode} ${response.body}`);
  return response.json().ticket;
}

/** Serves a called ticket to the end. */
export async function serve(client: Client, counterId: string, ticketId: string): Promise<void> {
  for (const step of ['start', 'finish']) {
    const r = await client.post(`/api/v1/queue/counters/${counterId}/tickets/${ticketId}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step} refused: ${r.statusCode} ${r.body}`);
  }
}
