import { useMemo } from 'react';
import { calendarApi } from '../../api/calendar.api';
import { useMe } from '../../auth/auth';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import type { WorkingDays } from './figures-format';

const NONE: WorkingDays = { holidays: new Set(), makeUpWorkdays: new Set() };

/**
 * The business calendar of a branch's region around `today` (its year, and in December the next:
 * holidays, make-up days), read quietly; without `calendar.read`, or when a year is not loaded, plain Monday–Friday.
 * `ready` once there is an answer either way.
 */
export function useWorkingDays(branch: string, today: string): { days: WorkingDays; ready: boolean } {
  const year = Number(today.slice(0, 4));
  const late = today.slice(5, 7) === '12';
  const { can } = useMe();
  const allowed = can('calendar.read');
  const units = useUnitCatalog(allowed && can('org.unit.read'));
  const region = units.items.find((u) => u.code === branch)?.region ?? 'CN';
  const calendar = useRequest(
    // next year's calendar only matters in December (and is often not published before)
    (signal) => Promise.all((late ? [year, year + 1] : [year]).map((y) => calendarApi.year(region, y, signal).catch(() => null))),
    [region, year, late],
    { enabled: allowed && !units.loading, silent: true },
  );
  const days = useMemo<WorkingDays>(() => {
    const years = (calendar.data ?? []).filter((y) => y !== null);
    if (years.length === 0) return NONE;
    return { holidays: new Set(years.flatMap((y) => y.holidays.flatMap((h) => h.dates))), makeUpWorkdays: new Set(years.flatMap((y) => y.makeUpWorkdays)) };
  }, [calendar.data]);
  return { days, ready: !allowed || (!units.loading && !calendar.loading) };
}
