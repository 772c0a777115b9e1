import { FilterOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Table, Tooltip, Typography } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { activityNamer, formatCount, formatDuration, formatPercent, lifecycleLabel } from '../analytics-format';
import { analyticsApi, type Variant } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { RequestView } from '../shared/RequestView';
import { ActivityChip, activityColors } from './ActivityChip';

/** How many variants the table lists; a log with more says so. */
const LIMIT = 100;

/** 流程变体: the filtered cases' variants, most frequent first; a click narrows the filter to one. */
export function VariantsTab({ logId, filter, filtered, filterKey, updateFilter, summary }: LogTabProps) {
  const { t, lang } = useT();
  const variants = useRequest((signal) => analyticsApi.variants(logId, filter, LIMIT, signal), [logId, filterKey], { silent: true });
  return (
    <RequestView state={variants} filtered={filtered} isEmpty={(v) => v.items.length === 0}>
      {(data) => {
        const top10 = data.items[Math.min(9, data.items.length - 1)]?.cumulativeShare ?? 0;
        const total = summary?.variants ?? data.items.length;
        return (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary" data-testid="variants-note">
              {t(total > data.items.length ? 'analytics.variants.noteTop' : 'analytics.variants.note', { n: formatCount(total, lang), shown: data.items.length, cases: formatCount(data.cases, lang) })}
              {data.items.length > 10 ? ` ${t('analytics.variants.top10', { share: formatPercent(top10) })}` : ''}
            </Typography.Text>
            <VariantTable items={data.items} selected={filter.variant} onSelect={(id) => updateFilter({ variant: id })} />
          </Flex>
        );
      }}
    </RequestView>
  );
}

function VariantTable({ items, selected, onSelect }: { items: Variant[]; selected: string | undefined; onSelect: (id: string | null) => void }) {
  const { t, lang, has } = useT();
  const named = useMemo(() => activityNamer(items.flatMap((v) => v.activities)), [items]);
  const colorOf = useMemo(() => activityColors(items.map((v) => v.activities)), [items]);
  return (
    <Table<Variant>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      data-testid="variants-table"
      rowClassName={(v) => (v.id === selected ? 'ant-table-row-selected' : '')}
      onRow={(v) => ({ onClick: () => onSelect(v.id === selected ? null : v.id), style: { cursor: 'pointer' }, 'data-testid': `variant-row-${v.id}` } as HTMLAttributes<HTMLElement>)}
      columns={[
        { key: 'rank', title: '#', width: 52, render: (_, _v, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
        { key: 'cases', title: t('analytics.variants.cases'), dataIndex: 'cases', width: 90, align: 'right', render: (n: number) => <span data-testid="variant-cases">{formatCount(n, lang)}</span> },
        { key: 'share', title: t('analytics.variants.share'), dataIndex: 'share', width: 80, align: 'right', render: (s: number) => formatPercent(s) },
        {
          key: 'cumulative',
          title: t('analytics.variants.cumulative'),
          dataIndex: 'cumulativeShare',
          width: 150,
          render: (s: number, v) => (
            <Tooltip title={t('analytics.variants.cumulativeHint', { share: formatPercent(s) })}>
              <Flex align="center" gap={6}>
                <Progress percent={s * 100} success={{ percent: (s - v.share) * 100, strokeColor: '#9fb9e3' }} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
                <span style={{ minWidth: 44, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatPercent(s)}</span>
              </Flex>
            </Tooltip>
          ),
        },
        { key: 'duration', title: t('analytics.variants.meanDuration'), dataIndex: 'meanDurationSeconds', width: 120, align: 'right', render: (d: number | null) => formatDuration(d, t) },
        {
          key: 'sequence',
          title: t('analytics.variants.sequence'),
          render: (_, v) => (
            <Flex wrap gap={4} align="center">
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('analytics.variants.steps', { n: v.activities.length })}</Typography.Text>
              {v.activities.map((a, i) => {
                const shown = named(a);
                return <ActivityChip key={i} activity={shown.name} note={shown.lifecycle ? lifecycleLabel(shown.lifecycle, t, has) : null} color={colorOf(a)} />;
              })}
            </Flex>
          ),
        },
        {
          key: 'filter',
          width: 48,
          render: (_, v) => (
            <Tooltip title={v.id === selected ? t('analytics.variants.unfilter') : t('analytics.variants.filter')}>
              <Button type={v.id === selected ? 'primary' : 'text'} size="small" icon={<FilterOutlined />} aria-label={t('analytics.variants.filter')} />
            </Tooltip>
          ),
        },
      ]}
    />
  );
}
