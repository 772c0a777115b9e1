import type { Client } from '../support/http.ts';
import type { TestApp } from '../support/test-app.ts';

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

/** Imports a log through the API as the client. */
export function uploadLog(app: TestApp, client: Client, fields: Record<string, string>, file: UploadFile) {
  const body = multipart(fields, file);
  return app.http.inject({ method: 'POST', url: '/api/v1/event-logs', headers: { authorization: `Bearer ${client.token}`, 'content-type': body.contentType, 'accept-language': 'en' }, payload: body.payload });
}

/** Imports a CSV log written in the test; answers the new log's id. */
export async function importCsv(app: TestApp, client: Client, mapping: Record<string, string>, lines: string[]): Promise<string> {
  const r = await uploadLog(app, client, mapping, { name: 'log.csv', type: 'text/csv', content: Buffer.from(lines.join('\n')) });
  if (r.statusCode !== 201) throw new Error(`import refused: ${r.body}`);
  return r.json().id;
}
