// Streaming CSV event-log reader: one row is one event, the columns named by the caller's mapping.
import { decodedText, type ByteInput } from './byte-source.ts';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.ts';
import { LogFormatError, logEvents, type LogEvent, type LogEvents } from './log-event.ts';
import { parseTimestamp } from './timestamp.ts';

export type CsvMapping = {
  caseColumn: string;
  activityColumn: string;
  timestampColumn: string;
  lifecycleColumn?: string;
  resourceColumn?: string;
  /** One character; `\t` (backslash and t, as a form field sends it) means a tab. Default `,`. */
  delimiter?: string;
};

/**
 * Yields one event per row of an RFC 4180 CSV file (UTF-8, optionally with a BOM, optionally
 * gzipped) whose first row names the columns. Timestamps are ISO 8601 or `YYYY-MM-DD HH:mm[:ss]`;
 * one without a zone is taken as UTC. Unmapped columns become string attributes (empty ones are
 * left out); an unnamed column is called `column<n>`.
 */
export function readCsv(input: ByteInput, mapping: CsvMapping): LogEvents {
  const delimiter = mapping.delimiter === '\\t' ? '\t' : (mapping.delimiter ?? ',');
  return logEvents(async function* () {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new LogFormatError(`The delimiter must be one character other than a quote or line break, not "${delimiter}"`, `分隔符须为引号和换行以外的单个字符，而不是“${delimiter}”`, null);
    const tokenizer = new CsvTokenizer(delimiter);
    let toEvent: ((record: CsvRecord) => LogEvent) | null = null;
    /** The rows' events, without the header and blank lines. */
    const read = (records: CsvRecord[]): LogEvent[] => {
      const events: LogEvent[] = [];
      for (const record of records) {
        if (record.fields.length === 1 && record.fields[0] === '') continue; // a blank line
        if (toEvent) events.push(toEvent(record));
        else toEvent = rowReader(header(record), mapping, record.line);
      }
      return events;
    };
    for await (const text of decodedText(input)) {
      const events = read(tokenizer.push(text));
      if (events.length) yield events;
    }
    const events = read(tokenizer.end());
    if (events.length) yield events;
    if (!toEvent) throw new LogFormatError('The file has no header row', '文件没有表头行', 1);
  });
}

function header(record: CsvRecord): string[] {
  return record.fields.map((name, i) => name.replace(/^\uFEFF/, '').trim() || `column${i + 1}`);
}

/** Resolves the mapping against the header once, and returns the row → event conversion. */
function rowReader(columns: string[], mapping: CsvMapping, headerLine: number): (record: CsvRecord) => LogEvent {
  const index = (name: string | undefined): number => {
    if (name === undefined) return -1;
    const at = columns.indexOf(name);
    if (at === -1) throw new LogFormatError(`The column "${name}" is not in the header (${columns.join(', ')})`, `表头中没有列“${name}”（表头：${columns.join('、')}）`, 1);
    return at;
  };
  const [caseAt, activityAt, timeAt, lifecycleAt, resourceAt] = [mapping.caseColumn, mapping.activityColumn, mapping.timestampColumn, mapping.lifecycleColumn, mapping.resourceColumn].map(index) as [number, number, number, number, number];
  const mapped = new Set([caseAt, activityAt, timeAt, lifecycleAt, resourceAt]);
  return ({ fields, line }) => {
    if (fields.length !== columns.length) throw new LogFormatError(`The row has ${fields.length} fields, the header ${columns.length}`, `该行有 ${fields.length} 个字段，表头有 ${columns.length} 个`, line);
    const caseId = fields[caseAt]!;
    const activity = fields[activityAt]!;
    if (!caseId.trim()) throw new LogFormatError(`The case id ("${mapping.caseColumn}") is empty`, `案例编号（“${mapping.caseColumn}”）为空`, line);
    if (!activity.trim()) throw new LogFormatError(`The activity ("${mapping.activityColumn}") is empty`, `活动（“${mapping.activityColumn}”）为空`, line);
    const timestamp = parseTimestamp(fields[timeAt]!);
    if (!timestamp) throw new LogFormatError(`"${fields[timeAt]}" in "${mapping.timestampColumn}" is not a timestamp (ISO 8601 or YYYY-MM-DD HH:mm[:ss])`, `“${mapping.timestampColumn}”中的“${fields[timeAt]}”不是时间（应为 ISO 8601 或 YYYY-MM-DD HH:mm[:ss]）`, line);
    const attributes: Record<string, unknown> = {};
    fields.forEach((value, i) => {
      if (value !== '' && !mapped.has(i)) attributes[columns[i]!] = value;
    });
    return { caseId, activity, lifecycle: optional(fields, lifecycleAt), timestamp, resource: optional(fields, resourceAt), attributes };
  };
}

function optional(fields: string[], at: number): string | null {
  return at === -1 || fields[at] === '' ? null : fields[at]!;
}
