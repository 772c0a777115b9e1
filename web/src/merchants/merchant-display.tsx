import { Tag, Tooltip } from 'antd';
import { useT, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import type { AlertStatus, MerchantStatus, RiskRating, Severity } from './merchants.api';

/*
 * How the merchant screens show a merchant's state and its figures: status, rating, severity and
 * alert-status tags; exact amounts with thousands separators; shares as percentages; the names
 * of the figures a rule reads. Shared by every merchant screen.
 */

const statusColor: Record<MerchantStatus, string> = {
  applying: 'processing',
  active: 'success',
  restricted: 'orange',
  suspended: 'red',
  terminated: 'default',
  refused: 'default',
};
export const ratingColor: Record<RiskRating, string> = { low: 'green', medium: 'orange', high: 'red' };
/** Chart colours of the ratings and severities (the tags' hues). */
export const RATING_CHART: Record<RiskRating, string> = { low: '#389e0d', medium: '#d48806', high: '#cf1322' };
const severityColor: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };
const alertStatusColor: Record<AlertStatus, string> = { open: 'error', acknowledged: 'gold', closed: 'default' };

const tagStyle = { marginInlineEnd: 0 };

export function MerchantStatusTag({ status, testId }: { status: MerchantStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} style={tagStyle} data-testid={testId} data-status={status}>{t(`mch.status.${status}`)}</Tag>;
}

/** The risk rating, or "not rated" while onboarding has not rated the merchant. */
export function RatingTag({ rating, testId }: { rating: RiskRating | null; testId?: string }) {
  const { t } = useT();
  if (!rating) return <Tag style={tagStyle} data-testid={testId} data-rating="">{t('mch.rating.none')}</Tag>;
  return <Tag color={ratingColor[rating]} style={tagStyle} data-testid={testId} data-rating={rating}>{t(`mch.rating.${rating}`)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useT();
  return <Tag color={severityColor[severity]} style={tagStyle}>{t(`mch.severity.${severity}`)}</Tag>;
}

export function AlertStatusTag({ status, testId }: { status: AlertStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={alertStatusColor[status]} style={tagStyle} data-testid={testId} data-status={status}>{t(`mch.alertStatus.${status}`)}</Tag>;
}

/** An exact decimal amount (`"36000.5"`) as `36,000.50`: grouped by thousands, never through a float. */
export function formatAmount(text: string | number): string {
  const raw = String(text);
  const negative = raw.startsWith('-');
  const [whole = '0', fraction = ''] = raw.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${(fraction + '00').slice(0, 2)}`;
}

/** A share (0..1) as a percentage with at most `digits` decimals. */
export function formatShare(share: number | null | undefined, digits = 2): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

/** The fee rate as kept (`"0.3800"`, percent) shown without trailing zeros: `0.38%`. */
export function formatFeeRate(rate: string): string {
  return `${rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate}%`;
}

/** The figures a rule reads, by their name in a rule (`baseline.<figure>.mean` and `.sd` are named after the figure). */
const FIGURE_KEYS = [
  'count', 'amount', 'refunds', 'chargebacks', 'declined', 'nightShare', 'cnpShare', 'foreignShare', 'maxAmount',
  'nearLimitCount', 'outsideRegionCount', 'chargebackRatio', 'refundRatio', 'declineRatio', 'averageAmount',
] as const;
type FigureKey = (typeof FIGURE_KEYS)[number];
const isFigure = (name: string): name is FigureKey => (FIGURE_KEYS as readonly string[]).includes(name);
const AMOUNT_FIGURES = new Set<FigureKey>(['amount', 'refunds', 'maxAmount', 'averageAmount']);
const isShare = (figure: string) => /Ratio$|Share$/.test(figure);

/** `chargebackRatio` → 拒付率; `baseline.amount.mean` → 近30日均值·交易金额; `baseline.days` → 基线天数; unknown names as they are. */
export function figureLabel(t: Translate, path: string): string {
  if (isFigure(path)) return t(`mch.figure.${path}` as MessageKey);
  if (path === 'baseline.days') return t('mch.figure.baselineDays');
  const m = /^baseline\.(\w+)\.(mean|sd)$/.exec(path);
  if (m && isFigure(m[1] ?? '')) return t(m[2] === 'mean' ? 'mch.figure.baselineMean' : 'mch.figure.baselineSd', { figure: t(`mch.figure.${m[1] as FigureKey}`) });
  return path;
}

/** A figure's value as staff read it: shares and ratios in percent, amounts in yuan, counts whole. */
export function figureValue(path: string, value: number | null): string {
  if (value === null || value === undefined) return '—';
  const figure = path.replace(/^baseline\./, '').replace(/\.(mean|sd)$/, '');
  if (isShare(figure)) return formatShare(value, 2);
  if (AMOUNT_FIGURES.has(figure as FigureKey)) return formatAmount(value.toFixed(2));
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The values that made a rule fire, one small tag each, the figure named in the UI language. */
export function FiredValues({ values }: { values: Record<string, number | null> }) {
  const { t } = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, maxWidth: 340 }}>
      {Object.entries(values).map(([path, value]) => (
        <Tooltip key={path} title={path}>
          <Tag style={{ ...tagStyle, fontVariantNumeric: 'tabular-nums' }}>
            {figureLabel(t, path)} {figureValue(path, value)}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
