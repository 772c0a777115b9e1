import { Card, Col, Empty, Flex, Row, Spin } from 'antd';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { MonthPicker, usePeriod } from '../MonthPicker';
import { performanceApi } from '../performance.api';
import { DashboardAlerts, DashboardFigures } from './DashboardFigures';
import { CasesTrend, ServiceTrend } from './TrendCharts';

/** 管理驾驶舱 (`/performance/dashboard`, `performance.read`): a month of the bank (or of the reader's units) at a glance. */
export function ExecutiveDashboardPage() {
  const { t } = useT();
  const [period, setPeriod] = usePeriod();
  const dashboard = useRequest((signal) => performanceApi.dashboard(period, signal), [period]);
  const data = dashboard.data;
  return (
    <>
      <PageHeader title={t('nav.executiveDashboard')} section="nav.performance" extra={<MonthPicker period={period} onChange={setPeriod} />} />
      {!data ? (
        dashboard.loading ? <Spin style={{ display: 'block', margin: '80px auto' }} /> : <Card><Empty description={t('perf.loadFailed')} /></Card>
      ) : (
        <Spin spinning={dashboard.loading}>
          <Flex vertical gap={16} data-testid="dashboard-content">
            <DashboardFigures data={data} />
            <DashboardAlerts data={data} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}><CasesTrend days={data.daily} /></Col>
              <Col xs={24} xl={12}><ServiceTrend days={data.daily} /></Col>
            </Row>
          </Flex>
        </Spin>
      )}
    </>
  );
}
