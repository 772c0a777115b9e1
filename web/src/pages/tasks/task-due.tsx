import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';

/** The due date, in red with a tag once it has passed. */
export function TaskDue({ dueAt }: { dueAt: string | null }) {
  const { t } = useT();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = dayjs(dueAt).isBefore(dayjs());
  return overdue ? (
    <Space size={4}>
      <Typography.Text type="danger">{formatDateTime(dueAt)}</Typography.Text>
      <Tag color="error">{t('task.overdue')}</Tag>
    </Space>
  ) : (
    <span>{formatDateTime(dueAt)}</span>
  );
}
