/*
 * A CSV's header row, read in the browser before the upload, so that the import dialog can offer
 * the file's columns for the mapping and guess the usual ones (XES names, "case id", "活动"…).
 */

export type CsvHeader = { delimiter: string; columns: string[] };

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The first record's fields (RFC 4180: quoted fields may hold the delimiter and doubled quotes). */
export function parseHeaderLine(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') break;
    else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** The delimiter that splits the first line into the most fields (a comma when none does). */
export function detectDelimiter(firstLine: string): string {
  let best = ',';
  let most = 1;
  for (const d of DELIMITERS) {
    const n = parseHeaderLine(firstLine, d).length;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** Reads the header of a CSV file (its first 64 KiB are enough for any header); a UTF-8 BOM is skipped. */
export async function readCsvHeader(file: Blob, delimiter?: string): Promise<CsvHeader> {
  const text = (await file.slice(0, 65_536).text()).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const d = delimiter ?? detectDelimiter(firstLine);
  return { delimiter: d, columns: parseHeaderLine(text, d) };
}

export type MappingField = 'caseColumn' | 'activityColumn' | 'timestampColumn' | 'resourceColumn' | 'lifecycleColumn';

/** Column names that usually hold each field, most telling first (XES's standard keys lead). */
const GUESSES: Record<MappingField, RegExp[]> = {
  caseColumn: [/^case:concept:name$/i, /^case[\s_:-]*id$/i, /^case$/i, /案例|案件|工单|业务编号|流水号/],
  activityColumn: [/^concept:name$/i, /^activity$/i, /activity/i, /^event$/i, /活动|环节|步骤/],
  timestampColumn: [/^time:timestamp$/i, /^timestamp$/i, /time|date/i, /时间|日期/],
  resourceColumn: [/^org:resource$/i, /^resource$/i, /resource|user|staff/i, /处理人|经办人|柜员|员工/],
  lifecycleColumn: [/^lifecycle:transition$/i, /lifecycle|transition/i, /生命周期|状态/],
};

/** The mapping a person would probably choose, from the column names; each column used once. */
export function guessMapping(columns: readonly string[]): Partial<Record<MappingField, string>> {
  const taken = new Set<string>();
  const guess: Partial<Record<MappingField, string>> = {};
  for (const field of Object.keys(GUESSES) as MappingField[]) {
    for (const pattern of GUESSES[field]) {
      const hit = columns.find((c) => c !== '' && !taken.has(c) && pattern.test(c));
      if (hit) {
        guess[field] = hit;
        taken.add(hit);
        break;
      }
    }
  }
  return guess;
}

/** The import format a file's name says: CSV, or XES (plain or gzipped); null for anything else. */
export function formatOfFile(name: string): 'csv' | 'xes' | null {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.xes(\.gz)?$/i.test(name) || /\.gz$/i.test(name)) return 'xes';
  return null;
}
