import { Card, Descriptions, Flex, Typography } from 'antd';
import { useMe } from '../../../auth/auth';
import { useT } from '../../../i18n/i18n';
import { formatDateTime } from '../../../shared/format';
import type { Complaint } from '../../complaints.api';
import type { SetupView } from '../../use-complaint-setup';
import { ActionsTable } from './ActionsTable';

/** The root cause and corrective actions once recorded, outside the root-cause step (actions can still be marked done). */
export function RemediationCard({ complaint: c, setup, onChanged }: { complaint: Complaint; setup: SetupView; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const { can } = useMe();
  const r = c.rootCause;
  if (!r && c.actions.length === 0) return null;
  return (
    <Card size="small" title={t('complaintRootCause.cardTitle')} data-testid="complaint-remediation">
      <Flex vertical gap={12}>
        {r ? (
          <Descriptions size="small" column={1} data-testid="complaint-rootcause-view">
            <Descriptions.Item label={t('complaint.cause')}>{setup.categoryName(r.causeCode)}</Descriptions.Item>
            {r.processKey ? <Descriptions.Item label={t('complaintRootCause.processStep')}><span style={{ fontFamily: 'monospace' }}>{r.processKey}{r.stepId ? ` · ${r.stepId}` : ''}</span></Descriptions.Item> : null}
            {r.staffIssue ? <Descriptions.Item label={t('complaintRootCause.staffIssue')}>{r.staffIssue}</Descriptions.Item> : null}
            <Descriptions.Item label={t('complaintRootCause.finding')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.finding}</span></Descriptions.Item>
            <Descriptions.Item label={t('complaintRootCause.recordedBy')}>{r.recordedBy} · {formatDateTime(r.recordedAt)}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {c.actions.length ? (
          <>
            <Typography.Text strong>{t('complaintActions.title')}</Typography.Text>
            <ActionsTable complaint={c} canComplete={can('complaint.handle')} onChanged={onChanged} />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
