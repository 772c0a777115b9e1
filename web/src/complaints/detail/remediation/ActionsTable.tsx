import { CheckOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Space, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { formatDateTime } from '../../../shared/format';
import { complaintsApi, type Complaint, type CorrectiveAction } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';

/** Marking one action done, with what was done. */
function DoneButton({ complaint, action, index, onChanged }: { complaint: Complaint; action: CorrectiveAction; index: number; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const { busy, problem, run } = useFormSubmit(null, []);
  const submit = async () => {
    const updated = await run(() => complaintsApi.actionDone(complaint.id, action.id, note.trim()));
    if (!updated) return;
    setOpen(false);
    onChanged(updated);
  };
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" title={t('complaintActions.doneTitle')}
      content={
        <Space direction="vertical" style={{ width: 320 }}>
          <Input.TextArea rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('complaintActions.donePlaceholder')} data-testid="complaint-action-done-note" />
          {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
          <Button type="primary" size="small" loading={busy} disabled={note.trim().length < 2} onClick={() => void submit()} data-testid="complaint-action-done-submit">{t('complaintActions.doneSubmit')}</Button>
        </Space>
      }>
      <Button size="small" icon={<CheckOutlined />} data-testid={`complaint-action-done-${index}`}>{t('complaintActions.markDone')}</Button>
    </Popover>
  );
}

/** 整改措施: each corrective action, its owner and due date, done or not (overdue in red). */
export function ActionsTable({ complaint, canComplete, onChanged }: { complaint: Complaint; canComplete: boolean; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const today = dayjs().format('YYYY-MM-DD');
  const columns: TableProps<CorrectiveAction>['columns'] = [
    { key: 'action', title: t('complaintActions.action'), render: (_, a) => <span style={{ whiteSpace: 'pre-wrap' }}>{a.action}</span> },
    { key: 'owner', title: t('complaintActions.owner'), dataIndex: 'owner', width: 110 },
    { key: 'due', title: t('complaintActions.due'), render: (_, a) => <Typography.Text type={a.status === 'open' && a.dueDate < today ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>{a.dueDate}</Typography.Text> },
    {
      key: 'status',
      title: t('complaintActions.status'),
      render: (_, a) =>
        a.status === 'done' ? (
          <Space direction="vertical" size={0}>
            <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('complaintActions.done')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.doneAt)}{a.doneNote ? ` · ${a.doneNote}` : ''}</Typography.Text>
          </Space>
        ) : (
          <Tag color={a.dueDate < today ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(a.dueDate < today ? 'complaintActions.overdue' : 'complaintActions.open')}</Tag>
        ),
    },
    ...(canComplete
      ? [{ key: 'do', title: t('common.actions'), render: (_: unknown, a: CorrectiveAction, index: number) => (a.status === 'open' ? <DoneButton complaint={complaint} action={a} index={index} onChanged={onChanged} /> : null) }]
      : []),
  ];
  return (
    <Table<CorrectiveAction> rowKey="id" size="small" pagination={false} columns={columns} dataSource={complaint.actions}
      locale={{ emptyText: t('complaintActions.none') }} data-testid="complaint-actions" />
  );
}
