import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatCount, formatDate, formatDuration, formatPercent } from '../analytics-format';
import type { EventLog, LogSummary } from '../analytics.api';

function Figure({ title, value, note, testId, span = 4 }: { title: string; value: ReactNode; note?: ReactNode; testId: string; span?: number }) {
  return (
    <Col xs={12} md={8} xl={span}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={0} formatter={() => value} styles={{ content: { fontSize: 22 } }} />
        {note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

/** The filtered cases in figures: cases (and their share of the log), events, activities, variants, mean duration, period. */
export function SummaryFigures({ summary, log, filtered }: { summary: LogSummary | undefined; log: EventLog | undefined; filtered: boolean }) {
  const { t, lang } = useT();
  const s = summary;
  const ofLog = filtered && s && log && log.cases > 0 ? t('analytics.summary.ofLog', { share: formatPercent(s.cases / log.cases), total: formatCount(log.cases, lang) }) : undefined;
  const period = s?.start ? `${formatDate(s.start)} – ${formatDate(s.end)}` : '—';
  return (
    <Row gutter={[12, 12]} data-testid="log-summary">
      <Figure testId="summary-cases" title={t('analytics.summary.cases')} value={s ? formatCount(s.cases, lang) : '—'} note={ofLog} />
      <Figure testId="summary-events" title={t('analytics.summary.events')} value={s ? formatCount(s.events, lang) : '—'} note={s && s.cases ? t('analytics.summary.perCase', { n: (s.events / s.cases).toFixed(1) }) : undefined} />
      <Figure testId="summary-activities" title={t('analytics.summary.activities')} value={s ? formatCount(s.activities, lang) : '—'} span={3} />
      <Figure testId="summary-variants" title={t('analytics.summary.variants')} value={s ? formatCount(s.variants, lang) : '—'} span={3} />
      <Figure testId="summary-duration" title={t('analytics.summary.meanDuration')} value={s ? formatDuration(s.meanCaseDurationSeconds, t) : '—'} />
      <Figure testId="summary-period" title={t('analytics.summary.period')} value={<span style={{ fontSize: 16 }}>{period}</span>} span={6} />
    </Row>
  );
}
