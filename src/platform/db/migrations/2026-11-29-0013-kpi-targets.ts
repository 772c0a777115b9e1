import type { Kysely } from 'kysely';
import { runStatements } from './statements.ts';

/**
 * Performance targets (绩效目标): one value per measure, per period (a month), for a staff member,
 * a team (an org unit), a branch or a process. Attainment is computed against the measured
 * figures, never stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `
    create table kpi_target (
      level text not null check (level in ('staff', 'team', 'branch', 'process')),
      key text not null,
      metric text not null,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      value numeric not null,
      unit_id text references org_unit(id),
      set_by text not null,
      set_at timestamptz not null,
      primary key (level, key, metric, period)
    );
  `);
}
