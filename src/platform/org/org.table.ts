import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in on insert (default now()). */
type CreatedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrgUnitKind = 'head_office' | 'region' | 'branch' | 'sub_branch' | 'department';

export type OrgUnitTable = {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  kind: OrgUnitKind;
  parent_id: string | null;
  /** Materialised path of unit ids, `/root/…/self/`: a unit's subtree is every path with this prefix. */
  path: string;
  /** Business-calendar region whose working days apply to this unit. */
  region: string;
  active: Generated<boolean>;
  created_at: CreatedTimestamp;
  updated_at: CreatedTimestamp;
};

export type RoleTable = {
  key: string;
  name_zh: string;
  name_en: string;
  scope: 'global' | 'unit';
  permissions: ColumnType<string[], string, string>;
  builtin: Generated<boolean>;
  created_at: CreatedTimestamp;
  updated_at: CreatedTimestamp;
};

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  unit_id: string;
  password_hash: string;
  status: Generated<'active' | 'disabled'>;
  last_login_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: CreatedTimestamp;
  version: Generated<number>;
};

export type UserRoleTable = { user_id: string; role_key: string };

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type NewOrgUnitRow = Insertable<OrgUnitTable>;
export type RoleRow = Selectable<RoleTable>;
export type UserRow = Selectable<UserTable>;
