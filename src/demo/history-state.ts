import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { addDays } from './bank-days.ts';
import type { DemoHistoryTable } from './demo-history.table.ts';

export type HistoryRow = Selectable<DemoHistoryTable>;

/**
 * What the web app's banner shows: whether a history is being generated, and how far it is.
 * `stopped`: begun, nobody generates it now (the next start in demo mode resumes it); `failed`:
 * the last attempt failed (the log says why; the next start tries again).
 */
export type HistoryStatus = {
  state: 'off' | 'generating' | 'stopped' | 'done' | 'failed';
  days: number;
  daysDone: number;
  /** The last day generated (China date), or null. */
  through: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

const ID = 1;

export async function readHistory(db: Kysely<Database>): Promise<HistoryRow | undefined> {
  return db.selectFrom('demo_history').selectAll().where('id', '=', ID).executeTakeFirst();
}

/** The number of days from `first` to `day`, both included. */
export function dayNumber(first: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The history's state at `now` (real time: a generator holds a live lease while it works). */
export function statusOf(row: HistoryRow | undefined, now: Date): HistoryStatus {
  if (!row || row.days === 0) return { state: 'off', days: 0, daysDone: 0, through: null, startedAt: null, finishedAt: null };
  const state = row.finished_at ? 'done' : row.error ? 'failed' : row.lease_until && row.lease_until > now ? 'generating' : 'stopped';
  return {
    state,
    days: row.days,
    daysDone: row.day_done ? Math.min(row.days, dayNumber(row.first_day, row.day_done)) : 0,
    through: row.day_done,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/**
 * The history to generate, claimed by `owner` for `leaseMs`: created on a first start (the
 * `days` days before `today`), or an unfinished one whose lease has run out (a crashed or stopped
 * start). Returns the row and whether this process holds it; a finished history is never claimed.
 */
export async function claimHistory(db: Kysely<Database>, input: { days: number; today: string; seed: number; owner: string; now: Date; leaseMs: number }): Promise<{ row: HistoryRow; claimed: boolean }> {
  const until = new Date(input.now.getTime() + input.leaseMs);
  await db
    .insertInto('demo_history')
    .values({ id: ID, days: input.days, first_day: addDays(input.today, -input.days), last_day: addDays(input.today, -1), day_started: null, day_done: null, seed: input.seed, started_at: input.now, finished_at: null, lease_owner: null, lease_until: null, error: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const taken = await db
    .updateTable('demo_history')
    .set({ lease_owner: input.owner, lease_until: until, error: null })
    .where('id', '=', ID)
    .where('finished_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.now), eb('lease_owner', '=', input.owner)]))
    .executeTakeFirst();
  const row = (await readHistory(db))!;
  return { row, claimed: Number(taken.numUpdatedRows) === 1 };
}

/** Keeps the claim alive (the generator does while it works). */
export async function renewLease(db: Kysely<Database>, owner: string, now: Date, leaseMs: number): Promise<void> {
  await db.updateTable('demo_history').set({ lease_until: new Date(now.getTime() + leaseMs) }).where('id', '=', ID).where('lease_owner', '=', owner).execute();
}

export async function markDay(db: Kysely<Database>, owner: string, day: string, phase: 'started' | 'done'): Promise<void> {
  await db
    .updateTable('demo_history')
    .set(phase === 'started' ? { day_started: day } : { day_done: day })
    .where('id', '=', ID)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function finishHistory(db: Kysely<Database>, owner: string, now: Date): Promise<void> {
  await db.updateTable('demo_history').set({ finished_at: now, lease_owner: null, lease_until: null }).where('id', '=', ID).where('lease_owner', '=', owner).execute();
}

/** Gives the claim back: stopped (the next start resumes) or failed (with the reason, shown to admins). */
export async function releaseHistory(db: Kysely<Database>, owner: string, error: string | null): Promise<void> {
  await db.updateTable('demo_history').set({ lease_owner: null, lease_until: null, error: error === null ? null : error.slice(0, 2000) }).where('id', '=', ID).where('lease_owner', '=', owner).execute();
}

/** The first day not yet begun: after the last day done, and after a day that was begun but cut short. */
export function resumeDay(row: HistoryRow): string {
  const last = [row.day_done, row.day_started].filter((d): d is string => d !== null).sort().at(-1);
  return last ? addDays(last, 1) : row.first_day;
}

