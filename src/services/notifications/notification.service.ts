import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { maskEmail, maskPhone } from '../../platform/pii/index.ts';
import { render, SECRET_TEMPLATES, type TemplateName } from './templates.ts';
import type { MessageAdapter } from './adapters.ts';

export type Outgoing = {
  channel: 'sms' | 'email';
  /** The phone number or address, in clear: sealed before it is stored. */
  to: string;
  template: TemplateName;
  lang: string;
  params: Record<string, string | number>;
  subject?: { type: string; id: string } | undefined;
};

/**
 * Puts a message in the outbox, in the caller's transaction: it is sent if and only if the
 * change that caused it commits. The dispatcher delivers it afterwards, retrying on failure.
 */
export async function enqueue(trx: Transaction<Database> | Kysely<Database>, deps: Deps, message: Outgoing): Promise<string> {
  const id = deps.newId();
  const now = deps.clock();
  await trx
    .insertInto('notification')
    .values({
      id,
      channel: message.channel,
      recipient_sealed: deps.vault.seal(message.to),
      recipient_masked: message.channel === 'sms' ? maskPhone(message.to) : maskEmail(message.to),
      template: message.template,
      lang: message.lang.startsWith('zh') ? 'zh-CN' : 'en',
      body: render(message.template, message.lang, message.params),
      subject_type: message.subject?.type ?? null,
      subject_id: message.subject?.id ?? null,
      status: 'pending',
      next_attempt_at: now,
      last_error: null,
      sent_at: null,
      created_at: now,
    })
    .execute();
  return id;
}

/** Delivery attempts before a message is given up as failed. */
export const MAX_ATTEMPTS = 6;

/** Seconds before the n-th retry: 30 s, 2 min, 10 min, 30 min, 1 h. */
export function retryDelaySeconds(attempt: number): number {
  return [30, 120, 600, 1800][attempt - 1] ?? 3600;
}

/**
 * Sends due messages through the adapters, each claimed with `SKIP LOCKED` so several nodes
 * share the work without sending one twice. Returns how many were attempted.
 */
export async function dispatchDue(deps: Deps, adapters: Record<'sms' | 'email', MessageAdapter>, batch = 20): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('notification').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(batch).forUpdate().skipLocked().execute();
    for (const m of due) {
      const attempts = m.attempts + 1;
      try {
        await adapters[m.channel].send({ id: m.id, to: deps.vault.open(m.recipient_sealed), body: m.body, template: m.template, lang: m.lang });
        await trx.updateTable('notification').set({ status: 'sent', attempts, sent_at: deps.clock(), last_error: null }).where('id', '=', m.id).execute();
      } catch (error) {
        const failed = attempts >= MAX_ATTEMPTS;
        await trx
          .updateTable('notification')
          .set({ attempts, status: failed ? 'failed' : 'pending', last_error: String(error instanceof Error ? error.message : error).slice(0, 500), next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) })
          .where('id', '=', m.id)
          .execute();
      }
    }
    return due.length;
  });
}

/** The outbox as staff see it: recipients masked, one-time codes hidden outside demo mode. */
export async function listNotifications(deps: Deps, f: { subjectType?: string | undefined; subjectId?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
  let q = deps.db.selectFrom('notification');
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.status) q = q.where('status', '=', f.status as never);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      to: r.recipient_masked,
      template: r.template,
      lang: r.lang,
      body: SECRET_TEMPLATES.has(r.template as TemplateName) && !deps.config.demo ? r.body.replace(/\d{4,}/g, (d) => '*'.repeat(d.length)) : r.body,
      subject: r.subject_type ? { type: r.subject_type, id: r.subject_id } : null,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    })),
  };
}

/**
 * Demo mode only: the messages last sent to a phone number, so a visitor trying the customer
 * portal can read the one-time code they would have received by SMS.
 */
export async function demoInbox(deps: Deps, phone: string) {
  const masked = maskPhone(phone.replace(/[\s-]/g, ''));
  const rows = await deps.db.selectFrom('notification').select(['recipient_sealed', 'body', 'created_at']).where('channel', '=', 'sms').where('recipient_masked', '=', masked).orderBy('created_at', 'desc').limit(20).execute();
  return rows.filter((r) => deps.vault.open(r.recipient_sealed).endsWith(phone.replace(/\D/g, '').slice(-11))).slice(0, 5).map((r) => ({ body: r.body, at: r.created_at.toISOString() }));
}
