import type { ColumnType } from 'kysely';

/** One year of a region's working-day arrangements (holidays and make-up working days). */
export type CalendarYearTable = {
  region: string;
  year: number;
  data: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};
