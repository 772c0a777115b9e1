import fs from 'node:fs';
import pg from 'pg';
import type { Sent } from './load.ts';

export type Check = { name: string; figures: string; pass: boolean; problems: string[] };

type Q = <T extends Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;

const check = (name: string, figures: string, problems: string[]): Check => ({ name, figures, pass: problems.length === 0, problems: problems.slice(0, 10) });

/** Counts of each value of `keys`. */
function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * The invariants after the run, read from the database (and the audit chain through the API):
 * every acknowledged request took effect exactly once, no token or execution was lost or doubled,
 * every timer fired once, no ticket was called twice, the audit chain verifies, and every
 * outbox message reached the SMS sink (once per message id).
 */
export async function runChecks(databaseUrl: string, sent: Sent[], runId: string, outboxFiles: string[], auditVerify: () => Promise<{ ok: boolean; entries: number; reason?: string }>): Promise<Check[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const q: Q = async (text, values) => (await client.query(text, values as unknown[])).rows;
  const checks: Check[] = [];
  try {
    const acked = (kind: Sent['kind']) => sent.filter((s) => s.kind === kind && s.ack);

    // 1. process starts: each acknowledged start is one instance (by business key = idempotency key), never two for one key
    const instances = await q<{ id: string; business_key: string; process_key: string; status: string; state: { tokens: Record<string, { elementId?: string }> } }>(
      `select id, business_key, process_key, status, state from process_instance where process_key in ('chaosTask', 'chaosTimer') and business_key like $1`, [`${runId}-%`]);
    const byKey = tally(instances.map((i) => i.business_key));
    const starts = [...acked('start_task'), ...acked('start_timer')];
    const startProblems: string[] = [];
    for (const s of starts) {
      const n = byKey.get(s.key) ?? 0;
      if (n !== 1) startProblems.push(`${s.key}: ${n} instances`);
      else if (!instances.some((i) => i.business_key === s.key && i.id === s.ack!.id)) startProblems.push(`${s.key}: acknowledged id ${String(s.ack!.id)} is not the instance stored`);
    }
    for (const [key, n] of byKey) if (n > 1) startProblems.push(`${key}: ${n} instances for one idempotency key`);
    const unackedStarts = sent.filter((s) => (s.kind === 'start_task' || s.kind === 'start_timer') && !s.ack);
    const keyRows = await q<{ n: number }>(`select count(*)::int as n from idempotency_key where operation = 'process.start' and key like $1`, [`${runId}-%`]);
    checks.push(check('process starts: once per acknowledged request and key', `${starts.length} acknowledged (${starts.filter((s) => s.attempts > 1).length} after a retry), ${unackedStarts.length} unanswered; ${instances.length} instances, ${keyRows[0]!.n} keys stored`, startProblems));

    // 2. task completions: each acknowledged completion completed its task once (one completion in the event log)
    const completions = acked('complete_task');
    const completeProblems: string[] = [];
    const taskIds = completions.map((c) => String(c.extra.taskId));
    const tasks = taskIds.length ? await q<{ id: string; status: string; instance_id: string }>(`select id, status, instance_id from task where id = any($1)`, [taskIds]) : [];
    const completeEvents = await q<{ instance_id: string; n: number }>(`select e.instance_id, count(*)::int as n from event_log e join process_instance p on p.id = e.instance_id where p.process_key = 'chaosTask' and p.business_key like $1 and e.element_id = 'review' and e.lifecycle = 'complete' group by e.instance_id`, [`${runId}-%`]);
    const eventsByInstance = new Map(completeEvents.map((e) => [e.instance_id, e.n]));
    for (const c of completions) {
      const t = tasks.find((x) => x.id === c.extra.taskId);
      if (!t || t.status !== 'completed') completeProblems.push(`task ${String(c.extra.taskId)}: ${t?.status ?? 'missing'}`);
      const n = eventsByInstance.get(String(c.extra.instanceId)) ?? 0;
      if (n !== 1) completeProblems.push(`instance ${String(c.extra.instanceId)}: ${n} completions of its task`);
    }
    for (const [id, n] of eventsByInstance) if (n > 1) completeProblems.push(`instance ${id}: its task completed ${n} times`);
    checks.push(check('task completions: once per acknowledged request', `${completions.length} acknowledged (${completions.filter((s) => s.attempts > 1).length} after a retry), ${sent.filter((s) => s.kind === 'complete_task' && !s.ack).length} unanswered; ${completeEvents.length} tasks completed in the event log`, completeProblems));

    // 3. tokens: a waiting instance has exactly one token and what it waits on; a finished one nothing
    const openTasks = await q<{ instance_id: string; n: number }>(`select instance_id, count(*)::int as n from task where status not in ('completed', 'cancelled') and process_key in ('chaosTask', 'chaosTimer') group by instance_id`);
    const jobs = await q<{ instance_id: string; n: number }>(`select instance_id, count(*)::int as n from job where instance_id is not null group by instance_id`);
    const openBy = new Map(openTasks.map((r) => [r.instance_id, r.n]));
    const jobsBy = new Map(jobs.map((r) => [r.instance_id, r.n]));
    const tokenProblems: string[] = [];
    let waiting = 0;
    for (const i of instances) {
      const tokens = Object.values(i.state.tokens ?? {});
      const open = openBy.get(i.id) ?? 0;
      const job = jobsBy.get(i.id) ?? 0;
      if (i.status === 'active') {
        waiting++;
        const expected = i.process_key === 'chaosTask' ? { tokens: 1, open: 1, job: 0 } : { tokens: 1, open: 0, job: 1 };
        if (tokens.length !== expected.tokens || open !== expected.open || job !== expected.job) tokenProblems.push(`${i.process_key} ${i.id} active: ${tokens.length} tokens, ${open} open tasks, ${job} jobs`);
      } else if (tokens.length || open || job) tokenProblems.push(`${i.process_key} ${i.id} ${i.status}: ${tokens.length} tokens, ${open} open tasks, ${job} jobs left`);
    }
    checks.push(check('tokens: one per waiting instance, none left by finished ones', `${instances.length} instances: ${waiting} waiting, ${instances.length - waiting} finished`, tokenProblems));

    // 4. timers: every timer instance (all due in the window: PT5S, and the run waits for them) fired exactly once
    const timerInstances = instances.filter((i) => i.process_key === 'chaosTimer');
    const timerEvents = await q<{ instance_id: string; n: number }>(`select e.instance_id, count(*)::int as n from event_log e join process_instance p on p.id = e.instance_id where p.process_key = 'chaosTimer' and p.business_key like $1 and e.element_id = 'wait' and e.lifecycle = 'complete' group by e.instance_id`, [`${runId}-%`]);
    const firedBy = new Map(timerEvents.map((e) => [e.instance_id, e.n]));
    const timerProblems: string[] = [];
    for (const i of timerInstances) {
      const n = firedBy.get(i.id) ?? 0;
      if (n !== 1 || i.status !== 'completed') timerProblems.push(`${i.id}: fired ${n} times, ${i.status}`);
    }
    checks.push(check('timers: each due timer fired exactly once', `${timerInstances.length} timers due, ${[...firedBy.values()].filter((n) => n === 1).length} fired once, ${[...firedBy.values()].filter((n) => n > 1).length} more than once`, timerProblems));

    // 5. tickets: each acknowledged issue is one ticket; no ticket called twice
    const issued = acked('issue_ticket');
    const ticketRows = await q<{ id: string; call_count: number; status: string }>(`select id, call_count, status from queue_ticket where channel = 'teller'`);
    const ticketIds = new Set(ticketRows.map((t) => t.id));
    const calledEvents = await q<{ ticket_id: string; n: number }>(`select ticket_id, count(*)::int as n from queue_event where type = 'called' and ticket_id is not null group by ticket_id`);
    const ticketProblems: string[] = [];
    for (const s of issued) if (!ticketIds.has(String(s.ack!.id))) ticketProblems.push(`issued ticket ${String(s.ack!.id)} missing`);
    const issuedIds = issued.map((s) => String(s.ack!.id));
    for (const [id, n] of tally(issuedIds)) if (n > 1) ticketProblems.push(`ticket ${id} acknowledged ${n} times`);
    for (const e of calledEvents) if (e.n > 1) ticketProblems.push(`ticket ${e.ticket_id} called ${e.n} times`);
    for (const t of ticketRows) if (t.call_count > 1) ticketProblems.push(`ticket ${t.id} call count ${t.call_count}`);
    const calls = acked('call_ticket');
    for (const c of calls) {
      const id = (c.ack!.ticket as { id: string }).id;
      if (!calledEvents.some((e) => e.ticket_id === id)) ticketProblems.push(`acknowledged call of ${id} not in the queue events`);
    }
    for (const [id, n] of tally(calls.map((c) => (c.ack!.ticket as { id: string }).id))) if (n > 1) ticketProblems.push(`ticket ${id} handed out by ${n} acknowledged calls`);
    // every ticket came from one request: its Idempotency-Key is stored with it, once, and the acknowledged answer is that ticket
    const ticketKeys = await q<{ key: string; id: string }>(`select key, response->>'id' as id from idempotency_key where operation = 'queue.ticket.issue' and key like $1`, [`${runId}-%`]);
    const keysByTicket = tally(ticketKeys.map((k) => k.id));
    for (const t of ticketRows) if ((keysByTicket.get(t.id) ?? 0) !== 1) ticketProblems.push(`ticket ${t.id}: ${keysByTicket.get(t.id) ?? 0} requests stored for it`);
    for (const s of issued) if (ticketKeys.find((k) => k.key === s.key)?.id !== String(s.ack!.id)) ticketProblems.push(`${s.key}: acknowledged ticket ${String(s.ack!.id)} is not the one stored with the key`);
    const issueRequests = sent.filter((s) => s.kind === 'issue_ticket').length;
    if (ticketRows.length > issueRequests) ticketProblems.push(`${ticketRows.length} tickets for ${issueRequests} requests`);
    checks.push(check('tickets: issued once, never called twice', `${issued.length} issues acknowledged (${issued.filter((s) => s.attempts > 1).length} after a retry), ${issueRequests - issued.length} unanswered; ${ticketRows.length} tickets stored; ${calls.length} calls acknowledged (${calls.filter((s) => s.attempts > 1).length} after a retry), ${calledEvents.length} tickets called, max calls per ticket ${Math.max(0, ...calledEvents.map((e) => e.n))}`, ticketProblems));

    // 6. transaction files: each acknowledged import is one import (by file hash) with its rows written
    const imports = acked('import_file');
    const importRows = await q<{ id: string; file_name: string; accepted: number }>(`select id, file_name, accepted from merchant_txn_import where file_name like $1`, [`${runId}-%`]);
    const importProblems: string[] = [];
    const byName = tally(importRows.map((r) => r.file_name));
    for (const s of imports) {
      const n = byName.get(s.key) ?? 0;
      if (n !== 1) importProblems.push(`${s.key}: ${n} imports`);
      const row = importRows.find((r) => r.file_name === s.key);
      if (row && row.id !== s.ack!.importId) importProblems.push(`${s.key}: acknowledged import ${String(s.ack!.importId)}, stored ${row.id}`);
      const day = await q<{ n: number }>(`select count(*)::int as n from merchant_txn_day d join merchant m on m.id = d.merchant_id where m.code = $1 and d.day = $2`, [s.extra.merchant, s.extra.day]);
      if (day[0]!.n !== 1) importProblems.push(`${s.key}: ${day[0]!.n} day rows for ${String(s.extra.merchant)} ${String(s.extra.day)}`);
    }
    for (const [name, n] of byName) if (n > 1) importProblems.push(`${name}: imported ${n} times`);
    checks.push(check('transaction files: imported once per file', `${imports.length} acknowledged (${imports.filter((s) => s.attempts > 1).length} after a retry, ${imports.filter((s) => s.ack!.alreadyImported).length} recognised as already imported); ${importRows.length} imports stored`, importProblems));

    // 7. appointments and their SMS: each acknowledged booking once, its message sent, the sink has every message once per id
    const booked = acked('book_appointment');
    const appts = await q<{ id: string; code: string; customer_name: string }>(`select id, code, customer_name from appointment`);
    const apptByCode = tally(appts.map((a) => a.code));
    const notifications = await q<{ id: string; status: string; subject_id: string | null; template: string }>(`select id, status, subject_id, template from notification where channel = 'sms'`);
    const lines = outboxFiles.filter((f) => fs.existsSync(f)).flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean)).map((l) => (JSON.parse(l) as { id: string }).id);
    const sinkBy = tally(lines);
    const outboxProblems: string[] = [];
    for (const s of booked) {
      const code = String(s.ack!.code);
      if ((apptByCode.get(code) ?? 0) !== 1) outboxProblems.push(`booking ${code}: ${apptByCode.get(code) ?? 0} appointments`);
      const appt = appts.find((a) => a.code === code);
      const msgs = notifications.filter((n) => n.subject_id === appt?.id && n.template === 'appointment_booked');
      if (msgs.length !== 1) outboxProblems.push(`booking ${code}: ${msgs.length} messages`);
    }
    // every booking of the run came from one request, stored with its key
    const bookingKeys = await q<{ key: string; code: string }>(`select key, response->>'code' as code from idempotency_key where operation = 'appointment.book' and key like $1`, [`${runId}-%`]);
    const keysByCode = tally(bookingKeys.map((k) => k.code));
    for (const a of appts.filter((x) => x.customer_name === '混沌测试')) if ((keysByCode.get(a.code) ?? 0) !== 1) outboxProblems.push(`booking ${a.code}: ${keysByCode.get(a.code) ?? 0} requests stored for it`);
    const pending = notifications.filter((n) => n.status !== 'sent');
    for (const n of pending) outboxProblems.push(`message ${n.id} ${n.status}`);
    for (const n of notifications) if (n.status === 'sent' && !sinkBy.has(n.id)) outboxProblems.push(`message ${n.id} marked sent, not in the SMS sink`);
    const ids = new Set(notifications.map((n) => n.id));
    for (const id of sinkBy.keys()) if (!ids.has(id)) outboxProblems.push(`sink line ${id} has no message`);
    const redelivered = [...sinkBy.values()].filter((n) => n > 1).length;
    checks.push(check('outbox: each message sent, once per message id', `${booked.length} bookings acknowledged (${booked.filter((s) => s.attempts > 1).length} after a retry); ${notifications.length} SMS messages, ${notifications.length - pending.length} sent; sink ${lines.length} lines, ${sinkBy.size} distinct ids, ${redelivered} delivered again after a crash (same id)`, outboxProblems));

    // 8. the audit chain
    const audit = await auditVerify();
    checks.push(check('audit chain verifies', `${audit.entries} entries${audit.reason ? `: ${audit.reason}` : ''}`, audit.ok ? [] : [audit.reason ?? 'broken']));
  } finally {
    await client.end();
  }
  return checks;
}
