import type { RequestContext } from '../access/actor.ts';
import { systemContext } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { createBusinessCalendar, type BusinessCalendar } from './business-calendar.ts';
import { parseCalendarYear, type CalendarYear } from './calendar-data.ts';
import cnMainland from './cn-mainland.json' with { type: 'json' };

/** Regions whose arrangements ship with Banklane, by the region code units refer to. */
const BUNDLED: Record<string, { years: Record<string, unknown> }> = { CN: cnMainland as { years: Record<string, unknown> } };

export const CALENDAR_LABEL = { en: 'calendar year', zh: '日历年度' };

/**
 * Loads the shipped arrangements into the database where a year is not there yet; a year already
 * loaded (perhaps corrected through the API) is left as it is.
 */
export async function loadBundledCalendars(deps: Deps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    for (const [region, file] of Object.entries(BUNDLED)) {
      for (const [year, data] of Object.entries(file.years)) {
        const inserted = await trx
          .insertInto('calendar_year')
          .values({ region, year: Number(year), data: JSON.stringify(data) })
          .onConflict((oc) => oc.columns(['region', 'year']).doNothing())
          .returning('year')
          .executeTakeFirst();
        if (inserted) {
          await recordAudit(trx, systemContext(), { action: 'calendar.load', entityType: 'calendar', entityId: `${region}/${year}`, after: { source: 'bundled' } }, deps.clock());
        }
      }
    }
  });
}

export async function listCalendars(deps: Deps): Promise<{ region: string; years: number[] }[]> {
  const rows = await deps.db.selectFrom('calendar_year').select(['region', 'year']).orderBy('region').orderBy('year').execute();
  const regions = new Map<string, number[]>();
  for (const row of rows) regions.set(row.region, [...(regions.get(row.region) ?? []), row.year]);
  return [...regions].map(([region, years]) => ({ region, years }));
}

export async function getCalendarYear(deps: Deps, region: string, year: number): Promise<CalendarYear> {
  const row = await deps.db.selectFrom('calendar_year').select('data').where('region', '=', region).where('year', '=', year).executeTakeFirst();
  if (!row) throw new NotFoundError(CALENDAR_LABEL, `${region}/${year}`);
  return row.data as CalendarYear;
}

/** `holidays[2].dates[1]` → `/holidays/2/dates/1`: field names in the form every error uses. */
function pointer(path: string): string {
  if (!path) return '/';
  return `/${path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('/')}`;
}

/** Stores (or replaces) a region's arrangements for one year, after checking every date. */
export async function putCalendarYear(deps: Deps, ctx: RequestContext, region: string, year: number, input: unknown): Promise<CalendarYear> {
  const parsed = parseCalendarYear(input, year);
  if (!parsed.ok) {
    const errors: FieldError[] = parsed.errors.map((e) => ({ field: pointer(e.path), message: splitMessage(e.message) }));
    throw new ValidationError(errors);
  }
  const value = parsed.value;
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_year').select('data').where('region', '=', region).where('year', '=', year).forUpdate().executeTakeFirst();
    await trx
      .insertInto('calendar_year')
      .values({ region, year, data: JSON.stringify(value) })
      .onConflict((oc) => oc.columns(['region', 'year']).doUpdateSet({ data: JSON.stringify(value), updated_at: deps.clock() }))
      .execute();
    await recordAudit(trx, ctx, { action: 'calendar.put', entityType: 'calendar', entityId: `${region}/${year}`, before: before?.data ?? null, after: value }, deps.clock());
  });
  return value;
}

/** A region's business calendar with every year the database holds. */
export async function businessCalendar(deps: Deps, region: string): Promise<BusinessCalendar> {
  const rows = await deps.db.selectFrom('calendar_year').select(['year', 'data']).where('region', '=', region).execute();
  return createBusinessCalendar(Object.fromEntries(rows.map((r) => [String(r.year), r.data as CalendarYear])));
}

/** Splits a calendar-data message written as "English text / 中文" into its two languages. */
function splitMessage(message: string): { en: string; zh: string } {
  const [en, zh] = message.split(' / ');
  return { en: en ?? message, zh: zh ?? message };
}
