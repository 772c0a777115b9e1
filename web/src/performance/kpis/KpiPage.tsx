import { Card, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDuration, formatShare } from '../../queue/figures/figures-format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { MonthPicker, usePeriod } from '../MonthPicker';
import { levels, metrics, performanceApi, type Figure, type KpiItem, type Level, type Metric } from '../performance.api';
import { TargetDialog, type TargetEdit } from './TargetDialog';

/** 绩效指标 (`/performance/kpis`, `performance.read`): a month's figures per staff member, team, branch or process, against their targets. */
export function KpiPage() {
  const { t, lang } = useT();
  const me = useMe();
  const [period, setPeriod] = usePeriod();
  const [params, setParams] = useSearchParams();
  const level = (levels as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as Level) : 'staff';
  const setLevel = (next: Level) => setParams((prev) => {
    const p = new URLSearchParams(prev);
    p.set('level', next);
    return p;
  }, { replace: true });
  const kpis = useRequest((signal) => performanceApi.kpis(level, period, signal), [level, period]);
  const [edit, setEdit] = useState<TargetEdit | null>(null);
  const canSet = me.can('performance.target');
  const nameOf = (item: KpiItem) => (typeof item.name === 'string' ? item.name : lang === 'zh-CN' ? item.name.zh : item.name.en);

  const show = (metric: Metric, v: number | null) => {
    if (v === null) return '—';
    if (metric === 'handlingSeconds') return formatDuration(v, t);
    if (metric === 'onTimeRate') return formatShare(v);
    if (metric === 'handlingIndex' || metric === 'csat') return v.toFixed(2);
    return Math.round(v).toLocaleString();
  };
  const cell = (item: KpiItem, metric: Metric) => {
    const f: Figure = item[metric];
    const met = f.attainment?.met;
    const body = (
      <Flex vertical gap={2} style={{ cursor: canSet ? 'pointer' : undefined }} data-testid={`kpi-${item.key}-${metric}`}
        onClick={canSet ? () => setEdit({ level, key: item.key, name: nameOf(item), metric, period, current: f.target }) : undefined}>
        <Typography.Text strong={f.target !== null}>{show(metric, f.actual)}</Typography.Text>
        {f.target !== null ? (
          <Tooltip title={f.attainment?.ratio === null || f.attainment?.ratio === undefined ? undefined : t('perf.kpi.attainment', { value: formatShare(f.attainment.ratio) })}>
            <Tag color={met === true ? 'success' : met === false ? 'error' : 'default'} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
              {t('perf.kpi.target', { value: show(metric, f.target) })} · {met ? t('perf.kpi.met') : t('perf.kpi.notMet')}
            </Tag>
          </Tooltip>
        ) : null}
      </Flex>
    );
    return body;
  };
  const columns: ColumnsType<KpiItem> = [
    { title: t('perf.kpi.name'), key: 'name', fixed: 'left', width: 180, render: (_, item) => (
      <Flex vertical><Typography.Text>{nameOf(item)}</Typography.Text>{nameOf(item) !== item.key ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.key}</Typography.Text> : null}</Flex>
    ) },
    ...metrics.map((metric) => ({
      title: t(`perf.kpi.metric.${metric}`),
      key: metric,
      width: 112,
      align: 'right' as const,
      sorter: (a: KpiItem, b: KpiItem) => (a[metric].actual ?? -Infinity) - (b[metric].actual ?? -Infinity),
      render: (_: unknown, item: KpiItem) => cell(item, metric),
    })),
  ];

  return (
    <>
      <PageHeader title={t('nav.kpis')} section="nav.performance" extra={<MonthPicker period={period} onChange={setPeriod} />} />
      <Flex vertical gap={12}>
        <Flex align="center" gap={12} wrap>
          <Typography.Text>{t('perf.kpi.level')}</Typography.Text>
          <Segmented value={level} onChange={(v) => setLevel(v as Level)} options={levels.map((l) => ({ value: l, label: t(`perf.kpi.level.${l}`) }))} data-testid="kpi-level" />
        </Flex>
        <Typography.Text type="secondary">{t('perf.kpi.hint')}</Typography.Text>
        <Card size="small">
          <Table<KpiItem> rowKey="key" size="small" columns={columns} dataSource={kpis.data?.items ?? []} loading={kpis.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 180 + metrics.length * 112 }} locale={{ emptyText: <Empty description={t('perf.kpi.empty')} /> }} data-testid="kpi-table" />
        </Card>
      </Flex>
      <TargetDialog edit={edit} onClose={() => setEdit(null)} onSaved={kpis.reload} />
    </>
  );
}
