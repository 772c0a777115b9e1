import { Row, Typography } from 'antd';
import { useT, type Translate } from '../../i18n/i18n';
import type { QueueKpis } from '../queue.api';
import { formatDuration, formatShare, formatShareAgainst } from './figures-format';
import { FIGURE_BAD, FIGURE_GOOD, FigureCard } from '../../shared/FigureCard';

/** An estimate off by less than this on average is called unbiased: nobody can tell half a minute in a lobby. */
const NEGLIGIBLE_BIAS_SECONDS = 30;

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
      <FigureCard xl={6} testId="kpi-issued" title={t('queue.fig.issued')} value={kpis.issued} note={t('queue.fig.issuedNote', { days: periodDays(kpis) })} />
      <FigureCard xl={6} testId="kpi-served" title={t('queue.fig.served')} value={kpis.served} note={t('queue.fig.servedNote', { share: formatShare(kpis.issued ? kpis.served / kpis.issued : null) })} />
      <FigureCard xl={6} testId="kpi-no-show" title={t('queue.fig.noShowShare')} value={formatShare(kpis.abandonment)} note={t('queue.fig.noShowNote', { n: kpis.noShows })} />
      <FigureCard xl={6} testId="kpi-wait" title={t('queue.fig.meanWait')} value={formatDuration(kpis.wait.meanSeconds, t)}
        note={t('queue.fig.waitNote', { p50: formatDuration(kpis.wait.p50Seconds, t), p90: formatDuration(kpis.wait.p90Seconds, t) })} />
      <FigureCard xl={6} testId="kpi-within-target" title={t('queue.fig.withinTarget', { n: kpis.target.waitMinutes })} value={formatShareAgainst(within, kpis.target.share)}
        color={within === null ? undefined : within >= kpis.target.share ? FIGURE_GOOD : FIGURE_BAD}
        note={within === null ? t('queue.fig.nobodyCalled') : t(within >= kpis.target.share ? 'queue.fig.targetMet' : 'queue.fig.targetMissed', { share: Math.round(kpis.target.share * 100) })} />
      <FigureCard xl={6} testId="kpi-service" title={t('queue.fig.meanService')} value={formatDuration(kpis.meanServiceSeconds, t)} note={t('queue.fig.serviceNote')} />
      <FigureCard xl={6} testId="kpi-rating" title={t('queue.fig.meanRating')} value={kpis.meanRating === null ? '—' : `${kpis.meanRating.toFixed(1)} / 5`}
        note={ratings ? t('queue.fig.ratingsNote', { n: ratings }) : t('queue.fig.noRatings')} />
      <FigureCard xl={6} testId="kpi-estimate" title={t('queue.fig.estimateError')} value={formatDuration(kpis.estimate.meanAbsoluteErrorSeconds, t)}
        note={kpis.estimate.tickets ? `${biasNote(kpis.estimate.biasSeconds, t)} · ${t('queue.fig.estimateNote', { n: kpis.estimate.tickets })}` : t('queue.fig.noEstimates')} />
    </Row>
  );
}

function periodDays(kpis: QueueKpis): number {
  return Math.round((Date.parse(kpis.to) - Date.parse(kpis.from)) / 86_400_000) + 1;
}
