import { Alert, Card, Col, Flex, Progress, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatCount, formatDuration, formatPercent } from '../analytics-format';
import { ChangeTag, type Better } from '../shared/ChangeTag';
import { CycleHistogram, SCENARIO_COLORS, WaitingChart } from './ResultCharts';
import type { ScenarioResult, SimulationResult } from './simulation.api';
import { usePoolName } from './use-pool-name';

type Diff = NonNullable<ScenarioResult['differenceFromBaseline']>;
type FigureRow = { key: string; label: string; value: (s: ScenarioResult) => number | null; diff: ((d: Diff) => number | null) | null; rate?: (d: Diff) => number | null; format: (x: number | null) => string; better: Better };

/** A scenario's name as a column head, in its chart colour. */
function Head({ s, i }: { s: ScenarioResult; i: number }) {
  return <span style={{ borderBottom: `3px solid ${SCENARIO_COLORS[i % SCENARIO_COLORS.length]}`, paddingBottom: 2 }}>{s.name}</span>;
}

/** A value and, for a scenario other than the baseline, its change from the baseline's. */
function Valued({ value, diff, rate, format, better, testId, data }: { value: ReactNode; diff?: number | null; rate?: number | null; format: (x: number | null) => string; better: Better; testId: string; data?: number | null }) {
  return (
    <Flex vertical align="flex-end" data-testid={testId} data-value={data ?? undefined}>
      <span>{value}</span>
      {diff !== undefined ? <ChangeTag change={diff} rate={rate} better={better} text={format(diff === null ? null : Math.abs(diff))} /> : null}
    </Flex>
  );
}

/**
 * The scenarios' results side by side: cycle time (mean, median, p90, p95, longest) and
 * throughput, their distributions, waiting before each step, and each pool's utilisation and
 * queue — every figure of a scenario against the baseline's, green where better, red where worse.
 * Test ids: `sim-results`, `sim-figure-<row>-<i>`, `sim-waiting-<activity>-<i>`, `sim-pool-<pool>-<i>` (`data-value`).
 */
