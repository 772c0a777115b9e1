import { Tag } from 'antd';
import type { InstanceStatus } from '../../api/process.api';
import { useT } from '../../i18n/i18n';

const colors: Record<InstanceStatus, string> = {
  active: 'processing',
  completed: 'success',
  terminated: 'warning',
  cancelled: 'default',
};

export function InstanceStatusTag({ status }: { status: InstanceStatus }) {
  const { t } = useT();
  return <Tag color={colors[status]}>{t(`instance.status.${status}`)}</Tag>;
}
