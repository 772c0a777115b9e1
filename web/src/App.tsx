import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth, type PermissionNeed } from './auth/auth';
import { RequireAuth, RequirePermission } from './auth/guards';
import { I18nProvider, useT } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { QUEUE_DASHBOARD } from './layout/nav';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundResult } from './shared/results';
import { appTheme } from './theme';

// Pages other than login load on demand so that the first screen stays small.
const HomePage = lazy(() => import('./pages/home/HomePage').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('./pages/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('./pages/roles/RolesPage').then((m) => ({ default: m.RolesPage })));
const UnitsPage = lazy(() => import('./pages/units/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const ProcessLibraryPage = lazy(() => import('./pages/processes/ProcessLibraryPage').then((m) => ({ default: m.ProcessLibraryPage })));
const ProcessPage = lazy(() => import('./pages/processes/ProcessPage').then((m) => ({ default: m.ProcessPage })));
const DecisionPage = lazy(() => import('./pages/decisions/DecisionPage').then((m) => ({ default: m.DecisionPage })));
const InstancesPage = lazy(() => import('./pages/instances/InstancesPage').then((m) => ({ default: m.InstancesPage })));
const InstancePage = lazy(() => import('./pages/instances/InstancePage').then((m) => ({ default: m.InstancePage })));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage').then((m) => ({ default: m.TasksPage })));
const WorkPage = lazy(() => import('./pages/work/WorkPage').then((m) => ({ default: m.WorkPage })));
const CasesPage = lazy(() => import('./pages/cases/CasesPage').then((m) => ({ default: m.CasesPage })));
const NewCasePage = lazy(() => import('./pages/cases/NewCasePage').then((m) => ({ default: m.NewCasePage })));
const CasePage = lazy(() => import('./pages/cases/CasePage').then((m) => ({ default: m.CasePage })));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const Customer360Page = lazy(() => import('./pages/customers/Customer360Page').then((m) => ({ default: m.Customer360Page })));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })));
const PortalApp = lazy(() => import('./portal/PortalApp').then((m) => ({ default: m.PortalApp })));
const CampaignListPage = lazy(() => import('./engagement/campaigns/CampaignListPage').then((m) => ({ default: m.CampaignListPage })));
const CampaignBuilderPage = lazy(() => import('./engagement/campaigns/CampaignBuilderPage').then((m) => ({ default: m.CampaignBuilderPage })));
const CampaignDetailPage = lazy(() => import('./engagement/campaigns/CampaignDetailPage').then((m) => ({ default: m.CampaignDetailPage })));
const SeminarCheckInPage = lazy(() => import('./engagement/campaigns/SeminarCheckInPage').then((m) => ({ default: m.SeminarCheckInPage })));
const CampaignInvitationPage = lazy(() => import('./engagement/campaigns/portal/CampaignInvitationPage').then((m) => ({ default: m.CampaignInvitationPage })));
const CounterConsolePage = lazy(() => import('./queue/counter/CounterConsolePage').then((m) => ({ default: m.CounterConsolePage })));
const QueueDashboardPage = lazy(() => import('./queue/dashboard/QueueDashboardPage').then((m) => ({ default: m.QueueDashboardPage })));
const QueueFiguresPage = lazy(() => import('./queue/figures/QueueFiguresPage').then((m) => ({ default: m.QueueFiguresPage })));
// The queue's public screens (kiosk, board, phone) stand outside the staff layout, like the portal.
const KioskPage = lazy(() => import('./queue/kiosk/KioskPage').then((m) => ({ default: m.KioskPage })));
const BoardPage = lazy(() => import('./queue/board/BoardPage').then((m) => ({ default: m.BoardPage })));
const QueuePortalLayout = lazy(() => import('./portal/PortalLayout').then((m) => ({ default: m.PortalLayout })));
const TakeTicketPage = lazy(() => import('./queue/mobile/TakeTicketPage').then((m) => ({ default: m.TakeTicketPage })));
const TicketPage = lazy(() => import('./queue/mobile/TicketPage').then((m) => ({ default: m.TicketPage })));
const ComplaintsBoardPage = lazy(() => import('./complaints/board/ComplaintsBoardPage').then((m) => ({ default: m.ComplaintsBoardPage })));
const ComplaintIntakePage = lazy(() => import('./complaints/intake/ComplaintIntakePage').then((m) => ({ default: m.ComplaintIntakePage })));
const ComplaintDetailPage = lazy(() => import('./complaints/detail/ComplaintDetailPage').then((m) => ({ default: m.ComplaintDetailPage })));
const ExtensionApprovalsPage = lazy(() => import('./complaints/extensions/ExtensionApprovalsPage').then((m) => ({ default: m.ExtensionApprovalsPage })));
const ComplaintReportPage = lazy(() => import('./complaints/report/ComplaintReportPage').then((m) => ({ default: m.ComplaintReportPage })));
const MerchantListPage = lazy(() => import('./merchants/list/MerchantListPage').then((m) => ({ default: m.MerchantListPage })));
const MerchantRegisterPage = lazy(() => import('./merchants/register/MerchantRegisterPage').then((m) => ({ default: m.MerchantRegisterPage })));
const Merchant360Page = lazy(() => import('./merchants/detail/Merchant360Page').then((m) => ({ default: m.Merchant360Page })));
const MerchantDashboardPage = lazy(() => import('./merchants/dashboard/MerchantDashboardPage').then((m) => ({ default: m.MerchantDashboardPage })));
const AlertsBoardPage = lazy(() => import('./merchants/alerts/AlertsBoardPage').then((m) => ({ default: m.AlertsBoardPage })));
const RulesPage = lazy(() => import('./merchants/rules/RulesPage').then((m) => ({ default: m.RulesPage })));
const RiskListPage = lazy(() => import('./merchants/risk-list/RiskListPage').then((m) => ({ default: m.RiskListPage })));
const MerchantFieldPage = lazy(() => import('./merchants/field/MerchantFieldPage').then((m) => ({ default: m.MerchantFieldPage })));
const RiskCaseListPage = lazy(() => import('./merchants/risk-cases/RiskCaseListPage').then((m) => ({ default: m.RiskCaseListPage })));
const RiskCasePage = lazy(() => import('./merchants/risk-cases/RiskCasePage').then((m) => ({ default: m.RiskCasePage })));
const TransactionImportPage = lazy(() => import('./merchants/transactions/TransactionImportPage').then((m) => ({ default: m.TransactionImportPage })));
const RequestsPage = lazy(() => import('./merchants/requests/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const ReviewsPage = lazy(() => import('./merchants/reviews/ReviewsPage').then((m) => ({ default: m.ReviewsPage })));
const EventLogsPage = lazy(() => import('./analytics/logs/EventLogsPage').then((m) => ({ default: m.EventLogsPage })));
const LogAnalysisPage = lazy(() => import('./analytics/log/LogAnalysisPage').then((m) => ({ default: m.LogAnalysisPage })));
const SimulationPage = lazy(() => import('./analytics/simulation/SimulationPage').then((m) => ({ default: m.SimulationPage })));
const ExecutiveDashboardPage = lazy(() => import('./performance/dashboard/ExecutiveDashboardPage').then((m) => ({ default: m.ExecutiveDashboardPage })));
const KpiPage = lazy(() => import('./performance/kpis/KpiPage').then((m) => ({ default: m.KpiPage })));
const ProductCatalogPage = lazy(() => import('./engagement/products/ProductCatalogPage').then((m) => ({ default: m.ProductCatalogPage })));
const QuestionnairePage = lazy(() => import('./engagement/suitability/QuestionnairePage').then((m) => ({ default: m.QuestionnairePage })));
const RefusalsPage = lazy(() => import('./engagement/suitability/RefusalsPage').then((m) => ({ default: m.RefusalsPage })));
const SegmentsPage = lazy(() => import('./engagement/segments/SegmentsPage').then((m) => ({ default: m.SegmentsPage })));
const ExperienceDashboardPage = lazy(() => import('./engagement/experience/ExperienceDashboardPage').then((m) => ({ default: m.ExperienceDashboardPage })));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));

