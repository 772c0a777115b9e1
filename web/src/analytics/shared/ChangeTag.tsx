import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatPercent } from '../analytics-format';

/** Which way is better for a figure: less (durations, rework), more (throughput), or neither (counts). */
export type Better = 'less' | 'more' | 'neither';

export const BETTER_COLOR = '#389e0d';
export const WORSE_COLOR = '#cf1322';
const NEUTRAL_COLOR = '#595959';

/** `better`, `worse` or `same` for a change, as the test ids and colours say it. */
export function trendOf(change: number | null, better: Better): 'better' | 'worse' | 'same' | 'neutral' {
  if (change === null || change === 0) return 'same';
  if (better === 'neither') return 'neutral';
  return (change < 0) === (better === 'less') ? 'better' : 'worse';
}

/**
 * A change with an arrow: up or down, green when better, red when worse, grey when it is neither
 * (more cases is not better or worse); the relative change beside it where there is one; "no
 * change" in grey for none.
 */
export function ChangeTag({ change, rate, better, text, testId }: { change: number | null; rate?: number | null; better: Better; text: ReactNode; testId?: string }) {
  const { t } = useT();
  const sameText = t('analytics.change.same');
  const trend = trendOf(change, better);
  if (change === null) return <Typography.Text type="secondary" data-testid={testId}>—</Typography.Text>;
  if (change === 0) return <Typography.Text type="secondary" data-trend="same" data-testid={testId}>{sameText}</Typography.Text>;
  const color = trend === 'better' ? BETTER_COLOR : trend === 'worse' ? WORSE_COLOR : NEUTRAL_COLOR;
  const arrow = change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />;
  return (
    <span style={{ color, whiteSpace: 'nowrap' }} data-trend={trend} data-testid={testId}>
      {arrow} {text}
      {rate !== undefined && rate !== null ? <span style={{ marginInlineStart: 4 }}>({rate > 0 ? '+' : ''}{formatPercent(rate)})</span> : null}
    </span>
  );
}
