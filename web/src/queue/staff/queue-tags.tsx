import { Tag } from 'antd';
import { useT } from '../../i18n/i18n';
import { classKey, STATUS_COLOR, statusKey } from '../queue-display';
import type { CounterStatus, TicketClass, TicketStatus } from '../queue.api';

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(statusKey(status))}</Tag>;
}

const CLASS_COLOR: Record<TicketClass, string | undefined> = { normal: undefined, priority: 'magenta', appointment: 'cyan', vip: 'gold' };

/** Nothing for an ordinary ticket: only what gives a head start is worth a tag. */
export function TicketClassTag({ cls }: { cls: TicketClass }) {
  const { t } = useT();
  if (cls === 'normal') return null;
  return <Tag color={CLASS_COLOR[cls]}>{t(classKey(cls))}</Tag>;
}

const COUNTER_COLOR: Record<CounterStatus, string> = { open: 'green', paused: 'orange', closed: 'default' };

export function CounterStatusTag({ status }: { status: CounterStatus }) {
  const { t } = useT();
  return <Tag color={COUNTER_COLOR[status]}>{t(`queue.counterStatus.${status}`)}</Tag>;
}
