import { Flex, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { heatGradient, NO_DATA_COLOR, type HeatMeasure } from './heat';

/** The colour scale from the least to the greatest value shown, and the grey of activities without figures. */
export function HeatLegend({ measure, min, max, label }: { measure: HeatMeasure; min: number; max: number; label: (x: number) => string }) {
  const { t } = useT();
  const swatch = { display: 'inline-block', height: 12, borderRadius: 2, border: '1px solid #d9d9d9' } as const;
  return (
    <Flex align="center" gap={8} wrap style={{ fontSize: 12 }} data-testid="heat-legend">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(min)}</Typography.Text>
      <span style={{ ...swatch, width: 120, background: heatGradient(measure) }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(max)}</Typography.Text>
      <span style={{ ...swatch, width: 16, background: NO_DATA_COLOR, marginInlineStart: 8 }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.diagram.noData')}</Typography.Text>
    </Flex>
  );
}
