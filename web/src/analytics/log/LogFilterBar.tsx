import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Select, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useMe } from '../../auth/auth';
import { processApi } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { unitTreeOptions } from '../../shared/unit-tree';
import { useRequest } from '../../shared/use-request';
import { activityNamer, formatDuration } from '../analytics-format';
import { analyticsApi, type LogFilter } from '../analytics.api';
import { useUnits } from '../shared/use-unit-names';
import { AttributeFilter } from './AttributeFilter';
import { DurationFilter } from './DurationFilter';
import { isFiltered, type FilterPatch } from './use-log-filters';

type Props = {
  logId: string;
  /** Branch, service and version are Banklane's own logs': imported logs do not have them. */
  engine: boolean;
  filter: LogFilter;
  update: (patch: FilterPatch) => void;
  clear: () => void;
};

/**
 * The case filter of the log analysis page, shared by its tabs and kept in the address: cases
 * starting in a period (local days, the end day included), of a branch or service (and one of
 * its versions), of a variant, with an attribute value, lasting between two durations.
 */
export function LogFilterBar({ logId, engine, filter, update, clear }: Props) {
  const { t, pick } = useT();
  const { can } = useMe();
  const units = useUnits(engine && can('org.unit.read'));
  const services = useRequest((signal) => processApi.definitions({ latest: true }, signal), [], { enabled: engine && can('process.read'), silent: true });
  const range: [Dayjs | null, Dayjs | null] = [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to).subtract(1, 'day') : null];
  const versions = useRequest((signal) => processApi.definitions({ key: filter.service }, signal), [filter.service], { enabled: engine && !!filter.service && can('process.read'), silent: true });
  const versionOptions = useMemo(
    () => (versions.data?.items ?? []).filter((d) => d.key === filter.service).sort((a, b) => b.version - a.version).map((d) => ({ value: d.version, label: t('process.versionN', { version: d.version }) })),
    [versions.data, filter.service, t],
  );
  const serviceOptions = useMemo(
    () => (services.data?.items ?? []).map((d) => ({ value: d.key, label: d.name ? `${d.name} (${d.key})` : d.key })).sort((a, b) => a.label.localeCompare(b.label)),
    [services.data],
  );

  return (
    <Flex gap={8} wrap align="center" data-testid="log-filters">
      <Typography.Text type="secondary">{t('analytics.filter.period')}</Typography.Text>
      <DatePicker.RangePicker
        value={range}
        allowEmpty={[true, true]}
        placeholder={[t('analytics.filter.from'), t('analytics.filter.to')]}
        onChange={(picked) =>
          update({
            from: picked?.[0] ? picked[0].startOf('day').toISOString() : null,
            // the last day is included: cases starting before the next midnight
            to: picked?.[1] ? picked[1].startOf('day').add(1, 'day').toISOString() : null,
          })
        }
        style={{ width: 250 }}
        data-testid="filter-period"
      />
      {engine ? (
        <TreeSelect
          value={filter.branch}
          treeData={unitTreeOptions(units, (u) => pick(u))}
          placeholder={t('analytics.filter.branch')}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          onChange={(v: string | undefined) => update({ branch: v ?? null })}
          style={{ width: 200 }}
          popupMatchSelectWidth={320}
          data-testid="filter-branch"
        />
      ) : null}
      {engine ? (
        <Select
          value={filter.service}
          options={serviceOptions}
          placeholder={t('analytics.filter.service')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          // a version belongs to its service
          onChange={(v: string | undefined) => update({ service: v ?? null, version: null })}
          style={{ width: 280 }}
          popupMatchSelectWidth={360}
          data-testid="filter-service"
        />
      ) : null}
      {engine && filter.service ? (
        <Select<number>
          value={filter.version}
          options={versionOptions}
          placeholder={t('analytics.filter.version')}
          allowClear
          onChange={(v: number | undefined) => update({ version: v ?? null })}
          style={{ width: 130 }}
          data-testid="filter-version"
        />
      ) : null}
      <DurationFilter min={filter.minDuration} max={filter.maxDuration} onChange={(minDuration, maxDuration) => update({ minDuration: minDuration ?? null, maxDuration: maxDuration ?? null })} />
      <AttributeFilter onAdd={(pair) => update({ attribute: [...(filter.attribute ?? []).filter((a) => a !== pair), pair] })} />
      {filter.variant ? <VariantTag logId={logId} id={filter.variant} onClose={() => update({ variant: null })} /> : null}
      {filter.minDuration !== undefined || filter.maxDuration !== undefined ? (
        <Tag closable onClose={() => update({ minDuration: null, maxDuration: null })} data-testid="filter-duration-tag">
          {t('analytics.filter.durationTag', { range: durationRange(filter, t) })}
        </Tag>
      ) : null}
      {(filter.attribute ?? []).map((a) => (
        <Tag key={a} closable onClose={() => update({ attribute: (filter.attribute ?? []).filter((x) => x !== a) })} data-testid="filter-attribute-tag">
          {a}
        </Tag>
      ))}
      {isFiltered(filter) ? (
        <Button type="link" icon={<ClearOutlined />} onClick={clear} data-testid="filter-clear">
          {t('analytics.filter.clear')}
        </Button>
      ) : null}
    </Flex>
  );
}

function durationRange(filter: LogFilter, t: ReturnType<typeof useT>['t']): string {
  const min = filter.minDuration !== undefined ? formatDuration(filter.minDuration, t) : null;
  const max = filter.maxDuration !== undefined ? formatDuration(filter.maxDuration, t) : null;
  if (min && max) return `${min} – ${max}`;
  return min ? `≥ ${min}` : `≤ ${max}`;
}

/** The variant the filter keeps, named by its steps (the id alone says nothing to a person). */
function VariantTag({ logId, id, onClose }: { logId: string; id: string; onClose: () => void }) {
  const { t } = useT();
  const variant = useRequest((signal) => analyticsApi.variants(logId, { variant: id }, 1, signal), [logId, id], { silent: true });
  const steps = variant.data?.items[0]?.activities;
  const named = steps ? activityNamer(steps) : null;
  const sequence = steps && named ? steps.map((s) => named(s).name) : null;
  const short = sequence ? (sequence.length > 3 ? `${sequence[0]} → … → ${sequence[sequence.length - 1]}` : sequence.join(' → ')) : id;
  return (
    <Tooltip title={sequence ? sequence.join(' → ') : undefined}>
      <Tag closable color="blue" onClose={onClose} data-testid="filter-variant-tag" style={{ maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {t('analytics.filter.variantTag', { steps: sequence ? sequence.length : '?', sequence: short })}
      </Tag>
    </Tooltip>
  );
}
