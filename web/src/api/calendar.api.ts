import { api, seg } from './client';

export type Holiday = { name: string; nameEn: string; dates: string[] };

/** One region's year, mirroring a year entry of `shared/data/calendar/*.json`. */
export type CalendarYear = {
  region: string;
  year: number;
  /** Days off, including weekend days inside a holiday period. */
  holidays: Holiday[];
  /** 调休上班: weekend days that are working days (`YYYY-MM-DD`). */
  makeUpWorkdays: string[];
};

export type CalendarRegion = { region: string; years: number[] };

export const calendarApi = {
  regions: (signal?: AbortSignal) =>
    api.get<{ items: CalendarRegion[] }>('/calendars', { signal }).then((r) => r.items),
  year: (region: string, year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendars/${seg(region)}/${year}`, { signal }),
  put: (body: CalendarYear) => api.put<CalendarYear>(`/calendars/${seg(body.region)}/${body.year}`, body),
};
