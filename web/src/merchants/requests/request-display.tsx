import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Flex, Progress, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import type { RequestClock, RequestStatus, ServiceRequest } from '../service.api';

/*
 * How a service request and its two clocks read at a glance: the status, and for each clock a
 * coloured tag — on time (green), at risk (orange, 80% of the counted time used), breached (red)
 * while it runs; met or late once it stopped — with the due time or when it stopped.
 */

export type ClockWhich = 'response' | 'resolution';

const statusColor: Record<RequestStatus, string> = { open: 'processing', responded: 'gold', resolved: 'default' };
const runningColor = { on_track: 'green', at_risk: 'orange', breached: 'red', none: 'default' } as const;
const STROKE = { green: '#52c41a', orange: '#fa8c16', red: '#f5222d', default: '#bfbfbf' } as const;
const tagStyle = { marginInlineEnd: 0 };

export function RequestStatusTag({ status, testId }: { status: RequestStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} style={tagStyle} data-testid={testId} data-status={status}>{t(`mch.req.status.${status}`)}</Tag>;
}

/** The clock's colour and words: running (on time / at risk / breached) or stopped (met / late). */
function useClockLook(clock: RequestClock, which: ClockWhich): { color: keyof typeof STROKE; label: string; icon: ReactNode; state: string } {
  const { t } = useT();
  if (clock.met !== null) {
    return clock.met
      ? { color: 'green', label: t(`mch.req.clock.met.${which}`), icon: <CheckCircleFilled />, state: 'met' }
      : { color: 'red', label: t(`mch.req.clock.late.${which}`), icon: <ExclamationCircleFilled />, state: 'late' };
  }
  const icon = clock.state === 'breached' ? <ExclamationCircleFilled /> : clock.state === 'at_risk' ? <WarningFilled /> : <ClockCircleOutlined />;
  return { color: runningColor[clock.state], label: t(`mch.req.clock.${clock.state}`), icon, state: clock.state };
}

/** A clock's tag; `data-state` is `on_track`, `at_risk`, `breached`, `met` or `late`. */
export function ClockTag({ clock, which, testId }: { clock: RequestClock; which: ClockWhich; testId?: string }) {
  const look = useClockLook(clock, which);
  return <Tag color={look.color} icon={look.icon} style={tagStyle} data-testid={testId} data-state={look.state}>{look.label}</Tag>;
}

/** For tables: the tag over the due time (running) or the time it stopped. */
export function ClockCell({ request, which, testId }: { request: ServiceRequest; which: ClockWhich; testId?: string }) {
  const { t } = useT();
  const clock = request[which];
  const due = which === 'response' ? request.responseDue : request.resolutionDue;
  return (
    <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
      <span><ClockTag clock={clock} which={which} testId={testId} /></span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {clock.at ? t(`mch.req.clock.stoppedAt.${which}`, { at: formatMinute(clock.at) }) : t('mch.req.clock.due', { at: formatMinute(due) })}
      </Typography.Text>
    </Flex>
  );
}

/** For the detail: the tag, the due time, when it stopped and by whom, and the share of the time used while it runs. */
export function ClockPanel({ request, which }: { request: ServiceRequest; which: ClockWhich }) {
  const { t } = useT();
  const clock = request[which];
  const look = useClockLook(clock, which);
  const due = which === 'response' ? request.responseDue : request.resolutionDue;
  const stroke = STROKE[look.color];
  return (
    <Flex vertical gap={4} style={{ flex: 1, minWidth: 220, padding: '8px 12px', borderRadius: 6, border: `1px solid ${stroke}55`, background: `${stroke}0f` }} data-testid={`request-clock-${which}`} data-state={look.state}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t(`mch.req.clock.title.${which}`)}</Typography.Text>
        <ClockTag clock={clock} which={which} />
      </Flex>
      <Typography.Text>{t('mch.req.clock.due', { at: formatMinute(due) })}</Typography.Text>
      {clock.at ? (
        <Typography.Text type="secondary">{t(`mch.req.clock.stoppedAt.${which}`, { at: formatMinute(clock.at) })}{clock.by ? ` · ${clock.by}` : ''}</Typography.Text>
      ) : clock.usedPercent !== null ? (
        <Progress percent={Math.min(clock.usedPercent, 100)} strokeColor={stroke} size="small" style={{ margin: 0 }} format={() => t('mch.req.clock.used', { n: clock.usedPercent ?? 0 })} />
      ) : null}
    </Flex>
  );
}
