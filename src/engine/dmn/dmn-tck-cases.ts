// Reads DMN TCK test-case files (testCases.xsd) into plain data, and compares engine results
// with the expected values. Test support for `dmn-tck.test.ts`; pure (the test reads the files).
// dmn-moddle cannot read these files, so saxen — the XML tokenizer dmn-moddle itself uses —
// builds a small element tree first.
import { dateAndTime, duration, time, date } from 'feelin';
import { Parser } from 'saxen';

type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

export type TckResultNode = { name: string; type: string; errorResult: boolean; expected: unknown };
export type TckCase = {
  id: string;
  /** `decision` for the cases this engine runs; `bkm` and `decisionService` are reported as such. */
  type: string;
  description: string | null;
  inputs: Record<string, unknown>;
  results: TckResultNode[];
};
export type TckFile = { modelName: string; cases: TckCase[] };

const TESTCASE_NS = 'http://www.omg.org/spec/DMN/20160719/testcase';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

function parseXml(xml: string): XmlElement {
  const parser = new Parser();
  parser.ns({ [TESTCASE_NS]: 'tc', [XSI_NS]: 'xsi' });
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const local = (name: string): string => name.replace(/^[\w.-]+:/, '');
  parser.on('openTag', (name, attrs, decode, selfClosing) => {
    const decoded = Object.fromEntries(Object.entries(attrs()).map(([k, v]) => [k, decode(v)]));
    const element: XmlElement = { name: local(name), attrs: decoded, children: [], text: '' };
    stack[stack.length - 1]?.children.push(element);
    if (!selfClosing) stack.push(element);
  });
  parser.on('closeTag', (_name, _decode, selfClosing) => {
    if (!selfClosing) stack.pop();
  });
  parser.on('text', (text, decode) => {
    const top = stack[stack.length - 1];
    if (top) top.text += decode(text);
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.parse(xml);
  const [first] = root.children;
  if (!first) throw new Error('empty XML document');
  return first;
}

function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** An `xsd:` typed `<value>` as the JS value feelin works with. */
function scalar(el: XmlElement): unknown {
  if (el.attrs['xsi:nil'] === 'true') return null;
  const type = (el.attrs['xsi:type'] ?? 'xsd:string').replace(/^[\w.-]+:/, '');
  const text = el.text;
  switch (type) {
    case 'decimal':
    case 'double':
    case 'float':
    case 'integer':
    case 'int':
    case 'long':
      return Number(text.trim());
    case 'boolean':
      return text.trim() === 'true';
    case 'date':
      return date(text.trim());
    case 'time':
      return time(text.trim());
    case 'dateTime':
      return dateAndTime(text.trim());
    case 'duration':
      return duration(text.trim());
    default:
      return text;
  }
}

/** A valueType element (`inputNode`, `expected`, `component`, `item`) as a JS value. */
function valueOf(el: XmlElement): unknown {
  if (el.attrs['xsi:nil'] === 'true') return null;
  const [value] = childrenNamed(el, 'value');
  if (value) return scalar(value);
  const [list] = childrenNamed(el, 'list');
  if (list) return list.attrs['xsi:nil'] === 'true' ? null : childrenNamed(list, 'item').map(valueOf);
  const components = childrenNamed(el, 'component');
  if (components.length > 0) return Object.fromEntries(components.map((c) => [c.attrs['name'] ?? '', valueOf(c)]));
  return null;
}

/** Parses one TCK `*-test-*.xml` file. Throws on XML that does not parse. */
export function readTckFile(xml: string): TckFile {
  const root = parseXml(xml);
  const modelName = childrenNamed(root, 'modelName')[0]?.text.trim() ?? '';
  const cases = childrenNamed(root, 'testCase').map((tc) => ({
    id: tc.attrs['id'] ?? '',
    type: tc.attrs['type'] ?? 'decision',
    description: childrenNamed(tc, 'description')[0]?.text.trim() ?? null,
    inputs: Object.fromEntries(childrenNamed(tc, 'inputNode').map((n) => [n.attrs['name'] ?? '', valueOf(n)])),
    results: childrenNamed(tc, 'resultNode').map((n) => {
      const [expected] = childrenNamed(n, 'expected');
      return {
        name: n.attrs['name'] ?? '',
        type: n.attrs['type'] ?? 'decision',
        errorResult: n.attrs['errorResult'] === 'true',
        expected: expected ? valueOf(expected) : null,
      };
    }),
  }));
  return { modelName, cases };
}

const RELATIVE_TOLERANCE = 1e-9;

function show(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { iso?: unknown }).iso === 'string') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Null when `actual` equals `expected` (numbers as decimals within a relative tolerance of
 * 1e-9, temporal values by their ISO form, contexts with the same keys); otherwise where and how
 * they differ.
 */
export function tckDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (expected === null || expected === undefined) return actual === null || actual === undefined ? null : `${path}: expected null, got ${show(actual)}`;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected ${expected}, got ${show(actual)}`;
    const scale = Math.max(1, Math.abs(expected));
    return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * scale ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  if (typeof expected !== 'object') return actual === expected ? null : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list ${show(expected)}, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items ${show(expected)}, got ${actual.length} ${show(actual)}`;
    for (const [i, item] of expected.entries()) {
      const diff = tckDifference(actual[i], item, `${path}[${i}]`);
      if (diff !== null) return diff;
    }
    return null;
  }
  if (typeof (expected as { iso?: unknown }).iso === 'string') {
    return actual !== null && typeof actual === 'object' && String(actual) === String(expected) ? null : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected a context ${show(expected)}, got ${show(actual)}`;
  const want = expected as Record<string, unknown>;
  const got = actual as Record<string, unknown>;
  const extra = Object.keys(got).filter((k) => !Object.hasOwn(want, k));
  if (extra.length > 0) return `${path}: unexpected entries ${extra.join(', ')} in ${show(actual)}`;
  for (const key of Object.keys(want)) {
    const diff = tckDifference(Object.hasOwn(got, key) ? got[key] : undefined, want[key], `${path}.${key}`);
    if (diff !== null) return diff;
  }
  return null;
}
