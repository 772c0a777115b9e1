// RFC 4180 records from text that arrives in chunks: quoted fields may hold the delimiter, doubled
// quotes and line breaks; records end with CRLF or LF.
import { LogFormatError } from './log-event.ts';

/** A record with the 1-based line it starts on (a quoted line break makes records span lines). */
export type CsvRecord = { fields: string[]; line: number };

export class CsvTokenizer {
  private buffer = '';
  private line = 1;

  constructor(private readonly delimiter: string) {}

  /** The records completed by this chunk; an unfinished one waits for the next. */
  push(text: string): CsvRecord[] {
    this.buffer += text;
    return this.take(false);
  }

  /** The last record, which may lack its line break; an open quote at the end is an error. */
  end(): CsvRecord[] {
    return this.take(true);
  }

  private take(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    let at = 0;
    while (at < this.buffer.length) {
      const record = readRecord(this.buffer, at, this.delimiter, final, this.line);
      if (!record) break;
      records.push({ fields: record.fields, line: this.line });
      // only a quoted field holds line breaks; otherwise the one that ends the record, if any
      const last = this.buffer.charCodeAt(record.next - 1);
      this.line += record.quoted ? lineBreaks(this.buffer, at, record.next) : last === 10 || last === 13 ? 1 : 0;
      at = record.next;
    }
    this.buffer = this.buffer.slice(at);
    return records;
  }
}

/** One record from `from`, or null when the text ends before it does (and more may come). */
function readRecord(text: string, from: number, delimiter: string, final: boolean, line: number): { fields: string[]; next: number; quoted: boolean } | null {
  const fields: string[] = [];
  let at = from;
  let quoted = false;
  for (;;) {
    const isQuoted = text.charCodeAt(at) === 34;
    quoted ||= isQuoted;
    const field = isQuoted ? quotedField(text, at, final, line) : plainField(text, at, delimiter);
    if (!field) return null;
    fields.push(field.value);
    at = field.next;
    if (at >= text.length) return final ? { fields, next: at, quoted } : null;
    const c = text[at];
    if (c === delimiter) { at++; continue; }
    if (c === '\n') return { fields, next: at + 1, quoted };
    if (c === '\r') {
      if (at + 1 >= text.length && !final) return null; // the \n of a CRLF may be in the next chunk
      return { fields, next: text[at + 1] === '\n' ? at + 2 : at + 1, quoted };
    }
    throw new LogFormatError('Unexpected text after a closing quote', '右引号后有多余的文字', line + lineBreaks(text, from, at));
  }
}

function plainField(text: string, from: number, delimiter: string): { value: string; next: number } {
  const d = delimiter.charCodeAt(0);
  let at = from;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === d || c === 10 || c === 13) break;
    at++;
  }
  return { value: text.slice(from, at), next: at };
}

/** A field in quotes, `""` standing for one quote; null when its closing quote has not come yet. */
function quotedField(text: string, from: number, final: boolean, line: number): { value: string; next: number } | null {
  let value = '';
  let at = from + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1 || (quote + 1 >= text.length && !final)) {
      if (final) throw new LogFormatError('A quoted field is never closed', '带引号的字段没有结束引号', line);
      return null;
    }
    value += text.slice(at, quote);
    if (text[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    at = quote + 2;
  }
}

/** Line breaks between two offsets: CRLF, LF and a lone CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}
