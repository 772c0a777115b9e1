// Streaming XES (IEEE 1849) reader: XML scanned as the file arrives, one trace held at a time.
import { decodedText, type ByteInput } from './byte-source.ts';
import { logEvents, type LogEvents, type LogHeader } from './log-event.ts';
import { XesBuilder } from './xes-builder.ts';
import { XmlScanner } from './xml-scanner.ts';

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
 * no external entities. Malformed XML is refused with its line (see xml-scanner.ts).
 */
export function readXes(input: ByteInput, options: XesOptions | ((header: LogHeader) => void) = {}): LogEvents {
  const { onHeader, maxBytes } = typeof options === 'function' ? { onHeader: options, maxBytes: undefined } : options;
  return logEvents(async function* () {
    const builder = new XesBuilder(onHeader);
    const scanner = new XmlScanner(builder);
    for await (const text of decodedText(input, maxBytes)) {
      scanner.write(text);
      const events = builder.drain();
      if (events.length) yield events;
    }
    scanner.end();
    const events = builder.drain();
    if (events.length) yield events;
  });
}
