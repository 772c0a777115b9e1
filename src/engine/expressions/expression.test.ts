import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileExpression, evaluateCondition, evaluateExpression } from './index.ts';
import type { EvalContext, Expression } from './index.ts';

const NOW = new Date('2026-01-31T02:00:00+08:00'); // still Jan 30 in UTC

const context: EvalContext = {
  variables: { amount: 60000, status: 'open', x: true, 'customer name': 'Wang', items: [1, 2, 3], due: new Date('2026-02-01T00:00:00Z') },
  now: NOW,
};

function compiled(text: string): Expression {
  const result = compileExpression(text);
  assert.ok(result.ok, JSON.stringify(result));
  return JSON.parse(JSON.stringify(result.expression)) as Expression;
}

describe('compileExpression tells the dialects apart', () => {
  const cases: readonly (readonly [string, Expression['kind']])[] = [
    ['approved', 'literal'],
    ['Dear customer', 'literal'],
    ['costs $5 {net}', 'literal'],
    ['=amount > 50000', 'feel'],
    ['  = amount > 50000', 'feel'],
    ['${amount > 50000}', 'juel'],
    ['#{amount > 50000}', 'juel'],
    ['Dear ${name}', 'juel'],
  ];
  for (const [text, kind] of cases) {
    test(`${JSON.stringify(text)} is ${kind}`, () => {
      assert.equal(compiled(text).kind, kind);
    });
  }

  test('a literal evaluates to its own text', () => {
    assert.deepEqual(evaluateExpression(compiled('approved'), context), { ok: true, value: 'approved' });
  });
});

describe('refused at compile time, naming the construct, its position and the expression', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['${obj.method()}', "unsupported construct 'obj.method()' at 7 in ${obj.method()}"],
    ['${name.toUpperCase()}', "unsupported construct 'name.toUpperCase()' at 8 in ${name.toUpperCase()}"],
    ['${execution.setVariable("a", 1)}', "unsupported construct 'execution.setVariable()' at 13 in ${execution.setVariable(\"a\", 1)}"],
    ['${now().getTime()}', "unsupported construct 'now().getTime()' at 9 in ${now().getTime()}"],
    ['${dateTime().plusYears(1)}', "unsupported construct 'dateTime().plusYears()' at 14 in ${dateTime().plusYears(1)}"],
    ['${dateTime().toDate().plusDays(1)}', "unsupported construct 'dateTime().toDate().plusDays()' at 23 in ${dateTime().toDate().plusDays(1)}"],
    ['${foo()}', "unsupported construct 'foo()' at 3 in ${foo()}"],
    ['${fn:length(list)}', "unexpected ':' at 5 in ${fn:length(list)}"],
    ['${a.constructor}', "unsupported construct 'a.constructor' (prototype access) at 5 in ${a.constructor}"],
    ['${a.__proto__.x}', "unsupported construct 'a.__proto__' (prototype access) at 5 in ${a.__proto__.x}"],
    ['${a["prototype"]}', 'unsupported construct \'a["prototype"]\' (prototype access) at 4 in ${a["prototype"]}'],
    ['${a = 1}', "unsupported construct assignment '=' (use '==' to compare) at 5 in ${a = 1}"],
    ['${x -> x + 1}', "unsupported construct lambda '->' at 5 in ${x -> x + 1}"],
    ['${a; b}', "unsupported construct statement separator ';' at 4 in ${a; b}"],
    ['${a += "b"}', 'unsupported construct string concatenation \'+=\' (write composite text such as "${a}${b}" instead) at 5 in ${a += "b"}'],
    ['${[1, 2]}', "unsupported construct list literal '[' at 3 in ${[1, 2]}"],
    ['${{1, 2}}', "unsupported construct set or map literal '{' at 3 in ${{1, 2}}"],
    ['${a instanceof b}', "unsupported construct 'instanceof' at 5 in ${a instanceof b}"],
    ['${a & b}', "unsupported construct single '&' (use '&&' or 'and') at 5 in ${a & b}"],
    ['${(a)(1)}', "unsupported construct '(a)()' at 6 in ${(a)(1)}"],
    ['${now(1)}', 'now() takes no arguments at 3 in ${now(1)}'],
    ['${execution.getVariable()}', 'execution.getVariable() takes exactly one argument at 13 in ${execution.getVariable()}'],
    ['${amount', "unterminated expression: '}' is missing at 1 in ${amount"],
    ['Dear ${name', "unterminated expression: '}' is missing at 6 in Dear ${name"],
    ['${(amount > 1}', "unexpected '}', ')' expected at 14 in ${(amount > 1}"],
    ['${amount > 1)}', "unexpected ')' at 13 in ${amount > 1)}"],
    ['${}', 'empty expression at 3 in ${}'],
    ['${a ? b}', "unexpected '}', ':' expected at 8 in ${a ? b}"],
    ['${"open}', 'unterminated string starting with " at 3 in ${"open}'],
    ['${amount >}', 'unexpected end of expression at 11 in ${amount >}'],
    ['${a @ b}', "unexpected character '@' at 5 in ${a @ b}"],
    ['${and}', "unexpected 'and' at 3 in ${and}"],
    ['${1e999}', 'number 1e999 is too large at 3 in ${1e999}'],
    ['${a constructor b}', "unexpected 'constructor' at 5 in ${a constructor b}"],
    ['${a toString b}', "unexpected 'toString' at 5 in ${a toString b}"],
  ];
  for (const [text, error] of cases) {
    test(text, () => {
      assert.deepEqual(compileExpression(text), { ok: false, error });
    });
  }
});

