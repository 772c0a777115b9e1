import { Tag, Tooltip } from 'antd';

/** Soft colours for activities; the same step looks the same in every variant. */
const COLORS = ['blue', 'cyan', 'green', 'gold', 'purple', 'magenta', 'orange', 'geekblue', 'lime', 'volcano', 'red'] as const;

/**
 * A colour per activity: in the order the activities first appear in the variants shown, so the
 * first eleven (the common ones) never share a colour; later ones reuse the palette.
 */
export function activityColors(sequences: readonly (readonly string[])[]): (activity: string) => string {
  const order = new Map<string, number>();
  for (const sequence of sequences) for (const a of sequence) if (!order.has(a)) order.set(a, order.size);
  return (activity) => COLORS[(order.get(activity) ?? 0) % COLORS.length]!;
}

const MAX = 26;

/** An activity of a variant's sequence as a chip; a long name is cut, whole on hover. */
export function ActivityChip({ activity, note, color }: { activity: string; note: string | null; color: string }) {
  const text = `${activity}${note ? ` · ${note}` : ''}`;
  const short = [...text].length > MAX ? `${[...text].slice(0, MAX - 1).join('')}…` : text;
  const chip = (
    <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="variant-activity" data-activity={activity}>
      {short}
    </Tag>
  );
  return short === text ? chip : <Tooltip title={text}>{chip}</Tooltip>;
}
