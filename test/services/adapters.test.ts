import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LocalFileAdapter } from '../../src/services/notifications/adapters.ts';

describe('Message adapters (local)', () => {
  it('the local SMS channel appends each message as one JSON line, and keeps the last ones in memory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'banklane-outbox-'));
    try {
      const sms = new LocalFileAdapter('sms', dir);
      await sms.send({ id: 'a', to: '13911112222', body: '您好', template: 'case_opened', lang: 'zh-CN' });
      await sms.send({ id: 'b', to: '13911112222', body: 'Hello', template: 'case_opened', lang: 'en' });
      const lines = (await readFile(path.join(dir, 'outbox', 'sms.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.id, l.body]), [['a', '您好'], ['b', 'Hello']]);
      assert.equal(sms.sent.length, 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
