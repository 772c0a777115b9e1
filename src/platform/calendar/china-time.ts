/** Banklane's business days are China's: UTC+8, without daylight saving. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The date in China of an instant, `YYYY-MM-DD`: the day the bank's rules count in. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the day in China that holds `at` began (local midnight). */
export function chinaDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);
}
