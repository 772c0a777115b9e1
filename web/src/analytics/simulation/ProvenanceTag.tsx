import { Tag, Tooltip } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatCount, formatDuration } from '../analytics-format';
import type { ValueOrigin } from './simulation.api';

export type ValueKind = 'arrivals' | 'duration' | 'branch' | 'pool';

const COLORS = { log: 'blue', default: 'default', hand: 'orange' } as const;

const num = (x: unknown) => (typeof x === 'number' ? x : null);

/**
 * Where a parameter's value came from, as a tag — learned from the log, a default, set by hand —
 * with what it was learned from in the tooltip, in the UI language (the server's notes are
 * English only, so the tooltip is written from its figures).
 */
export function ProvenanceTag({ origin, kind, automatic, exclusive }: { origin: ValueOrigin | undefined; kind: ValueKind; automatic?: boolean; exclusive?: boolean }) {
  const { t, lang } = useT();
  if (!origin) return null;
  const n = formatCount(num(origin.observations), lang);
  const text = (() => {
    if (origin.source === 'hand') return t('analytics.sim.prov.hand');
    if (origin.source === 'default') {
      if (kind === 'arrivals') return t('analytics.sim.prov.defaultArrivals');
      if (kind === 'branch') return exclusive ? t('analytics.sim.prov.defaultExclusive') : t('analytics.sim.prov.defaultInclusive');
      if (kind === 'pool') return t('analytics.sim.prov.defaultPool');
      if (origin.note?.startsWith('the timer')) return t('analytics.sim.prov.defaultTimer');
      if (origin.note?.startsWith('a wait')) return t('analytics.sim.prov.defaultWait');
      return automatic ? t('analytics.sim.prov.defaultAutomatic') : t('analytics.sim.prov.defaultHuman');
    }
    if (kind === 'arrivals') return t('analytics.sim.prov.logArrivals', { n });
    if (kind === 'branch') return t('analytics.sim.prov.logBranch', { n, of: formatCount(num(origin.of), lang) });
    if (kind === 'pool') {
      const people = Array.isArray(origin.resources) ? (origin.resources as string[]).join(lang === 'zh-CN' ? '、' : ', ') : '';
      return t('analytics.sim.prov.logPool', { n, people });
    }
    return t(origin.method === 'lifecycle' ? 'analytics.sim.prov.logDurationLifecycle' : 'analytics.sim.prov.logDurationPrevious', {
      n,
      mean: formatDuration(num(origin.meanSeconds), t),
      sd: formatDuration(num(origin.sdSeconds), t),
      ks: num(origin.ksDistance)?.toFixed(2) ?? '—',
    });
  })();
  return (
    <Tooltip title={text}>
      <Tag color={COLORS[origin.source]} style={{ marginInlineEnd: 0, cursor: 'help' }} data-testid="sim-provenance" data-source={origin.source}>
        {t(`analytics.sim.source.${origin.source}`)}
      </Tag>
    </Tooltip>
  );
}
