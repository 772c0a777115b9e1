import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { CHART_BLUE, EChart, type ChartOption } from '../../queue/figures/EChart';

type Row = { label: string; count: number };

/** Counts by name, largest on top, as horizontal bars (long category names stay readable). */
export function RankChart({ title, rows, testId, color = CHART_BLUE }: { title: string; rows: Row[]; testId: string; color?: string }) {
  const sorted = useMemo(() => [...rows].sort((a, b) => a.count - b.count), [rows]);
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.label), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: sorted.map((r) => r.count), itemStyle: { color }, barMaxWidth: 20, label: { show: true, position: 'right' } }],
  }), [sorted, color]);
  const height = Math.max(160, sorted.length * 28 + 24);
  return (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid={testId}>
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <EChart option={option} height={height} label={title} />}
    </Card>
  );
}
