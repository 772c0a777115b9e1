import { Row, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatShare } from '../../queue/figures/figures-format';
import type { ComplaintReport } from '../complaints.api';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN, FigureCard } from '../../shared/FigureCard';

/** The period's headline figures: volume, on-time share (red below 90%), handling time, extensions, corrections, remediation. */
export function ReportKpis({ report }: { report: ComplaintReport }) {
  const { t } = useT();
  const x = report.totals;
  const r = report.remediation;
  const onTimeColor = x.onTimeRate === null ? undefined : x.onTimeRate >= 0.95 ? FIGURE_GOOD : x.onTimeRate >= 0.9 ? FIGURE_WARN : FIGURE_BAD;
  return (
    <Row gutter={[16, 16]}>
      <FigureCard testId="complaint-kpi-received" title={t('complaintReport.received')} value={x.received}
        note={t('complaintReport.receivedNote', { open: x.open, closed: x.closed, declined: x.declined })} />
      <FigureCard testId="complaint-kpi-on-time" title={t('complaintReport.onTimeRate')} value={formatShare(x.onTimeRate)} color={onTimeColor}
        note={`${x.decided ? t('complaintReport.onTimeNote', { onTime: x.onTime, late: x.late }) : t('complaintReport.noneDecided')} · ${t('complaintReport.breachedNote', { n: x.breached })}`} />
      <FigureCard testId="complaint-kpi-handling" title={t('complaintReport.meanHandling')} value={x.meanHandlingDays === null ? '—' : t('complaint.nDays', { n: x.meanHandlingDays.toFixed(1) })}
        note={t('complaintReport.meanHandlingNote', { n: x.decided })} />
      <FigureCard testId="complaint-kpi-extension" title={t('complaintReport.extensionRate')} value={formatShare(x.extensionRate)} note={t('complaintReport.extendedNote', { n: x.extended })} />
      <FigureCard testId="complaint-kpi-correction" title={t('complaintReport.correctionRate')} value={formatShare(x.correctionRate)} note={t('complaintReport.correctedNote', { n: x.corrected })} />
      <FigureCard testId="complaint-kpi-remediation" title={t('complaintReport.remediation')} value={`${r.done} / ${r.open + r.done}`} color={r.overdue > 0 ? FIGURE_BAD : undefined}
        note={r.overdue > 0 ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('complaintReport.remediationOverdue', { open: r.open, overdue: r.overdue })}</Typography.Text> : t('complaintReport.remediationNote', { open: r.open })} />
    </Row>
  );
}
