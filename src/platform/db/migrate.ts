import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as platform from './migrations/2026-11-28-0001-platform.ts';
import * as engine from './migrations/2026-11-28-0002-engine.ts';
import * as auditSealing from './migrations/2026-11-28-0003-audit-sealing.ts';
import * as serviceCatalog from './migrations/2026-11-28-0004-service-catalog.ts';
import * as serviceOperations from './migrations/2026-11-28-0005-service-operations.ts';
import * as instanceFillfactor from './migrations/2026-11-28-0006-instance-fillfactor.ts';
import * as queue from './migrations/2026-11-28-0007-queue.ts';
import * as counterSessions from './migrations/2026-11-28-0008-counter-sessions.ts';
import * as queueServiceIndex from './migrations/2026-11-28-0009-queue-service-index.ts';
import * as complaints from './migrations/2026-11-28-0010-complaints.ts';
import * as eventLogs from './migrations/2026-11-28-0011-event-logs.ts';
import * as kpiTargets from './migrations/2026-11-29-0013-kpi-targets.ts';
import * as miningEventStorage from './migrations/2026-11-29-0014-mining-event-storage.ts';
import * as demoHistory from './migrations/2026-11-29-0015-demo-history.ts';
import * as merchants from './migrations/2026-11-29-0016-merchants.ts';
import * as merchantRiskCases from './migrations/2026-11-29-0017-merchant-risk-cases.ts';
import * as merchantRequests from './migrations/2026-11-29-0018-merchant-requests.ts';
import * as merchantRectification from './migrations/2026-11-29-0019-merchant-rectification.ts';
import * as engagementProducts from './migrations/2026-11-29-0021-engagement-products.ts';
import * as engagementSegments from './migrations/2026-11-29-0022-engagement-segments.ts';
import * as engagementOffers from './migrations/2026-11-29-0023-engagement-offers.ts';
import * as engagementExperience from './migrations/2026-11-29-0026-engagement-experience.ts';
import * as engagementCampaigns from './migrations/2026-11-29-0024-engagement-campaigns.ts';
import * as customerPortalSessions from './migrations/2026-11-29-0025-customer-portal-sessions.ts';
import * as eventLogPartitions from './migrations/2026-11-29-0030-event-log-partitions.ts';
import * as idempotencyKeyAge from './migrations/2026-11-29-0031-idempotency-key-age.ts';

/**
 * Every migration, in order. Forward-only: a released migration is never edited, a change is a
 * new entry. Listed explicitly so the set is the same on every machine and in every bundle.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-0001-platform': platform,
  '2026-11-28-0002-engine': engine,
  '2026-11-28-0003-audit-sealing': auditSealing,
  '2026-11-28-0004-service-catalog': serviceCatalog,
  '2026-11-28-0005-service-operations': serviceOperations,
  '2026-11-28-0006-instance-fillfactor': instanceFillfactor,
  '2026-11-28-0007-queue': queue,
  '2026-11-28-0008-counter-sessions': counterSessions,
  '2026-11-28-0009-queue-service-index': queueServiceIndex,
  '2026-11-28-0010-complaints': complaints,
  '2026-11-28-0011-event-logs': eventLogs,
  '2026-11-29-0013-kpi-targets': kpiTargets,
  '2026-11-29-0014-mining-event-storage': miningEventStorage,
  '2026-11-29-0015-demo-history': demoHistory,
  '2026-11-29-0016-merchants': merchants,
  '2026-11-29-0017-merchant-risk-cases': merchantRiskCases,
  '2026-11-29-0018-merchant-requests': merchantRequests,
  '2026-11-29-0019-merchant-rectification': merchantRectification,
  '2026-11-29-0021-engagement-products': engagementProducts,
  '2026-11-29-0022-engagement-segments': engagementSegments,
  '2026-11-29-0023-engagement-offers': engagementOffers,
  '2026-11-29-0024-engagement-campaigns': engagementCampaigns,
  '2026-11-29-0025-customer-portal-sessions': customerPortalSessions,
  '2026-11-29-0026-engagement-experience': engagementExperience,
  '2026-11-29-0030-event-log-partitions': eventLogPartitions,
  '2026-11-29-0031-idempotency-key-age': idempotencyKeyAge,
};

/** Names of every migration, in order. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date. Safe when several nodes start at once: Kysely's migrator holds a
 * PostgreSQL advisory lock for the whole run, so one node migrates and the others wait, then find
 * nothing left to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
