import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { CHART_ORANGE, EChart, type ChartOption } from '../../queue/figures/EChart';
import type { DryRun } from '../merchants.api';

type Props = {
  /** Runs the condition now in the form over the period; the result, or undefined when it was refused (the form shows why). */
  onRun: (from: string, to: string) => Promise<DryRun | undefined>;
  busy: boolean;
};

/** The most days a dry run covers (the server's limit). */
const MAX_DAYS = 366;

/** 试运行: what the condition would have raised over a past period — N times on M merchants, day by day — opening nothing. */
export function DryRunPanel({ onRun, busy }: Props) {
  const { t } = useT();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const [result, setResult] = useState<DryRun | null>(null);

  const run = async () => {
    const outcome = await onRun(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
    setResult(outcome ?? null);
  };

  const rule = result?.rules[0];
  const option = useMemo<ChartOption | null>(() => {
    if (!rule) return null;
    return {
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rule.byDay.map((d) => d.day.slice(5)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('mch.dry.firings'), data: rule.byDay.map((d) => d.firings), itemStyle: { color: CHART_ORANGE }, barMaxWidth: 16 }],
    };
  }, [rule, t]);

  return (
    <Flex vertical gap={12} data-testid="rule-dry-run">
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(next) => {
            if (next?.[0] && next[1]) setRange([next[0], next[1]]);
          }}
          data-testid="rule-dry-run-range"
        />
        <Button icon={<ExperimentOutlined />} loading={busy} disabled={range[1].diff(range[0], 'day') >= MAX_DAYS} onClick={() => void run()} data-testid="rule-dry-run-submit">
          {t('mch.dry.run')}
        </Button>
      </Flex>
      {result && rule ? (
        <>
          <Alert
            type={rule.firings > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="rule-dry-run-result"
            title={t('mch.dry.result', { n: rule.firings, m: rule.merchants })}
            description={t('mch.dry.scope', { from: result.from, to: result.to, days: result.merchantDays })}
          />
          {result.merchantDays === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.dry.noData')} />
          ) : option ? (
            <EChart option={option} height={200} label={t('mch.dry.chart')} testId="rule-dry-run-chart" />
          ) : null}
        </>
      ) : (
        <Typography.Text type="secondary">{t('mch.dry.hint')}</Typography.Text>
      )}
    </Flex>
  );
}
