import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sweepIdempotencyKeys } from '../../src/platform/idempotency.ts';
import { anonymous, loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { atCounter, OPEN_AT } from '../queue/support.ts';
import { customerId, WANG } from '../services/support.ts';

// A client that lost the answer sends the request again with the same Idempotency-Key: the change
// happens once, and the retry gets the first answer. What a teller, a kiosk or a phone would notice
// otherwise: a second ticket, a second customer called, a second booking, a case or complaint twice.

await describeEachDatabase('Idempotency keys on the front-office changes', (kind) => {
  let app: TestApp;
  let now = OPEN_AT;
  let teller: Client;
  let kiosk: Client;
  let c1: string;
  let calledId: string; // the ticket the call test hands to counter 1
  before(async () => {
    app = await startTestApp(kind, {}, undefined, () => new Date(now));
    ({ teller, kiosk, c1 } = await atCounter(app));
  });
  after(async () => app?.stop());

  const count = async (table: 'queue_ticket' | 'appointment' | 'service_case' | 'complaint' | 'notification' | 'process_instance' | 'idempotency_key') =>
    Number((await app.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const withKey = (client: Client, url: string, body: unknown, key: string) => client.request('POST', url, body, { 'idempotency-key': key });

  it('a ticket issued again with its key is the same ticket, at the counter and at the kiosk; the key with another request is refused', async () => {
    const before = await count('queue_ticket');
    const first = await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'ticket-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'ticket-1');
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json(), 'the same number, token and wait as the first answer');
    assert.equal(await count('queue_ticket'), before + 1);

    const other = problem(await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'B' }, 'ticket-1'));
    assert.equal(other.status, 409);
    assert.equal(other.type, 'urn:banklane:problem:invalid_state');
    assert.equal(await count('queue_ticket'), before + 1, 'nothing issued for the refused request');

    const atKiosk = await withKey(kiosk, '/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'A' }, 'kiosk-7f3a');
    const kioskAgain = await withKey(kiosk, '/api/v1/public/queue/branches/BJ-HD/tickets', { channel: 'kiosk', category: 'A' }, 'kiosk-7f3a');
    assert.equal(kioskAgain.json().number, atKiosk.json().number);
    assert.equal(await count('queue_ticket'), before + 2);
    const fresh = await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'ticket-2');
    assert.notEqual(fresh.json().number, first.json().number, 'a new key is a new ticket');
  });

  it('a call repeated with its key hands out the ticket the first call did, and calls no one else', async () => {
    const first = await withKey(teller, `/api/v1/queue/counters/${c1}/call-next`, {}, 'call-1');
    assert.equal(first.statusCode, 200, first.body);
    const called = first.json().ticket;
    assert.ok(called, 'someone was waiting');
    calledId = called.id;
    const again = await withKey(teller, `/api/v1/queue/counters/${c1}/call-next`, {}, 'call-1');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().ticket.id, called.id);
    const events = await app.deps.db.selectFrom('queue_event').select('ticket_id').where('type', '=', 'called').execute();
    assert.equal(events.length, 1, 'one call recorded');
    // without the key the console would have been refused (a ticket is at the counter) or called another
    assert.equal(problem(await teller.post(`/api/v1/queue/counters/${c1}/call-next`)).status, 409);
  });

  it('a booking sent twice with its key is one booking, one place and one SMS; the language of the retry does not matter', async () => {
    now = Date.parse('2026-11-26T03:00:00Z');
    const customer = anonymous(app.http);
    const slot = (await customer.get('/api/v1/public/appointments/slots?branch=BJ-HD&service=open-personal-account&days=3')).json().slots.find((s: { available: number }) => s.available >= 2);
    const body = { branch: 'BJ-HD', service: 'open-personal-account', startsAt: slot.startsAt, name: '李雷', phone: '13700001111' };
    const [bookings, messages] = [await count('appointment'), await count('notification')];
    const first = await withKey(customer, '/api/v1/public/appointments', body, 'book-3c9d');
    assert.equal(first.statusCode, 201, first.body);
    const again = await anonymous(app.http, 'zh-CN').request('POST', '/api/v1/public/appointments', body, { 'idempotency-key': 'book-3c9d' });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().code, first.json().code);
    assert.equal(await count('appointment'), bookings + 1);
    assert.equal(await count('notification'), messages + 1, 'one confirmation SMS');
    const after = (await customer.get('/api/v1/public/appointments/slots?branch=BJ-HD&service=open-personal-account&days=3')).json().slots.find((s: { startsAt: string }) => s.startsAt === slot.startsAt);
    assert.equal(after.available, slot.available - 1, 'one place taken');
    assert.equal(problem(await withKey(customer, '/api/v1/public/appointments', { ...body, name: '韩梅梅', phone: '13700002222' }, 'book-3c9d')).status, 409);
  });

  it('a case opened twice with its key is one case with one process, answered as it stands now; the same for a complaint', async () => {
    const body = { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), channel: 'counter', materialsReceived: [0] };
    const [cases, instances] = [await count('service_case'), await count('process_instance')];
    const first = await withKey(teller, '/api/v1/cases', body, 'case-1');
    assert.equal(first.statusCode, 201, first.body);
    const again = await withKey(teller, '/api/v1/cases', body, 'case-1');
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().ref, first.json().ref);
    assert.equal(await count('service_case'), cases + 1);
    assert.equal(await count('process_instance'), instances + 1);
    // the key is the user's, not the session's: a retry after signing in again still finds the case
    const other = await withKey(await loginAs(app.http, 'teller1'), '/api/v1/cases', body, 'case-1');
    assert.equal(other.json().ref, first.json().ref);

    const complaint = { channel: 'counter', complainant: { name: '周杰', phone: '13600003333' }, subject: { type: 'none' }, description: '取号后等待时间过长', request: '改进排队' };
    const complaints = await count('complaint');
    const filed = await withKey(teller, '/api/v1/complaints', complaint, 'complaint-1');
    assert.equal(filed.statusCode, 201, filed.body);
    const refiled = await withKey(teller, '/api/v1/complaints', complaint, 'complaint-1');
    assert.equal(refiled.json().ref, filed.json().ref);
    assert.equal(await count('complaint'), complaints + 1);
  });

  it('a case opened from the ticket being served, or from an inquiry, commits with its link; sent again with its key it is the same case', async () => {
    assert.equal((await teller.post(`/api/v1/queue/counters/${c1}/tickets/${calledId}/start`)).statusCode, 200);
    const body = { serviceCode: 'open-personal-account', customerId: await customerId(teller, WANG.idNumber), materialsReceived: [0] };
    const url = `/api/v1/queue/counters/${c1}/tickets/${calledId}/case`;
    const cases = await count('service_case');
    const first = await withKey(teller, url, body, 'ticket-case-1');
    assert.equal(first.statusCode, 201, first.body);
    const again = await withKey(teller, url, body, 'ticket-case-1');
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().ref, first.json().ref);
    const ticket = await app.deps.db.selectFrom('queue_ticket').select('case_id').where('id', '=', calledId).executeTakeFirstOrThrow();
    assert.equal(ticket.case_id, first.json().id, 'the ticket points at its case');
    assert.equal(problem(await withKey(teller, url, body, 'ticket-case-2')).status, 409, 'a new request for the ticket: it has its case');
    assert.equal(await count('service_case'), cases + 1);

    // two requests for one inquiry at once: one case, linked; the other refused with nothing left behind
    const inquiry = (await teller.post('/api/v1/inquiries', { channel: 'counter', serviceCode: 'open-personal-account', topic: '开户', question: '开户要带什么？' })).json();
    const keys = ['inquiry-case-a', 'inquiry-case-b'];
    const both = await Promise.all(keys.map((k) => withKey(teller, `/api/v1/inquiries/${inquiry.id}/case`, { customerId: body.customerId }, k)));
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409], both.map((r) => r.body).join('\n'));
    assert.equal(await count('service_case'), cases + 2);
    const won = both.findIndex((r) => r.statusCode === 201);
    const replay = await withKey(teller, `/api/v1/inquiries/${inquiry.id}/case`, { customerId: body.customerId }, keys[won]!);
    assert.equal(replay.json().ref, both[won]!.json().ref);
    const linked = await app.deps.db.selectFrom('inquiry').select('case_id').where('id', '=', inquiry.id).executeTakeFirstOrThrow();
    assert.equal(linked.case_id, both[won]!.json().id);
  });

  it('the same key sent twice at once makes one ticket, both answered with it', async () => {
    const before = await count('queue_ticket');
    const both = await Promise.all([1, 2].map(() => withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'ticket-race')));
    assert.deepEqual(both.map((r) => r.statusCode), [201, 201], both.map((r) => r.body).join('\n'));
    assert.equal(both[0]!.json().id, both[1]!.json().id);
    assert.equal(await count('queue_ticket'), before + 1);
  });

  it('keys are kept for a day; past that the sweep forgets them and the same key is a new request', async () => {
    const kept = await count('idempotency_key');
    assert.ok(kept >= 6);
    now += 23 * 3_600_000;
    assert.equal(await sweepIdempotencyKeys(app.deps), 0, 'nothing forgotten within the day');
    now += 2 * 3_600_000;
    assert.equal(await sweepIdempotencyKeys(app.deps), kept);
    teller = await loginAs(app.http, 'teller1'); // the day's session is over too
    const later = await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'ticket-1');
    assert.equal(later.statusCode, 201, later.body);
    assert.equal(later.headers['idempotent-replayed'], undefined, 'a new ticket');
  });

  it('refuses a key longer than 200 characters, naming the header', async () => {
    const r = problem(await withKey(teller, '/api/v1/queue/branches/BJ-HD/tickets', { category: 'A' }, 'k'.repeat(201)));
    assert.equal(r.status, 400);
    assert.equal(r.errors?.[0]?.field, 'header:/idempotency-key');
  });
});
