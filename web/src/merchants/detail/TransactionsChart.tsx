import { Card, Empty, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_RED, EChart, type ChartOption } from '../../queue/figures/EChart';
import { useRequest } from '../../shared/use-request';
import { formatAmount } from '../merchant-display';
import { merchantsApi, type TxnDay } from '../merchants.api';

/** Days the chart covers, today included. */
export const CHART_DAYS = 90;

/** The card schemes' excessive-chargeback line (the shipped rule fires above it). */
const CHARGEBACK_LINE = 1;

/** Every day of the span, with the merchant's figures where it has some (a day without a row is a gap, not a zero). */
function daysOf(items: TxnDay[], from: dayjs.Dayjs): { day: string; row: TxnDay | undefined }[] {
  const byDay = new Map(items.map((d) => [d.day, d]));
  return Array.from({ length: CHART_DAYS }, (_, i) => {
    const day = from.add(i, 'day').format('YYYY-MM-DD');
    return { day, row: byDay.get(day) };
  });
}

/** 近90日交易: the daily amount (bars) and the chargeback ratio (line, against the 1% line). */
export function TransactionsChart({ merchantId, version }: { merchantId: string; version: number }) {
  const { t, lang } = useT();
  const to = dayjs();
  const from = to.subtract(CHART_DAYS - 1, 'day');
  const range = { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
  const series = useRequest((signal) => merchantsApi.transactions(merchantId, range.from, range.to, signal), [merchantId, range.to, version]);
  const items = series.data ?? [];

  const option = useMemo<ChartOption>(() => {
    const days = daysOf(items, dayjs(range.from));
    const ratio = (row: TxnDay | undefined) => (row && row.count > 0 ? Math.round((row.chargebacks / row.count) * 10000) / 100 : null);
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', name: t('mch.chart.amountAxis'), nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => (v < 10000 ? String(v) : lang === 'zh-CN' ? `${v / 10000}万` : `${v / 1000}k`) } },
        { type: 'value', name: t('mch.chart.ratioAxis'), nameTextStyle: { align: 'right' }, min: 0, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar', name: t('mch.chart.amount'), data: days.map((d) => (d.row ? Number(d.row.amount) : null)), itemStyle: { color: CHART_BLUE }, barMaxWidth: 10,
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : formatAmount(String(v))) },
        },
        {
          type: 'line', name: t('mch.chart.chargebackRatio'), yAxisIndex: 1, data: days.map((d) => ratio(d.row)), connectNulls: false, showSymbol: false,
          itemStyle: { color: CHART_RED }, lineStyle: { color: CHART_RED, width: 1.5 },
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: CHART_RED, type: 'dashed' }, label: { formatter: t('mch.chart.line'), position: 'insideStartTop', color: CHART_RED, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 4] }, data: [{ yAxis: CHARGEBACK_LINE }] },
        },
      ],
    };
  }, [items, range.from, t, lang]);

  return (
    <Card size="small" title={t('mch.chart.title', { n: CHART_DAYS })} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{range.from} ~ {range.to}</Typography.Text>} data-testid="merchant-chart">
      {!series.loading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.chart.empty')} />
      ) : (
        <EChart option={option} height={280} label={t('mch.chart.title', { n: CHART_DAYS })} testId="merchant-chart-canvas" />
      )}
    </Card>
  );
}
