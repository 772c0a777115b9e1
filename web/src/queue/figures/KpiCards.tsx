import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT, type Translate } from '../../i18n/i18n';
import type { QueueKpis } from '../queue.api';
import { formatDuration, formatShare, formatShareAgainst } from './figures-format';

const GOOD = '#389e0d';
const BAD = '#cf1322';
/** An estimate off by less than this on average is called unbiased: nobody can tell half a minute in a lobby. */
const NEGLIGIBLE_BIAS_SECONDS = 30;

function Kpi({ title, value, note, color, testId }: { title: string; value: string | number; note?: ReactNode; color?: string; testId: string }) {
  return (
    <Col xs={12} md={8} xl={6}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color, fontSize: 24 } }} />
        {note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

function biasNote(bias: number | null, t: Translate): string {
  if (bias === null) return '';
  if (Math.abs(bias) < NEGLIGIBLE_BIAS_SECONDS) return t('queue.fig.biasNone');
  return t(bias > 0 ? 'queue.fig.biasLong' : 'queue.fig.biasShort', { d: formatDuration(Math.abs(bias), t) });
}

/** The period's headline figures; the share within the target green when it meets the branch's target, red when not. */
export function KpiCards({ kpis }: { kpis: QueueKpis }) {
  const { t } = useT();
  const within = kpis.wait.withinTarget;
  const ratings = kpis.tellers.reduce((n, teller) => n + teller.ratings, 0);
  return (
    <Row gutter={[16, 16]}>
      <Kpi testId="kpi-issued" title={t('queue.fig.issued')} value={kpis.issued} note={t('queue.fig.issuedNote', { days: periodDays(kpis) })} />
      <Kpi testId="kpi-served" title={t('queue.fig.served')} value={kpis.served} note={t('queue.fig.servedNote', { share: formatShare(kpis.issued ? kpis.served / kpis.issued : null) })} />
      <Kpi testId="kpi-no-show" title={t('queue.fig.noShowShare')} value={formatShare(kpis.abandonment)} note={t('queue.fig.noShowNote', { n: kpis.noShows })} />
      <Kpi testId="kpi-wait" title={t('queue.fig.meanWait')} value={formatDuration(kpis.wait.meanSeconds, t)}
        note={t('queue.fig.waitNote', { p50: formatDuration(kpis.wait.p50Seconds, t), p90: formatDuration(kpis.wait.p90Seconds, t) })} />
      <Kpi testId="kpi-within-target" title={t('queue.fig.withinTarget', { n: kpis.target.waitMinutes })} value={formatShareAgainst(within, kpis.target.share)}
        color={within === null ? undefined : within >= kpis.target.share ? GOOD : BAD}
        note={within === null ? t('queue.fig.nobodyCalled') : t(within >= kpis.target.share ? 'queue.fig.targetMet' : 'queue.fig.targetMissed', { share: Math.round(kpis.target.share * 100) })} />
      <Kpi testId="kpi-service" title={t('queue.fig.meanService')} value={formatDuration(kpis.meanServiceSeconds, t)} note={t('queue.fig.serviceNote')} />
      <Kpi testId="kpi-rating" title={t('queue.fig.meanRating')} value={kpis.meanRating === null ? '—' : `${kpis.meanRating.toFixed(1)} / 5`}
        note={ratings ? t('queue.fig.ratingsNote', { n: ratings }) : t('queue.fig.noRatings')} />
      <Kpi testId="kpi-estimate" title={t('queue.fig.estimateError')} value={formatDuration(kpis.estimate.meanAbsoluteErrorSeconds, t)}
        note={kpis.estimate.tickets ? `${biasNote(kpis.estimate.biasSeconds, t)} · ${t('queue.fig.estimateNote', { n: kpis.estimate.tickets })}` : t('queue.fig.noEstimates')} />
    </Row>
  );
}

function periodDays(kpis: QueueKpis): number {
  return Math.round((Date.parse(kpis.to) - Date.parse(kpis.from)) / 86_400_000) + 1;
}
