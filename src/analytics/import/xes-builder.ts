// The XES element structure, fed tag by tag by the XML scanner: keeps one trace's events, hands
// them over when the trace closes.
import { LogFormatError, type LogEvent, type LogHeader } from './log-event.ts';
import type { XmlAttributes } from './xml-attributes.ts';
import type { XmlHandler } from './xml-scanner.ts';
import { attributeType, eventFields, INVALID, invalidValue, standardKey, typedValue, type StandardKeys } from './xes-values.ts';
import { parseTimestamp } from './timestamp.ts';

type Attrs = Record<string, unknown>;
type EventFrame = { t: 'event'; attrs: Attrs; keys: StandardKeys };
type Frame =
  | { t: 'log' | 'trace' | 'global'; attrs: Attrs }
  | EventFrame
  | { t: 'list'; key: string; items: unknown[] }
  | { t: 'container'; key: string; attrs: Attrs }
  | { t: 'simple'; key: string; value: unknown }
  | { t: 'values' | 'ignored' };

/** Where the element being read sits: its line is asked for only when something is wrong. */
export type Position = () => number;

export class XesBuilder implements XmlHandler {
  /** Events of traces already closed, waiting to be taken with `drain`. */
  private ready: LogEvent[] = [];
  private readonly stack: Frame[] = [];
  private readonly header: LogHeader = { name: null, attributes: {}, extensions: [], classifiers: [] };
  /** `<global scope="event">` defaults, for events that lack the key. */
  private readonly eventGlobals: Attrs = {};
  private traceEvents: LogEvent[] = [];
  private headerSent = false;
  private logSeen = false;

  constructor(private readonly onHeader?: (header: LogHeader) => void) {}

  /** A start tag; a self-closing one is also its end. `<xes:trace>` reads as `<trace>`. */
  open(tag: string, attributes: XmlAttributes, selfClosing: boolean, at: Position): void {
    const name = localName(tag);
    const parent = this.stack[this.stack.length - 1];
    let frame: Frame;
    if (!parent) {
      if (this.logSeen) throw new LogFormatError(`An element <${name}> after the end of the log`, `日志结束后还有元素 <${name}>`, at());
      if (name !== 'log') throw new LogFormatError(`Not an XES log: <${name}> where <log> was expected`, `不是 XES 日志：应为 <log>，却是 <${name}>`, at());
      this.logSeen = true;
      frame = { t: 'log', attrs: {} };
    } else if (parent.t === 'simple' || parent.t === 'ignored') {
      frame = { t: 'ignored' }; // meta-attributes
    } else {
      const type = attributeType(name);
      if (type === 'simple' && selfClosing) {
        const key = attributeKey(name, attributes, at);
        return this.assign(parent, key, simpleValue(name, key, attributes, parent, at));
      }
      frame = type ? attributeFrame(type, name, attributes, parent, at) : this.structural(parent, name, attributes, at);
    }
    this.stack.push(frame);
    if (selfClosing) this.close(at);
  }

  close(at: Position): void {
    const frame = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    if (frame.t === 'simple') this.assign(parent, frame.key, frame.value);
    else if (frame.t === 'list') this.assign(parent, frame.key, frame.items);
    else if (frame.t === 'container') this.assign(parent, frame.key, frame.attrs);
    else if (frame.t === 'event') this.closeEvent(frame, at);
    else if (frame.t === 'trace') this.closeTrace(frame.attrs, at);
    else if (frame.t === 'log') this.sendHeader(frame.attrs);
  }

  /** The events of the traces closed since the last call. */
  drain(): LogEvent[] {
    const events = this.ready;
    this.ready = [];
    return events;
  }

