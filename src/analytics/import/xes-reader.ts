// Streaming XES (IEEE 1849) reader: SAX over the file as it arrives, one trace held at a time.
import { Parser } from 'saxen';
import { decodedText, type ByteInput } from './byte-source.ts';
import { LogFormatError, type LogEvent, type LogHeader } from './log-event.ts';
import { XesBuilder } from './xes-builder.ts';
import { countLines, lastTokenEnd } from './xml-tokens.ts';

/** What this reader uses of saxen 11 beyond the typing in src/engine/dmn/vendor-modules.d.ts. */
type Context = () => { line: number };
type Decode = (text: string) => string;
type StreamingParser = {
  on(event: 'openTag', handler: (name: string, attrs: () => Record<string, string> | false, decode: Decode, selfClosing: boolean, context: Context) => void): void;
  on(event: 'closeTag', handler: (name: string, decode: Decode, selfClosing: boolean, context: Context) => void): void;
  on(event: 'attention', handler: (text: string, decode: Decode, context: Context) => void): void;
  on(event: 'error' | 'warn', handler: (error: Error, context: Context) => void): void;
  write(xml: string): void;
  end(): void;
};

export type XesOptions = {
  /** Called once, before the first event (or at the end of a log without traces). */
  onHeader?: (header: LogHeader) => void;
  /** The most (inflated) bytes read before giving up with a LogFormatError: a gzip bomb's ceiling. */
  maxBytes?: number;
};

/**
 * Yields the events of an XES file (plain or gzipped), trace by trace, in file order. Each event
 * carries its trace's concept:name as `caseId` and the trace's other attributes as `case:<key>`.
 * DOCTYPEs and entity declarations are refused outright: no expansion means no billion laughs and
 * no external entities, whatever the parser would do.
 */
export async function* readXes(input: ByteInput, options: XesOptions | ((header: LogHeader) => void) = {}): AsyncGenerator<LogEvent> {
  const { onHeader, maxBytes } = typeof options === 'function' ? { onHeader: options, maxBytes: undefined } : options;
  const builder = new XesBuilder(onHeader);
  const feed = new SaxFeed(builder);
  for await (const text of decodedText(input, maxBytes)) {
    feed.write(text);
    yield* builder.drain();
  }
  feed.end();
  yield* builder.drain();
}

/** Hands saxen whole tokens only (see xml-tokens.ts) and keeps the document's line count. */
class SaxFeed {
  private readonly parser = new Parser() as unknown as StreamingParser;
  private pending = '';
  /** Lines before the text of the current `write`: saxen's context is relative to it. */
  private linesBefore = 0;

  constructor(builder: XesBuilder) {
    const line = (context: Context) => () => this.linesBefore + context().line + 1;
    this.parser.on('openTag', (name: string, attrs: () => Record<string, string> | false, decode: Decode, _selfClosing: boolean, context: Context) => {
      const values = attrs();
      if (values === false) throw new LogFormatError('Malformed attributes', line(context)());
      builder.open(localName(name), (key) => (values[key] === undefined ? undefined : decode(values[key])), line(context));
    });
    this.parser.on('closeTag', (_name: string, _decode: Decode, _selfClosing: boolean, context: Context) => builder.close(line(context)));
    this.parser.on('attention', (_text: string, _decode: Decode, context: Context) => {
      throw new LogFormatError('DOCTYPE and entities are not accepted', line(context)());
    });
    const refuse = (error: Error, context: Context) => {
      if (error instanceof LogFormatError) throw error;
      throw new LogFormatError(`Malformed XML: ${error.message}`, line(context)());
    };
    this.parser.on('error', refuse);
    this.parser.on('warn', refuse);
  }

  write(text: string): void {
    this.pending += text;
    const cut = lastTokenEnd(this.pending);
    if (cut > 0) this.feed(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
  }

  /** Whatever is left is incomplete, so saxen reports it; its context then is only the remainder. */
  end(): void {
    this.feed(this.pending);
    this.pending = '';
    try {
      this.parser.end();
    } catch (error) {
      if (error instanceof LogFormatError && error.line !== null) throw new LogFormatError(error.message, this.linesBefore + 1);
      throw error;
    }
  }

  private feed(text: string): void {
    this.parser.write(text);
    this.linesBefore += countLines(text);
  }
}

/** `<xes:trace>` reads as `<trace>`: XES files do not mix vocabularies, so the prefix says nothing. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
