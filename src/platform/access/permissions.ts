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
  'customer.read': { en: 'View customers (masked)', zh: '查看客户（脱敏）' },
  'customer.write': { en: 'Register and update customers', zh: '登记和维护客户' },
  'customer.risk': { en: 'Set customer risk flags (blacklist, PEP)', zh: '设置客户风险标识（黑名单、政要）' },
  'case.read': { en: 'View service cases', zh: '查看业务办理' },
  'case.write': { en: 'Open service cases and check materials', zh: '受理业务、核验材料' },
  'staff.qualify': { en: 'Record staff training and certificates', zh: '登记员工培训与资质' },
  'task.reassign': { en: "Reassign an absent colleague's tasks", zh: '转派缺岗人员的任务' },
  'notification.read': { en: 'View the notification outbox', zh: '查看通知发件箱' },
  'appointment.manage': { en: 'Manage appointments and their slots', zh: '管理预约与时段' },
  'survey.read': { en: 'View satisfaction surveys', zh: '查看满意度评价' },
  'queue.serve': { en: 'Serve the counter queue: issue and call tickets', zh: '排队叫号（取号、叫号、办理）' },
  'queue.manage': { en: "Set up a branch's queue: counters, categories, rules", zh: '配置网点排队（窗口、业务类别、规则）' },
  'queue.read': { en: 'View queue figures and staffing advice', zh: '查看排队指标与人员配置建议' },
  'complaint.intake': { en: 'Register complaints', zh: '登记投诉' },
  'complaint.read': { en: 'View complaints and complaint reports', zh: '查看投诉及投诉报表' },
  'complaint.handle': { en: 'Handle complaints: accept, investigate, decide, remediate', zh: '处理投诉（受理、调查、处理决定、整改）' },
  'complaint.approve': { en: 'Approve complaint decisions and extensions', zh: '审批投诉处理决定与延期' },
  'complaint.configure': { en: 'Configure complaint categories and the clock rules', zh: '配置投诉分类与处理时限规则' },
  'analytics.read': { en: 'Analyse processes: event logs, process mining', zh: '流程分析（事件日志、流程挖掘）' },
  'analytics.import': { en: 'Import and delete event logs', zh: '导入与删除事件日志' },
  'performance.read': { en: 'View performance figures (KPIs) and the executive dashboard', zh: '查看绩效指标与管理驾驶舱' },
  'performance.target': { en: 'Set performance targets', zh: '设定绩效目标' },
  'merchant.read': { en: 'View merchants (masked)', zh: '查看商户（脱敏）' },
  'merchant.write': { en: 'Register merchants and keep their records', zh: '登记与维护商户' },
  'merchant.risk': { en: 'Manage merchant risk: risk list, transaction data, alerts', zh: '商户风险管理（风险信息名单、交易数据、预警）' },
  'merchant.configure': { en: 'Configure merchant early-warning rules', zh: '配置商户风险预警规则' },
  'product.read': { en: 'View products, customers’ risk tolerance and suitability', zh: '查看产品、客户风险承受能力与适当性' },
  'product.manage': { en: 'Manage the product catalogue and the risk-tolerance questionnaire', zh: '管理产品目录与风险承受能力评估问卷' },
  'product.sell': { en: 'Assess risk tolerance and sell products to customers', zh: '办理风险承受能力评估与产品销售' },
  'segment.read': { en: 'View customer segments and their members (masked)', zh: '查看客户分层及成员（脱敏）' },
  'segment.manage': { en: 'Build customer segments and refresh them', zh: '建立与刷新客户分层' },
  'campaign.read': { en: 'View marketing campaigns and their results', zh: '查看营销活动及效果' },
  'campaign.manage': { en: 'Build, launch and cancel marketing campaigns; make lottery draws', zh: '策划、发布、取消营销活动，抽奖开奖' },
  'campaign.checkin': { en: 'Register customers for seminars and check them in', zh: '为客户报名理财讲座并办理签到' },
  'experience.read': { en: 'View customer experience (NPS, CSAT, effort) and churn signals', zh: '查看客户体验（NPS、满意度、客户费力度）与流失预警' },
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
/** What everyone who serves customers at a branch does: know the customer, open and work cases. */
const service: Permission[] = [...operations, 'customer.read', 'customer.write', 'case.read', 'case.write', 'queue.serve', 'complaint.intake'];

