import { ValidationError, type Localized } from '../errors.ts';

/** A fault of one row of an imported file: its line in the file (or position in the request) and the column. */
export type RowFault<Column extends string = string> = { line: number; column: Column | null; message: Localized };

/** The most faults a report lists (the count is always whole). */
export const MAX_REPORTED_FAULTS = 1000;

export const rowFault = <Column extends string>(line: number, column: Column | null, en: string, zh: string): RowFault<Column> => ({ line, column, message: { en, zh } });

/**
 * The verdict on a checked file, before anything is written: an empty file, or faults when the
 * caller did not ask to keep the valid rows (or none is valid), refuse the whole file with each
 * fault at `/rows/{line}/{column}`. Otherwise the counts for the import's report.
 */
export function judgeRows(p: { rows: number; earlyFaults: readonly RowFault[]; faults: readonly RowFault[]; good: number; acceptValid: boolean }): { total: number; badLines: number } {
  const badLines = new Set(p.faults.map((f) => f.line)).size;
  const total = p.rows + p.earlyFaults.filter((f) => f.column === null && f.line > 1).length;
  if (total === 0 && p.faults.length === 0) throw new ValidationError([{ field: '/file', message: { en: 'The file holds no rows.', zh: '文件中没有数据行。' } }]);
  if (p.faults.length && (!p.acceptValid || p.good === 0)) {
    throw new ValidationError(
      p.faults.slice(0, MAX_REPORTED_FAULTS).map((f) => ({ field: `/rows/${f.line}${f.column ? `/${f.column}` : ''}`, message: f.message })),
      { en: `${badLines} of ${total} rows are not valid; nothing was imported.`, zh: `${total} 行中有 ${badLines} 行有误，未导入任何数据。` },
    );
  }
  return { total, badLines };
}
