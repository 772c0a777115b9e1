import { Row, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatDuration, formatShare } from '../../queue/figures/figures-format';
import type { Dashboard } from '../performance.api';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN, FigureCard } from '../../shared/FigureCard';

const number = (n: number) => n.toLocaleString();

/** The month's headline figures, each with last month's beside it. */
export function DashboardFigures({ data }: { data: Dashboard }) {
  const { t } = useT();
  const p = data.previous;
  const vs = (value: string) => t('perf.vsPrevious', { value });
  const onTime = data.serviceLevels.casesOnTimeRate;
  const onTimeColor = onTime === null ? undefined : onTime >= 0.95 ? FIGURE_GOOD : onTime >= 0.9 ? FIGURE_WARN : FIGURE_BAD;
  return (
    <Row gutter={[16, 16]}>
      <FigureCard testId="dash-cases-opened" title={t('perf.dash.casesOpened')} value={number(data.volumes.casesOpened)} note={vs(number(p.volumes.casesOpened))} />
      <FigureCard testId="dash-cases-on-time" title={t('perf.dash.casesOnTime')} value={formatShare(onTime)} color={onTimeColor}
        note={<>{vs(formatShare(p.serviceLevels.casesOnTimeRate))}{data.serviceLevels.casesOverdue > 0 ? <Typography.Text type="danger" style={{ fontSize: 12 }}> · {t('perf.dash.casesOverdue', { n: data.serviceLevels.casesOverdue })}</Typography.Text> : null}</>} />
      <FigureCard testId="dash-tasks" title={t('perf.dash.tasksCompleted')} value={number(data.volumes.tasksCompleted)} note={vs(number(p.volumes.tasksCompleted))} />
      <FigureCard testId="dash-served" title={t('perf.dash.ticketsServed')} value={number(data.volumes.ticketsServed)} note={vs(number(p.volumes.ticketsServed))} />
      <FigureCard testId="dash-wait" title={t('perf.dash.wait')} value={formatDuration(data.waits.meanSeconds, t)}
        note={data.waits.p90Seconds === null ? vs(formatDuration(p.waits.meanSeconds, t)) : t('perf.dash.waitP90', { value: formatDuration(data.waits.p90Seconds, t) })} />
      <FigureCard testId="dash-csat" title={t('perf.dash.csat')} value={data.satisfaction.csat === null ? '—' : data.satisfaction.csat.toFixed(2)}
        note={t('perf.dash.csatNote', { nps: data.satisfaction.nps === null ? '—' : Math.round(data.satisfaction.nps), n: data.satisfaction.responses })} />
    </Row>
  );
}

/** Complaints and what needs attention now. */
export function DashboardAlerts({ data }: { data: Dashboard }) {
  const { t } = useT();
  const a = data.alerts;
  const red = (n: number) => (n > 0 ? FIGURE_BAD : FIGURE_GOOD);
  return (
    <Row gutter={[16, 16]}>
      <FigureCard testId="dash-complaints" title={t('perf.dash.complaints')} value={number(data.volumes.complaintsReceived)}
        note={`${t('perf.dash.complaintsOnTime', { value: formatShare(data.serviceLevels.complaintsDecidedOnTimeRate) })} · ${vs(number(data.previous.volumes.complaintsReceived))}`} />
      <FigureCard testId="dash-at-risk" title={t('perf.dash.casesAtRisk')} value={a.casesAtRisk} color={a.casesAtRisk > 0 ? FIGURE_WARN : FIGURE_GOOD} />
      <FigureCard testId="dash-complaints-overdue" title={t('perf.dash.complaintsOverdue')} value={a.complaintsOverdue} color={red(a.complaintsOverdue)} />
      <FigureCard testId="dash-incidents" title={t('perf.dash.incidents')} value={a.incidents} color={red(a.incidents)} />
    </Row>
  );

  function vs(value: string) {
    return t('perf.vsPrevious', { value });
  }
}