export function SimulationResults({ result, stale }: { result: SimulationResult; stale: boolean }) {
  const { t, lang } = useT();
  const poolName = usePoolName();
  const scenarios = result.scenarios;
  const duration = (x: number | null) => formatDuration(x, t);
  const perDay = (x: number | null) => (x === null ? '—' : t('analytics.sim.perDay', { n: formatCount(Math.round(x * 10) / 10, lang) }));
  const count = (x: number | null) => formatCount(x, lang);
  const incomplete = scenarios.filter((s) => s.stoppedBy !== 'completed' || s.unfinishedCases > 0);

  const figureRows: FigureRow[] = [
    { key: 'mean', label: t('analytics.sim.fig.mean'), value: (s) => s.cycleTime.meanSeconds, diff: (d) => d.cycleTime.meanSeconds, rate: (d) => d.cycleTime.meanRelative, format: duration, better: 'less' },
    { key: 'p50', label: t('analytics.sim.fig.p50'), value: (s) => s.cycleTime.p50Seconds, diff: (d) => d.cycleTime.p50Seconds, format: duration, better: 'less' },
    { key: 'p90', label: t('analytics.sim.fig.p90'), value: (s) => s.cycleTime.p90Seconds, diff: (d) => d.cycleTime.p90Seconds, format: duration, better: 'less' },
    { key: 'p95', label: t('analytics.sim.fig.p95'), value: (s) => s.cycleTime.p95Seconds, diff: (d) => d.cycleTime.p95Seconds, format: duration, better: 'less' },
    { key: 'max', label: t('analytics.sim.fig.max'), value: (s) => s.cycleTime.maxSeconds, diff: (d) => d.cycleTime.maxSeconds, format: duration, better: 'less' },
    { key: 'throughput', label: t('analytics.sim.fig.throughput'), value: (s) => s.throughputPerDay, diff: (d) => d.throughputPerDay, format: perDay, better: 'more' },
    { key: 'cases', label: t('analytics.sim.fig.cases'), value: (s) => s.casesSimulated, diff: null, format: count, better: 'neither' },
  ];
  const figureColumns: ColumnsType<FigureRow> = [
    { key: 'label', title: t('analytics.sim.fig.title'), dataIndex: 'label', width: 200, fixed: 'left' },
    ...scenarios.map((s, i) => ({
      key: String(i),
      title: <Head s={s} i={i} />,
      align: 'right' as const,
      width: 190,
      render: (_: unknown, r: FigureRow) => {
        const d = s.differenceFromBaseline;
        return <Valued value={r.format(r.value(s))} diff={d && r.diff ? r.diff(d) : undefined} rate={d && r.rate ? r.rate(d) : undefined} format={r.format} better={r.better} testId={`sim-figure-${r.key}-${i}`} data={r.value(s)} />;
      },
    })),
  ];

  const base = scenarios[0]!;
  // steps that ran; an automatic step taking no time anywhere says nothing, and is left out
  const ran = (a: ScenarioResult['activities'][number]) => scenarios.some((s) => (s.activities.find((x) => x.id === a.id)?.count ?? 0) > 0);
  const tookTime = (a: ScenarioResult['activities'][number]) => a.pool !== null || scenarios.some((s) => s.activities.some((x) => x.id === a.id && ((x.waiting.meanSeconds ?? 0) > 0 || (x.processing.meanSeconds ?? 0) > 0)));
  const steps = base.activities.filter((a) => ran(a) && tookTime(a)).sort((a, b) => (b.waiting.meanSeconds ?? 0) - (a.waiting.meanSeconds ?? 0));
  type Step = (typeof steps)[number];
  const stepColumns: ColumnsType<Step> = [
    { key: 'name', title: t('analytics.rework.activity'), width: 200, fixed: 'left', render: (_, a) => <Flex vertical><span>{a.name}</span>{a.pool ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.humanIn', { pool: poolName(a.pool) })}</Typography.Text> : null}</Flex> },
    ...scenarios.map((s, i) => ({
      key: String(i),
      title: <Head s={s} i={i} />,
      align: 'right' as const,
      width: 190,
      render: (_: unknown, a: Step) => {
        const mine = s.activities.find((x) => x.id === a.id);
        if (!mine || mine.count === 0) return <Typography.Text type="secondary">{t('analytics.sim.removed')}</Typography.Text>;
        const d = s.differenceFromBaseline?.activities.find((x) => x.id === a.id);
        return (
          <Flex vertical align="flex-end">
            <Valued value={duration(mine.waiting.meanSeconds)} diff={s.differenceFromBaseline ? d?.waitingMeanSeconds ?? null : undefined} format={duration} better="less" testId={`sim-waiting-${a.id}-${i}`} data={mine.waiting.meanSeconds} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.processing', { d: duration(mine.processing.meanSeconds) })}</Typography.Text>
          </Flex>
        );
      },
    })),
  ];

  const pools = base.pools;
  type Pool = (typeof pools)[number];
  const poolColumns: ColumnsType<Pool> = [
    { key: 'name', title: t('analytics.sim.pool'), width: 200, fixed: 'left', render: (_, p) => poolName(p.name) },
    ...scenarios.map((s, i) => ({
      key: String(i),
      title: <Head s={s} i={i} />,
      width: 220,
      render: (_: unknown, p: Pool) => {
        const mine = s.pools.find((x) => x.name === p.name);
        if (!mine) return '—';
        const d = s.differenceFromBaseline?.pools.find((x) => x.name === p.name);
        const u = mine.utilisation ?? 0;
        return (
          <Flex vertical gap={2} data-testid={`sim-pool-${p.name}-${i}`} data-value={mine.utilisation ?? undefined}>
            <Typography.Text style={{ fontSize: 12 }}>{t('analytics.sim.poolSize', { n: mine.size, calendar: t(`analytics.sim.calendar.${mine.calendar}`) })}</Typography.Text>
            <Progress percent={Math.round(u * 1000) / 10} size="small" strokeColor={u > 0.9 ? '#cf1322' : u > 0.8 ? '#d46b08' : '#1d5fbf'} format={(v) => `${v}%`} />
            <Flex justify="space-between" gap={8} style={{ fontSize: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.queue', { n: mine.meanQueueLength === null ? '—' : mine.meanQueueLength.toFixed(1) })}</Typography.Text>
              {d ? <ChangeTag change={d.meanQueueLength} better="less" text={d.meanQueueLength === null ? '—' : Math.abs(d.meanQueueLength).toFixed(1)} /> : null}
            </Flex>
          </Flex>
        );
      },
    })),
  ];
  // as wide as the figures need, not the page: a value stays near its label
  const width = (first: number) => first + scenarios.length * 200;
  const capped = { maxWidth: 240 + scenarios.length * 260 };

  return (
    <Card size="small" title={t('analytics.sim.results')} data-testid="sim-results">
      <Flex vertical gap={12}>
        {stale ? <Alert type="warning" showIcon title={t('analytics.sim.stale')} data-testid="sim-stale" /> : null}
        {incomplete.length ? <Alert type="warning" showIcon title={t('analytics.sim.incomplete', { names: incomplete.map((s) => s.name).join(lang === 'zh-CN' ? '、' : ', '), n: formatCount(incomplete.reduce((n, s) => n + s.unfinishedCases, 0), lang) })} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.resultsNote', { cases: formatCount(base.cases, lang), warmUp: formatCount(base.warmUpCases, lang) })}</Typography.Text>
        <Table<FigureRow> rowKey="key" size="small" bordered pagination={false} dataSource={figureRows} columns={figureColumns} scroll={{ x: width(200) }} style={capped} data-testid="sim-figures" />
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" type="inner" title={t('analytics.sim.histogram')}><CycleHistogram scenarios={scenarios} /></Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" type="inner" title={t('analytics.sim.waitingTitle')}><WaitingChart scenarios={scenarios} /></Card>
          </Col>
        </Row>
        <Table rowKey="id" size="small" bordered pagination={false} dataSource={steps} columns={stepColumns} scroll={{ x: width(200) }} title={() => <Typography.Text strong>{t('analytics.sim.stepsTitle')}</Typography.Text>} style={capped} data-testid="sim-steps" />
        {pools.length ? <Table rowKey="name" size="small" bordered pagination={false} dataSource={pools} columns={poolColumns} scroll={{ x: width(200) }} title={() => <Typography.Text strong>{t('analytics.sim.poolsTitle')}</Typography.Text>} style={capped} data-testid="sim-pools" /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.legend', { percent: formatPercent(0.8) })}</Typography.Text>
      </Flex>
    </Card>
  );
}
