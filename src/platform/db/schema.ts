import type { AuditTable } from '../audit/audit.table.ts';
import type { SessionTable, LoginThrottleTable } from '../auth/auth.table.ts';
import type { CalendarYearTable } from '../calendar/calendar.table.ts';
import type * as E from '../../engine/runtime/engine.table.ts';
import type { ServiceTable, ServiceVersionTable } from '../../services/catalog/catalog.table.ts';
import type { OrgUnitTable, RoleTable, UserRoleTable, UserTable } from '../org/org.table.ts';

/** Every table Banklane owns, as Kysely sees them. Each capability declares its own tables. */
export type Database = {
  org_unit: OrgUnitTable;
  role: RoleTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditTable;
  calendar_year: CalendarYearTable;
  deployment: E.DeploymentTable;
  deployment_resource: E.DeploymentResourceTable;
  process_definition: E.ProcessDefinitionTable;
  decision_definition: E.DecisionDefinitionTable;
  process_instance: E.ProcessInstanceTable;
  task: E.TaskTable;
  job: E.JobTable;
  event_subscription: E.EventSubscriptionTable;
  incident: E.IncidentTable;
  event_log: E.EventLogTable;
  idempotency_key: E.IdempotencyKeyTable;
  service: ServiceTable;
  service_version: ServiceVersionTable;
};
