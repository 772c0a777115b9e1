import type { TestApp } from '../support/test-app.ts';
import type { Client } from '../support/http.ts';
import { cnResidentIdCheckChar } from '../../src/platform/pii/index.ts';

/** A resident ID number with its right check digit. */
export function residentId(first17: string): string {
  return first17 + cnResidentIdCheckChar(first17);
}

/** The demo bank's first customer (王小明, Haidian branch, gold) and her number. */
export const WANG = { idNumber: residentId('11010819850612201'), phone: '13911112222' };

export async function customerId(client: Client, idNumber: string): Promise<string> {
  const found = (await client.post('/api/v1/customers/search', { idNumber })).json().items;
  if (found.length !== 1) throw new Error(`expected one customer, found ${found.length}`);
  return found[0].id;
}

/** Lets the background work happen now: due jobs (handlers), then closing, escalation, delivery. */
export async function settle(app: TestApp): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const ran = await app.engine.executor.drain();
    await app.services.tick();
    if (ran === 0) break;
  }
}

/** The open task of a case at an element, as a worker sees it. */
export async function taskAt(client: Client, caseRef: string, elementId: string): Promise<{ id: string; elementId: string; candidateGroups: string[]; assignee: string | null; pool: string | null; qualification: string | null }> {
  const c = (await client.get(`/api/v1/cases/${caseRef}`)).json();
  const step = c.currentSteps?.find((s: { elementId: string }) => s.elementId === elementId);
  if (!step) throw new Error(`no open step ${elementId} in ${caseRef}: ${JSON.stringify(c.currentSteps ?? c)}`);
  return (await client.get(`/api/v1/tasks/${step.taskId}`)).json();
}

/** Claims and completes a task; returns the completion's response. */
export async function work(client: Client, taskId: string, variables: Record<string, unknown> = {}) {
  const claim = await client.post(`/api/v1/tasks/${taskId}/claim`);
  if (claim.statusCode !== 200 && !(claim.statusCode === 409 && claim.body.includes('already'))) return claim;
  return client.post(`/api/v1/tasks/${taskId}/complete`, { variables });
}
