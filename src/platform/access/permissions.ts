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
  'process.deploy': { en: 'Deploy processes and decisions', zh: '部署流程与决策' },
  'process.read': { en: 'View processes and their instances', zh: '查看流程与流程实例' },
  'process.start': { en: 'Start processes', zh: '发起流程' },
  'process.manage': { en: 'Manage instances: cancel, variables, messages, incidents', zh: '管理流程实例（撤销、变量、消息、异常）' },
  'task.work': { en: 'Work on tasks: claim, complete', zh: '办理任务（签收、完成）' },
  'decision.evaluate': { en: 'Evaluate decisions (DMN)', zh: '执行决策（DMN）' },
  'worker.external': { en: 'Act as an external task worker', zh: '作为外部任务执行器' },
  'catalog.write': { en: 'Maintain the service catalogue', zh: '维护服务目录' },
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
/** What everyone who serves customers does with processes: see them, start them, work their tasks. */
const operations: Permission[] = ['process.read', 'process.start', 'task.work'];

/** The roles every Banklane installation starts with. Admins may add roles of their own. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'admin', name: { en: 'Administrator', zh: '系统管理员' }, scope: 'global', permissions: everything },
  {
    key: 'ops_manager',
    name: { en: 'Operations manager', zh: '运营主管' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'calendar.read', 'calendar.write', ...operations, 'process.deploy', 'process.manage', 'decision.evaluate', 'catalog.write'],
  },
  {
    key: 'branch_manager',
    name: { en: 'Branch manager', zh: '网点负责人' },
    scope: 'unit',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'pii.reveal', ...operations],
  },
  { key: 'teller', name: { en: 'Teller', zh: '柜员' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', ...operations] },
  { key: 'supervisor', name: { en: 'Supervisor (checker)', zh: '复核主管' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', ...operations] },
  { key: 'complaint_handler', name: { en: 'Complaint handler', zh: '投诉处理专员' }, scope: 'unit', permissions: ['org.unit.read', 'calendar.read', ...operations] },
  { key: 'merchant_manager', name: { en: 'Merchant manager', zh: '商户经理' }, scope: 'unit', permissions: ['org.unit.read', 'calendar.read', ...operations] },
  { key: 'risk_officer', name: { en: 'Risk officer', zh: '风险管理专员' }, scope: 'global', permissions: ['org.unit.read', 'calendar.read', ...operations, 'decision.evaluate'] },
  { key: 'executive', name: { en: 'Executive', zh: '行领导' }, scope: 'global', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'process.read'] },
  {
    key: 'auditor',
    name: { en: 'Auditor', zh: '审计员' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'audit.read', 'calendar.read', 'process.read'],
  },
  {
    key: 'integration',
    name: { en: 'System integration (workers)', zh: '系统集成（外部执行器）' },
    scope: 'global',
    permissions: ['worker.external', 'process.read', 'process.start', 'process.manage'],
  },
];
