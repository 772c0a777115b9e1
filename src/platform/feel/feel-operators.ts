import type { FeelContext, FeelValue } from './feel-compile.ts';

/*
 * FEEL's operators as closures, with feelin's semantics: null in arithmetic or a comparison gives
 * null, division by zero gives null, `and`/`or` are three-valued. The compiler has checked the
 * operands' types before it builds these; a value of another type at run time (a missing name
 * reads as null) gives null. Closures over constants only are evaluated once, at compile time.
 */

/** A compiled node's closure. */
export type Run = (context: FeelContext) => FeelValue;
/** A compiled node: its closure and the types it can yield besides null (a bit set). */
export type Part = { run: Run; kinds: number };

export const NUMBER = 1;
export const STRING = 2;
export const BOOLEAN = 4;

const NONE: Run = () => null;
/** Closures that give the same value in every context: their parents are folded at compile time. */
const CONSTANTS = new WeakSet<Run>([NONE]);

/** A node that gives `value` in every context. */
export function constant(value: FeelValue, kinds: number): Part {
  if (value === null) return { run: NONE, kinds };
  const run: Run = () => value;
  CONSTANTS.add(run);
  return { run, kinds };
}

/** A node whose operands are all constant is evaluated once, here. */
export function fold(operands: Run[], kinds: number, run: Run): Part {
  return operands.every((o) => CONSTANTS.has(o)) ? constant(run({}), kinds) : { run, kinds };
}

/** `-value`. */
export function negation(value: Run): Part {
  return fold([value], NUMBER, (c) => {
    const v = value(c);
    // 0 - v, not -v, as feelin computes it: the two differ in the sign of zero
    return typeof v === 'number' ? 0 - v : null;
  });
}

/** `left op right` for + - * / **. */
export function arithmetic(op: string, left: Run, right: Run): Part {
  const both = (f: (a: number, b: number) => FeelValue): Run => (c) => {
    const a = left(c);
    const b = right(c);
    return typeof a === 'number' && typeof b === 'number' ? f(a, b) : null;
  };
  const run =
    op === '+' ? both((a, b) => a + b)
    : op === '-' ? both((a, b) => a - b)
    : op === '*' ? both((a, b) => a * b)
    : op === '/' ? both((a, b) => (b === 0 || b !== b ? null : a / b)) // feelin: !b — zero or NaN
    : both((a, b) => Math.pow(a, b));
  return fold([left, right], NUMBER, run);
}

/** `value between low and high`. */
export function between(value: Run, low: Run, high: Run): Part {
  return fold([value, low, high], BOOLEAN, (c) => {
    let start = low(c);
    let end = high(c);
    const v = value(c);
    if (typeof start !== 'number' || typeof end !== 'number' || typeof v !== 'number') return null;
    // feelin turns a descending range (between 10 and 1) around
    if (start > end) [start, end] = [end, start];
    return !(v < start) && !(v > end);
  });
}

/** `left op right` for < > <= >=, on numbers. */
export function ordering(op: string, left: Run, right: Run): Part {
  const both = (f: (a: number, b: number) => boolean): Run => (c) => {
    const a = left(c);
    const b = right(c);
    return typeof a === 'number' && typeof b === 'number' ? f(a, b) : null;
  };
  // feelin compares through a range's bounds, where NaN compares as equal: hence !(a > b) for <=
  const run = op === '<' ? both((a, b) => a < b) : op === '>' ? both((a, b) => a > b) : op === '<=' ? both((a, b) => !(a > b)) : both((a, b) => !(a < b));
  return fold([left, right], BOOLEAN, run);
}

/** `left = right` or `left != right`: null equals only null; values of two types are neither. */
export function equality(op: string, left: Run, right: Run): Part {
  const equal = (c: FeelContext): boolean | null => {
    const a = left(c);
    const b = right(c);
    if (a === null || b === null) return a === b;
    return typeof a === typeof b ? a === b : null;
  };
  return fold([left, right], BOOLEAN, op === '=' ? equal : (c) => {
    const result = equal(c);
    return result === null ? null : !result;
  });
}

/** `left and right` (Conjunction) or `left or right` (Disjunction). */
export function logic(name: 'Conjunction' | 'Disjunction', left: Run, right: Run): Part {
  // three-valued: a decisive side settles it, otherwise anything but true/false makes it null
  const run: Run =
    name === 'Conjunction'
      ? (c) => {
          const a = left(c);
          if (a === false) return false;
          const b = right(c);
          if (b === false) return false;
          return a === true && b === true ? true : null;
        }
      : (c) => {
          const a = left(c);
          if (a === true) return true;
          const b = right(c);
          if (b === true) return true;
          return a === false && b === false ? false : null;
        };
  return fold([left, right], BOOLEAN, run);
}

/** `if condition then whenTrue else whenFalse`: only true takes the first branch. */
export function conditional(condition: Run, whenTrue: Part, whenFalse: Part): Part {
  const a = whenTrue.run;
  const b = whenFalse.run;
  return fold([condition, a, b], whenTrue.kinds | whenFalse.kinds, (c) => (condition(c) === true ? a(c) : b(c)));
}
