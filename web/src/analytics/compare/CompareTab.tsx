import { DatePicker, Empty, Flex, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { isOwnLog, type LogSummary } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useNumberParam, useSetParams, useTextParam, useViewParam } from '../log/use-log-filters';
import { useDeployed } from '../shared/ProcessPicker';
import { RequestView } from '../shared/RequestView';
import { compareApi, type Slices } from './compare.api';
import { CompareView } from './CompareView';

const MODES = ['period', 'version'] as const;
type Mode = (typeof MODES)[number];

/** Two halves of the cases' period, cut at a local midnight: what "before and after" proposes until periods are chosen. */
function halves(summary: LogSummary | undefined): [string, string, string, string] | null {
  if (!summary?.start || !summary.end) return null;
  const first = dayjs(summary.start).startOf('day');
  const end = dayjs(summary.end).startOf('day').add(1, 'day');
  const days = end.diff(first, 'day');
  if (days < 2) return null;
  const middle = first.add(Math.floor(days / 2), 'day');
  return [first.toISOString(), middle.toISOString(), middle.toISOString(), end.toISOString()];
}

/**
 * 前后对比: the log's measures over two periods (`?bf=&bt=&af=&at=`, local days, the end day
 * included) or — for Banklane's own logs with a service in the filter — two versions of it
 * (`?bv=&av=`), side by side with the change of each, coloured better or worse.
 */
export function CompareTab({ logId, log, filter, filterKey, summary }: LogTabProps) {
  const { t } = useT();
  const deployed = useDeployed();
  const byVersion = isOwnLog(logId, log) && filter.service !== undefined;
  const [chosenMode, setMode] = useViewParam<Mode>('cmp', MODES);
  const mode: Mode = byVersion ? chosenMode : 'period';
  const [bf] = useTextParam('bf');
  const [bt] = useTextParam('bt');
  const [af] = useTextParam('af');
  const [at] = useTextParam('at');
  const [bv] = useNumberParam('bv', 1, 1_000_000);
  const [av] = useNumberParam('av', 1, 1_000_000);
  const setParams = useSetParams();
  const proposed = halves(summary);
  const versions = (filter.service ? deployed.byKey.get(filter.service) ?? [] : []).map((d) => d.version);

  const slices = useMemo<Slices | null>(() => {
    if (mode === 'version') {
      const after = av ?? versions[0];
      const before = bv ?? versions[1];
      return before !== undefined && after !== undefined ? { by: 'version', beforeVersion: before, afterVersion: after } : null;
    }
    const [pbf, pbt, paf, pat] = bf && bt && af && at ? [bf, bt, af, at] : proposed ?? [];
    return pbf && pbt && paf && pat ? { by: 'period', beforeFrom: pbf, beforeTo: pbt, afterFrom: paf, afterTo: pat } : null;
  }, [mode, bf, bt, af, at, bv, av, versions.join(','), proposed?.join(',')]);
  const sliceKey = slices ? JSON.stringify(slices) : '';
  const result = useRequest((signal) => compareApi.compare(logId, filter, slices!, signal), [logId, filterKey, sliceKey], { enabled: slices !== null, silent: true });

  const range = (from: string | undefined, to: string | undefined): [Dayjs, Dayjs] | null => (from && to ? [dayjs(from), dayjs(to).subtract(1, 'day')] : null);
  const pick = (side: 'b' | 'a') => (picked: [Dayjs | null, Dayjs | null] | null) => {
    const current = slices?.by === 'period' ? slices : null;
    const from = picked?.[0] ? picked[0].startOf('day').toISOString() : undefined;
    const to = picked?.[1] ? picked[1].startOf('day').add(1, 'day').toISOString() : undefined;
    // the other side keeps what is shown, proposed or chosen
    setParams(side === 'b' ? { bf: from, bt: to, af: current?.afterFrom, at: current?.afterTo } : { af: from, at: to, bf: current?.beforeFrom, bt: current?.beforeTo });
  };
  const versionOptions = versions.map((v) => ({ value: v, label: t('process.versionN', { version: v }) }));

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        {byVersion ? (
          <Segmented<Mode> value={mode} onChange={setMode} options={MODES.map((m) => ({ value: m, label: <span data-testid={`compare-by-${m}`}>{t(`analytics.compare.by.${m}`)}</span> }))} />
        ) : null}
        {mode === 'period' ? (
          <>
            <Typography.Text>{t('analytics.compare.before')}</Typography.Text>
            <DatePicker.RangePicker value={range(slices?.by === 'period' ? slices.beforeFrom : undefined, slices?.by === 'period' ? slices.beforeTo : undefined)} onChange={pick('b')} style={{ width: 250 }} data-testid="compare-before" />
            <Typography.Text>{t('analytics.compare.after')}</Typography.Text>
            <DatePicker.RangePicker value={range(slices?.by === 'period' ? slices.afterFrom : undefined, slices?.by === 'period' ? slices.afterTo : undefined)} onChange={pick('a')} style={{ width: 250 }} data-testid="compare-after" />
          </>
        ) : (
          <>
            <Typography.Text>{t('analytics.compare.before')}</Typography.Text>
            <Select<number> value={slices?.by === 'version' ? slices.beforeVersion : undefined} options={versionOptions} onChange={(v) => setParams({ bv: v, av: slices?.by === 'version' ? slices.afterVersion : undefined })} style={{ width: 130 }} data-testid="compare-before-version" />
            <Typography.Text>{t('analytics.compare.after')}</Typography.Text>
            <Select<number> value={slices?.by === 'version' ? slices.afterVersion : undefined} options={versionOptions} onChange={(v) => setParams({ av: v, bv: slices?.by === 'version' ? slices.beforeVersion : undefined })} style={{ width: 130 }} data-testid="compare-after-version" />
          </>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 300px' }}>
          {mode === 'period' ? t('analytics.compare.explainPeriod') : t('analytics.compare.explainVersion', { service: deployed.nameOf(filter.service ?? '') })}
        </Typography.Text>
      </Flex>
      {slices === null ? (
        <Empty style={{ margin: '48px 0' }} description={mode === 'period' ? t('analytics.compare.choosePeriods') : t('analytics.compare.oneVersion')} data-testid="compare-choose" />
      ) : (
        <RequestView state={result} filtered isEmpty={(c) => (c.cases.before ?? 0) + (c.cases.after ?? 0) === 0}>
          {(data) => <CompareView data={data} />}
        </RequestView>
      )}
    </Flex>
  );
}
