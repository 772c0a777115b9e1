import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { evaluateExpression } from '../expressions/index.ts';
import type { ProcessModel } from '../model/process-model.ts';
import { firstDue, nextDue, parseTimer } from '../timers/index.ts';
import type { RuntimeEnv } from './instances.ts';

type Trx = Transaction<Database>;

/** The timer spec of a timer start event, its expression evaluated with no variables. */
function timerSpec(model: ProcessModel, elementId: string, now: Date) {
  const event = model.nodes[elementId]?.event;
  if (event?.kind !== 'timer') return null;
  const text = evaluateExpression(event.timer.expression, { variables: {}, now });
  if (!text.ok) return null;
  const parsed = parseTimer(event.timer.type, String(text.value));
  return parsed.ok ? parsed.spec : null;
}

/**
 * A new version takes over its process's start events: the previous versions' timer, message and
 * signal starts are withdrawn, the new version's armed.
 */
export async function scheduleStartEvents(trx: Trx, env: RuntimeEnv, definitionId: string, key: string): Promise<void> {
  const previous = trx.selectFrom('process_definition').select('id').where('key', '=', key).where('id', '!=', definitionId);
  await trx.deleteFrom('job').where('instance_id', 'is', null).where('definition_id', 'in', previous).execute();
  await trx.deleteFrom('event_subscription').where('instance_id', 'is', null).where('definition_id', 'in', previous).execute();
  const definition = await env.definitions.process(trx, definitionId);
  if (!definition?.model.executable) return;
  const model = definition.model;
  for (const id of model.scopes[model.id]?.eventStarts ?? []) {
    const event = model.nodes[id]!.event!;
    if (event.kind === 'timer') {
      const spec = timerSpec(model, id, env.now);
      const due = spec ? firstDue(spec, env.now) : null;
      if (due) await insertTimerStart(trx, env, definitionId, id, due, 0);
    } else if (event.kind === 'message' || event.kind === 'signal') {
      const name = event.kind === 'message' ? event.messageName : event.signalName;
      await trx.insertInto('event_subscription').values({ id: env.newId(), instance_id: null, definition_id: definitionId, token_id: null, element_id: id, kind: event.kind, name, correlation_key: null, created_at: env.now }).execute();
    }
  }
}

async function insertTimerStart(trx: Trx, env: RuntimeEnv, definitionId: string, elementId: string, due: Date, fired: number): Promise<void> {
  await trx
    .insertInto('job')
    .values({ id: env.newId(), instance_id: null, definition_id: definitionId, token_id: null, element_id: elementId, kind: 'timerStart', topic: null, due_at: due, retries: 3, payload: JSON.stringify({ fired, due: due.toISOString() }), lock_owner: null, lock_expires_at: null, last_error: null, last_error_details: null, created_at: env.now })
    .execute();
}

/** After a timer start fired: the next occurrence of a cycle, if any. */
export async function rearmTimerStart(trx: Trx, env: RuntimeEnv, definitionId: string, elementId: string, payload: unknown): Promise<void> {
  const definition = await env.definitions.process(trx, definitionId);
  if (!definition) return;
  const spec = timerSpec(definition.model, elementId, env.now);
  const last = payload as { fired?: number; due?: string } | null;
  if (!spec || spec.kind !== 'timeCycle' || !last?.due) return;
  const fired = (last.fired ?? 0) + 1;
  const next = nextDue(spec, new Date(last.due), fired);
  if (next) await insertTimerStart(trx, env, definitionId, elementId, next, fired);
}