describe('FEEL', () => {
  const values: readonly (readonly [string, unknown])[] = [
    ['=amount > 50000', true],
    ['=if amount > 50000 then "review" else "auto"', 'review'],
    ['=status = "open" and x', true],
    ['=customer name', 'Wang'],
    ['=count(items) * 2', 6],
    ['=for i in items return i * 10', [10, 20, 30]],
    ['={total: sum(items)}', { total: 6 }],
    ['=missing', null],
    ['=now()', NOW],
    ['=today()', '2026-01-31'], // the local date, not UTC's Jan 30
    ['=now() + duration("P1M")', new Date('2026-02-28T02:00:00+08:00')],
    ['=due > now()', true],
    ['=date("2026-01-31") + duration("P1D")', '2026-02-01'],
    ['=duration("PT90M")', 'PT1H30M'],
  ];
  for (const [text, expected] of values) {
    test(`${text} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evaluateExpression(compiled(text), context), { ok: true, value: expected });
    });
  }

  const conditions: readonly (readonly [string, boolean | RegExp])[] = [
    ['=amount > 50000', true],
    ['=amount <= 50000', false],
    ['=status = "closed" or not(x)', false],
    ['=list contains(items, 2)', true],
    ['=missing > 5', /^condition =missing > 5 did not yield a boolean but null; Variable 'missing' not found$/],
    ['=status', /did not yield a boolean but the text "open"/],
  ];
  for (const [text, expected] of conditions) {
    test(`condition ${text}`, () => {
      const result = evaluateCondition(compiled(text), context);
      if (typeof expected === 'boolean') assert.deepEqual(result, { ok: true, value: expected });
      else {
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.error, expected);
      }
    });
  }

  test('now() and today() read the evaluation clock at the given offset', () => {
    const at = (utcOffsetMinutes: number, text: string) =>
      evaluateExpression(compiled(text), { ...context, utcOffsetMinutes });
    assert.deepEqual(at(0, '=today()'), { ok: true, value: '2026-01-30' });
    assert.deepEqual(at(-300, '=string(now())'), { ok: true, value: '2026-01-30T13:00:00-05:00' });
    assert.deepEqual(at(-300, '=now()'), { ok: true, value: NOW });
  });

  test('a function value is an error, not a stored variable', () => {
    const result = evaluateExpression(compiled('=function(a) a + 1'), context);
    assert.equal(result.ok, false);
  });

  const syntaxErrors: readonly (readonly [string, RegExp])[] = [
    ['=amount >', /^FEEL syntax error: incomplete Comparison at 10 in =amount >$/],
    ['=if x then 1', /^FEEL syntax error: .* in =if x then 1$/],
    ['=1 +* 2', /^FEEL syntax error: .* at 5 in =1 \+\* 2$/],
    ['=', /^empty FEEL expression at 2 in =$/],
    ['="unterminated', /^FEEL syntax error: .* in ="unterminated$/],
  ];
  for (const [text, error] of syntaxErrors) {
    test(`syntax error refused at compile time: ${text}`, () => {
      const result = compileExpression(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, error);
    });
  }
});
