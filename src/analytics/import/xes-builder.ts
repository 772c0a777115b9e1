// The XES element structure, fed tag by tag by the SAX parser: keeps one trace's events, hands
// them over when the trace closes.
import { LogFormatError, type LogEvent, type LogHeader } from './log-event.ts';
import { ATTRIBUTE_TYPES, eventFields, typedValue } from './xes-values.ts';

type Attrs = Record<string, unknown>;
type Frame =
  | { t: 'log' | 'trace' | 'event' | 'global'; attrs: Attrs }
  | { t: 'list'; key: string; items: unknown[] }
  | { t: 'container'; key: string; attrs: Attrs }
  | { t: 'simple'; key: string; value: unknown }
  | { t: 'values' | 'ignored' };

/** Where the element being read sits: its line is asked for only when something is wrong. */
export type Position = () => number;

export class XesBuilder {
  /** Events of traces already closed, waiting to be taken with `drain`. */
  private ready: LogEvent[] = [];
  private readonly stack: Frame[] = [];
  private readonly header: LogHeader = { name: null, attributes: {}, extensions: [], classifiers: [] };
  /** `<global scope="event">` defaults, for events that lack the key. */
  private readonly eventGlobals: Attrs = {};
  private traceEvents: Omit<LogEvent, 'caseId'>[] = [];
  private headerSent = false;
  private logSeen = false;

  constructor(private readonly onHeader?: (header: LogHeader) => void) {}

  open(name: string, attr: (key: string) => string | undefined, at: Position): void {
    const parent = this.stack.at(-1);
    if (!parent) {
      if (this.logSeen) throw new LogFormatError(`An element <${name}> after the end of the log`, at());
      if (name !== 'log') throw new LogFormatError(`Not an XES log: <${name}> where <log> was expected`, at());
      this.logSeen = true;
      this.stack.push({ t: 'log', attrs: {} });
      return;
    }
    if (parent.t === 'simple' || parent.t === 'ignored') return void this.stack.push({ t: 'ignored' }); // meta-attributes
    if (ATTRIBUTE_TYPES.has(name)) return void this.stack.push(attributeFrame(name, attr, at));
    this.stack.push(this.structural(parent, name, attr, at));
  }

  close(at: Position): void {
    const frame = this.stack.pop()!;
    const parent = this.stack.at(-1);
    if (frame.t === 'list') this.assign(parent, frame.key, frame.items);
    else if (frame.t === 'container' || frame.t === 'simple') this.assign(parent, frame.key, frame.t === 'simple' ? frame.value : frame.attrs);
    else if (frame.t === 'event') this.closeEvent(frame.attrs, at);
    else if (frame.t === 'trace') this.closeTrace(frame.attrs, at);
    else if (frame.t === 'log') this.sendHeader(frame.attrs);
  }

  /** The events of the traces closed since the last call. */
  drain(): LogEvent[] {
    const events = this.ready;
    this.ready = [];
    return events;
  }

  private structural(parent: Frame, name: string, attr: (key: string) => string | undefined, at: Position): Frame {
    if (parent.t === 'log' && name === 'extension') this.header.extensions.push({ name: attr('name') ?? '', prefix: attr('prefix') ?? '', uri: attr('uri') ?? '' });
    else if (parent.t === 'log' && name === 'classifier') this.header.classifiers.push({ name: attr('name') ?? '', keys: attr('keys') ?? '' });
    else if (parent.t === 'log' && name === 'global') return attr('scope') === 'event' ? { t: 'global', attrs: this.eventGlobals } : { t: 'ignored' };
    else if (parent.t === 'log' && name === 'trace') return this.openTrace();
    else if (parent.t === 'trace' && name === 'event') return { t: 'event', attrs: {} };
    else if (name === 'event') throw new LogFormatError('An event outside a trace', at());
    else if (name === 'values' && parent.t === 'list') return { t: 'values' };
    return { t: 'ignored' };
  }

  /** Attributes of the element below the closing one, skipping a list's `<values>` wrapper. */
  private assign(parent: Frame | undefined, key: string, value: unknown): void {
    const owner = parent?.t === 'values' ? this.stack.at(-2) : parent;
    if (owner?.t === 'list') owner.items.push(value);
    else if (owner && 'attrs' in owner) owner.attrs[key] = value;
  }

  private openTrace(): Frame {
    this.sendHeader((this.stack[0] as { attrs: Attrs }).attrs);
    this.traceEvents = [];
    return { t: 'trace', attrs: {} };
  }

  private closeEvent(own: Attrs, at: Position): void {
    const merged: Attrs = { ...own };
    for (const key in this.eventGlobals) {
      // The concept:name global is by convention a placeholder ("__INVALID__"), never a real name.
      if (!(key in merged) && key !== 'concept:name') merged[key] = this.eventGlobals[key];
    }
    const event = eventFields(merged);
    if (typeof event === 'string') throw new LogFormatError(event, at());
    this.traceEvents.push(event);
  }

  private closeTrace(attrs: Attrs, at: Position): void {
    const { 'concept:name': name, ...rest } = attrs;
    if (name === undefined || name === '') throw new LogFormatError('A trace has no concept:name', at());
    const caseAttrs: Attrs = {};
    for (const key in rest) caseAttrs[`case:${key}`] = rest[key];
    const caseId = String(name);
    for (const e of this.traceEvents) {
      Object.assign(e.attributes, caseAttrs);
      this.ready.push({ caseId, activity: e.activity, lifecycle: e.lifecycle, timestamp: e.timestamp, resource: e.resource, attributes: e.attributes });
    }
    this.traceEvents = [];
  }

  /** Once, before the first event: everything the log says about itself precedes its traces. */
  private sendHeader(logAttrs: Attrs): void {
    if (this.headerSent) return;
    this.headerSent = true;
    const { 'concept:name': name, ...rest } = logAttrs;
    Object.assign(this.header, { name: name === undefined ? null : String(name), attributes: rest });
    this.onHeader?.(this.header);
  }
}

function attributeFrame(type: string, attr: (key: string) => string | undefined, at: Position): Frame {
  const key = attr('key');
  if (key === undefined) throw new LogFormatError(`A <${type}> attribute has no key`, at());
  if (type === 'list') return { t: 'list', key, items: [] };
  if (type === 'container') return { t: 'container', key, attrs: {} };
  const typed = typedValue(type, attr('value') ?? '');
  if ('error' in typed) throw new LogFormatError(`${key}: ${typed.error}`, at());
  return { t: 'simple', key, value: typed.value };
}
