import type { Lang, Translate } from '../i18n/i18n';

/*
 * Figures of process analytics for people: counts with thousands separators, shares as
 * percentages, durations in their two largest units ("2 d 4 h" / "2天4小时"), and activity
 * names without the lifecycle suffix the mining adds (`decide+complete`).
 */

/** `1,434` in both languages. */
export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-US').format(n);
}

/** `16.7%`, `100%`, `0.4%`: one decimal unless it is a whole number; `—` for no value. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const tenths = Math.round(share * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

/** `2天4小时` / `2 d 4 h`, `4小时12分钟` / `4 h 12 min`, `45秒` / `45 s`: the two largest units, rounded to the smaller. */
export function formatDuration(seconds: number | null | undefined, t: Translate): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '−' : '';
  // whole seconds first, so that 59.6 s reads as 1 min, not 60 s
  const rest = Math.round(Math.abs(seconds));
  const first = UNITS.findIndex(([, size]) => rest >= size);
  if (first < 0) return t('analytics.unit.s', { n: seconds === 0 ? 0 : '<1' });
  const [bigUnit, bigSize] = UNITS[first]!;
  const small = UNITS[first + 1];
  if (!small) return sign + t('analytics.unit.s', { n: Math.round(rest) });
  // round to the smaller unit, carrying over (1 d 23.9 h is 2 d, not 1 d 24 h)
  const smallCount = Math.round(rest / small[1]);
  const per = bigSize / small[1];
  const big = Math.floor(smallCount / per);
  const left = smallCount - big * per;
  const parts = [t(`analytics.unit.${bigUnit}`, { n: big })];
  if (left > 0) parts.push(t(`analytics.unit.${small[0]}`, { n: left }));
  return sign + parts.join(t('analytics.unit.sep'));
}

/**
 * The unit a chart's duration axis counts in, for round ticks ("2天, 4天", not "1.2天, 2.3天"):
 * days from two days on, hours from two hours, else minutes. Values are divided by `size`.
 */
export function durationAxis(maxSeconds: number, t: Translate): { size: number; label: (value: number) => string } {
  const [unit, size] = maxSeconds >= 2 * 86_400 ? UNITS[0] : maxSeconds >= 2 * 3_600 ? UNITS[1] : UNITS[2];
  return { size, label: (value) => t(`analytics.unit.${unit}`, { n: Math.round(value * 10) / 10 }) };
}

/** Lifecycle transitions of the XES standard, as the mining appends them to an activity (`name+complete`). */
const LIFECYCLE = /^(.*)\+(schedule|assign|reassign|start|suspend|resume|complete|autoskip|manualskip|withdraw|ate_abort|pi_abort|abort_activity|abort_case|unknown)$/i;

export type ActivityName = { name: string; lifecycle: string | null };

/** `decide+complete` → `{ name: 'decide', lifecycle: 'complete' }`; a name without a known suffix stays whole. */
export function splitActivity(activity: string): ActivityName {
  const match = LIFECYCLE.exec(activity);
  return match ? { name: match[1]!, lifecycle: match[2]!.toLowerCase() } : { name: activity, lifecycle: null };
}

/**
 * How activity names are shown for a log: the lifecycle is worth showing only where it tells
 * activities apart (a log with start and complete events); where every event is `complete` it
 * is noise, and dropped.
 */
export function activityNamer(activities: readonly string[]): (activity: string) => ActivityName {
  const lifecycles = new Set(activities.map((a) => splitActivity(a).lifecycle));
  const telling = lifecycles.size > 1;
  return (activity) => {
    const split = splitActivity(activity);
    return telling ? split : { name: split.name, lifecycle: null };
  };
}

/** The lifecycle in words where there are words for it (`开始`, `完成`), else as the log has it. */
export function lifecycleLabel(lifecycle: string, t: Translate, has: (key: string) => boolean): string {
  const key = `analytics.lifecycle.${lifecycle}`;
  return has(key) ? t(key as Parameters<Translate>[0]) : lifecycle;
}

/** A time as local date and minutes (`2011-01-06 09:18`); `—` for none. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The local date (`2011-01-06`) of an instant. */
export function formatDate(iso: string | null | undefined): string {
  return formatInstant(iso).slice(0, 10);
}

/** Text safe inside the HTML of a chart's tooltip (names come from data). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
