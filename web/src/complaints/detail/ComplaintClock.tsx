import { Flex, Progress, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { ClockTag, clockColor } from '../complaint-display';
import type { ClockView } from '../complaints.api';

/**
 * The regulatory clock, large: days left (or overdue) in the clock's colour, the due date, the
 * limit with any extension, and the share of the period used. Once decided: met or late, and when.
 */
export function ComplaintClock({ clock }: { clock: ClockView }) {
  const { t } = useT();
  const color = clockColor[clock.state];
  const running = clock.daysLeft !== null;
  const overdue = (clock.daysLeft ?? 0) < 0;
  const prefix = t(overdue ? 'complaint.clockOverduePrefix' : 'complaint.clockLeftPrefix');
  const limit = t(clock.dayCount === 'working' ? 'complaint.limitWorking' : 'complaint.limitCalendar', { n: clock.limitDays });
  return (
    <Flex vertical gap={6} style={{ minWidth: 280, padding: '10px 16px', borderRadius: 6, border: `1px solid ${color}40`, background: `${color}0d` }} data-testid="complaint-clock">
      <Flex align="baseline" justify="space-between" gap={12}>
        {running ? (
          <Flex align="baseline" gap={6}>
            {prefix ? <Typography.Text style={{ color, fontSize: 15 }}>{prefix}</Typography.Text> : null}
            <span style={{ fontSize: 34, lineHeight: 1.1, fontWeight: 600, color, fontVariantNumeric: 'tabular-nums' }} data-testid="complaint-days-left">
              {Math.abs(clock.daysLeft ?? 0).toFixed(1)}
            </span>
            <Typography.Text style={{ color, fontSize: 15 }}>{t(overdue ? 'complaint.clockOverdueSuffix' : 'complaint.clockLeftSuffix')}</Typography.Text>
          </Flex>
        ) : (
          <Typography.Text style={{ color, fontSize: 20, fontWeight: 600 }}>{t(`complaint.clock.${clock.state}`)}</Typography.Text>
        )}
        {running ? <ClockTag state={clock.state} /> : null}
      </Flex>
      {clock.decidedAt ? <Typography.Text>{t('complaint.decidedLine', { at: formatDateTime(clock.decidedAt) })}</Typography.Text> : null}
      <Typography.Text type={running ? undefined : 'secondary'}>{t('complaint.dueLine', { at: formatDateTime(clock.dueAt) })}</Typography.Text>
      {Number.isFinite(clock.limitDays) ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {clock.extendedDays > 0 ? t('complaint.limitExtended', { limit, n: clock.extendedDays }) : limit}
        </Typography.Text>
      ) : null}
      {running ? <Progress
        percent={Math.min(clock.usedPercent, 100)}
        strokeColor={color}
        status={clock.state === 'breached' || clock.state === 'late' ? 'exception' : 'normal'}
        format={() => t('complaint.usedPercent', { n: Math.round(clock.usedPercent) })}
        size="small"
        style={{ margin: 0 }}
      /> : null}
    </Flex>
  );
}
