import { ZERO_DURATION, addDuration } from '../timers/duration.ts';
import type { IsoDuration } from '../timers/duration.ts';
import type { DateTimeMethod } from './juel.ast.ts';

const UNIT: Readonly<Record<Exclude<DateTimeMethod, 'toDate'>, keyof IsoDuration>> = {
  plusMinutes: 'minutes',
  plusHours: 'hours',
  plusDays: 'days',
  plusWeeks: 'weeks',
  plusMonths: 'months',
};

/**
 * What `dateTime()` returns: an immutable instant read on a clock at a fixed UTC offset, with the
 * few Joda-Time methods Camunda 7 models use for due dates (`dateTime().plusDays(3).toDate()`).
 * Months are calendar months: Jan 31 plus one month is Feb 28 (29 in leap years).
 */
export class JodaDateTime {
  constructor(
    readonly epochMs: number,
    readonly utcOffsetMinutes: number,
  ) {}

  /** Applies a whitelisted method; `amount` is a whole number for the plus… methods. */
  call(method: DateTimeMethod, amount: number): JodaDateTime | Date {
    if (method === 'toDate') return this.toDate();
    const duration = { ...ZERO_DURATION, [UNIT[method]]: amount };
    return new JodaDateTime(addDuration(new Date(this.epochMs), duration, this.utcOffsetMinutes).getTime(), this.utcOffsetMinutes);
  }

  toDate(): Date {
    return new Date(this.epochMs);
  }
}
