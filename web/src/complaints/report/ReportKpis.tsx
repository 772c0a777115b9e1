import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatShare } from '../../queue/figures/figures-format';
import type { ComplaintReport } from '../complaints.api';

const GOOD = '#389e0d';
const WARN = '#d46b08';
const BAD = '#cf1322';

function Kpi({ title, value, note, color, testId }: { title: string; value: string | number; note?: ReactNode; color?: string; testId: string }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color, fontSize: 24 } }} />
        {note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

/** The period's headline figures: volume, on-time share (red below 90%), handling time, extensions, corrections, remediation. */
export function ReportKpis({ report }: { report: ComplaintReport }) {
  const { t } = useT();
  const x = report.totals;
  const r = report.remediation;
  const onTimeColor = x.onTimeRate === null ? undefined : x.onTimeRate >= 0.95 ? GOOD : x.onTimeRate >= 0.9 ? WARN : BAD;
  return (
    <Row gutter={[16, 16]}>
      <Kpi testId="complaint-kpi-received" title={t('complaintReport.received')} value={x.received}
        note={t('complaintReport.receivedNote', { open: x.open, closed: x.closed, declined: x.declined })} />
      <Kpi testId="complaint-kpi-on-time" title={t('complaintReport.onTimeRate')} value={formatShare(x.onTimeRate)} color={onTimeColor}
        note={`${x.decided ? t('complaintReport.onTimeNote', { onTime: x.onTime, late: x.late }) : t('complaintReport.noneDecided')} · ${t('complaintReport.breachedNote', { n: x.breached })}`} />
      <Kpi testId="complaint-kpi-handling" title={t('complaintReport.meanHandling')} value={x.meanHandlingDays === null ? '—' : t('complaint.nDays', { n: x.meanHandlingDays.toFixed(1) })}
        note={t('complaintReport.meanHandlingNote', { n: x.decided })} />
      <Kpi testId="complaint-kpi-extension" title={t('complaintReport.extensionRate')} value={formatShare(x.extensionRate)} note={t('complaintReport.extendedNote', { n: x.extended })} />
      <Kpi testId="complaint-kpi-correction" title={t('complaintReport.correctionRate')} value={formatShare(x.correctionRate)} note={t('complaintReport.correctedNote', { n: x.corrected })} />
      <Kpi testId="complaint-kpi-remediation" title={t('complaintReport.remediation')} value={`${r.done} / ${r.open + r.done}`} color={r.overdue > 0 ? BAD : undefined}
        note={r.overdue > 0 ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('complaintReport.remediationOverdue', { open: r.open, overdue: r.overdue })}</Typography.Text> : t('complaintReport.remediationNote', { open: r.open })} />
    </Row>
  );
}
