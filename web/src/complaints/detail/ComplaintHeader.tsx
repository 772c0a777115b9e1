import { Alert, Flex, Space, Tag, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PriorityTag, StatusTag, useStepLabel } from '../complaint-display';
import type { Complaint } from '../complaints.api';
import { ComplaintClock } from './ComplaintClock';

/** Reference, status, priority, where it stands, and the clock. */
export function ComplaintHeader({ complaint: c }: { complaint: Complaint }) {
  const { t, pick } = useT();
  const stepLabel = useStepLabel();
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <Flex vertical gap={6}>
          <Space size={10} align="center" wrap>
            <Typography.Title level={4} copyable={{ text: c.ref }} style={{ margin: 0, fontFamily: 'monospace' }} data-testid="complaint-ref">{c.ref}</Typography.Title>
            <StatusTag status={c.status} testId="complaint-status" />
            <PriorityTag priority={c.priority} />
            {c.escalation ? <Tag color={c.escalation === 'breached' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>{t(`complaint.escalated.${c.escalation}`)}</Tag> : null}
            {c.extensionPending ? <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('complaint.extensionPending')}</Tag> : null}
          </Space>
          <Typography.Text>
            {t(`complaint.channel.${c.channel}`)}
            {c.regulatorRef ? <> · {t('complaint.regulatorRefShort')} <span style={{ fontFamily: 'monospace' }} data-testid="complaint-regulator-ref-value">{c.regulatorRef}</span></> : null}
            {' · '}{t('complaint.receivedOn', { at: formatDateTime(c.receivedAt) })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('complaint.unitPrefix')}{pick({ nameZh: c.unitNameZh, nameEn: c.unitNameEn })}
            {c.intakeUnitCode && c.intakeUnitCode !== c.unitCode ? ` · ${t('complaint.takenAt', { unit: c.intakeUnitCode })}` : ''}
          </Typography.Text>
          <Space size={16} wrap>
            <span>
              <Typography.Text type="secondary">{t('complaint.stepPrefix')}</Typography.Text>
              <Typography.Text strong data-testid="complaint-step">{c.step ? stepLabel(c.step) : t('complaint.noOpenStep')}</Typography.Text>
            </span>
            <span>
              <Typography.Text type="secondary">{t('complaint.handlerPrefix')}</Typography.Text>
              <Typography.Text data-testid="complaint-handler">{c.handler ?? t('complaint.noHandler')}</Typography.Text>
            </span>
          </Space>
        </Flex>
        <ComplaintClock clock={c.clock} />
      </Flex>
      {c.repeatFlag ? (
        <Alert type="warning" showIcon data-testid="complaint-repeat-flag"
          title={t('complaint.repeatFlag', { step: `${c.repeatFlag.processKey} · ${c.repeatFlag.stepId}`, n: c.repeatFlag.count, days: c.repeatFlag.windowDays })} />
      ) : null}
    </Flex>
  );
}
