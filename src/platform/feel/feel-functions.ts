import { evaluate } from 'feelin';
import type { Localized } from '../errors.ts';
import type { FeelScope } from './feel-compile.ts';
import { BOOLEAN, fold, NUMBER, type Part, type Run } from './feel-operators.ts';
import { Refusal } from './feel-refusals.ts';
import { children, type SyntaxNode } from './feel-syntax.ts';

/*
 * The functions rules may call — not, abs, min, max, sqrt, floor, ceiling — with feelin's
 * semantics (any null argument gives null), checked for their number and types of values.
 */

/** What a call needs of the compiler: a node's text, and an argument compiled and checked for its type. */
export interface Operands {
  text(node: SyntaxNode): string;
  operand(node: SyntaxNode, allowed: number, role: Localized): Part;
}

/** The functions rules may call: fewest and most values each takes. */
const FUNCTIONS: Record<string, readonly [number, number]> = {
  not: [1, 1], abs: [1, 1], sqrt: [1, 1], floor: [1, 2], ceiling: [1, 2], min: [1, Infinity], max: [1, Infinity],
};

/**
 * A `FunctionInvocation` node (`parts` its children): refused when it is not one of the
 * functions (or a scope name shadows it), has named parameters, or the wrong number of values.
 */
export function compileCall(compiler: Operands, scope: FeelScope, node: SyntaxNode, parts: SyntaxNode[]): Part {
  const [callee, , parameters] = parts;
  const name = callee && callee.name === 'VariableName' ? compiler.text(callee) : '';
  const arity = FUNCTIONS[name];
  if (!arity || Object.hasOwn(scope, name)) {
    const text = compiler.text(callee ?? node);
    throw new Refusal(callee ?? node, `'${text}' is not a function rules can call; they can call not, abs, min, max, sqrt, floor and ceiling`, `「${text}」不是规则可调用的函数；可调用 not、abs、min、max、sqrt、floor、ceiling`);
  }
  if (!parameters || parameters.name !== 'PositionalParameters') {
    throw new Refusal(parameters ?? node, 'named parameters cannot be used in a rule expression; write the values in order', '规则表达式不能使用具名参数；请按顺序写出参数值');
  }
  const argumentNodes = children(parameters);
  const [fewest, most] = arity;
  if (argumentNodes.length < fewest || argumentNodes.length > most) {
    const count = fewest === most ? `${fewest}` : most === Infinity ? `at least ${fewest}` : `${fewest} or ${most}`;
    const countZh = fewest === most ? `${fewest} 个` : most === Infinity ? `至少 ${fewest} 个` : `${fewest} 或 ${most} 个`;
    throw new Refusal(node, `${name} takes ${count} value(s), not ${argumentNodes.length}`, `${name} 需要 ${countZh}参数，而不是 ${argumentNodes.length} 个`);
  }
  const role = { en: name, zh: name };
  if (name === 'not') {
    const value = compiler.operand(argumentNodes[0]!, BOOLEAN, role).run;
    return fold([value], BOOLEAN, (c) => {
      const v = value(c);
      return v === true ? false : v === false ? true : null;
    });
  }
  const values = argumentNodes.map((a) => compiler.operand(a, NUMBER, role).run);
  return fold(values, NUMBER, numeric(name, values));
}

/** The numeric functions as feelin defines them: any null argument gives null. */
function numeric(name: string, values: Run[]): Run {
  const [first, second] = values;
  const one = (f: (n: number) => number | null): Run => (c) => {
    const n = first!(c);
    return typeof n === 'number' ? f(n) : null;
  };
  const scaled = (round: (n: number) => number): Run => (c) => {
    const n = first!(c);
    const scale = second ? second(c) : 0;
    if (typeof n !== 'number' || typeof scale !== 'number') return null;
    const adjust = Math.pow(10, scale);
    return round(n * adjust) / adjust;
  };
  const across = (f: (a: number, b: number) => number): Run => (c) => {
    let result: number | null = null;
    for (const value of values) {
      const v = value(c);
      if (typeof v !== 'number') return null;
      result = result === null ? v : f(result, v);
    }
    return result;
  };
  switch (name) {
    case 'abs': return one(Math.abs);
    case 'sqrt': return one((n) => (n < 0 ? null : Math.sqrt(n)));
    case 'floor': return scaled(Math.floor);
    case 'ceiling': return scaled(Math.ceil);
    case 'min': return across(Math.min);
    default: return across(Math.max);
  }
}

/** Whether feelin reads a bare name as one of its built-in functions (`mean`, `sum`, `date`). */
export function isFeelFunction(name: string): boolean {
  try {
    return typeof evaluate(name).value === 'function';
  } catch {
    return false;
  }
}
