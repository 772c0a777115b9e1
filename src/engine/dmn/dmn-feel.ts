// The one place that talks to feelin. Everything FEEL-specific the engine needs — syntax checks
// at parse time, evaluation, unary tests, splitting a list of tests, FEEL equality — is here,
// so a change of FEEL library touches this file only.
import { FeelFunction, evaluate, isFunction, parseExpression, parseUnaryTests, unaryTest } from 'feelin';
import type { Warning } from 'feelin';

/**
 * Thrown while evaluating when a decision cannot produce a value (hit policy violated, unknown
 * function, FEEL that feelin rejects). `evaluateDecision` catches it and returns it as a value;
 * it never leaves this folder. Retrying does not help: the same model and input fail again.
 */
export class DecisionFailure extends Error {
  readonly elementId: string | null;
  /** The decision being evaluated when this happened; set by the evaluator on the way out. */
  decisionId: string | null = null;
  constructor(message: string, elementId: string | null = null) {
    super(message);
    this.name = 'DecisionFailure';
    this.elementId = elementId;
  }
}

/** A FEEL value and the readable warnings feelin gave while computing it (unknown names, …). */
export type FeelResult = { value: unknown; warnings: string[] };

export type FeelScope = Record<string, unknown>;

const ANY = new Set(['', '-']);

/** Whether a unary-tests cell means "any value": `-` or empty, as Camunda writes it. */
export function isAnyTest(text: string): boolean {
  return ANY.has(text.trim());
}

/**
 * The syntax error in `text`, or null when it parses. `names` are the variable names in scope,
 * which feelin needs to read names with spaces or operators (`Approved/Declined`) as one name.
 */
export function feelSyntaxError(text: string, mode: 'expression' | 'unaryTests', names: readonly string[]): string | null {
  if (mode === 'unaryTests' && isAnyTest(text)) return null;
  if (mode === 'expression' && text.trim() === '') return 'empty FEEL expression';
  const context = Object.fromEntries(names.map((n) => [n, null]));
  let tree;
  try {
    tree = mode === 'expression' ? parseExpression(text, context, undefined) : parseUnaryTests(text, context, undefined);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  let found: { from: number; to: number } | null = null;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = { from: node.from, to: node.to };
      return undefined;
    },
  });
  if (!found) return null;
  const { from, to } = found as { from: number; to: number };
  if (from >= text.trimEnd().length) return `incomplete FEEL ${mode === 'expression' ? 'expression' : 'unary tests'} «${text}»`;
  const near = text.slice(from, Math.max(to, from + 12));
  return `FEEL syntax error at column ${from + 1} near «${near}» in «${text}»`;
}

function readable(warnings: readonly Warning[]): string[] {
  return warnings.map((w) => w.message);
}

function rethrow(error: unknown, text: string, elementId: string | null): never {
  if (error instanceof DecisionFailure) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new DecisionFailure(`FEEL «${text}» could not be evaluated: ${message}`, elementId);
}

/** Evaluates a FEEL expression over `scope`. Errors inside FEEL give null plus a warning. */
export function evaluateFeel(text: string, scope: FeelScope, elementId: string | null): FeelResult {
  if (text.trim() === '') return { value: null, warnings: [] };
  try {
    const result = evaluate(text, scope);
    return { value: result.value ?? null, warnings: readable(result.warnings) };
  } catch (error) {
    rethrow(error, text, elementId);
  }
}

/**
 * Applies FEEL unary tests to `input` (bound to `?`). Returns true, false or null (a test that
 * cannot be decided, e.g. comparing a string with a number); callers treat null as no match.
 */
export function testUnary(text: string, input: unknown, scope: FeelScope, elementId: string | null): { value: boolean | null; warnings: string[] } {
  if (isAnyTest(text)) return { value: true, warnings: [] };
  try {
    const result = unaryTest(text, { ...scope, '?': input ?? null });
    return { value: result.value, warnings: readable(result.warnings) };
  } catch (error) {
    rethrow(error, text, elementId);
  }
}

const splitCache = new Map<string, string[] | null>();

/**
 * Splits a list of positive unary tests (`"High", "Low", [1..5]`) into its tests, in order; null
 * for `-`, `not(...)` or text that does not parse. Used for PRIORITY and OUTPUT ORDER ranks.
 */
export function splitUnaryTests(text: string): string[] | null {
  const cached = splitCache.get(text);
  if (cached !== undefined) return cached;
  let parts: string[] | null = null;
  if (!isAnyTest(text) && feelSyntaxError(text, 'unaryTests', []) === null) {
    const list = parseUnaryTests(text, {}, undefined).topNode.firstChild;
    if (list?.name === 'PositiveUnaryTests') {
      parts = [];
      for (let child = list.firstChild; child; child = child.nextSibling) {
        if (child.name === 'PositiveUnaryTest') parts.push(text.slice(child.from, child.to));
      }
    }
  }
  splitCache.set(text, parts);
  return parts;
}

/** Wraps a JS implementation as a FEEL function with the given parameter names. */
export function feelFunction(parameterNames: readonly string[], fn: (...args: unknown[]) => unknown): unknown {
  return new FeelFunction(fn, [...parameterNames]);
}

/** Calls a FEEL function value with named arguments; throws when `fn` is not a function. */
export function invokeFeelFunction(fn: unknown, args: Record<string, unknown>, elementId: string | null): unknown {
  if (!isFunction(fn)) throw new DecisionFailure('the invoked name is not a function (is the business knowledge model required?)', elementId);
  const unknown = Object.keys(args).filter((name) => !fn.parameterNames.includes(name));
  if (unknown.length > 0) {
    throw new DecisionFailure(`binding ${unknown.join(', ')} is not a parameter of the function (${fn.parameterNames.join(', ')})`, elementId);
  }
  const result: unknown = fn.invoke(args);
  return result ?? null;
}

function isTemporalLike(value: object): value is { iso: string } {
  return typeof (value as { iso?: unknown }).iso === 'string';
}

/** FEEL equality of values (numbers, strings, lists, contexts, temporal values), used by ANY. */
export function feelEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => feelEquals(x, b[i]));
  }
  if (isTemporalLike(a) || isTemporalLike(b)) {
    return isTemporalLike(a) && isTemporalLike(b) && a.constructor === b.constructor && a.iso === b.iso;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && feelEquals(ra[k], rb[k]));
}
