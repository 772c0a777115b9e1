import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { complaintsApi, type PendingExtension } from '../complaints.api';
import { ExtensionDecisionModal, type ExtensionChoice } from './ExtensionDecisionModal';

type Status = 'pending' | 'approved' | 'refused';
const statusColor: Record<Status, string> = { pending: 'gold', approved: 'green', refused: 'red' };

/** 延期审批 (`/complaints/extensions`, `complaint.approve`): extension requests of the units in reach, to approve or refuse with a note. */
export function ExtensionApprovalsPage() {
  const { t, lang } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>('pending');
  const list = useRequest((signal) => complaintsApi.extensions(status, signal), [status, lang]);
  const [choice, setChoice] = useState<ExtensionChoice | null>(null);

  const columns: TableProps<PendingExtension>['columns'] = [
    { key: 'ref', title: t('complaint.ref'), render: (_, e) => <Link to={`/complaints/${encodeURIComponent(e.complaintId)}`} style={{ fontFamily: 'monospace' }}>{e.complaintRef}</Link> },
    { key: 'unit', title: t('complaint.branch'), dataIndex: 'unitCode' },
    { key: 'step', title: t('complaintExt.stepCol'), render: (_, e) => t('complaintExt.stepN', { step: e.step }) },
    { key: 'days', title: t('complaintExt.days'), align: 'right', render: (_, e) => t('complaint.nDays', { n: e.days }) },
    { key: 'current', title: t('complaintExt.currentDue'), render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatMinute(e.currentDueAt)}</span> },
    { key: 'new', title: t('complaintExt.newDue'), render: (_, e) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{formatMinute(e.newDueAt)}</Typography.Text> },
    { key: 'reason', title: t('complaintExt.reason'), render: (_, e) => <Typography.Paragraph style={{ margin: 0, maxWidth: 360, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>{e.reason}</Typography.Paragraph> },
    { key: 'asked', title: t('complaintExt.askedByCol'), render: (_, e) => <Space direction="vertical" size={0}><span>{e.requestedBy}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatMinute(e.requestedAt)}</Typography.Text></Space> },
    {
      key: 'decision',
      title: status === 'pending' ? t('common.actions') : t('complaintExt.decision'),
      render: (_, e) =>
        e.status === 'pending' ? (
          e.requestedBy === me.username ? (
            <Typography.Text type="secondary">{t('complaintExt.ownRequest')}</Typography.Text>
          ) : (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => setChoice({ complaintId: e.complaintId, complaintRef: e.complaintRef, extensionId: e.id, approve: true, days: e.days })} data-testid="complaint-extension-approve">{t('complaintExt.approve')}</Button>
              <Button size="small" onClick={() => setChoice({ complaintId: e.complaintId, complaintRef: e.complaintRef, extensionId: e.id, approve: false, days: e.days })} data-testid="complaint-extension-refuse">{t('complaintExt.refuse')}</Button>
            </Space>
          )
        ) : (
          <Space direction="vertical" size={0}>
            <Tag color={statusColor[e.status]} style={{ marginInlineEnd: 0, width: 'fit-content' }}>{t(`complaintExt.status.${e.status}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.decidedBy} · {formatMinute(e.decidedAt)}{e.decisionNote ? ` · ${e.decisionNote}` : ''}</Typography.Text>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.complaintExtensions')} section="nav.complaints" extra={<Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>} />
      <Card>
        <Segmented<Status> value={status} onChange={setStatus} style={{ marginBottom: 16 }} data-testid="complaint-extensions-status"
          options={(['pending', 'approved', 'refused'] as const).map((s) => ({ value: s, label: t(`complaintExt.status.${s}`) }))} />
        <Table<PendingExtension>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t(status === 'pending' ? 'complaintExt.noPending' : 'complaintExt.noneListed') }}
          onRow={(e) => ({ 'data-testid': `complaint-extension-row-${e.complaintRef}` }) as object}
          data-testid="complaint-extensions-table"
        />
      </Card>
      <ExtensionDecisionModal
        choice={choice}
        onClose={() => setChoice(null)}
        onDecided={() => {
          void message.success(t(choice?.approve ? 'complaintExt.approvedMsg' : 'complaintExt.refusedMsg', { ref: choice?.complaintRef ?? '' }));
          setChoice(null);
          list.reload();
        }}
      />
    </>
  );
}
