import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Flex, Select, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { CalendarYear } from '../../api/calendar.api';
import { useT } from '../../i18n/i18n';
import { dayIndex } from './calendar-data';

const months = Array.from({ length: 12 }, (_, i) => i);

/** Month view of one calendar year: holidays in red with their name, make-up working days marked 班. */
export function YearCalendar({ calendar }: { calendar: CalendarYear }) {
  const { t, lang } = useT();
  const { token } = theme.useToken();
  const index = useMemo(() => dayIndex(calendar), [calendar]);
  const year = calendar.year;
  const [month, setMonth] = useState<Dayjs>(() => startMonth(year));
  useEffect(() => setMonth(startMonth(year)), [year]);

  const range: [Dayjs, Dayjs] = [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)];

  const cell = (date: Dayjs) => {
    const info = index.get(date.format('YYYY-MM-DD'));
    const weekend = date.day() === 0 || date.day() === 6;
    const inMonth = date.month() === month.month();
    const holiday = info?.type === 'holiday';
    const makeUp = info?.type === 'makeUp';
    return (
      <div
        className="ant-picker-cell-inner ant-picker-calendar-date"
        data-date={date.format('YYYY-MM-DD')}
        data-day-type={holiday ? 'holiday' : makeUp ? 'makeup' : weekend ? 'weekend' : 'workday'}
        style={{
          background: holiday ? token.colorErrorBg : makeUp ? token.colorWarningBg : undefined,
          opacity: inMonth ? 1 : 0.45,
        }}
      >
        <div
          className="ant-picker-calendar-date-value"
          style={{ color: holiday ? token.colorError : weekend && !makeUp ? token.colorTextTertiary : undefined, fontWeight: holiday ? 600 : undefined }}
        >
          {date.date()}
        </div>
        <div className="ant-picker-calendar-date-content">
          {holiday ? (
            <Typography.Text style={{ color: token.colorError, fontSize: 12 }}>
              {lang === 'zh-CN' ? info.holiday.name : info.holiday.nameEn}
            </Typography.Text>
          ) : null}
          {makeUp ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} title={t('calendar.makeUp')}>
              {t('calendar.makeUpShort')} · {t('calendar.makeUp')}
            </Tag>
          ) : null}
        </div>
      </div>
    );
  };

  return (
    <Calendar
      value={month}
      validRange={range}
      onPanelChange={(d) => setMonth(d)}
      onSelect={(d) => setMonth(d)}
      fullCellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
      headerRender={() => (
        <Flex justify="space-between" align="center" style={{ padding: '8px 0 12px' }}>
          <Flex gap={12} align="center">
            <Badge color={token.colorError} text={t('calendar.holiday')} />
            <Badge color={token.colorWarning} text={t('calendar.makeUp')} />
          </Flex>
          <Flex gap={8} align="center">
            <Button size="small" icon={<LeftOutlined />} disabled={month.month() === 0}
              onClick={() => setMonth(month.subtract(1, 'month'))} aria-label={t('calendar.prevMonth')} />
            <Select
              size="small"
              value={month.month()}
              onChange={(m: number) => setMonth(month.month(m))}
              options={months.map((m) => ({ value: m, label: dayjs().year(year).month(m).format(lang === 'zh-CN' ? 'YYYY年M月' : 'MMMM YYYY') }))}
              style={{ width: 140 }}
              aria-label={t('calendar.month')}
              data-testid="calendar-month"
            />
            <Button size="small" icon={<RightOutlined />} disabled={month.month() === 11}
              onClick={() => setMonth(month.add(1, 'month'))} aria-label={t('calendar.nextMonth')} />
          </Flex>
        </Flex>
      )}
      data-testid="calendar-grid"
    />
  );
}

/** Today's month when looking at this year, January otherwise. */
function startMonth(year: number): Dayjs {
  const today = dayjs();
  return today.year() === year ? today.startOf('month') : dayjs(`${year}-01-01`);
}
