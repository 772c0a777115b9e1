import { Button, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';

const UNITS = { hour: 3_600, day: 86_400 } as const;
type Unit = keyof typeof UNITS;

/** Seconds as whole days where they are, else hours. */
function split(seconds: number | undefined): { value: number | null; unit: Unit } {
  if (seconds === undefined) return { value: null, unit: 'day' };
  return seconds % UNITS.day === 0 ? { value: seconds / UNITS.day, unit: 'day' } : { value: Math.round((seconds / UNITS.hour) * 100) / 100, unit: 'hour' };
}

/**
 * A target case duration in hours or days, applied with the button (or Enter), cleared with the
 * other: the deadline every case of an imported log is measured against.
 */
export function TargetInput({ seconds, onChange, clearable }: { seconds: number | undefined; onChange: (seconds: number | undefined) => void; clearable: boolean }) {
  const { t } = useT();
  const [draft, setDraft] = useState(split(seconds));
  useEffect(() => setDraft(split(seconds)), [seconds]);
  const next = draft.value !== null && draft.value > 0 ? Math.round(draft.value * UNITS[draft.unit]) : undefined;
  const apply = () => next !== undefined && onChange(next);
  return (
    <Space wrap size={8}>
      <Space.Compact>
        <InputNumber
          min={0}
          value={draft.value}
          onChange={(v) => setDraft({ ...draft, value: typeof v === 'number' ? v : null })}
          onPressEnter={apply}
          placeholder={t('analytics.deadlines.targetPlaceholder')}
          style={{ width: 120 }}
          data-testid="deadline-target"
        />
        <Select<Unit> value={draft.unit} onChange={(unit) => setDraft({ ...draft, unit })} style={{ width: 90 }} options={(['hour', 'day'] as const).map((u) => ({ value: u, label: t(`analytics.filter.unit.${u}`) }))} data-testid="deadline-target-unit" />
      </Space.Compact>
      <Button type="primary" disabled={next === undefined || next === seconds} onClick={apply} data-testid="deadline-target-apply">{t('analytics.filter.apply')}</Button>
      {clearable && seconds !== undefined ? <Button onClick={() => onChange(undefined)}>{t('analytics.deadlines.ownDeadlines')}</Button> : null}
    </Space>
  );
}
