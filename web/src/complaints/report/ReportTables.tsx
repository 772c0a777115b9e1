import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import type { ComplaintReport } from '../complaints.api';

type Complainant = ComplaintReport['repeatComplainants'][number];
type Step = ComplaintReport['repeatedSteps'][number];

/** 重复投诉人: who complained more than once in the period (masked names). */
export function RepeatComplainantsTable({ rows }: { rows: Complainant[] }) {
  const { t } = useT();
  const { can } = useMe();
  return (
    <Card size="small" title={t('complaintReport.repeatComplainants')} style={{ height: '100%' }} data-testid="complaint-report-repeat-complainants">
      <Table<Complainant> rowKey={(r, i) => `${r.customerId ?? r.complainant}-${i ?? 0}`} size="small" pagination={false} dataSource={rows}
        locale={{ emptyText: t('complaintReport.noRepeatComplainants') }}
        columns={[
          { key: 'who', title: t('complaint.complainant'), render: (_, r) => (r.customerId && can('customer.read') ? <Link to={`/customers/${encodeURIComponent(r.customerId)}`}>{r.complainant}</Link> : r.complainant) },
          { key: 'customer', title: t('complaintReport.onFile'), render: (_, r) => (r.customerId ? t('complaint.yes') : <Typography.Text type="secondary">{t('complaint.no')}</Typography.Text>) },
          { key: 'count', title: t('complaintReport.complaints'), align: 'right', render: (_, r) => <Typography.Text strong>{r.count}</Typography.Text> },
        ]} />
    </Card>
  );
}

/** 重复被投诉的流程环节: process steps complaints traced back to more than once — where to fix the process. */
export function RepeatedStepsTable({ rows }: { rows: Step[] }) {
  const { t } = useT();
  const { can } = useMe();
  return (
    <Card size="small" title={t('complaintReport.repeatedSteps')} style={{ height: '100%' }} data-testid="complaint-report-repeated-steps">
      <Table<Step> rowKey={(r) => `${r.processKey}-${r.stepId}`} size="small" pagination={false} dataSource={rows}
        locale={{ emptyText: t('complaintReport.noRepeatedSteps') }}
        columns={[
          { key: 'process', title: t('complaintRootCause.process'), render: (_, r) => (can('process.read') ? <Link to={`/processes/${encodeURIComponent(r.processKey)}`} style={{ fontFamily: 'monospace' }}>{r.processKey}</Link> : <span style={{ fontFamily: 'monospace' }}>{r.processKey}</span>) },
          { key: 'step', title: t('complaintRootCause.step'), render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{r.stepId}</span> },
          { key: 'count', title: t('complaintReport.complaints'), align: 'right', render: (_, r) => <Typography.Text strong>{r.count}</Typography.Text> },
        ]} />
    </Card>
  );
}
