import { sql, type Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * The engine's event log (`event_log`) partitioned by month of `at`, in UTC. It is the table that
 * grows without bound — every step of every instance adds rows, for as long as the bank runs — and
 * old months are its natural unit of retention: a month is detached and archived whole, not
 * deleted row by row. Imported logs (`mining_event`) are not partitioned: they grow only by
 * imports, are deleted log by log, and their times are whatever the imported file holds.
 *
 * The primary key includes the partition key, (id, at); ids still come from the same sequence,
 * so they keep growing across the change and every reader that orders or pages by id still does.
 * A default partition takes any row no month exists for, so a write never fails.
 * `event_log_ensure_month(month)` creates a month's partition (moving in whatever the default
 * partition holds of that month): the migration calls it for every month the log already has and
 * the next two, the background sweep for the months ahead (src/platform/db/partitions.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    alter sequence event_log_id_seq owned by none;
    alter table event_log rename to event_log_unpartitioned;
    alter index event_log_pkey rename to event_log_unpartitioned_pkey;
    alter index event_log_instance_idx rename to event_log_unpartitioned_instance_idx;
    alter index event_log_time_idx rename to event_log_unpartitioned_time_idx;

    create table event_log (
      id bigint not null default nextval('event_log_id_seq'),
      instance_id text not null,
      activity_instance_id text not null,
      element_id text not null,
      element_type text not null,
      name text,
      process_key text not null,
      lifecycle text not null,
      at timestamptz not null,
      resource text,
      unit_id text,
      primary key (id, at)
    ) partition by range (at);
    create index event_log_instance_idx on event_log (instance_id, id);
    create index event_log_time_idx on event_log (at);
    create table event_log_default partition of event_log default;
  `);
  // Created as a table of its own and then attached: attaching locks the log's readers and writers
  // out of nothing but the default partition, where creating a partition in place would lock the
  // whole log (and queue every query behind the longest one running).
  await sql`
    create function event_log_ensure_month(month date) returns boolean language plpgsql as $$
    declare
      first_day date := date_trunc('month', month)::date;
      lo text := to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00';
      hi text := to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00';
      part text := 'event_log_' || to_char(first_day, 'YYYY_MM');
    begin
      if to_regclass(quote_ident(part)) is not null then
        return false;
      end if;
      execute format('create table %I (like event_log including defaults)', part);
      execute format('with moved as (delete from event_log_default where at >= %L and at < %L returning *) insert into %I select * from moved', lo, hi, part);
      execute format('alter table event_log attach partition %I for values from (%L) to (%L)', part, lo, hi);
      return true;
    end $$`.execute(db);
  await sql`
    select event_log_ensure_month(m::date)
    from (
      select distinct date_trunc('month', at at time zone 'UTC') as m from event_log_unpartitioned
      union
      select date_trunc('month', now() at time zone 'UTC') + make_interval(months => n) from generate_series(0, 2) n
    ) months
    order by m`.execute(db);
  await runStatements(db, `
    insert into event_log (id, instance_id, activity_instance_id, element_id, element_type, name, process_key, lifecycle, at, resource, unit_id)
      select id, instance_id, activity_instance_id, element_id, element_type, name, process_key, lifecycle, at, resource, unit_id from event_log_unpartitioned;
    drop table event_log_unpartitioned;
    alter sequence event_log_id_seq owned by event_log.id;
  `);
}
