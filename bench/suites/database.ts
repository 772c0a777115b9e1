import type { BenchSuite } from '../bench-suite.ts';

/**
 * Banklane end to end through the service layer on PGlite and on PostgreSQL, and the p50/p99 of
 * completing a task on PostgreSQL: the database rows of the table are added here. It measures
 * nothing yet, so it returns no rows.
 */
export const databaseSuite: BenchSuite = {
  name: 'database',
  async run() {
    return [];
  },
};
