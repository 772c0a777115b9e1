import assert from 'node:assert/strict';
import type { Client } from '../support/http.ts';
import { residentId } from '../services/support.ts';

/** Answers to the shipped questionnaire that reach each level (totals 8, 16, 20, 25, 32). */
export const ANSWERS = {
  C1: { age: 'a', income: 'a', share: 'a', experience: 'a', products: 'a', horizon: 'a', goal: 'a', loss: 'a' },
  C2: { age: 'd', income: 'b', share: 'b', experience: 'a', products: 'a', horizon: 'b', goal: 'b', loss: 'b' },
  C3: { age: 'd', income: 'b', share: 'c', experience: 'b', products: 'b', horizon: 'b', goal: 'b', loss: 'c' },
  C4: { age: 'b', income: 'd', share: 'c', experience: 'd', products: 'c', horizon: 'c', goal: 'c', loss: 'c' },
  C5: { age: 'd', income: 'd', share: 'd', experience: 'd', products: 'd', horizon: 'd', goal: 'd', loss: 'd' },
} as const;

let serial = 0;

/**
 * Registers an individual customer of the client's branch born on `birth` (YYYYMMDD), with a valid
 * resident ID number; their id.
 */
export async function newCustomer(client: Client, birth: string, name = '测试客户'): Promise<string> {
  serial += 1;
  const r = await client.post('/api/v1/customers', { kind: 'individual', name: `${name}${serial}`, idType: 'resident_id', idNumber: residentId(`110108${birth}${String(500 + serial).padStart(3, '0')}`), phone: `1390000${String(serial).padStart(4, '0')}` });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

/** Records an assessment at the counter reaching `level`; the assessment. */
export async function assess(client: Client, customerId: string, level: keyof typeof ANSWERS, channel = 'counter') {
  const version = (await client.get('/api/v1/risk-questionnaire')).json().version;
  const r = await client.post(`/api/v1/customers/${customerId}/risk-assessments`, { questionnaireVersion: version, answers: ANSWERS[level], channel });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

/** The reason codes of a product's verdict for a customer. */
export async function reasons(client: Client, customerId: string, product: string): Promise<string[]> {
  const r = await client.get(`/api/v1/customers/${customerId}/suitability?product=${product}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json().reasons.map((x: { code: string }) => x.code);
}