/** The roles every Banklane installation starts with. Admins may add roles of their own. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'admin', name: { en: 'Administrator', zh: '系统管理员' }, scope: 'global', permissions: everything },
  {
    key: 'ops_manager',
    name: { en: 'Operations manager', zh: '运营主管' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'calendar.read', 'calendar.write', ...operations, 'process.deploy', 'process.manage', 'decision.evaluate', 'catalog.write', 'customer.read', 'case.read', 'staff.qualify', 'task.reassign', 'notification.read', 'appointment.manage', 'survey.read', 'queue.manage', 'queue.read', 'complaint.intake', 'complaint.read', 'complaint.handle', 'complaint.approve', 'complaint.configure', 'analytics.read', 'analytics.import', 'performance.read', 'performance.target', 'merchant.read', 'product.read', 'product.manage', 'segment.read', 'segment.manage', 'experience.read', 'campaign.read', 'campaign.manage', 'campaign.checkin'],
  },
  {
    key: 'branch_manager',
    name: { en: 'Branch manager', zh: '网点负责人' },
    scope: 'unit',
    permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'pii.reveal', ...service, 'staff.qualify', 'task.reassign', 'appointment.manage', 'survey.read', 'queue.manage', 'queue.read', 'complaint.read', 'complaint.handle', 'complaint.approve', 'performance.read', 'performance.target', 'merchant.read', 'product.read', 'segment.read', 'experience.read', 'campaign.read', 'campaign.checkin'],
  },
  { key: 'teller', name: { en: 'Teller', zh: '柜员' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', ...service, 'product.read', 'product.sell', 'campaign.checkin'] },
  { key: 'relationship_manager', name: { en: 'Relationship manager', zh: '客户经理' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'customer.read', 'customer.write', 'case.read', 'product.read', 'product.sell', 'segment.read', 'segment.manage', 'task.work', 'experience.read', 'campaign.read', 'campaign.manage', 'campaign.checkin'] },
  { key: 'supervisor', name: { en: 'Supervisor (checker)', zh: '复核主管' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', ...service, 'task.reassign', 'complaint.read', 'complaint.approve'] },
  { key: 'complaint_handler', name: { en: 'Complaint handler', zh: '投诉处理专员' }, scope: 'unit', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', ...operations, 'customer.read', 'case.read', 'survey.read', 'complaint.intake', 'complaint.read', 'complaint.handle'] },
  { key: 'merchant_manager', name: { en: 'Merchant manager', zh: '商户经理' }, scope: 'unit', permissions: ['org.unit.read', 'calendar.read', ...operations, 'customer.read', 'merchant.read', 'merchant.write'] },
  { key: 'risk_officer', name: { en: 'Risk officer', zh: '风险管理专员' }, scope: 'global', permissions: ['org.unit.read', 'calendar.read', ...operations, 'decision.evaluate', 'customer.read', 'customer.risk', 'case.read', 'merchant.read', 'merchant.risk', 'merchant.configure'] },
  { key: 'executive', name: { en: 'Executive', zh: '行领导' }, scope: 'global', permissions: ['org.unit.read', 'org.user.read', 'calendar.read', 'process.read', 'task.work', 'case.read', 'survey.read', 'queue.read', 'complaint.read', 'analytics.read', 'performance.read', 'merchant.read', 'experience.read'] },
  {
    key: 'auditor',
    name: { en: 'Auditor', zh: '审计员' },
    scope: 'global',
    permissions: ['org.unit.read', 'org.user.read', 'org.role.read', 'audit.read', 'calendar.read', 'process.read', 'customer.read', 'case.read', 'survey.read', 'complaint.read', 'merchant.read', 'product.read', 'segment.read', 'campaign.read'],
  },
  {
    key: 'integration',
    name: { en: 'System integration (workers)', zh: '系统集成（外部执行器）' },
    scope: 'global',
    permissions: ['worker.external', 'process.read', 'process.start', 'process.manage'],
  },
];
