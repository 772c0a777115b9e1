import { List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CalendarYear } from '../../api/calendar.api';
import { useT } from '../../i18n/i18n';

/** The year's holidays as date ranges, then the make-up working days with their weekday. */
export function HolidayList({ calendar }: { calendar: CalendarYear }) {
  const { t, lang } = useT();
  const dateFormat = lang === 'zh-CN' ? 'M月D日' : 'D MMM';
  const withWeekday = lang === 'zh-CN' ? 'M月D日 dddd' : 'ddd D MMM';

  return (
    <>
      <List
        size="small"
        header={<Typography.Text strong>{t('calendar.holidays')}</Typography.Text>}
        dataSource={calendar.holidays}
        data-testid="holiday-list"
        renderItem={(h) => {
          const dates = [...h.dates].sort();
          const first = dayjs(dates[0]);
          const last = dayjs(dates[dates.length - 1]);
          return (
            <List.Item extra={<Tag color="red">{t('calendar.days', { count: dates.length })}</Tag>}>
              <List.Item.Meta
                title={lang === 'zh-CN' ? h.name : h.nameEn}
                description={dates.length > 1 ? `${first.format(dateFormat)} – ${last.format(dateFormat)}` : first.format(dateFormat)}
              />
            </List.Item>
          );
        }}
      />
      <List
        size="small"
        style={{ marginTop: 16 }}
        header={<Typography.Text strong>{t('calendar.makeUp')}</Typography.Text>}
        dataSource={[...calendar.makeUpWorkdays].sort()}
        data-testid="makeup-list"
        renderItem={(d) => (
          <List.Item>
            <span>{dayjs(d).format(withWeekday)}</span>
            <Tag color="orange">{t('calendar.makeUpShort')}</Tag>
          </List.Item>
        )}
      />
    </>
  );
}
