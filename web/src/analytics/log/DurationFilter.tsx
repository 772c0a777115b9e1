import { FieldTimeOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Popover, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';

const UNITS = [
  ['minute', 60],
  ['hour', 3_600],
  ['day', 86_400],
] as const;
type Unit = (typeof UNITS)[number][0];

/** Seconds as a number of the largest unit that divides them (2 days, not 48 hours). */
function split(seconds: number | undefined): { value: number | null; unit: Unit } {
  if (seconds === undefined) return { value: null, unit: 'day' };
  const fitting = [...UNITS].reverse().find(([, size]) => seconds % size === 0) ?? UNITS[0];
  return { value: seconds / fitting[1], unit: fitting[0] };
}

const toSeconds = (value: number | null, unit: Unit) => (value === null ? undefined : Math.round(value * UNITS.find(([u]) => u === unit)![1]));

/** A number and its unit (minutes, hours, days). */
function DurationInput({ value, unit, onChange, testId }: { value: number | null; unit: Unit; onChange: (value: number | null, unit: Unit) => void; testId: string }) {
  const { t } = useT();
  return (
    <Space.Compact>
      <InputNumber min={0} value={value} onChange={(v) => onChange(typeof v === 'number' ? v : null, unit)} style={{ width: 110 }} data-testid={testId} />
      <Select<Unit> value={unit} onChange={(u) => onChange(value, u)} style={{ width: 92 }} options={UNITS.map(([u]) => ({ value: u, label: t(`analytics.filter.unit.${u}`) }))} />
    </Space.Compact>
  );
}

/** 案例时长: keeps the cases lasting at least / at most a duration (first to last event). */
export function DurationFilter({ min, max, onChange }: { min: number | undefined; max: number | undefined; onChange: (min: number | undefined, max: number | undefined) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [low, setLow] = useState(split(min));
  const [high, setHigh] = useState(split(max));
  const invalid = low.value !== null && high.value !== null && toSeconds(low.value, low.unit)! > toSeconds(high.value, high.unit)!;
  const content = (
    <Flex vertical gap={8} style={{ width: 260 }}>
      <Typography.Text type="secondary">{t('analytics.filter.durationHint')}</Typography.Text>
      <Flex align="center" justify="space-between" gap={8}>
        <span>{t('analytics.filter.atLeast')}</span>
        <DurationInput value={low.value} unit={low.unit} onChange={(value, unit) => setLow({ value, unit })} testId="filter-duration-min" />
      </Flex>
      <Flex align="center" justify="space-between" gap={8}>
        <span>{t('analytics.filter.atMost')}</span>
        <DurationInput value={high.value} unit={high.unit} onChange={(value, unit) => setHigh({ value, unit })} testId="filter-duration-max" />
      </Flex>
      {invalid ? <Typography.Text type="danger">{t('analytics.filter.durationInvalid')}</Typography.Text> : null}
      <Flex justify="end" gap={8}>
        <Button size="small" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        <Button
          size="small"
          type="primary"
          disabled={invalid}
          onClick={() => {
            onChange(toSeconds(low.value, low.unit), toSeconds(high.value, high.unit));
            setOpen(false);
          }}
          data-testid="filter-duration-apply"
        >
          {t('analytics.filter.apply')}
        </Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setLow(split(min));
          setHigh(split(max));
        }
        setOpen(next);
      }}
      trigger="click"
      content={content}
      title={t('analytics.filter.duration')}
      placement="bottomLeft"
    >
      <Button icon={<FieldTimeOutlined />} type={min !== undefined || max !== undefined ? 'primary' : 'default'} ghost={min !== undefined || max !== undefined} data-testid="filter-duration">
        {t('analytics.filter.duration')}
      </Button>
    </Popover>
  );
}
