import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from 'feelin';
import { Random } from '../../demo/random.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { RULE_SCOPE } from './evaluate-rules.ts';
import { compileFeel, type FeelContext, type FeelScope, type FeelValue } from './feel-compile.ts';

const scope: FeelScope = { a: 'number', b: 'number', c: 'number', group: { x: 'number', inner: { y: 'number' } } };

function run(source: string, context: FeelContext = {}, names: FeelScope = scope): FeelValue {
  const outcome = compileFeel(source, names);
  if (!outcome.ok) assert.fail(`${source} was refused: ${outcome.error.en}`);
  return outcome.compiled.evaluate(context);
}

describe('compiled FEEL: semantics', () => {
  // rows of expression, context, expected value — as feelin's own specs are written
  const rows: [string, FeelContext, FeelValue][] = [
    ['a + b * 2', { a: 1, b: 3 }, 7],
    ['(a + b) * 2', { a: 1, b: 3 }, 8],
    ['a ** 2 / 4 - -1', { a: 4 }, 5],
    ['-a', { a: 2 }, -2],
    ['a + null', { a: 1 }, null],
    ['a + b', { a: 1, b: null }, null],
    ['a + b', { a: 1 }, null], // a missing value is null
    ['a / 0', { a: 1 }, null],
    ['a / (b - b)', { a: 1, b: 5 }, null],
    ['a > null', { a: 1 }, null],
    ['a = null', { a: null }, true],
    ['a != null', { a: 0 }, true],
    ['a = b', { a: 1, b: null }, false],
    ['a > 1 and b > 1', { a: 2, b: null }, null],
    ['a > 1 and b > 1', { a: 0, b: null }, false],
    ['a > 1 or b > 1', { a: 2, b: null }, true],
    ['a > 1 or b > 1', { a: 0, b: null }, null],
    ['not(a > 1)', { a: 0 }, true],
    ['not(a > 1)', {}, null],
    ['a between 1 and 3', { a: 3 }, true],
    ['a between 3 and 1', { a: 2 }, true],
    ['a between 1 and b', { a: 2, b: null }, null],
    ['if a > 1 then (if b > 1 then "both" else "a only") else "neither"', { a: 2, b: 0 }, 'a only'],
    ['if a > 1 then 1 else 2', { a: null }, 2],
    ['group.x + group.inner.y', { group: { x: 1, inner: { y: 2 } } }, 3],
    ['group.inner.y', { group: null }, null],
    ['unknown = null', {}, true],
    ['unknown > 1', {}, null],
    ['a.b = null', { a: 1 }, true], // a path into a number is an unknown name
    ['abs(a) + sqrt(b) + floor(c)', { a: -1, b: 4, c: 2.7 }, 5],
    ['sqrt(a)', { a: -4 }, null],
    ['ceiling(a, 1)', { a: 1.21 }, 1.3],
    ['min(a, b, c)', { a: 3, b: 1, c: 2 }, 1],
    ['max(a, b)', { a: 3, b: null }, null],
    ['a > 1 // a comment', { a: 2 }, true],
  ];
  for (const [source, context, expected] of rows) {
    it(`${source} with ${JSON.stringify(context)} is ${JSON.stringify(expected)}`, () => {
      assert.equal(run(source, context), expected);
    });
  }

  it('reports the names an expression reads, and those the scope does not know', () => {
    const outcome = compileFeel('a + group.inner.y > a and zz = null', scope);
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.compiled.paths, ['a', 'group.inner.y']);
    assert.deepEqual(outcome.compiled.unknownNames, [{ path: 'zz', index: 26 }]);
    assert.deepEqual(outcome.compiled.yields, ['boolean']);
  });
});

describe('compiled FEEL: refusals', () => {
  // expression, the text the refusal names, its index
  const rows: [string, string, number][] = [
    ['a >', 'a >', 3],
    ['a > > 1', '> 1', 4],
    ['', '', 0],
    ['[1, 2]', '[1, 2]', 0],
    ['a in [1, 2]', 'in', 2],
    ['{ x: 1 }.x', '{ x: 1 }', 0],
    ['date("2026-01-01") = null', 'date("2026-01-01")', 0],
    ['for x in [1] return x', 'for x in [1] return x', 0],
    ['some x in [1] satisfies x > 1', 'some x in [1] satisfies x > 1', 0],
    ['a > "5"', '"5"', 4],
    ['a + true', 'true', 4],
    ['a < 1 < 2', 'a < 1', 0],
    ['a and b', 'a', 0],
    ['if a then 1 else 2', 'a', 3],
    ['a = "x"', 'a = "x"', 0],
    ['group.inner + 1', 'group.inner', 0],
    ['mean > 1', 'mean', 0],
    ['substring("ab", 1) = "a"', 'substring', 0],
    ['abs(a, b)', 'abs(a, b)', 0],
    ['abs(n: a)', 'n: a', 4],
    ['1e3 > a', '1e3', 0],
    ['a - - 1', '- 1', 4],
  ];
  for (const [source, text, index] of rows) {
    it(`refuses ${JSON.stringify(source)}, naming ${JSON.stringify(text)} at ${index}, in English and Chinese`, () => {
      const outcome = compileFeel(source, scope);
      assert.equal(outcome.ok, false);
      if (outcome.ok) return;
      assert.equal(outcome.error.text, text);
      assert.equal(outcome.error.index, index);
      assert.match(outcome.error.en, new RegExp(`index ${index}`));
      assert.match(outcome.error.zh, /[\u4e00-\u9fff]/);
      assert.ok(outcome.error.zh.includes(`位置 ${index}`));
    });
  }
});

