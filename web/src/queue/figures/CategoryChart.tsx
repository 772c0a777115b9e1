import { Card } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { categoryNamer } from '../queue-display';
import { queuePublicApi, type QueueKpis } from '../queue.api';
import { CHART_BLUE, CHART_ORANGE, CHART_RED, EChart, type ChartOption } from './EChart';
import { formatDuration } from './figures-format';

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** 各业务类别等候与办理时长: mean and 90th-percentile wait, and mean service, per category, against the target wait. */
export function CategoryChart({ kpis }: { kpis: QueueKpis }) {
  const { t, pick } = useT();
  // the names of the categories (the figures carry codes only); the board is public and light
  const board = useRequest((signal) => queuePublicApi.board(kpis.branch, signal), [kpis.branch], { silent: true });
  const option = useMemo<ChartOption>(() => {
    const name = categoryNamer(board.data?.categories, pick);
    const rows = kpis.categories;
    const series = [
      { key: 'meanWaitSeconds', label: t('queue.fig.meanWait'), color: CHART_BLUE },
      { key: 'p90WaitSeconds', label: t('queue.fig.p90Wait'), color: '#7aa7e6' },
      { key: 'meanServiceSeconds', label: t('queue.fig.meanService'), color: CHART_ORANGE },
    ] as const;
    return {
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = rows[list[0]?.dataIndex ?? -1];
          if (!row) return '';
          return [`${row.category} · ${name(row.category)} (${t('queue.fig.ticketsN', { n: row.issued })})`, ...series.map((s) => `${s.label}: ${formatDuration(row[s.key], t)}`)].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => `${r.category} · ${name(r.category)}`) },
      yAxis: { type: 'value', name: t('queue.fig.minutesAxis'), max: (extent) => Math.ceil(Math.max(extent.max, kpis.target.waitMinutes * 1.2)) },
      series: series.map((s, i) => ({
        type: 'bar' as const,
        name: s.label,
        data: rows.map((r) => minutes(r[s.key])),
        itemStyle: { color: s.color },
        barMaxWidth: 32,
        ...(i === 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: CHART_RED, type: 'dashed' as const }, label: { formatter: t('queue.fig.targetLine', { n: kpis.target.waitMinutes }), position: 'insideEndTop' as const }, data: [{ yAxis: kpis.target.waitMinutes }] } } : {}),
      })),
    };
  }, [kpis, board.data, pick, t]);
  return (
    <Card size="small" title={t('queue.fig.byCategory')} data-testid="figures-by-category">
      <EChart option={option} height={300} label={t('queue.fig.byCategory')} />
    </Card>
  );
}
