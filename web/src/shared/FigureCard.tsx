import { Card, Col, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Colours of a headline figure: on target, close to it, off it. */
export const FIGURE_GOOD = '#389e0d';
export const FIGURE_WARN = '#d46b08';
export const FIGURE_BAD = '#cf1322';

/**
 * One headline figure in a row of them (a dashboard's or a report's): its title, its value
 * (coloured when it is judged), and a short note beneath.
 */
export function FigureCard({ title, value, note, color, testId, xl = 4 }: { title: string; value: string | number; note?: ReactNode; color?: string; testId: string; xl?: number }) {
  return (
    <Col xs={12} md={8} xl={xl}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color, fontSize: 24 } }} />
        {note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text> : null}
      </Card>
    </Col>
  );
}
