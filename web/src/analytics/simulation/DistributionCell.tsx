import { Button, Flex, InputNumber, Popover, Select, Typography } from 'antd';
import { useState } from 'react';
import { useT, type Translate } from '../../i18n/i18n';
import { formatDuration } from '../analytics-format';
import { convert, meanOf } from './scenarios';
import type { Distribution } from './simulation.api';

const UNITS = { second: 1, minute: 60, hour: 3_600, day: 86_400 } as const;
type Unit = keyof typeof UNITS;
type Editable = Exclude<Distribution['kind'], 'empirical'>;
const EDITABLE: readonly Editable[] = ['exponential', 'normal', 'lognormal', 'uniform', 'fixed'];

/** The unit a duration reads best in: days from two days, hours from two hours, minutes from two minutes. */
const unitFor = (seconds: number): Unit => (seconds >= 2 * 86_400 ? 'day' : seconds >= 2 * 3_600 ? 'hour' : seconds >= 120 ? 'minute' : 'second');

/** A distribution in a few words: its kind and mean (or range). */
export function describeDistribution(d: Distribution, t: Translate): string {
  const kind = t(`analytics.sim.dist.${d.kind}`);
  if (d.kind === 'fixed') return `${kind} · ${formatDuration(d.value, t)}`;
  if (d.kind === 'uniform') return `${kind} · ${formatDuration(d.min, t)} – ${formatDuration(d.max, t)}`;
  if (d.kind === 'empirical') return `${kind} · ${t('analytics.sim.dist.values', { n: d.values.length, mean: formatDuration(meanOf(d), t) })}`;
  return `${kind} · ${t('analytics.sim.dist.mean', { d: formatDuration(d.mean, t) })}`;
}

/** The fields of a kind, in the order shown. */
const FIELDS: Record<Editable, readonly ('mean' | 'sd' | 'min' | 'max' | 'value')[]> = {
  exponential: ['mean'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  uniform: ['min', 'max'],
  fixed: ['value'],
};

/**
 * A step's duration: its distribution in words, a click opening an editor — the kind and its
 * figures in minutes, hours or days (the server takes seconds). Changing the kind keeps the mean.
 */
export function DistributionCell({ value, onChange, testId }: { value: Distribution; onChange: (d: Distribution) => void; testId: string }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Distribution>(value);
  const [unit, setUnit] = useState<Unit>(unitFor(meanOf(value)));
  const start = () => {
    setDraft(value);
    setUnit(unitFor(meanOf(value)));
  };
  const fields = draft.kind === 'empirical' ? [] : FIELDS[draft.kind];
  const field = (name: (typeof FIELDS)[Editable][number]) => {
    const seconds = (draft as Record<string, unknown>)[name] as number;
    return (
      <Flex key={name} align="center" justify="space-between" gap={8}>
        <span>{t(`analytics.sim.dist.field.${name}`)}</span>
        <InputNumber
          min={0}
          value={Math.round((seconds / UNITS[unit]) * 100) / 100}
          onChange={(v) => typeof v === 'number' && setDraft({ ...draft, [name]: v * UNITS[unit] } as Distribution)}
          style={{ width: 140 }}
          data-testid={`${testId}-${name}`}
        />
      </Flex>
    );
  };
  const content = (
    <Flex vertical gap={8} style={{ width: 280 }}>
      <Flex align="center" justify="space-between" gap={8}>
        <span>{t('analytics.sim.dist.kind')}</span>
        <Select<Distribution['kind']>
          value={draft.kind}
          onChange={(k) => k !== 'empirical' && setDraft(convert(draft, k))}
          style={{ width: 140 }}
          options={[...EDITABLE, ...(value.kind === 'empirical' ? (['empirical'] as const) : [])].map((k) => ({ value: k, label: t(`analytics.sim.dist.${k}`) }))}
          data-testid={`${testId}-kind`}
        />
      </Flex>
      <Flex align="center" justify="space-between" gap={8}>
        <span>{t('analytics.sim.dist.unit')}</span>
        <Select<Unit> value={unit} onChange={setUnit} style={{ width: 140 }} options={(Object.keys(UNITS) as Unit[]).map((u) => ({ value: u, label: t(`analytics.sim.unit.${u}`) }))} />
      </Flex>
      {draft.kind === 'empirical' ? <Typography.Text type="secondary">{t('analytics.sim.dist.empiricalHint', { n: draft.values.length })}</Typography.Text> : fields.map(field)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`analytics.sim.dist.hint.${draft.kind}`)}</Typography.Text>
      <Flex justify="end" gap={8}>
        <Button size="small" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        <Button size="small" type="primary" onClick={() => { onChange(draft); setOpen(false); }} data-testid={`${testId}-apply`}>{t('analytics.filter.apply')}</Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover open={open} onOpenChange={(next) => { if (next) start(); setOpen(next); }} trigger="click" content={content} title={t('analytics.sim.dist.title')} placement="bottom">
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', alignSelf: 'flex-start' }} data-testid={testId}>
        {describeDistribution(value, t)}
      </Button>
    </Popover>
  );
}
