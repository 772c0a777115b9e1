import { Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Translate } from '../i18n/i18n';
import { useT } from '../i18n/i18n';
import { formatDateTime } from '../shared/format';
import type { ClockState, ClockView, ComplaintStatus, Priority } from './complaints.api';

/*
 * How the complaint screens show a complaint's state: status and priority tags, the clock as
 * days left in the clock's colour, the handling step by name. Shared by every complaint screen.
 */

const statusColor: Record<ComplaintStatus, string> = {
  received: 'blue',
  investigating: 'processing',
  awaiting_approval: 'purple',
  decided: 'cyan',
  under_review: 'magenta',
  remediation: 'geekblue',
  closed: 'success',
  declined: 'default',
};
const priorityColor: Record<Priority, string> = { normal: 'default', high: 'orange', urgent: 'red' };
/** On track green, at risk orange, breached red; the text colour of days left. */
export const clockColor: Record<ClockState, string> = { on_track: '#389e0d', at_risk: '#d46b08', breached: '#cf1322', met: '#389e0d', late: '#cf1322', stopped: '#8c8c8c' };
const clockTagColor: Record<ClockState, string> = { on_track: 'green', at_risk: 'orange', breached: 'red', met: 'green', late: 'red', stopped: 'default' };

export function StatusTag({ status, testId }: { status: ComplaintStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} style={{ marginInlineEnd: 0 }} data-testid={testId}>{t(`complaint.status.${status}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useT();
  return <Tag color={priorityColor[priority]} style={{ marginInlineEnd: 0 }}>{t(`complaint.priority.${priority}`)}</Tag>;
}

export function ClockTag({ state }: { state: ClockState }) {
  const { t } = useT();
  return <Tag color={clockTagColor[state]} style={{ marginInlineEnd: 0 }}>{t(`complaint.clock.${state}`)}</Tag>;
}

/** `剩 3.5 天` / `3.5 days left`, `超期 1.2 天` / `1.2 days overdue`; empty once the clock stopped. */
export function daysLeftText(t: Translate, daysLeft: number | null): string {
  if (daysLeft === null) return '';
  const n = Math.abs(daysLeft).toFixed(1);
  return daysLeft < 0 ? t('complaint.daysOverdue', { n }) : t('complaint.daysLeft', { n });
}

/** The board's clock cell: days left, large and coloured, or the outcome once decided; with `due`, the due date under it. */
export function ClockCell({ clock, due = false }: { clock: ClockView; due?: boolean }) {
  const { t } = useT();
  const tip = t('complaint.dueTip', { at: formatDateTime(clock.dueAt), days: clock.limitDays });
  const main =
    clock.daysLeft === null ? (
      <span style={{ whiteSpace: 'nowrap' }}><ClockTag state={clock.state} /></span>
    ) : (
      <Typography.Text strong style={{ color: clockColor[clock.state], fontSize: 15, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {daysLeftText(t, clock.daysLeft)}
      </Typography.Text>
    );
  return (
    <Tooltip title={tip}>
      {due && clock.state !== 'stopped' ? (
        <Flex vertical gap={0}>
          {main}
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('complaint.dueShort', { at: dayjs(clock.dueAt).format('MM-DD HH:mm') })}</Typography.Text>
        </Flex>
      ) : main}
    </Tooltip>
  );
}

/** The handling step in the UI language; the process names it bilingually (`受理审查 / Accept or decline`). */
export function useStepLabel(): (step: { elementId: string; name: string | null } | null) => string {
  const { t, has } = useT();
  return (step) => {
    if (!step) return '—';
    const key = `complaint.step.${step.elementId}`;
    return has(key) ? t(key) : (step.name ?? step.elementId);
  };
}

/** `1.2 MB`, `340 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** A label from the dictionary when it has one, the raw value otherwise (a code the UI does not know yet). */
export function useLabel(): (prefix: string, value: string | null | undefined) => string {
  const { t, has } = useT();
  return (prefix, value) => {
    if (value === null || value === undefined || value === '') return '—';
    const key = `${prefix}.${value}`;
    return has(key) ? t(key) : value;
  };
}
