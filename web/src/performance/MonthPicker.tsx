import { DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/i18n';
import { thisMonth } from './performance.api';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month in the address (`?period=YYYY-MM`), else this month; and its setter. */
export function usePeriod(): [string, (period: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('period');
  const period = asked && MONTH.test(asked) ? asked : thisMonth();
  const set = (next: string) => setParams((prev) => {
    const p = new URLSearchParams(prev);
    p.set('period', next);
    return p;
  }, { replace: true });
  return [period, set];
}

export function MonthPicker({ period, onChange }: { period: string; onChange: (period: string) => void }) {
  const { t } = useT();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text>{t('perf.month')}</Typography.Text>
      <DatePicker picker="month" value={dayjs(`${period}-01`)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))} data-testid="perf-month" />
    </Flex>
  );
}
