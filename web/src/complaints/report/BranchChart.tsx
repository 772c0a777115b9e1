import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { formatShare } from '../../queue/figures/figures-format';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import type { ComplaintReport } from '../complaints.api';

/** 各机构投诉量: complaints per branch, and the share decided on time as a line on its own axis. */
export function BranchChart({ rows }: { rows: ComplaintReport['byBranch'] }) {
  const { t, pick } = useT();
  const option = useMemo<ChartOption>(() => {
    const sorted = [...rows].sort((a, b) => b.count - a.count);
    return {
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = sorted[list[0]?.dataIndex ?? -1];
          return row ? `${row.unitCode} · ${pick(row)}<br/>${t('complaintReport.count')}: ${row.count}<br/>${t('complaintReport.onTimeRate')}: ${formatShare(row.onTimeRate)}` : '';
        },
      },
      xAxis: { type: 'category', data: sorted.map((r) => r.unitCode), axisLabel: { interval: 0, rotate: sorted.length > 8 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('complaintReport.count'), data: sorted.map((r) => r.count), itemStyle: { color: CHART_BLUE }, barMaxWidth: 32 },
        { type: 'line', name: t('complaintReport.onTimeRate'), yAxisIndex: 1, data: sorted.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)), itemStyle: { color: CHART_ORANGE }, connectNulls: false },
      ],
    };
  }, [rows, pick, t]);
  return (
    <Card size="small" title={t('complaintReport.byBranch')} style={{ height: '100%' }} data-testid="complaint-report-by-branch">
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={300} label={t('complaintReport.byBranch')} />}
    </Card>
  );
}
