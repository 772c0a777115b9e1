import { Card, Col, DatePicker, Empty, Flex, Row, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { queueStaffApi } from '../queue.api';
import { CategoryChart } from './CategoryChart';
import { addDays, chinaToday } from './figures-format';
import { CountersTable, TellersTable } from './FiguresTables';
import { HourChart } from './HourChart';
import { KpiCards } from './KpiCards';
import { WeekHeatmap } from './WeekHeatmap';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period in the address (`?from=&to=`, shareable), else the last 7 days up to today (China dates). */
function usePeriod() {
  const [params, setParams] = useSearchParams();
  const today = chinaToday();
  const askedFrom = params.get('from');
  const askedTo = params.get('to');
  const to = askedTo && DATE.test(askedTo) ? askedTo : today;
  const from = askedFrom && DATE.test(askedFrom) && askedFrom <= to ? askedFrom : addDays(to, -6);
  const setPeriod = (nextFrom: string, nextTo: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('from', nextFrom);
      p.set('to', nextTo);
      return p;
    }, { replace: true });
  return { from, to, today, setPeriod };
}

/** 排队分析: the figures of a period at one branch. */
export function FiguresPanel({ branch }: { branch: string }) {
  const { t } = useT();
  const { from, to, today, setPeriod } = usePeriod();
  const kpis = useRequest((signal) => queueStaffApi.kpis(branch, from, to, signal), [branch, from, to]);
  const data = kpis.data?.branch === branch ? kpis.data : undefined;

  const presets = [
    { label: t('queue.fig.last7'), value: [dayjs(addDays(today, -6)), dayjs(today)] as [Dayjs, Dayjs] },
    { label: t('queue.fig.last30'), value: [dayjs(addDays(today, -29)), dayjs(today)] as [Dayjs, Dayjs] },
    { label: t('queue.fig.thisMonth'), value: [dayjs(`${today.slice(0, 8)}01`), dayjs(today)] as [Dayjs, Dayjs] },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text>{t('queue.fig.period')}</Typography.Text>
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          presets={presets}
          onChange={(range) => {
            if (range?.[0] && range[1]) setPeriod(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
          }}
          data-testid="figures-period"
        />
        {data ? <Typography.Text type="secondary">{t('queue.fig.targetIs', { share: Math.round(data.target.share * 100), n: data.target.waitMinutes })}</Typography.Text> : null}
      </Flex>
      {!data ? (
        kpis.loading ? <Spin style={{ display: 'block', margin: '80px auto' }} /> : <Card><Empty description={t('queue.fig.loadFailed')} /></Card>
      ) : data.issued === 0 ? (
        <Card data-testid="figures-empty"><Empty description={t('queue.fig.noTickets', { from, to })} /></Card>
      ) : (
        <Spin spinning={kpis.loading}>
          <Flex vertical gap={16} data-testid="figures-content">
            <KpiCards kpis={data} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}><HourChart byHour={data.byHour} targetWaitMinutes={data.target.waitMinutes} /></Col>
              <Col xs={24} xl={10}><WeekHeatmap byHour={data.byHour} /></Col>
            </Row>
            <CategoryChart kpis={data} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}><TellersTable branch={branch} tellers={data.tellers} /></Col>
              <Col xs={24} xl={10}><CountersTable counters={data.counters} /></Col>
            </Row>
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}
