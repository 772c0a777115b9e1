import { Readable } from 'node:stream';
import type { Localized } from '../platform/errors.ts';
import { decodedText } from '../analytics/import/byte-source.ts';
import { CsvTokenizer } from '../analytics/import/csv-tokenizer.ts';
import { LogFormatError } from '../analytics/import/log-event.ts';

/** A fault of a file's line (the header is line 1), said in both languages. */
export type LineFault = { line: number; message: Localized };

/**
 * The rows of an uploaded CSV file (plain or gzipped; a UTF-8 BOM skipped), each as its named
 * cells and its line, read against the columns the file must have (`required`; `optional` ones
 * may be missing and read as ''). Blank lines are skipped; a file that cannot be read, a header
 * that lacks a column, and a row of the wrong length are faults by line — every row is still read.
 */
export async function readCsvFile<C extends string>(bytes: Buffer, required: readonly C[], optional: readonly C[] = []): Promise<{ rows: { cells: Record<C, string>; line: number }[]; faults: LineFault[] }> {
  const tokenizer = new CsvTokenizer(',');
  const records = [];
  try {
    for await (const text of decodedText(Readable.from([bytes]))) records.push(...tokenizer.push(text));
    records.push(...tokenizer.end());
  } catch (error) {
    if (error instanceof LogFormatError) return { rows: [], faults: [{ line: error.line ?? 1, message: { en: error.message, zh: error.zh } }] };
    throw error;
  }
  const header = records.shift();
  if (!header) return { rows: [], faults: [{ line: 1, message: { en: 'The file is empty.', zh: '文件为空。' } }] };
  const columns = header.fields.map((f) => f.trim().replace(/^\uFEFF/, '').toLowerCase());
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) {
    const all = [...required, ...optional.map((c) => `${c}?`)];
    return { rows: [], faults: [{ line: 1, message: { en: `The header lacks ${missing.join(', ')}; it needs ${all.join(', ')}.`, zh: `表头缺少 ${missing.join('、')}；应包含 ${all.join('、')}。` } }] };
  }
  const index = [...required, ...optional].map((c) => [c, columns.indexOf(c)] as const);
  const rows: { cells: Record<C, string>; line: number }[] = [];
  const faults: LineFault[] = [];
  for (const r of records) {
    if (r.fields.length === 1 && r.fields[0]!.trim() === '') continue;
    if (r.fields.length !== columns.length) {
      faults.push({ line: r.line, message: { en: `The row has ${r.fields.length} fields, the header ${columns.length}.`, zh: `该行有 ${r.fields.length} 个字段，表头有 ${columns.length} 个。` } });
      continue;
    }
    rows.push({ cells: Object.fromEntries(index.map(([c, at]) => [c, at >= 0 ? r.fields[at]! : ''])) as Record<C, string>, line: r.line });
  }
  return { rows, faults };
}
