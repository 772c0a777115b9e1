import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileExpression, evaluateCondition, evaluateExpression } from './index.ts';
import type { EvalContext, Expression } from './index.ts';

// 10:00 on Jan 31 2026 in China.
const NOW = new Date('2026-01-31T10:00:00+08:00');

const context: EvalContext = {
  variables: {
    amount: 60000,
    rate: 2.5,
    name: 'Li Wei',
    id: 'C-7',
    count: '12',
    flag: true,
    off: false,
    nothing: null,
    blank: '',
    list: [10, 20, 30],
    none: [],
    bare: {},
    customer: { name: 'Wang', address: { city: 'Shanghai' }, tags: ['vip'] },
    due: new Date('2026-02-01T00:00:00Z'),
    早: 'morning',
  },
  now: NOW,
  currentUser: 'teller01',
  currentUserGroups: ['branch-sh', 'tellers'],
};

/** Compiles (stored as JSON, as the engine does) and evaluates. */
function run(text: string, ctx: EvalContext = context): { ok: true; value: unknown } | { ok: false; error: string } {
  const compiled = compileExpression(text);
  if (!compiled.ok) return { ok: false, error: `compile: ${compiled.error}` };
  const stored = JSON.parse(JSON.stringify(compiled.expression)) as Expression;
  return evaluateExpression(stored, ctx);
}

