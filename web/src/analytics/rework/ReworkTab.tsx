import { Alert, Card, Col, Flex, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_BLUE, CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import { useRequest } from '../../shared/use-request';
import { activityNamer, formatCount, formatPercent, lifecycleLabel } from '../analytics-format';
import { analyticsApi, type Rework, type ReworkActivity } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { RequestView } from '../shared/RequestView';

const CHART_ROWS = 15;

/** 返工分析: which activities the filtered cases do more than once, in how many cases, and how often. */
export function ReworkTab({ logId, filter, filtered, filterKey }: LogTabProps) {
  const result = useRequest((signal) => analyticsApi.rework(logId, filter, signal), [logId, filterKey], { silent: true });
  return (
    <RequestView state={result} filtered={filtered} isEmpty={(r) => r.cases === 0}>
      {(data) => <ReworkView rework={data} />}
    </RequestView>
  );
}

function ReworkView({ rework }: { rework: Rework }) {
  const { t, lang, has } = useT();
  const named = useMemo(() => activityNamer(rework.activities.map((a) => a.activity)), [rework]);
  const nameOf = (activity: string) => {
    const { name, lifecycle } = named(activity);
    return lifecycle ? `${name} (${lifecycleLabel(lifecycle, t, has)})` : name;
  };
  const repeated = rework.activities.filter((a) => a.repeats > 0);
  const rows = useMemo(() => [...repeated].sort((a, b) => b.casesWithRework - a.casesWithRework || b.repeats - a.repeats).slice(0, CHART_ROWS).reverse(), [repeated]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => nameOf(r.activity)), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        { name: t('analytics.rework.casesWithRework'), type: 'bar', data: rows.map((r) => r.casesWithRework), itemStyle: { color: CHART_BLUE }, barMaxWidth: 14, label: { show: true, position: 'right' } },
        { name: t('analytics.rework.repeats'), type: 'bar', data: rows.map((r) => r.repeats), itemStyle: { color: CHART_ORANGE }, barMaxWidth: 14, label: { show: true, position: 'right' } },
      ],
    }),
    // nameOf follows the rows' log and the language
    [rows, t],
  );
  const share = rework.cases ? rework.casesWithRework / rework.cases : null;

  return (
    <Flex vertical gap={12}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="rework-cases">
            <Statistic title={t('analytics.rework.casesWithReworkOf')} value={`${formatCount(rework.casesWithRework, lang)} / ${formatCount(rework.cases, lang)}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.rework.share')} value={formatPercent(share)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.rework.activitiesRepeated')} value={`${repeated.length} / ${rework.activities.length}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('analytics.rework.totalRepeats')} value={formatCount(rework.activities.reduce((s, a) => s + a.repeats, 0), lang)} />
          </Card>
        </Col>
      </Row>
      {repeated.length === 0 ? (
        <Alert type="success" showIcon title={t('analytics.rework.none')} data-testid="rework-none" />
      ) : (
        <Card size="small" title={t('analytics.rework.chartTitle', { n: rows.length })}>
          <EChart option={option} height={Math.max(160, rows.length * 36 + 48)} label={t('analytics.tab.rework')} testId="rework-chart" />
        </Card>
      )}
      <Table<ReworkActivity>
        rowKey="activity"
        size="small"
        dataSource={rework.activities}
        pagination={rework.activities.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="rework-table"
        columns={[
          { key: 'activity', title: t('analytics.rework.activity'), render: (_, r) => nameOf(r.activity) },
          { key: 'cases', title: t('analytics.rework.cases'), dataIndex: 'cases', width: 130, align: 'right', sorter: (a, b) => a.cases - b.cases, render: (n: number) => formatCount(n, lang) },
          { key: 'reworked', title: t('analytics.rework.casesWithRework'), dataIndex: 'casesWithRework', width: 130, align: 'right', sorter: (a, b) => a.casesWithRework - b.casesWithRework, render: (n: number) => formatCount(n, lang) },
          { key: 'rate', title: t('analytics.rework.rate'), width: 110, align: 'right', sorter: (a, b) => a.casesWithRework / a.cases - b.casesWithRework / b.cases, render: (_, r) => formatPercent(r.cases ? r.casesWithRework / r.cases : null) },
          { key: 'repeats', title: t('analytics.rework.repeats'), dataIndex: 'repeats', width: 110, align: 'right', defaultSortOrder: 'descend', sorter: (a, b) => a.repeats - b.repeats, render: (n: number) => formatCount(n, lang) },
        ]}
      />
    </Flex>
  );
}
