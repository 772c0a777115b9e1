import dayjs from 'dayjs';

/** Local date and time, the same in both languages (what bank staff write on forms). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}
