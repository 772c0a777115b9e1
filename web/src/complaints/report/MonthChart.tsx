import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import type { ComplaintReport } from '../complaints.api';

const GREEN = '#389e0d';

/** 月度趋势: received and decided per month, with the on-time share of those decided. */
export function MonthChart({ rows }: { rows: ComplaintReport['byMonth'] }) {
  const { t } = useT();
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('complaintReport.received'), data: rows.map((r) => r.received), itemStyle: { color: CHART_BLUE }, barMaxWidth: 28 },
      { type: 'bar', name: t('complaintReport.decided'), data: rows.map((r) => r.decided), itemStyle: { color: '#7aa7e6' }, barMaxWidth: 28 },
      {
        type: 'line', name: t('complaintReport.onTimeRate'), yAxisIndex: 1, itemStyle: { color: GREEN }, lineStyle: { color: GREEN },
        data: rows.map((r) => (r.decided ? Math.round((r.onTime / r.decided) * 1000) / 10 : null)),
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      },
    ],
    color: [CHART_BLUE, '#7aa7e6', CHART_ORANGE],
  }), [rows, t]);
  return (
    <Card size="small" title={t('complaintReport.byMonth')} style={{ height: '100%' }} data-testid="complaint-report-by-month">
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={300} label={t('complaintReport.byMonth')} />}
    </Card>
  );
}
