import type { Lang, Translate } from '../../i18n/i18n';

/*
 * Figures for people: durations in minutes and seconds, shares as percentages, and the China
 * dates the figures are asked for (the branch's days, whatever the device's time zone).
 */

const DAY_MS = 86_400_000;

/** Today's date on the branch's clock, `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `date` (`YYYY-MM-DD`) moved by `days`, calendar arithmetic with no time zone in it. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Days off and make-up working days of the business calendar, by date; empty when it could not be read. */
export type WorkingDays = { holidays: ReadonlySet<string>; makeUpWorkdays: ReadonlySet<string> };

/** The first working day after `date`: Monday to Friday unless a holiday, and make-up Saturdays and Sundays. */
export function nextWorkingDay(date: string, calendar: WorkingDays): string {
  let next = addDays(date, 1);
  for (let i = 0; i < 60; i++, next = addDays(next, 1)) {
    if (calendar.makeUpWorkdays.has(next)) return next;
    if (isoWeekday(next) <= 5 && !calendar.holidays.has(next)) return next;
  }
  return addDays(date, 1);
}

/** `4分30秒` / `4 min 30 s`; `1小时05分` / `1 h 05 min` from an hour on; `—` for no value. */
export function formatDuration(seconds: number | null | undefined, t: Translate): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '−' : '';
  if (total >= 3600) {
    const minutes = Math.round(total / 60);
    return sign + t('queue.fig.hm', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
  }
  if (total >= 60) return sign + t('queue.fig.ms', { m: Math.floor(total / 60), s: String(total % 60).padStart(2, '0') });
  return sign + t('queue.fig.s', { s: total });
}

/** Minutes (as the staffing maths gives them) for people. */
export function formatMinutes(minutes: number | null | undefined, t: Translate): string {
  return formatDuration(minutes === null || minutes === undefined ? null : minutes * 60, t);
}

/** `83%`; one decimal below 10% (where a point matters: no-shows, abandonment); `—` for no value. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const percent = share * 100;
  return `${percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/**
 * A share against a target share: as `formatShare`, but a share just short of the target is not
 * rounded up to it (`79.9%`, not a red `80%` beside an 80% target).
 */
export function formatShareAgainst(share: number | null | undefined, target: number): string {
  if (share === null || share === undefined || !Number.isFinite(share) || share >= target) return formatShare(share);
  const rounded = Math.round(share * 100);
  return rounded >= Math.round(target * 100) ? `${(Math.floor(share * 1000) / 10).toFixed(1)}%` : formatShare(share);
}

/** `09:00–10:00` for an hour of the day. */
export function hourRange(hour: number): string {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${hh(hour)}–${hh(hour + 1)}`;
}

/** `周一` / `Mon` for an ISO weekday (1 = Monday); `星期一` / `Monday` when `long`. */
export function weekdayName(isoWeekday: number, lang: Lang, width: 'short' | 'long' = 'short'): string {
  // 1 January 2024 was a Monday
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}
