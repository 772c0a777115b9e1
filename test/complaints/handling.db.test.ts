import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/platform/demo/demo-bank.ts';
import { customerId, WANG } from '../services/support.ts';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { DAY, manualClock, notices, openCase, register, settle, step } from './support.ts';

const chinaEndOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

await describeEachDatabase('Complaint handling', (kind) => {
  let app: TestApp;
  const clock = manualClock();
  let teller: Client;
  let handler: Client;
  let otherHandler: Client;
  let supervisor: Client;
  let branchMgr: Client;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind, {}, undefined, clock.now);
    [teller, handler, otherHandler, supervisor, branchMgr, ops] = (await Promise.all(['teller1', 'complaints', 'complaints2', 'supervisor', 'branchmgr', 'ops'].map((u) => loginAs(app.http, u)))) as [Client, Client, Client, Client, Client, Client];
  });
  after(async () => app?.stop());

  it('runs a complaint from the counter to its close: classified, extended once, decided, disputed, reviewed by another handler, remediated', async () => {
    clock.set(Date.parse('2026-11-28T02:00:00Z'));
    const subject = await openCase(teller);
    const c = await register(teller, { customerId: await customerId(teller, WANG.idNumber), subject: { type: 'case', ref: subject.ref } });
    assert.match(c.ref, /^TS20261128-\d{6}$/);
    assert.equal(c.status, 'received');
    assert.equal(c.clock.dueAt, chinaEndOf('2026-12-13'));
    assert.equal(c.clock.limitDays, 15);
    assert.equal(c.description, '', 'a teller without the right to read complaints gets the acknowledgement only');
    assert.deepEqual(c.recused, ['teller1'], 'who opened the case complained about may not handle it');
    assert.equal(c.suggestion.cause, 'fees');
    assert.equal(c.step.elementId, 'accept');
    assert.deepEqual(await notices(app, c.id), ['complaint_received']);

    let now = await step(handler, c.ref, 'accept', { categoryCode: 'counter_service', causeCode: 'fees', priority: 'normal' });
    assert.equal(now.classificationCorrected, true);
    assert.equal(now.step.elementId, 'assign');
    const refused = await handler.post(`/api/v1/complaints/${c.ref}/assign`, { handler: 'teller1' });
    assert.equal(problem(refused).status, 403);
    assert.match(problem(refused).type, /recused$/);
    now = await step(handler, c.ref, 'assign', { handler: 'complaints' });
    assert.equal(now.step.elementId, 'investigate');
    assert.equal(now.tasks[0].assignee, 'complaints');
    await step(handler, c.ref, 'events', { kind: 'contact', method: 'phone', text: '已致电投诉人了解情况' });

    // an extension, approved by a superior: never by the one who asked
    now = await step(handler, c.ref, 'extensions', { reason: '需调取监控录像并核实收费记录' });
    const extension = now.extensions[0];
    assert.deepEqual([extension.step, extension.days, extension.status], [1, 15, 'pending']);
    assert.equal(now.nextExtension, null, 'one request at a time');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/extensions/${extension.id}/decision`, { approve: true, note: '同意' })).status, 403);
    now = await step(branchMgr, c.ref, `extensions/${extension.id}/decision`, { approve: true, note: '情况复杂，同意延期' });
    assert.equal(now.clock.limitDays, 30);
    assert.equal(now.clock.dueAt, chinaEndOf('2026-12-28'));
    assert.deepEqual(now.nextExtension, { step: 2, days: 30 });
    assert.ok((await notices(app, c.id)).includes('complaint_extended'));

    now = await step(handler, c.ref, 'proposal', { outcome: 'partly_upheld', text: '经核实多收手续费 20 元，予以退还并致歉', compensation: '200.00' });
    assert.equal(now.status, 'awaiting_approval');
    assert.deepEqual(now.tasks[0].candidateGroups, ['supervisor', 'branch_manager'], 'compensation up to 1,000 is approved by a supervisor, or the branch manager above them');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/approval`, { decision: 'approve' })).status, 403);
    clock.advance(3 * 3600_000);
    await step(supervisor, c.ref, 'approval', { decision: 'approve', comment: '同意' });
    await settle(app);
    now = (await handler.get(`/api/v1/complaints/${c.ref}`)).json();
    assert.equal(now.status, 'decided');
    assert.equal(now.clock.state, 'met');
    assert.equal(now.decision.compensation, '200.00');
    assert.equal(now.step.elementId, 'recordResponse');
    assert.ok((await notices(app, c.id)).includes('complaint_decision'));

    // the complainant disputes: another handler reviews, never the first
    now = await step(handler, c.ref, 'response', { response: 'disputed', note: '认为补偿不足' });
    assert.equal(now.step.elementId, 'review');
    assert.ok(now.tasks[0].excludedUsers.includes('complaints'));
    assert.match(problem(await handler.post(`/api/v1/complaints/${c.ref}/review`, { outcome: 'confirm', note: '维持' })).type, /recused$/);
    await step(otherHandler, c.ref, 'review', { outcome: 'confirm', note: '复核认为原决定适当' });
    await settle(app);
    now = (await handler.get(`/api/v1/complaints/${c.ref}`)).json();
    assert.equal(now.status, 'remediation');
    assert.equal(now.step.elementId, 'rootCause');
    assert.ok((await notices(app, c.id)).includes('complaint_reviewed'));

    // no close without the root cause and a corrective action
    const early = problem(await handler.post(`/api/v1/complaints/${c.ref}/close`, {}));
    assert.equal(early.status, 422);
    assert.deepEqual(early.errors?.map((e) => e.field), ['/rootCause', '/actions']);
    await step(handler, c.ref, 'root-cause', { causeCode: 'fees', processKey: 'personalAccountOpening', stepId: 'checkMaterials', staffIssue: '柜员未按收费标准收费', finding: '收费参数维护错误' });
    assert.deepEqual(problem(await handler.post(`/api/v1/complaints/${c.ref}/close`, {})).errors?.map((e) => e.field), ['/actions']);
    now = await step(handler, c.ref, 'actions', { action: '更正收费参数并培训柜员', owner: 'branchmgr', dueDate: '2026-12-31' });
    assert.deepEqual(now.actions.map((a: { dueDate: string; status: string }) => [a.dueDate, a.status]), [['2026-12-31', 'open']]);
    await step(handler, c.ref, 'close');
    await settle(app);
    now = (await handler.get(`/api/v1/complaints/${c.ref}`)).json();
    assert.equal(now.status, 'closed');
    assert.equal(now.step, null);
    assert.ok((await notices(app, c.id)).includes('complaint_survey'));
    const survey = await app.deps.db.selectFrom('survey').select(['staff']).where('complaint_id', '=', c.id).executeTakeFirst();
    assert.equal(survey?.staff, 'complaints');
    // remediation outlives the complaint
    await step(handler, c.ref, `actions/${now.actions[0].id}/done`, { note: '已更正并完成培训' });
    const kinds = (await handler.get(`/api/v1/complaints/${c.ref}`)).json().timeline.map((e: { kind: string }) => e.kind);
    for (const k of ['received', 'classified', 'assigned', 'contact', 'extension_requested', 'extension_approved', 'proposed', 'approved', 'decided', 'response', 'review', 'root_cause', 'action', 'closed', 'action_done']) assert.ok(kinds.includes(k), `timeline lacks ${k}`);
    // the complaint shows on the case complained about
    const onCase = (await handler.get(`/api/v1/complaints?caseRef=${subject.ref}&status=all`)).json();
    assert.deepEqual(onCase.items.map((i: { ref: string }) => i.ref), [c.ref]);
    const audited = await app.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).execute();
    for (const a of ['complaint.register', 'complaint.accept', 'complaint.assign', 'complaint.propose', 'complaint.close']) assert.ok(audited.some((r) => r.action === a), `no audit entry ${a}`);
  });

  it('keeps the staff member complained about off the complaint, through every API', async () => {
    const c = await register(teller, { complainant: { name: '赵六', phone: '13700001111' }, subject: { type: 'staff', ref: 'complaints2' }, description: '客服专员何某态度恶劣', request: '要求道歉' });
    assert.deepEqual(c.recused, ['complaints2']);
    const full = (await handler.get(`/api/v1/complaints/${c.ref}`)).json();
    const acceptTask = full.tasks[0];
    assert.deepEqual(acceptTask.excludedUsers, ['complaints2']);
    // claim through Banklane's API and through the Camunda-compatible one
    assert.match(problem(await otherHandler.post(`/api/v1/tasks/${acceptTask.id}/claim`)).type, /recused$/);
    const camunda = (username: string, url: string, body: unknown) =>
      app.http.inject({ method: 'POST', url: `/engine-rest${url}`, headers: { authorization: `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.equal((await camunda('complaints2', `/task/${acceptTask.id}/claim`, { userId: 'complaints2' })).statusCode, 403);
    assert.equal((await camunda('ops', `/task/${acceptTask.id}/claim`, { userId: 'complaints2' })).statusCode, 403, 'not even delegated by a process manager');
    assert.equal((await camunda('complaints2', `/task/${acceptTask.id}/complete`, { variables: { accepted: { value: true } } })).statusCode, 403);
    assert.match(problem(await otherHandler.post(`/api/v1/complaints/${c.ref}/accept`, { categoryCode: 'counter_service', causeCode: 'attitude', priority: 'high' })).type, /recused$/);
    // get next work passes it by
    const next = await otherHandler.post('/api/v1/work/next');
    assert.ok(next.statusCode === 204 || next.json().instanceId !== full.instanceId, 'get next work handed the recused handler the complaint');
    if (next.statusCode === 200) await otherHandler.post(`/api/v1/tasks/${next.json().id}/unclaim`);
    await step(handler, c.ref, 'accept', { categoryCode: 'counter_service', causeCode: 'attitude', priority: 'high' });
    // the generic task API runs the same gate as the complaint API
    const assignTask = (await handler.get(`/api/v1/complaints/${c.ref}`)).json().tasks[0];
    assert.match(problem(await handler.post(`/api/v1/tasks/${assignTask.id}/complete`, { variables: { handler: 'complaints2' } })).type, /recused$/);
    assert.match(problem(await handler.post(`/api/v1/complaints/${c.ref}/assign`, { handler: 'complaints2' })).type, /recused$/);
    // and a step worked outside the complaint would move the process without its record: refused
    const generic = problem(await handler.post(`/api/v1/tasks/${assignTask.id}/complete`, { variables: { handler: 'complaints' } }));
    assert.equal(generic.status, 422);
    assert.match(generic.detail, /worked on the complaint/);
    await step(handler, c.ref, 'assign', { handler: 'complaints' });
    // an absent handler's work handed to the colleague complained about goes back to the pool instead
    const moved = await ops.post('/api/v1/work/reassign', { from: 'complaints', to: 'complaints2' });
    assert.equal(moved.statusCode, 200, moved.body);
    const investigate = (await handler.get(`/api/v1/complaints/${c.ref}`)).json().tasks[0];
    assert.equal(investigate.elementId, 'investigate');
    assert.notEqual(investigate.assignee, 'complaints2');
    // the staff member's record shows the complaint about them
    const aboutStaff = (await handler.get('/api/v1/complaints?staff=complaints2')).json();
    assert.ok(aboutStaff.items.some((i: { ref: string }) => i.ref === c.ref));
  });

  it('refuses a third extension, and the approver must be a superior in scope', async () => {
    const c = await register(teller, { complainant: { name: '钱七', phone: '13700002222' }, subject: { type: 'branch', ref: 'BJ-HD' } });
    await step(handler, c.ref, 'accept', { categoryCode: 'counter_service', causeCode: 'waiting', priority: 'normal' });
    await step(handler, c.ref, 'assign', { handler: 'complaints' });
    for (const days of [30, 60]) {
      const asked = await step(handler, c.ref, 'extensions', { reason: '涉及多部门，需要协调' });
      const pending = asked.extensions.find((e: { status: string }) => e.status === 'pending');
      const done = await step(ops, c.ref, `extensions/${pending.id}/decision`, { approve: true, note: '同意' });
      assert.equal(done.clock.limitDays, days);
    }
    const third = problem(await handler.post(`/api/v1/complaints/${c.ref}/extensions`, { reason: '还需要更多时间' }));
    assert.equal(third.status, 409);
    assert.match(third.detail, /No further extension/);
  });

  it('escalates a complaint at 80% of its clock to the managers, and reports the breach', async () => {
    clock.set(Date.parse('2026-11-28T02:00:00Z'));
    const c = await register(teller, { complainant: { name: '孙八', email: 'sun8@example.com' }, subject: { type: 'none' }, description: '网银转账一直失败', request: '尽快处理' });
    try {
      clock.advance(13 * DAY);
      await settle(app);
      // sessions last hours, not days: sign in again on the later day
      let reader = await loginAs(app.http, 'complaints');
      let now = (await reader.get(`/api/v1/complaints/${c.ref}`)).json();
      assert.equal(now.clock.state, 'at_risk');
      assert.equal(now.escalation, 'at_risk');
      const escalated = await app.deps.db.selectFrom('notification').select(['template', 'subject_id']).where('subject_id', 'like', `${c.id}:at_risk:%`).execute();
      assert.deepEqual(escalated.map((n) => [n.template, n.subject_id!.split(':').at(-1)]), [['complaint_escalated', 'branchmgr']], 'the branch manager above the complaint is told');
      const atRisk = (await reader.get('/api/v1/complaints?clock=at_risk')).json().items.map((i: { ref: string }) => i.ref);
      assert.ok(atRisk.includes(c.ref));
      clock.advance(3 * DAY);
      await settle(app);
      reader = await loginAs(app.http, 'complaints');
      now = (await reader.get(`/api/v1/complaints/${c.ref}`)).json();
      assert.equal(now.clock.state, 'breached');
      assert.ok(now.clock.daysLeft < 0);
      assert.ok(now.timeline.some((e: { kind: string }) => e.kind === 'breached'));
      const board = (await reader.get('/api/v1/complaints?sort=daysLeft&limit=500')).json().items as { ref: string; clock: { state: string; dueAt: string; daysLeft: number | null } }[];
      const open = board.filter((i) => i.clock.daysLeft !== null);
      assert.deepEqual(open.map((i) => i.clock.dueAt), open.map((i) => i.clock.dueAt).sort(), 'the board runs from the least time left');
      assert.equal(board[0]!.clock.state, 'breached');
      assert.equal(board.find((i) => i.ref === c.ref)?.clock.state, 'breached');
    } finally {
      clock.set(Date.parse('2026-11-28T02:00:00Z'));
    }
  });

  it('keeps complaints within branch scope', async () => {
    const teller2 = await loginAs(app.http, 'teller2');
    const c = await register(teller2, { complainant: { name: '周九', phone: '13700003333' }, subject: { type: 'branch', ref: 'SH-PD' }, description: '浦东支行排队时间太长', request: '增加窗口' });
    assert.equal(c.unitCode, 'SH-PD');
    assert.equal(problem(await branchMgr.get(`/api/v1/complaints/${c.ref}`)).status, 403);
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/accept`, { categoryCode: 'counter_service', causeCode: 'waiting', priority: 'normal' })).status, 403);
    assert.ok(!(await handler.get('/api/v1/complaints?status=all&limit=500')).json().items.some((i: { ref: string }) => i.ref === c.ref));
    assert.ok((await ops.get('/api/v1/complaints?status=all&limit=500')).json().items.some((i: { ref: string }) => i.ref === c.ref));
    assert.equal(problem(await teller.get('/api/v1/complaints')).status, 403, 'a teller registers complaints but does not read the board');
  });

  it('answers bad input with problem details naming the field', async () => {
    const missing = problem(await teller.post('/api/v1/complaints', {}));
    assert.equal(missing.status, 400);
    for (const f of ['/channel', '/subject', '/description', '/request']) assert.ok(missing.errors?.some((e) => e.field === f), `no error for ${f}: ${JSON.stringify(missing.errors)}`);
    const base = { channel: 'counter', subject: { type: 'none' }, description: '服务不好，态度差', request: '道歉' };
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, channel: 'regulator', complainant: { name: '甲', phone: '13700004444' } })).errors?.[0]?.field, '/regulatorRef');
    assert.equal(problem(await teller.post('/api/v1/complaints', base)).errors?.[0]?.field, '/complainant');
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, complainant: { name: '甲' } })).errors?.[0]?.field, '/complainant/phone');
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}` }));
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, complainant: { name: '甲', phone: '13700004444' }, representatives: six })).errors?.[0]?.field, '/representatives');
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, complainant: { name: '甲', phone: '13700004444' }, subject: { type: 'case', ref: 'BL20990101-000001' } })).errors?.[0]?.field, '/subject/ref');
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, complainant: { name: '甲', phone: '13700004444' }, receivedAt: '2030-01-01T00:00:00Z' })).errors?.[0]?.field, '/receivedAt');
    assert.equal(problem(await teller.post('/api/v1/complaints', { ...base, complainant: { name: '甲', phone: '13700004444' }, extra: 1 })).status, 400);
    const before = await app.deps.db.selectFrom('complaint').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const c = await register(teller, { ...base, complainant: { name: '甲', phone: '13700004444' } });
    const afterCount = await app.deps.db.selectFrom('complaint').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n) + 1, 'refused complaints wrote nothing');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/proposal`, { outcome: 'upheld', text: '同意退还多收的费用', compensation: '10.00' })).status, 409, 'not at that step');
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/proposal`, { outcome: 'maybe', text: 'x', compensation: '-1' })).status, 400);
    assert.equal(problem(await handler.get('/api/v1/complaints/TS20990101-000001')).status, 404);
  });

  it('stores attachments whose content matches their type, within the size limit', async () => {
    const c = await register(teller, { complainant: { name: '吴十', phone: '13700005555' }, subject: { type: 'none' } });
    const upload = (name: string, type: string, content: Buffer) => {
      const boundary = '----banklane-test';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: ${type}\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.http.inject({ method: 'POST', url: `/api/v1/complaints/${c.ref}/attachments`, headers: { authorization: `Bearer ${teller.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' }, payload });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
    const stored = await upload('收据.pdf', 'application/pdf', pdf);
    assert.equal(stored.statusCode, 201, stored.body);
    const exe = problem(await upload('tool.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00')));
    assert.equal(exe.status, 415);
    assert.equal(exe.errors?.[0]?.field, '/file');
    assert.equal(problem(await upload('photo.png', 'image/png', Buffer.from('not really a picture'))).status, 415);
    assert.equal(problem(await handler.post(`/api/v1/complaints/${c.ref}/attachments`, { file: 'x' })).status, 415, 'JSON is not an upload');
    const rules = (await ops.get('/api/v1/complaint-setup')).json().rules;
    assert.equal((await ops.put('/api/v1/complaint-setup/rules', { ...rules, attachmentMaxBytes: 10_240 })).statusCode, 200);
    const big = problem(await upload('big.txt', 'text/plain', Buffer.alloc(20_000, 0x61)));
    assert.equal(big.status, 413);
    assert.equal((await ops.put('/api/v1/complaint-setup/rules', rules)).statusCode, 200);
    // two files, or a file under another name: refused, nothing stored
    const boundary = '----banklane-two';
    const part = (name: string) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="a.txt"\r\ncontent-type: text/plain\r\n\r\nhello\r\n`);
    for (const payload of [Buffer.concat([part('file'), part('file'), Buffer.from(`--${boundary}--\r\n`)]), Buffer.concat([part('other'), Buffer.from(`--${boundary}--\r\n`)])]) {
      const refused = await app.http.inject({ method: 'POST', url: `/api/v1/complaints/${c.ref}/attachments`, headers: { authorization: `Bearer ${teller.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      assert.ok([400, 413].includes(problem(refused).status), refused.body);
    }
    const listed = (await handler.get(`/api/v1/complaints/${c.ref}`)).json().attachments;
    assert.deepEqual(listed.map((a: { fileName: string; sizeBytes: number }) => [a.fileName, a.sizeBytes]), [['收据.pdf', pdf.length]]);
    const download = await handler.get(`/api/v1/complaints/${c.ref}/attachments/${listed[0].id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.ok(download.rawPayload.equals(pdf));
  });
});
