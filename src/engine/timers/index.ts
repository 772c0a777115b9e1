export { parseTimer, firstDue, nextDue } from './timer.ts';
export type { TimerKind, TimerSpec, RepeatSchedule, CronSchedule } from './timer.ts';
export { parseDuration, addDuration } from './duration.ts';
export type { IsoDuration } from './duration.ts';
export { parseCron } from './cron.parser.ts';
export type { CronSpec, CronDayRule } from './cron.parser.ts';
export { nextCronTime } from './cron.ts';
export { parseIsoDateTime } from './iso-date.ts';
export { DEFAULT_UTC_OFFSET_MINUTES } from './calendar.ts';
