import type { AuditTable } from '../audit/audit.table.ts';
import type { SessionTable, LoginThrottleTable } from '../auth/auth.table.ts';
import type { CalendarYearTable } from '../calendar/calendar.table.ts';
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
};
