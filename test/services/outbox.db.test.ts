import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Message, MessageAdapter } from '../../src/services/notifications/adapters.ts';
import { dispatchDue, enqueue, MAX_ATTEMPTS } from '../../src/services/notifications/notification.service.ts';
import { LocalCoreBanking } from '../../src/services/core-banking/core-banking.ts';
import { loginAs } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';

let now = Date.parse('2026-11-30T02:00:00Z');

/** A provider that fails a set number of times, then accepts. */
class FlakyAdapter implements MessageAdapter {
  readonly name = 'flaky';
  readonly delivered: Message[] = [];
  constructor(private failures: number) {}
  async send(message: Message): Promise<void> {
    if (this.failures-- > 0) throw new Error('gateway timeout');
    this.delivered.push(message);
  }
}

await describeEachDatabase('Notification outbox and core banking adapter', (kind) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
  });
  after(async () => app?.stop());

  it('delivers a message once after failures, with backoff; gives up after the last attempt', async () => {
    const { deps } = app;
    const id = await enqueue(deps.db, deps, { channel: 'sms', to: '13900001111', template: 'case_completed', lang: 'zh-CN', params: { ref: 'BL20261130-000001', service: '挂失补卡' } });
    const flaky = new FlakyAdapter(2);
    const adapters = { sms: flaky, email: flaky };
    assert.equal(await dispatchDue(deps, adapters), 1);
    assert.equal(await dispatchDue(deps, adapters), 0, 'not again before its backoff');
    now += 31_000;
    await dispatchDue(deps, adapters);
    now += 121_000;
    await dispatchDue(deps, adapters);
    const row = await deps.db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 3);
    assert.deepEqual(flaky.delivered.map((m) => [m.to, m.body]), [['13900001111', '【Banklane银行】您的业务 BL20261130-000001（挂失补卡）已办结。']]);
    now += 3_600_000;
    assert.equal(await dispatchDue(deps, adapters), 0, 'a sent message is never sent again');

    const dead = await enqueue(deps.db, deps, { channel: 'sms', to: '13900002222', template: 'case_completed', lang: 'en', params: { ref: 'X', service: 'Y' } });
    const broken = new FlakyAdapter(100);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await dispatchDue(deps, { sms: broken, email: broken });
      now += 3_600_000;
    }
    const failed = await deps.db.selectFrom('notification').selectAll().where('id', '=', dead).executeTakeFirstOrThrow();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, MAX_ATTEMPTS);
    assert.equal(failed.last_error, 'gateway timeout');
    const ops = await loginAs(app.http, 'ops');
    const listed = (await ops.get('/api/v1/notifications?status=failed')).json().items;
    assert.equal(listed[0].to, '139****2222', 'staff see the recipient masked');
  });

  it('answers a repeated core-banking request with the first answer: a retried step opens no second account', async () => {
    const core = new LocalCoreBanking(app.deps);
    const first = await core.execute(app.deps.db, 'instance-1:coreOpenAccount', 'openAccount', { caseRef: 'BL1' });
    const again = await core.execute(app.deps.db, 'instance-1:coreOpenAccount', 'openAccount', { caseRef: 'BL1' });
    const other = await core.execute(app.deps.db, 'instance-2:coreOpenAccount', 'openAccount', { caseRef: 'BL2' });
    assert.match(String(first.accountNumber), /^6217\d{15}$/);
    assert.deepEqual(again, first);
    assert.notEqual(other.accountNumber, first.accountNumber);
  });
});
