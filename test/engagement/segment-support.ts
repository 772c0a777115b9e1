import assert from 'node:assert/strict';
import type { Client } from '../support/http.ts';
import { residentId } from '../services/support.ts';

let serial = 100;

/** Registers an individual born on `birth` (YYYYMMDD) at the client's own branch; their id. */
export async function newCustomer(client: Client, birth: string, name: string): Promise<string> {
  const created = await client.post('/api/v1/customers', { kind: 'individual', name, idType: 'resident_id', idNumber: residentId(`110108${birth}${String(serial++).padStart(3, '0')}`) });
  assert.equal(created.statusCode, 201, created.body);
  return created.json().id;
}

export const balanceRow = (customer: string, asOf: string, aum: string) => ({ customer, as_of: asOf, aum });
export const activityRow = (customer: string, day: string, channel: string, transactions = 1, amount = '500.00') => ({ customer, day, channel, transactions: String(transactions), amount });

/** A customer's segments view. */
export async function customerSegments(client: Client, id: string) {
  const r = await client.get(`/api/v1/customers/${id}/segments`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

export async function tierOf(client: Client, id: string): Promise<string> {
  return (await customerSegments(client, id)).tier;
}
