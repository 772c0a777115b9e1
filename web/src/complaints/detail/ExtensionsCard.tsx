import { FieldTimeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import type { Complaint, Extension } from '../complaints.api';
import { ExtensionDecisionModal, type ExtensionChoice } from '../extensions/ExtensionDecisionModal';
import { ExtensionRequestModal } from './ExtensionRequestModal';

const statusColor: Record<Extension['status'], string> = { pending: 'gold', approved: 'green', refused: 'red' };

/** 延期: the extensions asked for and their outcome; asking for the next one (when the rules allow one) and, for approvers, deciding. */
export function ExtensionsCard({ complaint: c, onChanged }: { complaint: Complaint; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const [choice, setChoice] = useState<ExtensionChoice | null>(null);
  const pending = c.extensions.some((e) => e.status === 'pending');
  const canAsk = c.nextExtension !== null && me.can('complaint.handle');

  return (
    <Card
      size="small"
      title={t('complaintExt.title')}
      data-testid="complaint-extensions"
      extra={canAsk ? (
        <Tooltip title={pending ? t('complaintExt.pendingAlready') : t('complaintExt.nextHint', { step: c.nextExtension?.step ?? 1, days: c.nextExtension?.days ?? 0 })}>
          <Button size="small" icon={<FieldTimeOutlined />} disabled={pending} onClick={() => setAsking(true)} data-testid="complaint-extension-request">
            {t('complaintExt.request', { days: c.nextExtension?.days ?? 0 })}
          </Button>
        </Tooltip>
      ) : null}
    >
      {c.extensions.length === 0 ? (
        <Typography.Text type="secondary">{c.nextExtension ? t('complaintExt.none') : t('complaintExt.noneAllowed')}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {c.extensions.map((e) => (
            <Flex key={e.id} vertical gap={2} data-testid={`complaint-extension-${e.step}`}>
              <Flex justify="space-between" gap={8} wrap>
                <Space size={6} wrap>
                  <Typography.Text strong>{t('complaintExt.stepN', { step: e.step })}</Typography.Text>
                  <Typography.Text>{t('complaint.nDays', { n: e.days })}</Typography.Text>
                  <Tag color={statusColor[e.status]} style={{ marginInlineEnd: 0 }}>{t(`complaintExt.status.${e.status}`)}</Tag>
                </Space>
                {e.status === 'pending' && me.can('complaint.approve') && e.requestedBy !== me.username ? (
                  <Space size={4}>
                    <Button size="small" type="primary" onClick={() => setChoice({ complaintId: c.id, complaintRef: c.ref, extensionId: e.id, approve: true, days: e.days })} data-testid="complaint-extension-approve">{t('complaintExt.approve')}</Button>
                    <Button size="small" onClick={() => setChoice({ complaintId: c.id, complaintRef: c.ref, extensionId: e.id, approve: false, days: e.days })} data-testid="complaint-extension-refuse">{t('complaintExt.refuse')}</Button>
                  </Space>
                ) : null}
              </Flex>
              <Typography.Text style={{ fontSize: 13 }}>{e.reason}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('complaintExt.askedBy', { who: e.requestedBy, at: formatDateTime(e.requestedAt) })}
                {e.decidedBy ? ` · ${t('complaintExt.decidedBy', { who: e.decidedBy, at: formatDateTime(e.decidedAt) })}` : ''}
                {e.decisionNote ? ` · ${e.decisionNote}` : ''}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      <ExtensionRequestModal complaint={c} open={asking} onClose={() => setAsking(false)} onRequested={(updated) => { setAsking(false); onChanged(updated); }} />
      <ExtensionDecisionModal choice={choice} onClose={() => setChoice(null)} onDecided={(updated) => { setChoice(null); onChanged(updated); }} />
    </Card>
  );
}
