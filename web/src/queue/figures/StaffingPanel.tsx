import { Alert, Card, Col, DatePicker, Empty, Flex, Form, InputNumber, Row, Spin, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { queueStaffApi, type StaffingAdvice } from '../queue.api';
import { chinaToday, formatShare, hourRange, nextWorkingDay, weekdayName, isoWeekday } from './figures-format';
import { StaffingChart } from './StaffingChart';
import { StaffingTable } from './StaffingTable';
import { useWorkingDays } from './use-working-days';

const DEFAULT_WEEKS = 4;

/**
 * 人员配置建议: for a day (the next working day unless chosen), the counters each hour needs to
 * meet the branch's target, from the same weekday's recorded demand over past weeks; with a
 * number of counters, what that many would give.
 */
export function StaffingPanel({ branch }: { branch: string }) {
  const { t, lang } = useT();
  const today = chinaToday();
  const calendar = useWorkingDays(branch, today);
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const [weeks, setWeeks] = useState(DEFAULT_WEEKS);
  const [patience, setPatience] = useState<number | null>(null);
  const [counters, setCounters] = useState<number | null>(null);
  const date = chosenDate ?? (calendar.ready ? nextWorkingDay(today, calendar.days) : null);

  const advice = useRequest(
    (signal) => queueStaffApi.staffing(branch, { date: date ?? today, weeks, counters, patienceMinutes: patience }, signal),
    [branch, date, weeks, counters, patience],
    { enabled: date !== null },
  );
  const data = advice.data?.branch === branch && advice.data.date === date ? advice.data : undefined;
  const weekday = date ? weekdayName(isoWeekday(date), lang, 'long') : '';

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('queue.fig.staffDate')}>
            <DatePicker value={date ? dayjs(date) : null} allowClear={false} format={(d) => `${d.format('YYYY-MM-DD')} ${weekdayName(isoWeekday(d.format('YYYY-MM-DD')), lang)}`} style={{ width: 170 }} onChange={(d) => d && setChosenDate(d.format('YYYY-MM-DD'))} data-testid="staffing-date" />
          </Form.Item>
          <Form.Item label={t('queue.fig.staffWeeks')} tooltip={t('queue.fig.staffWeeksHint')}>
            <InputNumber min={1} max={12} precision={0} value={weeks} onChange={(v) => setWeeks(v ?? DEFAULT_WEEKS)} style={{ width: 90 }} data-testid="staffing-weeks" />
          </Form.Item>
          <Form.Item label={t('queue.fig.staffPatience')} tooltip={t('queue.fig.staffPatienceHint')}>
            <InputNumber min={1} max={240} value={patience} onChange={(v) => setPatience(v ?? null)} placeholder={t('queue.fig.optional')} suffix={t('queue.dash.minutesUnit')} style={{ width: 140 }} data-testid="staffing-patience" />
          </Form.Item>
          <Form.Item label={t('queue.fig.staffWhatIf')} tooltip={t('queue.fig.staffWhatIfHint')}>
            <InputNumber min={1} max={50} precision={0} value={counters} onChange={(v) => setCounters(v ?? null)} placeholder={t('queue.fig.optional')} style={{ width: 120 }} data-testid="staffing-counters" />
          </Form.Item>
        </Form>
      </Card>
      {data ? (
        <Alert type="info" showIcon data-testid="staffing-method"
          title={t(patience ? 'queue.fig.methodA' : 'queue.fig.methodC', { weeks, weekday, share: Math.round(data.target.share * 100), n: data.target.waitMinutes, p: patience ?? '' })} />
      ) : null}
      {!data ? (
        <Spin spinning={advice.loading || date === null}><div style={{ minHeight: 200 }} /></Spin>
      ) : data.hours.length === 0 ? (
        <Card data-testid="staffing-empty"><Empty description={t('queue.fig.staffNoData', { weeks, weekday })} /></Card>
      ) : (
        <Spin spinning={advice.loading}>
          <Flex vertical gap={16} data-testid="staffing-content">
            <StaffingSummary advice={data} counters={counters} />
            <StaffingChart advice={data} counters={counters} />
            <StaffingTable advice={data} counters={counters} patience={patience !== null} />
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}

function StaffingSummary({ advice, counters }: { advice: StaffingAdvice; counters: number | null }) {
  const { t } = useT();
  const arrivals = advice.hours.reduce((n, h) => n + h.arrivalsPerHour, 0);
  const unreachable = advice.hours.some((h) => h.countersNeeded === null);
  const peak = advice.hours.reduce<StaffingAdvice['hours'][number] | null>((best, h) => (best === null || (h.countersNeeded ?? Infinity) > (best.countersNeeded ?? Infinity) ? h : best), null);
  const counterHours = advice.hours.reduce((n, h) => n + (h.countersNeeded ?? 0), 0);
  const met = advice.hours.filter((h) => h.whatIf?.stable && h.whatIf.serviceLevel >= advice.target.share).length;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} xl={6}><Card size="small" style={{ height: '100%' }}><Statistic title={t('queue.fig.staffArrivals')} value={Math.round(arrivals)} /></Card></Col>
      <Col xs={12} xl={6}>
        <Card size="small" style={{ height: '100%' }} data-testid="staffing-peak">
          <Statistic title={t('queue.fig.staffPeak')} value={peak?.countersNeeded ?? t('queue.fig.unreachableShort')} suffix={peak ? <span style={{ fontSize: 13, color: '#8c8c8c' }}>{hourRange(peak.hour)}</span> : null} />
        </Card>
      </Col>
      <Col xs={12} xl={6}><Card size="small" style={{ height: '100%' }}><Statistic title={t('queue.fig.staffCounterHours')} value={unreachable ? `${counterHours}+` : counterHours} /></Card></Col>
      {counters ? (
        <Col xs={12} xl={6}>
          <Card size="small" style={{ height: '100%' }} data-testid="staffing-whatif-summary">
            <Statistic title={t('queue.fig.staffWhatIfMet', { n: counters })} value={`${met} / ${advice.hours.length}`}
              styles={{ content: { color: met === advice.hours.length ? '#389e0d' : '#cf1322' } }}
              suffix={<span style={{ fontSize: 13, color: '#8c8c8c' }}>{formatShare(met / advice.hours.length)}</span>} />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
