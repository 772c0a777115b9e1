import assert from 'node:assert/strict';
import type { Client } from '../support/http.ts';
import { customerId, settle, taskAt, work, WANG } from '../services/support.ts';
import type { TestApp } from '../support/test-app.ts';

/**
 * Three cases with lifecycles, resources and a channel, worked out by hand in the mining tests:
 *   c1 (counter): A 09:00–09:30 by r1, B 10:00–11:00 by r2            — 2 h
 *   c2 (online):  A 09:00–10:00 by r1, B 12:00–12:30 by r2            — 3.5 h
 *   c3 (online, next day): A completed 09:00 by r1, B completed 10:00 by r3, no starts — 1 h
 */
export const HAND_LOG = [
  'case,activity,lifecycle,time,resource,channel',
  'c1,A,start,2026-01-05 09:00,r1,counter', 'c1,A,complete,2026-01-05 09:30,r1,counter', 'c1,B,start,2026-01-05 10:00,r2,counter', 'c1,B,complete,2026-01-05 11:00,r2,counter',
  'c2,A,start,2026-01-05 09:00,r1,online', 'c2,A,complete,2026-01-05 10:00,r1,online', 'c2,B,start,2026-01-05 12:00,r2,online', 'c2,B,complete,2026-01-05 12:30,r2,online',
  'c3,A,complete,2026-01-06 09:00,r1,online', 'c3,B,complete,2026-01-06 10:00,r3,online',
];
export const HAND_LOG_MAPPING = { caseColumn: 'case', activityColumn: 'activity', lifecycleColumn: 'lifecycle', timestampColumn: 'time', resourceColumn: 'resource' };

export type UploadFile = { name: string; type: string; content: Buffer };

/** A multipart body: text fields first (a CSV's mapping), then the file. */
export function multipart(fields: Record<string, string>, file: UploadFile) {
  const boundary = '----banklane-log';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Imports a log through the API as the client, answered in `language`. */
export function uploadLog(app: TestApp, client: Client, fields: Record<string, string>, file: UploadFile, language = 'en') {
  const body = multipart(fields, file);
  return app.http.inject({ method: 'POST', url: '/api/v1/event-logs', headers: { authorization: `Bearer ${client.token}`, 'content-type': body.contentType, 'accept-language': language }, payload: body.payload });
}

/** Imports a CSV log written in the test; answers the new log's id. */
export async function importCsv(app: TestApp, client: Client, mapping: Record<string, string>, lines: string[]): Promise<string> {
  const r = await uploadLog(app, client, mapping, { name: 'log.csv', type: 'text/csv', content: Buffer.from(lines.join('\n')) });
  if (r.statusCode !== 201) throw new Error(`import refused: ${r.body}`);
  return r.json().id;
}

/**
 * One account opening worked through the API: the maker checks the materials and keys the input,
 * the supervisor approves (or first returns it once); each step takes the minutes given, by
 * moving the test's clock with `advance`.
 */
export async function openAccount(app: TestApp, maker: Client, supervisor: Client, [check, input, approve]: [number, number, number], advance: (minutes: number) => void, returnOnce = false): Promise<string> {
  const ref = (await maker.post('/api/v1/cases', { serviceCode: 'open-personal-account', customerId: await customerId(maker, WANG.idNumber), channel: 'counter', materialsReceived: [0, 1] })).json().ref;
  await settle(app);
  advance(check);
  assert.equal((await work(maker, (await taskAt(maker, ref, 'checkMaterials')).id)).statusCode, 200);
  advance(input);
  assert.equal((await work(maker, (await taskAt(maker, ref, 'makerInput')).id, { accountType: 'debit_card', purpose: '日常消费', smsAlerts: false })).statusCode, 200);
  advance(approve);
  if (returnOnce) {
    const approval = await taskAt(supervisor, ref, 'checkerApproval');
    await supervisor.post(`/api/v1/tasks/${approval.id}/claim`);
    assert.equal((await supervisor.post(`/api/v1/work/tasks/${approval.id}/return`, { reason: '用途不清' })).statusCode, 200);
    assert.equal((await work(maker, (await taskAt(maker, ref, 'makerInput')).id, { accountType: 'debit_card', purpose: '工资代发', smsAlerts: false })).statusCode, 200);
  }
  assert.equal((await work(supervisor, (await taskAt(supervisor, ref, 'checkerApproval')).id, { decision: 'approve' })).statusCode, 200);
  await settle(app);
  return ref;
}
