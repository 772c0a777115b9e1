import { Alert, Card, Col, Empty, Flex, Row, Segmented, Spin, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { processApi } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { formatCount, formatDuration } from '../analytics-format';
import { analyticsApi, isOwnLog, type LogFilter } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useNumberParam, useSetParams, useTextParam, useViewParam } from '../log/use-log-filters';
import { ProcessPicker, useDeployed } from '../shared/ProcessPicker';
import { LoadError } from '../shared/RequestView';
import { activityFigures, HEAT_MEASURES, valueOf, type ActivityFigures, type HeatMeasure } from './heat';
import { HeatmapDiagram } from './HeatmapDiagram';
import { HeatLegend } from './HeatLegend';

/**
 * 流程热力图: the deployed BPMN diagram of a process with each activity coloured by a measure of
 * the log — how often it ran, its mean waiting or handling time (`?heat=`). The process is the
 * filter's service for Banklane's own logs, or one chosen here (`?model=&modelVersion=`); an own
 * log's figures are then of that process's cases (of that version, where one is chosen).
 */
export function DiagramTab({ logId, log, filter, filterKey }: LogTabProps) {
  const { t, lang } = useT();
  const own = isOwnLog(logId, log);
  const deployed = useDeployed();
  const [model] = useTextParam('model');
  const [modelVersion] = useNumberParam('modelVersion', 1, 1_000_000);
  const setParams = useSetParams();
  const [measure, setMeasure] = useViewParam<HeatMeasure>('heat', HEAT_MEASURES);
  const processKey = model ?? (own ? filter.service : undefined);
  const version = model ? modelVersion : own ? filter.version : undefined;
  const definition = deployed.find(processKey, version);

  const xml = useRequest((signal) => processApi.xml(definition!.id, signal), [definition?.id], { enabled: definition !== undefined, silent: true });
  // an own log's figures: the cases of the process shown (and of its version, where one is chosen)
  const scoped: LogFilter = own && processKey ? { ...filter, service: processKey, version } : filter;
  const scopeKey = `${filterKey}|${own ? `${processKey}|${version}` : ''}`;
  const dfg = useRequest((signal) => analyticsApi.dfg(logId, scoped, signal), [logId, scopeKey], { enabled: processKey !== undefined, silent: true });
  const delays = useRequest((signal) => analyticsApi.bottlenecks(logId, 'activity', scoped, signal), [logId, scopeKey], { enabled: processKey !== undefined, silent: true });
  const figures = useMemo(() => (dfg.data && delays.data ? activityFigures(dfg.data, delays.data.items) : new Map<string, ActivityFigures>()), [dfg.data, delays.data]);
  const [hovered, setHovered] = useState<{ name: string; figures: ActivityFigures | undefined } | null>(null);
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [range, setRange] = useState<[number, number] | null>(null);
  const label = useCallback((f: ActivityFigures) => (measure === 'count' ? formatCount(f.count, lang) : formatDuration(valueOf(f, measure), t)), [measure, t, lang]);
  const noHandling = delays.data !== undefined && delays.data.items.every((i) => i.handling === null);
  const failed = xml.error ?? dfg.error ?? delays.error;

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Typography.Text>{t('analytics.model.process')}</Typography.Text>
        <ProcessPicker deployed={deployed} processKey={processKey} version={version} onChange={(key, v) => setParams({ model: key, modelVersion: v })} testId="diagram-model" />
        <Segmented<HeatMeasure> value={measure} onChange={setMeasure} options={HEAT_MEASURES.map((m) => ({ value: m, label: <span data-testid={`heat-${m}`}>{t(`analytics.diagram.measure.${m}`)}</span> }))} />
        {range && processKey !== undefined ? <HeatLegend measure={measure} min={range[0]} max={range[1]} label={(x) => (measure === 'count' ? formatCount(x, lang) : formatDuration(x, t))} /> : null}
      </Flex>
      {processKey === undefined ? (
        <Empty style={{ margin: '48px 0' }} description={own ? t('analytics.diagram.chooseOwn') : t('analytics.diagram.choose')} data-testid="diagram-choose" />
      ) : !definition && !deployed.loading ? (
        <Empty style={{ margin: '48px 0' }} description={t('analytics.diagram.notDeployed', { process: processKey })} data-testid="diagram-not-deployed" />
      ) : failed && !(xml.loading || dfg.loading || delays.loading) ? (
        <LoadError error={failed} onRetry={() => [xml, dfg, delays].forEach((r) => r.reload())} />
      ) : (
        <>
          {measure === 'handling' && noHandling ? <Alert type="info" showIcon title={t('analytics.bottlenecks.noStarts')} /> : null}
          {dfg.data && dfg.data.nodes.length === 0 ? <Alert type="info" showIcon title={t('analytics.diagram.noCases')} /> : null}
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={18}>
              <Spin spinning={xml.loading || dfg.loading || delays.loading}>
                <HeatmapDiagram xml={xml.data} figures={figures} measure={measure} label={label} onHover={setHovered} onUnmatched={setUnmatched} onScale={setRange} />
              </Spin>
            </Col>
            <Col xs={24} xl={6}>
              <Flex vertical gap={12}>
                <HoverCard hovered={hovered} />
                {unmatched.length ? (
                  <Card size="small" title={t('analytics.diagram.unmatched', { n: unmatched.length })} data-testid="diagram-unmatched">
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('analytics.diagram.unmatchedHint')}</Typography.Paragraph>
                    <Flex gap={4} wrap>{unmatched.slice(0, 30).map((a) => <Tag key={a}>{a}</Tag>)}</Flex>
                  </Card>
                ) : null}
              </Flex>
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}

/** The figures of the activity under the pointer. */
function HoverCard({ hovered }: { hovered: { name: string; figures: ActivityFigures | undefined } | null }) {
  const { t, lang } = useT();
  const f = hovered?.figures;
  const row = (label: string, value: string) => (
    <Flex justify="space-between" gap={12}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text>{value}</Typography.Text>
    </Flex>
  );
  return (
    <Card size="small" title={hovered ? hovered.name : t('analytics.diagram.hoverTitle')} data-testid="diagram-hover">
      {!hovered ? (
        <Typography.Text type="secondary">{t('analytics.diagram.hoverHint')}</Typography.Text>
      ) : !f ? (
        <Typography.Text type="secondary">{t('analytics.diagram.noData')}</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {row(t('analytics.diagram.measure.count'), formatCount(f.count, lang))}
          {row(t('analytics.diagram.meanWaiting'), formatDuration(f.waiting, t))}
          {row(t('analytics.diagram.p90Waiting'), formatDuration(f.waitingP90, t))}
          {row(t('analytics.diagram.meanHandling'), formatDuration(f.handling, t))}
          {row(t('analytics.diagram.p90Handling'), formatDuration(f.handlingP90, t))}
        </Flex>
      )}
    </Card>
  );
}