function PageLoading() {
  return <Spin style={{ display: 'block', margin: '80px auto' }} />;
}

/** A page for holders of `permission`, or of any one of several. */
function Guarded({ permission, children }: { permission: PermissionNeed; children: ReactNode }) {
  return <RequirePermission permission={permission}>{children}</RequirePermission>;
}

/** The login page is for anonymous users; a signed-in user is sent on. */
function LoginRoute() {
  const { session } = useAuth();
  const location = useLocation();
  if (session.type === 'signed-in') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <LoginPage />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route path="/portal/*" element={<PortalApp />} />
        <Route path="/queue/:branch/kiosk" element={<KioskPage />} />
        <Route path="/queue/:branch/board" element={<BoardPage />} />
        <Route element={<QueuePortalLayout />}>
          <Route path="/portal/queue" element={<TakeTicketPage />} />
          <Route path="/portal/campaign/:token" element={<CampaignInvitationPage />} />
          <Route path="/queue/:branch/mobile" element={<TakeTicketPage />} />
          <Route path="/queue/ticket/:token" element={<TicketPage />} />
        </Route>
        {/* On a phone at the merchant's premises: outside the desktop frame, signed in all the same. */}
        <Route path="/merchants/:id/field" element={<RequireAuth><Guarded permission="merchant.read"><MerchantFieldPage /></Guarded></RequireAuth>} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="admin/users" element={<Guarded permission="org.user.read"><UsersPage /></Guarded>} />
          <Route path="admin/roles" element={<Guarded permission="org.role.read"><RolesPage /></Guarded>} />
          <Route path="admin/units" element={<Guarded permission="org.unit.read"><UnitsPage /></Guarded>} />
          <Route path="admin/calendar" element={<Guarded permission="calendar.read"><CalendarPage /></Guarded>} />
          <Route path="processes" element={<Guarded permission="process.read"><ProcessLibraryPage /></Guarded>} />
          <Route path="processes/:key" element={<Guarded permission="process.read"><ProcessPage /></Guarded>} />
          <Route path="decisions/:key" element={<Guarded permission="process.read"><DecisionPage /></Guarded>} />
          <Route path="instances" element={<Guarded permission="process.read"><InstancesPage /></Guarded>} />
          <Route path="instances/:id" element={<Guarded permission="process.read"><InstancePage /></Guarded>} />
          <Route path="tasks" element={<Guarded permission="task.work"><TasksPage /></Guarded>} />
          <Route path="work" element={<Guarded permission="task.work"><WorkPage /></Guarded>} />
          <Route path="cases" element={<Guarded permission="case.read"><CasesPage /></Guarded>} />
          <Route path="cases/new" element={<Guarded permission="case.write"><NewCasePage /></Guarded>} />
          <Route path="cases/:id" element={<Guarded permission="case.read"><CasePage /></Guarded>} />
          <Route path="customers" element={<Guarded permission="customer.read"><CustomersPage /></Guarded>} />
          <Route path="customers/:id" element={<Guarded permission="customer.read"><Customer360Page /></Guarded>} />
          <Route path="campaigns" element={<Guarded permission="campaign.read"><CampaignListPage /></Guarded>} />
          <Route path="campaigns/new" element={<Guarded permission="campaign.manage"><CampaignBuilderPage /></Guarded>} />
          <Route path="campaigns/check-in" element={<Guarded permission="campaign.checkin"><SeminarCheckInPage /></Guarded>} />
          <Route path="campaigns/:id" element={<Guarded permission="campaign.read"><CampaignDetailPage /></Guarded>} />
          <Route path="complaints" element={<Guarded permission="complaint.read"><ComplaintsBoardPage /></Guarded>} />
          <Route path="complaints/new" element={<Guarded permission="complaint.intake"><ComplaintIntakePage /></Guarded>} />
          <Route path="complaints/extensions" element={<Guarded permission="complaint.approve"><ExtensionApprovalsPage /></Guarded>} />
          <Route path="complaints/report" element={<Guarded permission="complaint.read"><ComplaintReportPage /></Guarded>} />
          <Route path="complaints/:id" element={<Guarded permission="complaint.read"><ComplaintDetailPage /></Guarded>} />
          <Route path="merchants" element={<Guarded permission="merchant.read"><MerchantListPage /></Guarded>} />
          <Route path="merchants/new" element={<Guarded permission="merchant.write"><MerchantRegisterPage /></Guarded>} />
          <Route path="merchants/dashboard" element={<Guarded permission="merchant.read"><MerchantDashboardPage /></Guarded>} />
          <Route path="merchants/alerts" element={<Guarded permission="merchant.risk"><AlertsBoardPage /></Guarded>} />
          <Route path="merchants/rules" element={<Guarded permission="merchant.risk"><RulesPage /></Guarded>} />
          <Route path="merchants/risk-list" element={<Guarded permission="merchant.risk"><RiskListPage /></Guarded>} />
          <Route path="merchants/risk-cases" element={<Guarded permission="merchant.risk"><RiskCaseListPage /></Guarded>} />
          <Route path="merchants/risk-cases/:id" element={<Guarded permission="merchant.risk"><RiskCasePage /></Guarded>} />
          <Route path="merchants/transactions" element={<Guarded permission="merchant.risk"><TransactionImportPage /></Guarded>} />
          <Route path="merchants/requests" element={<Guarded permission="merchant.read"><RequestsPage /></Guarded>} />
          <Route path="merchants/reviews" element={<Guarded permission="merchant.read"><ReviewsPage /></Guarded>} />
          <Route path="merchants/:id" element={<Guarded permission="merchant.read"><Merchant360Page /></Guarded>} />
          <Route path="queue/counter" element={<Guarded permission="queue.serve"><CounterConsolePage /></Guarded>} />
          <Route path="queue/dashboard" element={<Guarded permission={QUEUE_DASHBOARD}><QueueDashboardPage /></Guarded>} />
          <Route path="queue/figures" element={<Guarded permission="queue.read"><QueueFiguresPage /></Guarded>} />
          <Route path="engagement/products" element={<Guarded permission="product.read"><ProductCatalogPage /></Guarded>} />
          <Route path="engagement/risk-questionnaire" element={<Guarded permission="product.read"><QuestionnairePage /></Guarded>} />
          <Route path="engagement/suitability-refusals" element={<Guarded permission="product.read"><RefusalsPage /></Guarded>} />
          <Route path="engagement/segments" element={<Guarded permission="segment.read"><SegmentsPage /></Guarded>} />
          <Route path="engagement/experience" element={<Guarded permission="experience.read"><ExperienceDashboardPage /></Guarded>} />
          <Route path="admin/catalog" element={<Guarded permission="catalog.write"><CatalogPage /></Guarded>} />
          <Route path="analytics" element={<Navigate to="/analytics/logs" replace />} />
          <Route path="analytics/logs" element={<Guarded permission="analytics.read"><EventLogsPage /></Guarded>} />
          <Route path="analytics/logs/:id" element={<Guarded permission="analytics.read"><LogAnalysisPage /></Guarded>} />
          <Route path="analytics/simulation" element={<Guarded permission="analytics.read"><SimulationPage /></Guarded>} />
          <Route path="performance" element={<Navigate to="/performance/dashboard" replace />} />
          <Route path="performance/dashboard" element={<Guarded permission="performance.read"><ExecutiveDashboardPage /></Guarded>} />
          <Route path="performance/kpis" element={<Guarded permission="performance.read"><KpiPage /></Guarded>} />
          <Route path="audit" element={<Guarded permission="audit.read"><AuditPage /></Guarded>} />
          <Route path="*" element={<NotFoundResult />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={appTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Localized>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </Localized>
    </I18nProvider>
  );
}