describe('JUEL values', () => {
  const cases: readonly (readonly [string, unknown])[] = [
    // literals
    ['${42}', 42], ['${1.5e2}', 150], ['${"double"}', 'double'], ["${'single'}", 'single'],
    ["${'it\\'s'}", "it's"], ['${true}', true], ['${false}', false], ['${null}', null],
    // variables and property access
    ['${amount}', 60000], ['${customer.name}', 'Wang'], ['${customer["name"]}', 'Wang'],
    ["${customer['address'].city}", 'Shanghai'], ['${customer.tags[0]}', 'vip'], ['${list[2]}', 30],
    ['${list[5]}', null], ['${customer.missing}', null], ['${nothing.anything}', null], ['${早}', 'morning'],
    ['${execution.getVariable("name")}', 'Li Wei'], ['${execution.getVariable("absent")}', null],
    // arithmetic
    ['${1 + 2}', 3], ['${amount - 1}', 59999], ['${rate * 2}', 5], ['${7 / 2}', 3.5], ['${7 div 2}', 3.5],
    ['${7 % 3}', 1], ['${7 mod 3}', 1], ['${-amount}', -60000], ['${- -3}', 3], ['${2 + 3 * 4}', 14],
    ['${(2 + 3) * 4}', 20], ['${count + 1}', 13], ['${nothing + 1}', 1],
    // comparison, symbols and words
    ['${amount > 50000}', true], ['${amount gt 50000}', true], ['${amount < 50000}', false], ['${amount lt 50000}', false],
    ['${amount >= 60000}', true], ['${amount ge 60001}', false], ['${amount <= 60000}', true], ['${amount le 59999}', false],
    ['${amount == 60000}', true], ['${amount eq 60000}', true], ['${amount != 60000}', false], ['${amount ne 1}', true],
    ['${name == "Li Wei"}', true], ['${"abc" < "abd"}', true], ['${count == 12}', true], ['${flag == "true"}', true],
    ['${due > now()}', true], ['${due == due}', true], ['${customer.tags == customer.tags}', true],
    // null handling
    ['${nothing == null}', true], ['${nothing != null}', false], ['${amount == null}', false], ['${null == null}', true],
    ['${nothing > 1}', false], ['${nothing < 1}', false],
    // logic, symbols and words, short-circuit
    ['${flag && off}', false], ['${flag and not off}', true], ['${off || flag}', true], ['${off or off}', false],
    ['${!flag}', false], ['${not off}', true], ['${!nothing}', true], ['${off && missing}', false], ['${flag || missing}', true],
    // empty
    ['${empty nothing}', true], ['${empty blank}', true], ['${empty none}', true], ['${empty bare}', true],
    ['${empty list}', false], ['${empty name}', false], ['${not empty customer.tags}', true], ['${empty customer.missing}', true],
    // ternary
    ['${amount > 50000 ? "review" : "auto"}', 'review'], ['${off ? 1 : off ? 2 : 3}', 3],
    // precedence: and binds tighter than or, comparison tighter than and
    ['${flag || off && off}', true], ['${1 + 1 == 2 && 3 > 2}', true],
    // built-ins
    ['${now()}', NOW], ['${now() == now()}', true], ['${currentUser()}', 'teller01'], ['${currentUserGroups()}', ['branch-sh', 'tellers']],
    ['${dateTime().toDate()}', NOW],
    ['${dateTime()}', NOW],
    ['${dateTime().plusMinutes(90).toDate()}', new Date('2026-01-31T11:30:00+08:00')],
    ['${dateTime().plusHours(-10).toDate()}', new Date('2026-01-31T00:00:00+08:00')],
    ['${dateTime().plusDays(1).toDate()}', new Date('2026-02-01T10:00:00+08:00')],
    ['${dateTime().plusWeeks(2).toDate()}', new Date('2026-02-14T10:00:00+08:00')],
    ['${dateTime().plusMonths(1).toDate()}', new Date('2026-02-28T10:00:00+08:00')],
    ['${dateTime().plusMonths(1).plusMonths(1).toDate()}', new Date('2026-03-28T10:00:00+08:00')],
    ['${dateTime().plusMonths(2).toDate()}', new Date('2026-03-31T10:00:00+08:00')],
    ['${dateTime().plusMonths(13).plusDays(1).toDate()}', new Date('2027-03-01T10:00:00+08:00')],
    // composite text
    ['Dear ${name}, case ${id}', 'Dear Li Wei, case C-7'],
    ['${amount}${id}', '60000C-7'],
    ['Due ${dateTime().plusDays(1).toDate()}', 'Due 2026-02-01T02:00:00.000Z'],
    ['[${nothing}]', '[]'],
    ['Flags: #{flag}/${off}', 'Flags: true/false'],
    ['Closing brace } ${"}"} stays', 'Closing brace } } stays'],
    ['\\${name} is ${name}', '${name} is Li Wei'],
    ['  ${amount}  ', 60000],
  ];
  for (const [text, expected] of cases) {
    test(`${text} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(run(text), { ok: true, value: expected });
    });
  }

  test('a single expression keeps its type; composite text is a string', () => {
    const single = compileExpression('${amount}');
    const composite = compileExpression('Amount: ${amount}');
    assert.ok(single.ok && single.expression.kind === 'juel' && !single.expression.composite);
    assert.ok(composite.ok && composite.expression.kind === 'juel' && composite.expression.composite);
  });

  test('dateTime() reads the clock at the given offset: Jan 31 in China is still Jan 30 in UTC', () => {
    const now = new Date('2026-01-31T02:00:00+08:00');
    assert.deepEqual(run('${dateTime().plusMonths(1).toDate()}', { ...context, now }), {
      ok: true,
      value: new Date('2026-02-28T02:00:00+08:00'),
    });
    assert.deepEqual(run('${dateTime().plusMonths(1).toDate()}', { ...context, now, utcOffsetMinutes: 0 }), {
      ok: true,
      value: new Date('2026-02-28T18:00:00Z'),
    });
  });

  test('currentUser() and currentUserGroups() without a user', () => {
    const anonymous: EvalContext = { variables: {}, now: NOW };
    assert.deepEqual(run('${currentUser()}', anonymous), { ok: true, value: null });
    assert.deepEqual(run('${currentUserGroups()}', anonymous), { ok: true, value: [] });
  });
});

describe('JUEL evaluation errors', () => {
  const cases: readonly (readonly [string, RegExp])[] = [
    ['${missing}', /^unknown variable missing in \$\{missing\}$/],
    ['${missing == null}', /unknown variable missing/],
    ['Hello ${who}', /unknown variable who/],
    ['${"a" + "b"}', /'\+' needs numbers, got text 'a' \(join text with composite text/],
    ['${amount / 0}', /division by zero/],
    ['${amount mod 0}', /division by zero/],
    ['${name && flag}', /'&&' needs true or false, got text 'Li Wei'/],
    ['${amount ? 1 : 2}', /'\?:' needs true or false, got number 60000/],
    ['${name.length}', /cannot read property text 'length' of text 'Li Wei'/],
    ['${list["x"]}', /a list index must be a whole number/],
    ['${customer[key]}', /unknown variable key/],
    ['${dateTime().plusDays(1.5).toDate()}', /plusDays\(\) needs a whole number/],
    ['${amount == "abc"}', /'==' needs numbers, got text 'abc'/],
  ];
  for (const [text, message] of cases) {
    test(text, () => {
      const result = run(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, message);
    });
  }

  test('a computed key cannot reach the prototype', () => {
    const result = run('${customer[k]}', { ...context, variables: { ...context.variables, k: '__proto__' } });
    assert.deepEqual(result, { ok: false, error: "property '__proto__' is not accessible in ${customer[k]}" });
  });

  test('a stored AST with a method the parser would refuse is refused at run time too', () => {
    const forged: Expression = {
      kind: 'juel',
      source: '${name.toUpperCase()}',
      composite: false,
      ast: { type: 'method', object: { type: 'variable', name: 'name' }, name: 'toDate', args: [] },
    };
    assert.deepEqual(evaluateExpression(forged, context), {
      ok: false,
      error: 'method calls are not supported: toDate() in ${name.toUpperCase()}',
    });
  });
});

describe('JUEL conditions', () => {
  const cases: readonly (readonly [string, boolean | RegExp])[] = [
    ['${amount > 50000}', true],
    ['#{flag and off}', false],
    ['${flag == "true"}', true],
    ['${name}', /^condition \$\{name\} did not yield a boolean but the text "Li Wei"$/],
    ['${nothing}', /did not yield a boolean but null/],
    ['true', /condition true did not yield a boolean/],
    ['${missing > 1}', /unknown variable missing/],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      const compiled = compileExpression(text);
      assert.ok(compiled.ok);
      const result = evaluateCondition(compiled.expression, context);
      if (typeof expected === 'boolean') assert.deepEqual(result, { ok: true, value: expected });
      else {
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.error, expected);
      }
    });
  }
});
