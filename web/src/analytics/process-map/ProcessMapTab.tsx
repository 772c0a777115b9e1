import { Flex, Segmented, Slider, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { formatCount, formatDuration, activityNamer, lifecycleLabel } from '../analytics-format';
import { analyticsApi, type Dfg, type DfgEdge } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useNumberParam, useViewParam } from '../log/use-log-filters';
import { RequestView } from '../shared/RequestView';
import { layoutMap, type PlacedEdge, type PlacedNode } from './dfg-layout';
import { defaultPathShare, END, START, simplifyDfg } from './dfg-simplify';
import { ProcessMap } from './ProcessMap';

const METRICS = ['count', 'mean', 'median', 'p90'] as const;
type Metric = (typeof METRICS)[number];

const durationOf = (metric: Metric) => (edge: DfgEdge): number | null =>
  metric === 'mean' ? edge.meanSeconds : metric === 'median' ? edge.medianSeconds : metric === 'p90' ? edge.p90Seconds : null;

/** 流程图: the directly-follows graph of the filtered cases, by frequency or by duration, at a chosen level of detail. */
export function ProcessMapTab({ logId, filter, filtered, filterKey }: LogTabProps) {
  const graph = useRequest((signal) => analyticsApi.dfg(logId, filter, signal), [logId, filterKey], { silent: true });
  return (
    <RequestView state={graph} filtered={filtered} isEmpty={(g) => g.nodes.length === 0}>
      {(data) => <MapView dfg={data} />}
    </RequestView>
  );
}

function MapView({ dfg }: { dfg: Dfg }) {
  const { t, lang, has } = useT();
  const [metric, setMetric] = useViewParam<Metric>('metric', METRICS);
  const [actsParam, setActs] = useNumberParam('acts', 1, 100);
  const [pathsParam, setPaths] = useNumberParam('paths', 1, 100);
  const acts = actsParam ?? 100;
  const paths = pathsParam ?? Math.round(defaultPathShare(dfg, acts / 100) * 100);
  // the sliders move freely; the map (and the address) follow when the handle is let go
  const [dragActs, setDragActs] = useState(acts);
  const [dragPaths, setDragPaths] = useState(paths);
  useEffect(() => setDragActs(acts), [acts]);
  useEffect(() => setDragPaths(paths), [paths]);

  const named = useMemo(() => activityNamer(dfg.nodes.map((n) => n.activity)), [dfg]);
  const nameOf = (activity: string) => {
    const { name, lifecycle } = named(activity);
    return { name, note: lifecycle ? lifecycleLabel(lifecycle, t, has) : null };
  };
  const duration = useMemo(() => durationOf(metric), [metric]);
  const map = useMemo(() => simplifyDfg(dfg, acts / 100, paths / 100), [dfg, acts, paths]);
  const layout = useMemo(
    () =>
      layoutMap({
        map,
        name: nameOf,
        nodeFigure: (n) => t('analytics.map.nodeCount', { n: formatCount(n.count, lang) }),
        edgeLabel: (e) => (metric === 'count' ? formatCount(e.count, lang) : e.marker ? '' : formatDuration(duration(e), t)),
      }),
    // nameOf depends on the graph and the language only
    [map, metric, lang, duration, t],
  );
  const casesStarting = dfg.nodes.reduce((sum, n) => sum + n.starts, 0);

  const describeNode = (n: PlacedNode) => {
    if (!n.node) {
      return n.id === START ? t('analytics.map.startHover', { n: formatCount(casesStarting, lang) }) : t('analytics.map.endHover', { n: formatCount(casesStarting, lang) });
    }
    const shown = nameOf(n.node.activity);
    return (
      <Flex vertical gap={2}>
        <Typography.Text strong>{shown.name}{shown.note ? ` (${shown.note})` : ''}</Typography.Text>
        <span>{t('analytics.map.occurrences', { n: formatCount(n.node.count, lang) })}</span>
        <span>{t('analytics.map.starts', { n: formatCount(n.node.starts, lang) })}</span>
        <span>{t('analytics.map.ends', { n: formatCount(n.node.ends, lang) })}</span>
      </Flex>
    );
  };
  const describeEdge = ({ edge }: PlacedEdge) => {
    if (edge.from === START) return t('analytics.map.startEdge', { n: formatCount(edge.count, lang), activity: nameOf(edge.to).name });
    if (edge.to === END) return t('analytics.map.endEdge', { n: formatCount(edge.count, lang), activity: nameOf(edge.from).name });
    return (
      <Flex vertical gap={2}>
        <Typography.Text strong>{nameOf(edge.from).name} → {nameOf(edge.to).name}</Typography.Text>
        <span>{t('analytics.map.edgeCount', { n: formatCount(edge.count, lang) })}</span>
        <span>{t('analytics.map.meanTime', { d: formatDuration(edge.meanSeconds, t) })}</span>
        <span>{t('analytics.map.medianTime', { d: formatDuration(edge.medianSeconds, t) })}</span>
        <span>{t('analytics.map.p90Time', { d: formatDuration(edge.p90Seconds, t) })}</span>
      </Flex>
    );
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={24} wrap align="center">
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={METRICS.map((m) => ({ value: m, label: <span data-testid={`map-metric-${m}`}>{t(`analytics.map.metric.${m}`)}</span> }))}
        />
        <Flex align="center" gap={8} style={{ minWidth: 260 }}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('analytics.map.activities')}</Typography.Text>
          <Slider style={{ flex: 1, minWidth: 140 }} min={1} max={100} value={dragActs} onChange={setDragActs} onChangeComplete={(v) => setActs(v === 100 ? undefined : v)} tooltip={{ formatter: (v) => `${v}%` }} data-testid="map-activities" />
        </Flex>
        <Flex align="center" gap={8} style={{ minWidth: 260 }}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('analytics.map.paths')}</Typography.Text>
          <Slider style={{ flex: 1, minWidth: 140 }} min={1} max={100} value={dragPaths} onChange={setDragPaths} onChangeComplete={(v) => setPaths(v)} tooltip={{ formatter: (v) => `${v}%` }} data-testid="map-paths" />
        </Flex>
        <Typography.Text type="secondary" data-testid="map-shown">
          {t('analytics.map.shown', { nodes: map.nodes.length, totalNodes: map.totalNodes, edges: map.edges.length, totalEdges: map.totalEdges })}
        </Typography.Text>
      </Flex>
      <ProcessMap layout={layout} weight={metric === 'count' ? 'count' : 'duration'} duration={duration} describeNode={describeNode} describeEdge={describeEdge} label={t('analytics.tab.map')} />
    </Flex>
  );
}
