import { sql, type Kysely } from 'kysely';

/**
 * An imported log's events are written in bulk (COPY) by the import alone, in the transaction that
 * creates the log's row. The foreign key from each event to its log was checked row by row — a
 * lookup per event, nearly half of the database's work in a 1.2-million-event import — and guarded
 * nothing the import does not: no other code writes events. What it gave otherwise stays: deleting
 * a log deletes its events, now by a trigger that runs once per log.
 *
 * Both indexes stay: the primary key (log_id, seq), which the OCEL export pages through, and
 * (log_id, case_id, seq), which the XES export pages through and the measures read a case's events
 * in order from. Kept up during the load they cost less than building them afterwards would, and
 * an index cannot be built for one log only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mining_event drop constraint mining_event_log_id_fkey`.execute(db);
  await sql`
    create function mining_log_delete_events() returns trigger language plpgsql as $$
    begin
      delete from mining_event where log_id = old.id;
      return old;
    end $$`.execute(db);
  await sql`create trigger mining_log_delete_events after delete on mining_log for each row execute function mining_log_delete_events()`.execute(db);
}
