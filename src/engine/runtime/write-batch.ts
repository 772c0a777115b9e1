import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { executeWrites, InstanceChanged, type WriteOp } from './write-plan.ts';

/** A step's new instance state, to be written only if the instance is still at `version`. */
export type GuardedState = { id: string; version: number; stateJson: string; status: string; endedAt: Date | null };

type Item = { guard: GuardedState | null; writes: WriteOp[]; resolve: (written: boolean) => void; reject: (error: unknown) => void };

/**
 * Group commit for the engine's hot path. Steps that arrive while a write is in flight are
 * written together, in one transaction of four round trips whatever their number: one statement
 * moves every guarded instance whose version still matches (the others are refused: their
 * instance changed), one statement writes the tasks, jobs, event-log rows and audit entries of
 * the steps that may go ahead. Each step learns whether it was written. A batch holds at most one
 * step per instance; a failing batch is retried step by step, so one bad step fails alone.
 */
export class WriteBatcher {
  private queue: Item[] = [];
  private inflight = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { maxBatch: number; maxInflight: number } = { maxBatch: 64, maxInflight: 2 },
  ) {}

  /** Resolves true when written, false when the guarded instance had changed (nothing written). */
  submit(guard: GuardedState | null, writes: WriteOp[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ guard, writes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inflight < this.options.maxInflight && this.queue.length > 0) {
      const batch: Item[] = [];
      const instances = new Set<string>();
      const rest: Item[] = [];
      for (const item of this.queue) {
        const id = item.guard?.id;
        if (batch.length < this.options.maxBatch && (!id || !instances.has(id))) {
          batch.push(item);
          if (id) instances.add(id);
        } else rest.push(item);
      }
      this.queue = rest;
      this.inflight++;
      void this.flush(batch).finally(() => {
        this.inflight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Item[]): Promise<void> {
    try {
      const written = await this.write(batch);
      batch.forEach((item, i) => item.resolve(written[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // isolate the step that broke the batch: each is written alone
      for (const item of batch) {
        try {
          item.resolve((await this.write([item]))[0]!);
        } catch (single) {
          item.reject(single);
        }
      }
    }
  }

  private async write(batch: Item[]): Promise<boolean[]> {
    if (batch.length === 1) return [await this.writeOne(batch[0]!)];
    return this.db.transaction().execute(async (trx) => {
      const guards = batch.flatMap((item) => (item.guard ? [item.guard] : []));
      let moved = new Set<string>();
      if (guards.length > 0) {
        const rows = await sql<{ id: string }>`
          update process_instance p
          set state = v.state::jsonb, status = v.status, version = v.version::int + 1, ended_at = coalesce(v.ended_at::timestamptz, p.ended_at)
          from (values ${sql.join(guards.map((g) => sql`(${g.id}::text, ${g.version}::int, ${g.stateJson}::text, ${g.status}::text, ${g.endedAt}::timestamptz)`))}) as v(id, version, state, status, ended_at)
          where p.id = v.id and p.version = v.version::int
          returning p.id`.execute(trx);
        moved = new Set(rows.rows.map((r) => r.id));
      }
      const written = batch.map((item) => !item.guard || moved.has(item.guard.id));
      await executeWrites(trx, batch.filter((_, i) => written[i]).flatMap((item) => item.writes));
      return written;
    });
  }

  /** A step alone: one statement, its instance update first and guarding the rest. */
  private async writeOne(item: Item): Promise<boolean> {
    const g = item.guard;
    if (!g) {
      await executeWrites(this.db, item.writes);
      return true;
    }
    const update: WriteOp = (qc) => qc
      .updateTable('process_instance')
      .set({ state: g.stateJson, status: g.status, version: g.version + 1, ...(g.endedAt && { ended_at: g.endedAt }) })
      .where('id', '=', g.id)
      .where('version', '=', g.version)
      .returning('id');
    try {
      await executeWrites(this.db, [update, ...item.writes], true);
      return true;
    } catch (error) {
      if (error instanceof InstanceChanged) return false;
      throw error;
    }
  }
}
