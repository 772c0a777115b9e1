import type { Localized } from '../errors.ts';

/**
 * Every permission Banklane knows. A capability adds its own keys here; a route declares the one it
 * needs, and a role grants a set of them.
 */
export const PERMISSIONS = {
  'org.unit.read': { en: 'View organisation units', zh: '查看机构' },
  'org.unit.write': { en: 'Manage organisation units', zh: '管理机构' },
  'org.user.read': { en: 'View staff users', zh: '查看用户' },
  'org.user.write': { en: 'Manage staff users', zh: '管理用户' },
  'org.role.read': { en: 'View roles and permissions', zh: '查看角色权限' },
  'org.role.write': { en: 'Manage roles and permissions', zh: '管理角色权限' },
  'audit.read': { en: 'Read the audit trail', zh: '查阅审计日志' },
  'calendar.read': { en: 'View business calendars', zh: '查看营业日历' },
  'calendar.write': { en: 'Maintain business calendars', zh: '维护营业日历' },
  'pii.reveal': { en: 'See personal data unmasked (audited)', zh: '查看未脱敏个人信息（留痕）' },
} as const satisfies Record<string, Localized>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export type RoleScope = 'global' | 'unit';

export type BuiltinRole = {
  key: string;
  name: Localized;
  /** `global`: head-office wide; `unit`: the user's own unit and the units below it. */
  scope: RoleScope;
  permissions: Permission[];
};

const everything = PERMISSION_KEYS;

/** The roles every Banklane installation starts with. Admins may add roles of their own. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'admin', name: { en: 'Administrator', zh: '系统管理员' }, scope: 'global', permissions: everything },
  {
    key: 'ops_manager',
    name: { en: 'Operations manager', zh: '运营主管' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'calendar.read', 'calendar.write'],
  },
  {
    key: 'branch_manager',
    name: { en: 'Branch manager', zh: '网点负责人' },
    scope: 'unit',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'pii.reveal'],
  },
  {
    key: 'teller',
    name: { en: 'Teller', zh: '柜员' },
    scope: 'unit',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read'],
  },
  {
    key: 'supervisor',
    name: { en: 'Supervisor (checker)', zh: '复核主管' },
    scope: 'unit',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read'],
  },
  {
    key: 'complaint_handler',
    name: { en: 'Complaint handler', zh: '投诉处理专员' },
    scope: 'unit',
    permissions: ['org.unit.read', 'calendar.read'],
  },
  {
    key: 'merchant_manager',
    name: { en: 'Merchant manager', zh: '商户经理' },
    scope: 'unit',
    permissions: ['org.unit.read', 'calendar.read'],
  },
  {
    key: 'risk_officer',
    name: { en: 'Risk officer', zh: '风险管理专员' },
    scope: 'global',
    permissions: ['org.unit.read', 'calendar.read'],
  },
  {
    key: 'executive',
    name: { en: 'Executive', zh: '行领导' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read'],
  },
  {
    key: 'auditor',
    name: { en: 'Auditor', zh: '审计员' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'audit.read', 'calendar.read'],
  },
];