/** Expressions where FEEL's rules are easy to get wrong, over the rule scope. */
const TRICKY = [
  'count + refunds * 2 - amount / 3',
  'amount / count',
  'amount / (count - 100)',
  'chargebackRatio > 0.01',
  'chargebackRatio > 0.01 and count >= 100',
  'chargebackRatio > 0.01 or refundRatio > 0.3',
  'not(chargebackRatio > 0.01)',
  'not(chargebackRatio > 0.01) or not(refundRatio = null)',
  'count between 5 and 100',
  'count between 100 and 5',
  'averageAmount between baseline.averageAmount.mean and baseline.maxAmount.mean',
  'if count > 50 then (if refundRatio > 0.1 then 1 else 2) else if refundRatio = null then 3 else null',
  'if chargebackRatio > 0.01 then "high" else "low"',
  '-amount + -0.5',
  'refunds ** 2 > amount',
  '(declined - count) ** 0.5 >= 1',
  '(declined - count) ** 0.5 <= 1',
  '(declined - count) ** 0.5 between 0 and 2',
  'abs(refunds - amount) > 10',
  'min(count, declined, refunds) + max(nightShare, cnpShare)',
  'sqrt(amount - refunds)',
  'floor(amount / 3) = ceiling(amount / 3)',
  'floor(averageAmount, 1) + ceiling(refundRatio, 2)',
  'count = declined',
  'count != declined',
  'baseline.amount.sd = null',
  'baseline.days >= 14 and amount > baseline.amount.mean + 3 * baseline.amount.sd',
  'notAName = null and count > 1',
  'notAName > 1 or count > 1',
  '(count > 1) = (declined > 1)',
];

describe('compiled FEEL: the same answers as feelin', () => {
  const names = leafPaths(RULE_SCOPE);
  const sources = [...DEFAULT_RULES.map((r) => r.expression), ...TRICKY];
  const rules = new Set(DEFAULT_RULES.map((r) => r.expression));

  for (const source of sources) {
    it(source, () => {
      const outcome = compileFeel(source, RULE_SCOPE);
      if (!outcome.ok) assert.fail(outcome.error.en);
      const compiled = outcome.compiled.evaluate;
      const random = new Random(hash(source));
      const pool = valuePool(source);
      const seen = new Set<string>();
      // a rule's several conditions all hold in few random contexts: more of them
      const contextsPerExpression = rules.has(source) ? 1000 : 400;
      for (let i = 0; i < contextsPerExpression; i++) {
        const context = randomContext(random, names, pool);
        const expected = evaluate(source, context).value;
        const actual = compiled(context as FeelContext);
        if (!Object.is(actual, expected)) assert.fail(`${source}\ncontext ${JSON.stringify(context)}\nfeelin ${String(expected)}, compiled ${String(actual)}`);
        seen.add(String(actual));
      }
      // the contexts reach more than one answer (a rule: that it fires and that it does not),
      // or the comparison proves little
      assert.ok(seen.size > 1, `only ${[...seen].join()} over ${contextsPerExpression} contexts`);
      if (rules.has(source)) assert.ok(seen.has('true') && seen.has('false'), `a rule that gives only ${[...seen].join()}`);
    });
  }
});

const FEELIN_FUNCTIONS = new Set(leafPaths(RULE_SCOPE).filter((path) => typeof evaluate(path).value === 'function'));

/** Every number path of a scope, dotted. */
function leafPaths(names: FeelScope, prefix = ''): string[] {
  return Object.entries(names).flatMap(([name, entry]) => (entry === 'number' ? [`${prefix}${name}`] : leafPaths(entry, `${prefix}${name}.`)));
}

/**
 * Values for random contexts: the expression's own constants and their neighbours (so that
 * thresholds are crossed both ways), zeros, negatives, fractions and large numbers.
 */
function valuePool(source: string): number[] {
  const constants = (source.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const near = constants.flatMap((k) => [k, k + 1, k - 1, k * 1.01, k * 0.99, k * 3, -k]);
  return [...near, 0, 1, -1, 0.5, 0.01, 2, 3, 14, 20, 30, 100, 1000, 50_000, -2.5, 0.3];
}

function randomContext(random: Random, paths: string[], pool: number[]): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const path of paths) {
    const draw = random.next();
    // A missing value and null read alike — except that feelin reads a missing `count` as its
    // built-in function count(); the rules' contexts always hold every name.
    if (draw < 0.05 && !FEELIN_FUNCTIONS.has(path)) continue;
    const value = draw < 0.2 ? null : draw < 0.3 ? random.between(-2, 2) : random.pick(pool);
    const segments = path.split('.');
    let at = context;
    for (const segment of segments.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
    at[segments.at(-1)!] = value;
  }
  return context;
}

function hash(text: string): number {
  let h = 17;
  for (let i = 0; i < text.length; i++) h = Math.imul(h, 31) + text.charCodeAt(i);
  return h >>> 0;
}