  private structural(parent: Frame, name: string, attr: XmlAttributes, at: Position): Frame {
    if (parent.t === 'log' && name === 'extension') this.header.extensions.push({ name: attr.get('name') ?? '', prefix: attr.get('prefix') ?? '', uri: attr.get('uri') ?? '' });
    else if (parent.t === 'log' && name === 'classifier') this.header.classifiers.push({ name: attr.get('name') ?? '', keys: attr.get('keys') ?? '' });
    else if (parent.t === 'log' && name === 'global') return attr.get('scope') === 'event' ? { t: 'global', attrs: this.eventGlobals } : { t: 'ignored' };
    else if (parent.t === 'log' && name === 'trace') return this.openTrace();
    else if (parent.t === 'trace' && name === 'event') return { t: 'event', attrs: {}, keys: { name: undefined, lifecycle: undefined, time: undefined, resource: undefined } };
    else if (name === 'event') throw new LogFormatError('An event outside a trace', '事件不在任何轨迹（trace）之内', at());
    else if (name === 'values' && parent.t === 'list') return { t: 'values' };
    return { t: 'ignored' };
  }

  /** An attribute of the element below the closing one, skipping a list's `<values>` wrapper; an event keeps its standard keys apart. */
  private assign(parent: Frame | undefined, key: string, value: unknown): void {
    const owner = parent?.t === 'values' ? this.stack[this.stack.length - 2] : parent;
    if (!owner) return;
    if (owner.t === 'list') owner.items.push(value);
    else if (owner.t === 'event') {
      const standard = standardKey(key);
      if (standard) owner.keys[standard] = value;
      else owner.attrs[key] = value;
    } else if ('attrs' in owner) owner.attrs[key] = value;
  }

  private openTrace(): Frame {
    this.sendHeader((this.stack[0] as { attrs: Attrs }).attrs);
    this.traceEvents = [];
    return { t: 'trace', attrs: {} };
  }

  /** The event over the event globals: a key the event lacks takes the global's value. */
  private closeEvent({ attrs, keys }: EventFrame, at: Position): void {
    for (const key in this.eventGlobals) {
      const standard = standardKey(key);
      // The concept:name global is by convention a placeholder ("__INVALID__"), never a real name.
      if (standard === 'name') continue;
      if (standard) {
        if (keys[standard] === undefined) keys[standard] = this.eventGlobals[key];
      } else if (!(key in attrs)) attrs[key] = this.eventGlobals[key];
    }
    const event = eventFields(keys, attrs);
    if ('fault' in event) throw new LogFormatError(event.fault.en, event.fault.zh, at());
    this.traceEvents.push(event);
  }

  private closeTrace(attrs: Attrs, at: Position): void {
    const name = attrs['concept:name'];
    if (name === undefined || name === '') throw new LogFormatError('A trace has no concept:name', '轨迹（trace）没有 concept:name', at());
    const caseId = String(name);
    let caseAttrs: Attrs | null = null;
    for (const key in attrs) if (key !== 'concept:name') (caseAttrs ??= {})[`case:${key}`] = attrs[key];
    for (const e of this.traceEvents) {
      e.caseId = caseId;
      if (caseAttrs) Object.assign(e.attributes, caseAttrs);
      this.ready.push(e);
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

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attributeKey(type: string, attr: XmlAttributes, at: Position): string {
  const key = attr.get('key');
  if (key === undefined) throw new LogFormatError(`A <${type}> attribute has no key`, `<${type}> 属性没有 key`, at());
  return key;
}

/** The typed value of `<string key=… value=…>` and its kind. An event's own `<date key="time:timestamp">` stays a Date: it is read once, as the event's instant. */
function simpleValue(type: string, key: string, attr: XmlAttributes, parent: Frame, at: Position): unknown {
  const raw = attr.get('value') ?? '';
  const value = type === 'date' && key === 'time:timestamp' && parent.t === 'event' ? (parseTimestamp(raw) ?? INVALID) : typedValue(type, raw);
  if (value === INVALID) throw new LogFormatError(`${key}: ${invalidValue(type, raw).en}`, `${key}：${invalidValue(type, raw).zh}`, at());
  return value;
}

function attributeFrame(kind: 'simple' | 'list' | 'container', type: string, attr: XmlAttributes, parent: Frame, at: Position): Frame {
  const key = attributeKey(type, attr, at);
  if (kind === 'simple') return { t: 'simple', key, value: simpleValue(type, key, attr, parent, at) };
  return kind === 'list' ? { t: 'list', key, items: [] } : { t: 'container', key, attrs: {} };
}
