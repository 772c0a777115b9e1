import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, EChart, type ChartOption } from '../../queue/figures/EChart';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN, FigureCard } from '../../shared/FigureCard';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { RATING_CHART } from '../merchant-display';
import { MERCHANT_STATUSES, RATINGS, SEVERITIES, type Severity } from '../merchants.api';
import { ALERTS_READ_CAP, merchantCounts, openAlertCounts, type AlertCounts, type MerchantCounts, type RatingOrNone } from './dashboard-figures';

const NONE_COLOR = '#bfbfbf';
const SEVERITY_CHART: Record<Severity, string> = { high: '#cf1322', medium: '#d48806', low: CHART_BLUE };

function StatusChart({ counts }: { counts: MerchantCounts }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => {
    const layers: RatingOrNone[] = [...RATINGS, 'none'];
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: MERCHANT_STATUSES.map((s) => t(`mch.status.${s}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: layers.map((r) => ({
        type: 'bar' as const,
        stack: 'rating',
        name: r === 'none' ? t('mch.rating.none') : t(`mch.rating.${r}`),
        data: MERCHANT_STATUSES.map((s) => counts.byStatus[s][r]),
        itemStyle: { color: r === 'none' ? NONE_COLOR : RATING_CHART[r] },
        barMaxWidth: 36,
      })),
    };
  }, [counts, t]);
  return <EChart option={option} height={300} label={t('mch.dash.byStatus')} testId="dash-status-chart" />;
}

function RuleChart({ counts }: { counts: AlertCounts }) {
  const { t, pick } = useT();
  const rows = [...counts.byRule].reverse(); // the largest on top
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => pick(r)), axisLabel: { width: 180, overflow: 'truncate' } },
    series: SEVERITIES.map((s) => ({ type: 'bar' as const, stack: 'severity', name: t(`mch.severity.${s}`), data: rows.map((r) => r.bySeverity[s]), itemStyle: { color: SEVERITY_CHART[s] }, barMaxWidth: 22 })),
  }), [rows, t, pick]);
  return <EChart option={option} height={Math.max(200, 60 + rows.length * 34)} label={t('mch.dash.byRule')} testId="dash-rule-chart" />;
}

/** 商户风险驾驶舱 (`/merchants/dashboard`, `merchant.read`; the alerts for `merchant.risk`): merchants by status and rating, open alerts by severity and rule. */
export function MerchantDashboardPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const risk = can('merchant.risk');
  const merchants = useRequest((signal) => merchantCounts(signal), [lang]);
  const alerts = useRequest((signal) => openAlertCounts(signal), [lang], { enabled: risk });
  const m = merchants.data;
  const a = alerts.data;
  const reload = () => {
    merchants.reload();
    alerts.reload();
  };
  const sum = (status: (typeof MERCHANT_STATUSES)[number]) => (m ? Object.values(m.byStatus[status]).reduce((s, n) => s + n, 0) : 0);
  const highActive = m ? m.byStatus.active.high + m.byStatus.restricted.high + m.byStatus.suspended.high : 0;

  return (
    <>
      <PageHeader title={t('nav.merchantDashboard')} section="nav.merchants" extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>} />
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          <FigureCard title={t('mch.dash.total')} value={m ? m.total : '—'} testId="dash-total" />
          <FigureCard title={t('mch.dash.active')} value={m ? sum('active') : '—'} color={sum('active') ? FIGURE_GOOD : undefined} testId="dash-active" />
          <FigureCard title={t('mch.dash.applying')} value={m ? sum('applying') : '—'} note={<Link to="/merchants?status=applying">{t('mch.dash.toList')}</Link>} testId="dash-applying" />
          <FigureCard title={t('mch.dash.highRisk')} value={m ? highActive : '—'} color={highActive ? FIGURE_WARN : undefined} note={t('mch.dash.highRiskNote')} testId="dash-high" />
          {risk ? (
            <>
              <FigureCard title={t('mch.dash.openAlerts')} value={a ? a.total : '—'} color={a?.total ? FIGURE_BAD : undefined} note={<Link to="/merchants/alerts">{t('mch.dash.toBoard')}</Link>} testId="dash-open-alerts" />
              <FigureCard title={t('mch.dash.highAlerts')} value={a ? a.bySeverity.high : '—'} color={a?.bySeverity.high ? FIGURE_BAD : undefined} note={a ? t('mch.dash.bySeverityNote', { medium: a.bySeverity.medium, low: a.bySeverity.low }) : undefined} testId="dash-high-alerts" />
            </>
          ) : null}
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={risk ? 12 : 24}>
            <Card size="small" title={t('mch.dash.byStatus')} loading={merchants.loading && !m} style={{ height: '100%' }}>
              {m ? (m.total === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <StatusChart counts={m} />) : null}
            </Card>
          </Col>
          {risk ? (
            <Col xs={24} xl={12}>
              <Card size="small" title={t('mch.dash.byRule')} loading={alerts.loading && !a} style={{ height: '100%' }}>
                {a ? (
                  a.byRule.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.dash.noAlerts')} />
                  ) : (
                    <>
                      <RuleChart counts={a} />
                      {a.read < a.total ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.dash.capped', { n: ALERTS_READ_CAP, total: a.total })}</Typography.Text> : null}
                    </>
                  )
                ) : null}
              </Card>
            </Col>
          ) : null}
        </Row>
      </Flex>
    </>
  );
}
