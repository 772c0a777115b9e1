// The shape every log reader yields, whatever the file format, so the importer writes one kind of row.

/** One event of a case. `attributes` holds every other attribute, typed (XES) or as text (CSV). */
export type LogEvent = {
  caseId: string;
  activity: string;
  lifecycle: string | null;
  timestamp: Date | null;
  resource: string | null;
  attributes: Record<string, unknown>;
};

/**
 * What a reader returns: its events one by one, and `batches()`, the same events in the groups it
 * reads them in (those one chunk of the file completes), for an importer to await once per batch
 * rather than once per event. A log is read one way or the other, once.
 */
export type LogEvents = AsyncGenerator<LogEvent> & { batches(): AsyncGenerator<LogEvent[]> };

/** The LogEvents of a batch generator (called once, when the events or the batches are first read). */
export function logEvents(batches: () => AsyncGenerator<LogEvent[]>): LogEvents {
  const events = (async function* () {
    for await (const batch of batches()) yield* batch;
  })();
  return Object.assign(events, { batches });
}

/** What an XES file says about itself before its first trace. */
export type LogHeader = {
  name: string | null;
  attributes: Record<string, unknown>;
  extensions: { name: string; prefix: string; uri: string }[];
  classifiers: { name: string; keys: string }[];
};

/**
 * A file that cannot be read as a log, said in English (`message`) and Chinese (`zh`); `line`
 * (1-based) points at the fault when it is known.
 */
export class LogFormatError extends Error {
  constructor(message: string, readonly zh: string, readonly line: number | null) {
    super(message);
    this.name = 'LogFormatError';
  }
}
