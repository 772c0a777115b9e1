// Writing XES (IEEE 1849): a log's header, then one trace at a time, so an export streams.

/** An event to write: the four standard keys and its other attributes (plain JSON values). */
export type XesEvent = { activity: string; lifecycle: string | null; at: Date | null; resource: string | null; attributes: Record<string, unknown> | null };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  // characters XML 1.0 cannot carry at all are dropped rather than written invalid
  // eslint-disable-next-line no-control-regex -- the control characters are what is removed
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One attribute element with its type from its value: integers as `int`, other numbers `float`,
 * booleans, ISO 8601 instants as `date` (the importer keeps dates as ISO text), arrays as `list`,
 * objects as `container`, anything else a `string`.
 */
export function attribute(key: string, value: unknown, indent: string): string {
  const k = escapeXml(key);
  if (typeof value === 'number') return `${indent}<${Number.isInteger(value) ? 'int' : 'float'} key="${k}" value="${value}"/>\n`;
  if (typeof value === 'boolean') return `${indent}<boolean key="${k}" value="${value}"/>\n`;
  if (typeof value === 'string' && ISO.test(value)) return `${indent}<date key="${k}" value="${value}"/>\n`;
  if (Array.isArray(value)) return `${indent}<list key="${k}">\n${indent}  <values>\n${value.map((v, i) => attribute(String(i), v, `${indent}    `)).join('')}${indent}  </values>\n${indent}</list>\n`;
  if (value !== null && typeof value === 'object') return `${indent}<container key="${k}">\n${Object.entries(value).map(([ck, cv]) => attribute(ck, cv, `${indent}  `)).join('')}${indent}</container>\n`;
  return `${indent}<string key="${k}" value="${escapeXml(String(value ?? ''))}"/>\n`;
}

/** The opening of a log: the standard extensions used and the standard classifier. */
export function xesHeader(name: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
    '  <classifier name="Event Name AND Lifecycle transition" keys="concept:name lifecycle:transition"/>',
    `  <string key="concept:name" value="${escapeXml(name)}"/>`,
    '',
  ].join('\n');
}

export const XES_FOOTER = '</log>\n';

/** One trace: its case id, the case attributes (kept under `case:` on each event), and its events in order. */
export function xesTrace(caseId: string, events: XesEvent[]): string {
  const caseAttributes = Object.entries(events[0]?.attributes ?? {}).filter(([k]) => k.startsWith('case:'));
  let out = `  <trace>\n${attribute('concept:name', caseId, '    ')}`;
  for (const [k, v] of caseAttributes) out += attribute(k.slice('case:'.length), v, '    ');
  for (const e of events) {
    out += `    <event>\n${attribute('concept:name', e.activity, '      ')}`;
    if (e.lifecycle) out += attribute('lifecycle:transition', e.lifecycle, '      ');
    if (e.at) out += `      <date key="time:timestamp" value="${e.at.toISOString()}"/>\n`;
    if (e.resource) out += attribute('org:resource', e.resource, '      ');
    for (const [k, v] of Object.entries(e.attributes ?? {})) if (!k.startsWith('case:')) out += attribute(k, v, '      ');
    out += '    </event>\n';
  }
  return `${out}  </trace>\n`;
}
