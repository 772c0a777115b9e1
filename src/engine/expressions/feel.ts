import { FeelDate, FeelDateTime, FeelDuration, FeelTime, date, dateAndTime, evaluate, isFunction, isRange, parseExpression } from 'feelin';

/**
 * FEEL (Camunda 8) through feelin. feelin has no public parse-once path: `evaluate` parses on
 * every call, and its parse depends on the context (names with spaces such as `customer name`
 * are recognised from the context's keys), so a tree cached by source alone would be wrong.
 * What we do instead: check the syntax once at deploy time, and at run time hand feelin only the
 * variables whose names occur in the source (feelin deep-copies the whole context per call).
 */

/** Null when `source` (the text after `=`) is valid FEEL; else what is wrong and its 0-based index. */
export function checkFeelSyntax(source: string): { message: string; index: number } | null {
  if (source.trim() === '') return { message: 'empty FEEL expression', index: 0 };
  const tree = parseExpression(source, {}, undefined);
  let problem: { message: string; index: number } | null = null;
  tree.iterate({
    enter(node) {
      if (problem) return false;
      if (!node.type.isError) return undefined;
      const parent = node.node.parent?.name ?? 'expression';
      problem =
        node.from < node.to
          ? { message: `FEEL syntax error: unexpected '${source.slice(node.from, node.to)}'`, index: node.from }
          : node.from >= source.trimEnd().length
            ? { message: `FEEL syntax error: incomplete ${parent}`, index: node.from }
            : { message: `FEEL syntax error: unexpected '${source.slice(node.from).trim().split(/\s+/)[0] ?? ''}' in ${parent}`, index: node.from };
      return false;
    },
  });
  return problem;
}

export type FeelOutcome =
  | { ok: true; value: unknown; warnings: string[] }
  | { ok: false; error: string };

/**
 * Evaluates FEEL `source` against `variables`. `now()` and `today()` read the given clock at
 * `utcOffsetMinutes` (never the system clock), shadowing variables of those names. Temporal
 * results come back as a Date (zoned date-time) or ISO text; feelin's warnings (such as a
 * missing variable, which FEEL turns into null) are passed on.
 */
export function evaluateFeel(
  source: string,
  variables: Record<string, unknown>,
  now: Date,
  utcOffsetMinutes: number,
): FeelOutcome {
  const context: Record<string, unknown> = {};
  for (const name in variables) {
    if (Object.hasOwn(variables, name) && source.includes(name)) context[name] = variables[name];
  }
  if (source.includes('now')) context.now = () => dateAndTime(localIso(now, utcOffsetMinutes));
  if (source.includes('today')) context.today = () => date(localIso(now, utcOffsetMinutes).slice(0, 10));
  let result: { value: unknown; warnings: { message: string }[] };
  try {
    result = evaluate(source, context);
  } catch (error) {
    return { ok: false, error: `FEEL evaluation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const value = fromFeel(result.value);
  if (value === FUNCTION) return { ok: false, error: 'the FEEL expression yielded a function, not a value' };
  return { ok: true, value, warnings: result.warnings.map((w) => w.message) };
}

const FUNCTION = Symbol('function');

/** FEEL values as plain data: zoned date-times become Dates, other temporals ISO text. */
function fromFeel(value: unknown): unknown {
  if (value instanceof FeelDateTime) {
    if (value.timezone === null) return value.toString();
    return new Date(value.unwrap().toZonedDateTime(value.timezone).epochMilliseconds);
  }
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return value.toString();
  if (isRange(value)) return String(value);
  if (isFunction(value)) return FUNCTION;
  if (Array.isArray(value)) {
    const items = value.map(fromFeel);
    return items.includes(FUNCTION) ? FUNCTION : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, fromFeel(v)] as const);
    return entries.some(([, v]) => v === FUNCTION) ? FUNCTION : Object.fromEntries(entries);
  }
  return value;
}

/** `2026-01-31T10:00:00.000+08:00`: the instant as read on a clock at the offset. */
function localIso(instant: Date, utcOffsetMinutes: number): string {
  const wallClock = new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, -1);
  const abs = Math.abs(utcOffsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wallClock}${utcOffsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
