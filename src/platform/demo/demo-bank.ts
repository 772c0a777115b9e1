import type { OrgUnitKind } from '../org/org.table.ts';

/** The demo bank's organisation: head office, two regions, four branches (codes are stable). */
export const DEMO_UNITS: { code: string; nameZh: string; nameEn: string; kind: OrgUnitKind; parent: string | null }[] = [
  { code: 'HO', nameZh: '总行', nameEn: 'Head Office', kind: 'head_office', parent: null },
  { code: 'BJ', nameZh: '北京分行', nameEn: 'Beijing Branch', kind: 'region', parent: 'HO' },
  { code: 'SH', nameZh: '上海分行', nameEn: 'Shanghai Branch', kind: 'region', parent: 'HO' },
  { code: 'BJ-HD', nameZh: '北京海淀支行', nameEn: 'Beijing Haidian Sub-branch', kind: 'branch', parent: 'BJ' },
  { code: 'BJ-CY', nameZh: '北京朝阳支行', nameEn: 'Beijing Chaoyang Sub-branch', kind: 'branch', parent: 'BJ' },
  { code: 'SH-PD', nameZh: '上海浦东支行', nameEn: 'Shanghai Pudong Sub-branch', kind: 'branch', parent: 'SH' },
  { code: 'SH-JA', nameZh: '上海静安支行', nameEn: 'Shanghai Jing’an Sub-branch', kind: 'branch', parent: 'SH' },
];

export const DEMO_PASSWORD = 'banklane-demo';

/** The demo logins, each with password `banklane-demo`. */
export const DEMO_USERS: { username: string; displayName: string; unit: string; roles: string[]; phone: string }[] = [
  { username: 'admin', displayName: '系统管理员 Admin', unit: 'HO', roles: ['admin'], phone: '13800000001' },
  { username: 'ops', displayName: '王运营 Wang (Ops)', unit: 'HO', roles: ['ops_manager'], phone: '13800000002' },
  { username: 'branchmgr', displayName: '李行长 Li (Branch)', unit: 'BJ-HD', roles: ['branch_manager'], phone: '13800000003' },
  { username: 'teller1', displayName: '张柜员 Zhang (Teller)', unit: 'BJ-HD', roles: ['teller'], phone: '13800000004' },
  { username: 'teller2', displayName: '陈柜员 Chen (Teller)', unit: 'SH-PD', roles: ['teller'], phone: '13800000005' },
  { username: 'supervisor', displayName: '赵主管 Zhao (Supervisor)', unit: 'BJ-HD', roles: ['supervisor'], phone: '13800000006' },
  { username: 'complaints', displayName: '刘专员 Liu (Complaints)', unit: 'BJ', roles: ['complaint_handler'], phone: '13800000007' },
  { username: 'complaints2', displayName: '何专员 He (Complaints)', unit: 'BJ', roles: ['complaint_handler'], phone: '13800000012' },
  { username: 'merchant', displayName: '周经理 Zhou (Merchants)', unit: 'BJ', roles: ['merchant_manager'], phone: '13800000008' },
  { username: 'risk', displayName: '吴风控 Wu (Risk)', unit: 'HO', roles: ['risk_officer'], phone: '13800000009' },
  { username: 'risk2', displayName: '冯风控 Feng (Risk)', unit: 'HO', roles: ['risk_officer'], phone: '13800000013' },
  { username: 'exec', displayName: '孙行长 Sun (Executive)', unit: 'HO', roles: ['executive'], phone: '13800000010' },
  { username: 'auditor', displayName: '郑审计 Zheng (Audit)', unit: 'HO', roles: ['auditor'], phone: '13800000011' },
  { username: 'rm', displayName: '钱经理 Qian (RM)', unit: 'BJ-HD', roles: ['relationship_manager'], phone: '13800000014' },
];
