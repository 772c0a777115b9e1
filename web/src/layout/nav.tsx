import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  NodeIndexOutlined,
  CalendarOutlined,
  ClusterOutlined,
  BarChartOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  LineChartOutlined,
  MessageOutlined,
  FileDoneOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ShopOutlined,
  ShopFilled,
  ShoppingOutlined,
  SolutionOutlined,
  StopOutlined,
  FileSearchOutlined,
  UploadOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  ScheduleOutlined,
  PieChartOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  SmileOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { PermissionNeed } from '../auth/auth';
import type { MessageKey } from '../i18n/zh-CN';

export type NavItem = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to users holding it (or any one of several); absent for pages everyone may open. */
  permission?: PermissionNeed;
  /** Stable hook for end-to-end tests. */
  testId: string;
};

export type NavSection = { label?: MessageKey; items: NavItem[] };

/** The branch queue page: for those who serve there, and for those who set queues up (operations managers). */
export const QUEUE_DASHBOARD: PermissionNeed = ['queue.serve', 'queue.manage'];

/** The side menu, in order. Routes in `App.tsx` guard the same permissions. */
export const navSections: NavSection[] = [
  { items: [{ path: '/', label: 'nav.home', icon: <HomeOutlined />, testId: 'menu-home' }] },
  {
    label: 'nav.work',
    items: [
      { path: '/work', label: 'nav.myWork', icon: <ThunderboltOutlined />, permission: 'task.work', testId: 'menu-work' },
      { path: '/cases', label: 'nav.cases', icon: <FileDoneOutlined />, permission: 'case.read', testId: 'menu-cases' },
      { path: '/customers', label: 'nav.customers', icon: <IdcardOutlined />, permission: 'customer.read', testId: 'menu-customers' },
      { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, permission: 'task.work', testId: 'menu-tasks' },
    ],
  },
  {
    label: 'nav.complaints',
    items: [
      { path: '/complaints', label: 'nav.complaintsBoard', icon: <MessageOutlined />, permission: 'complaint.read', testId: 'menu-complaints' },
      { path: '/complaints/new', label: 'nav.complaintNew', icon: <FormOutlined />, permission: 'complaint.intake', testId: 'menu-complaint-new' },
      { path: '/complaints/extensions', label: 'nav.complaintExtensions', icon: <FieldTimeOutlined />, permission: 'complaint.approve', testId: 'menu-complaint-extensions' },
      { path: '/complaints/report', label: 'nav.complaintReport', icon: <LineChartOutlined />, permission: 'complaint.read', testId: 'menu-complaint-report' },
    ],
  },
  {
    label: 'nav.merchants',
    items: [
      { path: '/merchants', label: 'nav.merchantList', icon: <ShopOutlined />, permission: 'merchant.read', testId: 'menu-merchants' },
      { path: '/merchants/new', label: 'nav.merchantNew', icon: <ShopFilled />, permission: 'merchant.write', testId: 'menu-merchant-new' },
      { path: '/merchants/dashboard', label: 'nav.merchantDashboard', icon: <PieChartOutlined />, permission: 'merchant.read', testId: 'menu-merchant-dashboard' },
      { path: '/merchants/requests', label: 'nav.merchantRequests', icon: <CustomerServiceOutlined />, permission: 'merchant.read', testId: 'menu-merchant-requests' },
      { path: '/merchants/reviews', label: 'nav.merchantReviews', icon: <ScheduleOutlined />, permission: 'merchant.read', testId: 'menu-merchant-reviews' },
      { path: '/merchants/alerts', label: 'nav.merchantAlerts', icon: <AlertOutlined />, permission: 'merchant.risk', testId: 'menu-merchant-alerts' },
      { path: '/merchants/risk-cases', label: 'nav.merchantRiskCases', icon: <FileSearchOutlined />, permission: 'merchant.risk', testId: 'menu-merchant-risk-cases' },
      { path: '/merchants/rules', label: 'nav.merchantRules', icon: <ControlOutlined />, permission: 'merchant.risk', testId: 'menu-merchant-rules' },
      { path: '/merchants/risk-list', label: 'nav.merchantRiskList', icon: <StopOutlined />, permission: 'merchant.risk', testId: 'menu-merchant-risk-list' },
      { path: '/merchants/transactions', label: 'nav.merchantTransactions', icon: <UploadOutlined />, permission: 'merchant.risk', testId: 'menu-merchant-transactions' },
    ],
  },
  {
    label: 'nav.engagement',
    items: [
      // own-customer operations: segments, products and suitability, offers, campaigns, experience
      { path: '/engagement/segments', label: 'nav.segments', icon: <UsergroupAddOutlined />, permission: 'segment.read', testId: 'menu-segments' },
      { path: '/engagement/experience', label: 'nav.experience', icon: <SmileOutlined />, permission: 'experience.read', testId: 'menu-experience' },
      { path: '/campaigns', label: 'nav.campaigns', icon: <NotificationOutlined />, permission: 'campaign.read', testId: 'menu-campaigns' },
      { path: '/campaigns/check-in', label: 'nav.campaignCheckIn', icon: <CheckSquareOutlined />, permission: 'campaign.checkin', testId: 'menu-campaign-checkin' },
      { path: '/engagement/products', label: 'nav.products', icon: <ShoppingOutlined />, permission: 'product.read', testId: 'menu-products' },
      { path: '/engagement/risk-questionnaire', label: 'nav.riskQuestionnaire', icon: <SolutionOutlined />, permission: 'product.read', testId: 'menu-risk-questionnaire' },
      { path: '/engagement/suitability-refusals', label: 'nav.suitabilityRefusals', icon: <StopOutlined />, permission: 'product.read', testId: 'menu-suitability-refusals' },
    ],
  },
  {
    label: 'nav.queue',
    items: [
      { path: '/queue/counter', label: 'nav.queueCounter', icon: <NotificationOutlined />, permission: 'queue.serve', testId: 'menu-queue-counter' },
      { path: '/queue/dashboard', label: 'nav.queueDashboard', icon: <DashboardOutlined />, permission: QUEUE_DASHBOARD, testId: 'menu-queue-dashboard' },
      { path: '/queue/figures', label: 'nav.queueFigures', icon: <BarChartOutlined />, permission: 'queue.read', testId: 'menu-queue-figures' },
    ],
  },
  {
    label: 'nav.process',
    items: [
      { path: '/processes', label: 'nav.processes', icon: <ApartmentOutlined />, permission: 'process.read', testId: 'menu-processes' },
      { path: '/instances', label: 'nav.instances', icon: <NodeIndexOutlined />, permission: 'process.read', testId: 'menu-instances' },
      { path: '/analytics/logs', label: 'nav.analytics', icon: <FundProjectionScreenOutlined />, permission: 'analytics.read', testId: 'menu-analytics' },
      { path: '/analytics/simulation', label: 'nav.simulation', icon: <ExperimentOutlined />, permission: 'analytics.read', testId: 'menu-simulation' },
    ],
  },
  {
    label: 'nav.performance',
    items: [
      { path: '/performance/dashboard', label: 'nav.executiveDashboard', icon: <DashboardOutlined />, permission: 'performance.read', testId: 'menu-executive-dashboard' },
      { path: '/performance/kpis', label: 'nav.kpis', icon: <TrophyOutlined />, permission: 'performance.read', testId: 'menu-kpis' },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { path: '/admin/catalog', label: 'nav.catalog', icon: <ProfileOutlined />, permission: 'catalog.write', testId: 'menu-catalog' },
      { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'org.user.read', testId: 'menu-users' },
      { path: '/admin/roles', label: 'nav.roles', icon: <SafetyCertificateOutlined />, permission: 'org.role.read', testId: 'menu-roles' },
      { path: '/admin/units', label: 'nav.units', icon: <ClusterOutlined />, permission: 'org.unit.read', testId: 'menu-units' },
      { path: '/admin/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, permission: 'calendar.read', testId: 'menu-calendar' },
    ],
  },
  {
    items: [{ path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read', testId: 'menu-audit' }],
  },
];

/** Pages without a menu entry of their own, and the entry they belong to. */
const NAV_PARENTS: Record<string, string> = { '/decisions': '/processes' };

/** The menu entry a location belongs to: the longest matching path. */
export function activeNavPath(pathname: string): string {
  for (const [prefix, parent] of Object.entries(NAV_PARENTS)) if (pathname.startsWith(`${prefix}/`)) return parent;
  let best = '/';
  for (const section of navSections) {
    for (const item of section.items) {
      const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
      if (matches && item.path.length > best.length) best = item.path;
    }
  }
  return best;
}
