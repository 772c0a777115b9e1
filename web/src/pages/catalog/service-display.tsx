import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { Channel, Fee, TimeLimit } from '../../api/catalog.api';
import type { Lang, Translate } from '../../i18n/i18n';

/*
 * How the service screens show catalogue facts: money, time limits, durations, channels.
 * Shared by the catalogue, case, work and customer pages.
 */

/** `"12345.5"` → `"¥12,345.50"`: exact decimal text in, never through a float. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign = '', whole = '0', cents = ''] = match;
  return `${sign}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.padEnd(2, '0')}`;
}

/** "5 个工作日" / "5 working days"; a zero limit means no time limit. */
export function timeLimitText(t: Translate, limit: TimeLimit): string {
  if (limit.amount === 0) return t('svc.limit.none');
  if (limit.amount === 1) return t(`svc.limit.one.${limit.unit}`);
  return t(`svc.limit.${limit.unit}`, { n: limit.amount });
}

/** A duration in words, the two largest units: "1 天 3 小时", "25 分钟", "不到 1 分钟". */
export function durationText(t: Translate, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return t('svc.duration.underMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(t('svc.duration.days', { n: days }));
  if (hours > 0) parts.push(t('svc.duration.hours', { n: hours }));
  if (mins > 0 && days === 0) parts.push(t('svc.duration.minutes', { n: mins }));
  return parts.slice(0, 2).join(' ');
}

/** The half of a bilingual label written "中文 / English" for the UI language. */
export function localLabel(name: string | null | undefined, lang: Lang): string {
  if (!name) return '';
  const at = name.indexOf(' / ');
  if (at < 0) return name;
  return lang === 'zh-CN' ? name.slice(0, at) : name.slice(at + 3);
}

/** The channels as tags; `short` names (柜面, 网银…) for dense tables. */
export function ChannelTags({ channels, t, short = false }: { channels: readonly Channel[]; t: Translate; short?: boolean }) {
  return (
    <>
      {channels.map((c) => (
        <Tag key={c} style={{ marginInlineEnd: 4 }}>{short ? t(`svc.channelShort.${c}`) : t(`svc.channel.${c}`)}</Tag>
      ))}
    </>
  );
}

/** Local date and time to the minute, for dense tables (the seconds only add noise there). */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** "免费" when there are no fees or all are zero; otherwise the fees, one per line. */
export function feeSummary(t: Translate, fees: readonly Fee[], pickName: (f: { nameZh: string; nameEn: string }) => string): string {
  const charged = fees.filter((f) => Number(f.amount) !== 0);
  if (charged.length === 0) return t('svc.free');
  return charged.map((f) => `${pickName(f)} ${formatMoney(f.amount)}`).join(t('svc.sep'));
}
