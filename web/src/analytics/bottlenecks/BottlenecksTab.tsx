import { Alert, Card, Flex, Segmented, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import { useRequest } from '../../shared/use-request';
import { durationAxis, formatCount, formatDuration } from '../analytics-format';
import { analyticsApi, ENGINE_LOG, type Bottleneck, type BottleneckBy, type TimeStats } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useViewParam } from '../log/use-log-filters';
import { RequestView } from '../shared/RequestView';
import { useUnitNames } from '../shared/use-unit-names';

const STATS = ['mean', 'median', 'p90'] as const;
type Stat = (typeof STATS)[number];
const pick = (s: TimeStats | null, stat: Stat) => (s ? (stat === 'mean' ? s.meanSeconds : stat === 'median' ? s.medianSeconds : s.p90Seconds) : null);

/** How many keys the chart shows (the table has them all). */
const CHART_ROWS = 15;

/** 瓶颈分析: where the filtered cases' time goes — waiting before each activity, and handling it — by activity, resource or branch. */
export function BottlenecksTab({ logId, log, filter, filtered, filterKey }: LogTabProps) {
  const { t } = useT();
  const engine = logId === ENGINE_LOG || log?.format === 'engine';
  const keys: readonly BottleneckBy[] = engine ? ['activity', 'resource', 'branch'] : ['activity', 'resource'];
  const [by, setBy] = useViewParam<BottleneckBy>('by', keys);
  const [stat, setStat] = useViewParam<Stat>('stat', STATS);
  const result = useRequest((signal) => analyticsApi.bottlenecks(logId, by, filter, signal), [logId, by, filterKey], { silent: true });
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} wrap align="center">
        <Segmented<BottleneckBy> value={by} onChange={setBy} options={keys.map((k) => ({ value: k, label: <span data-testid={`bottleneck-by-${k}`}>{t(`analytics.bottlenecks.by.${k}`)}</span> }))} />
        <Segmented<Stat> value={stat} onChange={setStat} options={STATS.map((s) => ({ value: s, label: t(`analytics.stat.${s}`) }))} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.bottlenecks.explain')}</Typography.Text>
      </Flex>
      <RequestView state={result} filtered={filtered} isEmpty={(r) => r.items.length === 0}>
        {(data) => <BottleneckView items={data.items} by={data.by ?? by} stat={stat} />}
      </RequestView>
    </Flex>
  );
}

function BottleneckView({ items, by, stat }: { items: Bottleneck[]; by: BottleneckBy; stat: Stat }) {
  const { t, lang } = useT();
  const unitName = useUnitNames(by === 'branch');
  const keyName = (key: string | null) => (key === null ? t('analytics.bottlenecks.none') : by === 'branch' ? unitName(key) : key);
  const noHandling = items.every((i) => i.handling === null || i.handling.meanSeconds === null);

  const rows = useMemo(
    () =>
      [...items]
        .map((i) => ({ name: keyName(i.key), waiting: pick(i.waiting, stat) ?? 0, handling: pick(i.handling, stat) ?? 0 }))
        .sort((a, b) => b.waiting + b.handling - (a.waiting + a.handling))
        .slice(0, CHART_ROWS)
        .reverse(),
    // keyName follows the language and the unit names
    [items, stat, t, unitName],
  );
  const option = useMemo<ChartOption>(() => {
    const axis = durationAxis(Math.max(0, ...rows.map((r) => r.waiting + r.handling)), t);
    return {
      grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('analytics.bottlenecks.waiting'), ...(noHandling ? [] : [t('analytics.bottlenecks.handling')])] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => formatDuration(Number(v) * axis.size, t),
      },
      xAxis: { type: 'value', axisLabel: { formatter: axis.label } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        { name: t('analytics.bottlenecks.waiting'), type: 'bar', stack: 'time', data: rows.map((r) => r.waiting / axis.size), itemStyle: { color: CHART_ORANGE }, barMaxWidth: 18 },
        ...(noHandling ? [] : [{ name: t('analytics.bottlenecks.handling'), type: 'bar' as const, stack: 'time', data: rows.map((r) => r.handling / axis.size), itemStyle: { color: CHART_BLUE }, barMaxWidth: 18 }]),
      ],
    };
  }, [rows, noHandling, t]);
  const durationColumn = (part: 'waiting' | 'handling', s: Stat) => ({
    key: `${part}-${s}`,
    title: t(`analytics.stat.${s}`),
    width: 110,
    align: 'right' as const,
    sorter: (a: Bottleneck, b: Bottleneck) => (pick(a[part], s) ?? -1) - (pick(b[part], s) ?? -1),
    render: (_: unknown, r: Bottleneck) => formatDuration(pick(r[part], s), t),
  });

  return (
    <Flex vertical gap={12}>
      {noHandling ? <Alert type="info" showIcon title={t('analytics.bottlenecks.noStarts')} /> : null}
      <Card size="small" title={t('analytics.bottlenecks.chartTitle', { stat: t(`analytics.stat.${stat}`), n: rows.length })}>
        <EChart option={option} height={Math.max(180, rows.length * 30 + 60)} label={t('analytics.tab.bottlenecks')} testId="bottleneck-chart" />
      </Card>
      <Table<Bottleneck>
        rowKey={(r) => r.key ?? '\u0000'}
        size="small"
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="bottleneck-table"
        scroll={{ x: 900 }}
        columns={[
          { key: 'key', title: t(`analytics.bottlenecks.by.${by}`), render: (_, r) => keyName(r.key), ellipsis: true },
          { key: 'events', title: t('analytics.bottlenecks.events'), dataIndex: 'events', width: 120, align: 'right', sorter: (a, b) => a.events - b.events, render: (n: number) => formatCount(n, lang) },
          { key: 'waiting', title: t('analytics.bottlenecks.waiting'), children: STATS.map((s) => durationColumn('waiting', s)) },
          ...(noHandling ? [] : [{ key: 'handling', title: t('analytics.bottlenecks.handling'), children: STATS.map((s) => durationColumn('handling', s)) }]),
        ]}
      />
    </Flex>
  );
}
