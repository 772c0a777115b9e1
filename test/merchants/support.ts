import assert from 'node:assert/strict';
import { usccCheckChar } from '../../src/platform/pii/uscc.ts';
import type { Client } from '../support/http.ts';
import type { TestApp } from '../support/test-app.ts';
import { residentId } from '../services/support.ts';

/** A valid unified social credit code ending in the given six digits (the rest a Beijing company's). */
export function uscc(serial: number): string {
  const first17 = `91110108MA${String(serial).padStart(6, '0')}X`.slice(0, 17);
  return first17 + usccCheckChar(first17);
}

/** A merchant application as a merchant manager fills it in; `overrides` change any field. */
export function application(serial: number, overrides: Record<string, unknown> = {}) {
  return {
    name: `海淀示范商户${serial}号`,
    uscc: uscc(serial),
    kind: 'store',
    mcc: '5411',
    region: '110108',
    scale: 'small',
    address: '北京市海淀区中关村大街1号',
    settlementAccount: `6222020200${String(serial).padStart(9, '0')}`,
    contactName: '刘店长',
    contactPhone: '13812345678',
    legalRepresentative: { name: '刘强', idType: 'resident_id', idNumber: residentId('11010819800101' + String(serial % 1000).padStart(3, '0')) },
    beneficialOwners: [{ name: '陈芳', idType: 'resident_id', idNumber: residentId('11010819820202' + String(serial % 1000).padStart(3, '0')), share: 40 }],
    ...overrides,
  };
}

/** Registers a merchant through the API; its answer. */
export async function register(client: Client, serial: number, overrides: Record<string, unknown> = {}) {
  const r = await client.post('/api/v1/merchants', application(serial, overrides));
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

/** A multipart body with text fields first, then the file. */
export function upload(app: TestApp, client: Client, url: string, fields: Record<string, string>, file: { name: string; content: Buffer | string }) {
  const boundary = '----banklane-merchant';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`), Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${client.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' }, payload });
}

export const TXN_HEADER = 'merchant,day,count,amount,refunds,chargebacks,declined,night_share,cnp_share,foreign_share,max_amount,near_limit_count,outside_region_count';

/** A normal day's CSV line for a merchant. */
export function txnLine(code: string, day: string, o: Partial<Record<'count' | 'amount' | 'refunds' | 'chargebacks' | 'declined' | 'night_share' | 'cnp_share' | 'foreign_share' | 'max_amount' | 'near_limit_count' | 'outside_region_count', string | number>> = {}): string {
  const v = { count: 120, amount: '36000.00', refunds: '300.00', chargebacks: 0, declined: 3, night_share: '0.05', cnp_share: '0.02', foreign_share: '0.01', max_amount: '2800.00', near_limit_count: 0, outside_region_count: 0, ...o };
  return [code, day, v.count, v.amount, v.refunds, v.chargebacks, v.declined, v.night_share, v.cnp_share, v.foreign_share, v.max_amount, v.near_limit_count, v.outside_region_count].join(',');
}
