import { evaluate } from 'feelin';
import { Random } from '../../demo/random.ts';
import { compileFeel, type FeelContext, type FeelScope, type FeelType } from './feel-compile.ts';

/*
 * For tests: random contexts over a scope, to check compiled expressions against feelin's own
 * `evaluate`. Used by this folder's tests and by every rule set built on the compiler.
 */

/** Every value path of a scope, dotted, with its type. */
export function leafPaths(names: FeelScope, prefix = ''): { path: string; type: FeelType }[] {
  return Object.entries(names).flatMap(([name, entry]) => (typeof entry === 'string' ? [{ path: `${prefix}${name}`, type: entry }] : leafPaths(entry, `${prefix}${name}.`)));
}

/**
 * Values for random contexts: the expression's own constants and their neighbours (so that
 * thresholds are crossed both ways), zeros, negatives, fractions and large numbers; its own text
 * literals and one it does not name.
 */
export function valuePool(source: string): { numbers: number[]; strings: string[] } {
  const constants = (source.replace(/"[^"]*"/g, '').match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const near = constants.flatMap((k) => [k, k + 1, k - 1, k * 1.01, k * 0.99, k * 3, -k]);
  const strings = [...(source.match(/"[^"]*"/g) ?? []).map((s) => s.slice(1, -1)), 'other'];
  return { numbers: [...near, 0, 1, -1, 0.5, 0.01, 2, 3, 14, 20, 30, 100, 1000, 50_000, -2.5, 0.3], strings };
}

/**
 * A random context: each path a value of its type from the pool, or null, or (one in twenty)
 * missing. A missing value and null read alike — except that feelin reads a missing name such as
 * `count` as its built-in function; so names that are feelin functions are never left out.
 */
export function randomContext(random: Random, paths: { path: string; type: FeelType }[], pool: { numbers: number[]; strings: string[] }): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const { path, type } of paths) {
    const draw = random.next();
    if (draw < 0.05 && !isFeelinFunction(path)) continue;
    const value = draw < 0.2 ? null : type === 'string' ? random.pick(pool.strings) : type === 'boolean' ? random.chance(0.5) : draw < 0.3 ? random.between(-2, 2) : random.pick(pool.numbers);
    const segments = path.split('.');
    let at = context;
    for (const segment of segments.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
    at[segments.at(-1)!] = value;
  }
  return context;
}

const functions = new Map<string, boolean>();
function isFeelinFunction(path: string): boolean {
  let known = functions.get(path);
  if (known === undefined) functions.set(path, (known = typeof evaluate(path).value === 'function'));
  return known;
}

/**
 * Compiles `source` and compares it with feelin's `evaluate` on `contexts` random contexts over
 * `scope`; returns the answers seen (as text), or throws at the first difference.
 */
export function matchFeelin(source: string, scope: FeelScope, contexts: number): Set<string> {
  const outcome = compileFeel(source, scope);
  if (!outcome.ok) throw new Error(`${source} was refused: ${outcome.error.en}`);
  const compiled = outcome.compiled.evaluate;
  const random = new Random(hash(source));
  const paths = leafPaths(scope);
  const pool = valuePool(source);
  const seen = new Set<string>();
  for (let i = 0; i < contexts; i++) {
    const context = randomContext(random, paths, pool);
    const expected = evaluate(source, context).value;
    const actual = compiled(context as FeelContext);
    if (!Object.is(actual, expected)) throw new Error(`${source}\ncontext ${JSON.stringify(context)}\nfeelin ${String(expected)}, compiled ${String(actual)}`);
    seen.add(String(actual));
  }
  return seen;
}

function hash(text: string): number {
  let h = 17;
  for (let i = 0; i < text.length; i++) h = Math.imul(h, 31) + text.charCodeAt(i);
  return h >>> 0;
}
