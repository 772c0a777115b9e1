import { evaluate, parseExpression } from 'feelin';
import type { Localized } from '../../platform/errors.ts';

/*
 * FEEL rule expressions compiled once into JavaScript closures.
 *
 * feelin parses its source on every `evaluate` and deep-copies the context (see
 * src/engine/expressions/feel.ts), about 0.3 ms a call: far too slow for every rule over a
 * million merchant-days. Here feelin's own parser gives the syntax tree once,
 * and each node becomes a closure with feelin's semantics for the subset rules need — null in
 * arithmetic or a comparison gives null, division by zero gives null, `and`/`or` are
 * three-valued, an unknown name is null. Everything else is refused at compile time, as are
 * operands of the wrong type (`count > "5"`, `amount + true`): feelin gives those odd answers
 * (`"a" < 3` is false, `1 < true` throws), and a rule that compares text with a number is a
 * mistake its author should hear about. feel-compile.test.ts checks the closures against
 * feelin's `evaluate` on random contexts.
 *
 * One difference remains, outside what rules meet: a scope name missing from the context reads
 * as null here, where feelin falls back to its built-in function of that name (`count`). The
 * rules' contexts always hold every name.
 */

/** Why an expression was refused: the offending text and its 0-based index in the source. */
export type FeelCompileError = Localized & { index: number; text: string };

/** The names an expression may read: a number, or a group of further names (`baseline.amount.mean`). */
export type FeelScope = { readonly [name: string]: 'number' | FeelScope };

/** Values for the names of a scope; a missing or non-number value reads as null. */
export type FeelContext = { readonly [name: string]: number | null | undefined | FeelContext };

export type FeelValue = number | string | boolean | null;

export type CompiledFeel = {
  readonly source: string;
  readonly evaluate: (context: FeelContext) => FeelValue;
  /** The types it can yield besides null. */
  readonly yields: readonly ('number' | 'string' | 'boolean')[];
  /** The known names it reads, as dotted paths, in order of first mention. */
  readonly paths: readonly string[];
  /** Names the scope does not know; each reads as null, as FEEL says. */
  readonly unknownNames: readonly { path: string; index: number }[];
};

export type FeelCompileOutcome = { ok: true; compiled: CompiledFeel } | { ok: false; error: FeelCompileError };

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];
type Run = (context: FeelContext) => FeelValue;
/** A compiled node: its closure and the types it can yield besides null (a bit set). */
type Part = { run: Run; kinds: number };

const NUMBER = 1;
const STRING = 2;
const BOOLEAN = 4;

const NONE: Run = () => null;
/** Closures that give the same value in every context: their parents are folded at compile time. */
const CONSTANTS = new WeakSet<Run>([NONE]);

class Refusal extends Error {
  constructor(readonly node: SyntaxNode, readonly en: string, readonly zh: string) {
    super(en);
  }
}

/**
 * Compiles a FEEL expression over the names of `scope`. Refuses syntax errors, constructs rules
 * do not need (lists, contexts, loops, dates, other functions), operands of the wrong type, and
 * a name that stands for a group of values (`baseline.amount`); the refusal names the offending
 * text and its index, in English and Chinese.
 */
export function compileFeel(source: string, scope: FeelScope): FeelCompileOutcome {
  if (source.trim() === '') return { ok: false, error: failure(0, source, 'the expression is empty', '表达式为空') };
  const tree = parseExpression(source, scope, undefined);
  const syntax = syntaxError(source, tree.topNode);
  if (syntax) return { ok: false, error: syntax };
  const compiler = new Compiler(source, scope);
  try {
    const root = compiler.compile(tree.topNode);
    const yields = (['number', 'string', 'boolean'] as const).filter((_, i) => (root.kinds & (1 << i)) !== 0);
    return { ok: true, compiled: { source, evaluate: root.run, yields, paths: [...compiler.paths], unknownNames: compiler.unknown } };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const { from, to } = error.node;
    return { ok: false, error: failure(from, source.slice(from, to), error.en, error.zh) };
  }
}

function failure(index: number, text: string, en: string, zh: string): FeelCompileError {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { en: `'${shown}' (index ${index}): ${en}`, zh: `「${shown}」（位置 ${index}）：${zh}`, index, text };
}

/** The first syntax error feelin's parser marks in the tree, if any. */
function syntaxError(source: string, top: SyntaxNode): FeelCompileError | null {
  let found: SyntaxNode | null = null;
  top.cursor().iterate((node) => {
    if (found) return false;
    if (node.type.isError) found = node.node;
    return undefined;
  });
  if (!found) return null;
  const { from, to, parent } = found as SyntaxNode;
  const within = NODE_WORDS[parent?.name ?? 'Expression'] ?? { en: 'expression', zh: '表达式' };
  if (from < to) return failure(from, source.slice(from, to), 'FEEL syntax error: this text is not expected here', 'FEEL 语法错误：此处不应出现这段文字');
  if (from >= source.trimEnd().length) {
    return failure(from, source.slice(Math.max(0, from - 20)), `FEEL syntax error: the expression ends too early (an incomplete ${within.en})`, `FEEL 语法错误：表达式不完整（${within.zh}未写完）`);
  }
  return failure(from, source.slice(from).trim().split(/\s+/)[0] ?? '', `FEEL syntax error: unexpected text in a ${within.en}`, `FEEL 语法错误：${within.zh}中出现意外的文字`);
}

/** feelin's names of the nodes a syntax error is found in, as words. */
const NODE_WORDS: Record<string, Localized> = {
  Expression: { en: 'expression', zh: '表达式' },
  Comparison: { en: 'comparison', zh: '比较' },
  ArithmeticExpression: { en: 'calculation', zh: '算式' },
  Conjunction: { en: "'and'", zh: '「and」' },
  Disjunction: { en: "'or'", zh: '「or」' },
  IfExpression: { en: 'if … then … else', zh: 'if … then … else ' },
  FunctionInvocation: { en: 'function call', zh: '函数调用' },
  PositionalParameters: { en: 'function call', zh: '函数调用' },
  ParenthesizedExpression: { en: 'parenthesis', zh: '括号' },
  PathExpression: { en: 'name', zh: '名称' },
};

/** Constructs FEEL has but rules do not need, by feelin's node names. */
const UNSUPPORTED: Record<string, Localized> = {
  List: { en: 'lists', zh: '列表' },
  Context: { en: 'contexts ({ … })', zh: '上下文（{ … }）' },
  FunctionDefinition: { en: 'function definitions', zh: '函数定义' },
  ForExpression: { en: 'for loops', zh: 'for 循环' },
  QuantifiedExpression: { en: 'some / every', zh: 'some / every' },
  FilterExpression: { en: 'filters ([…])', zh: '过滤（[…]）' },
  InstanceOfExpression: { en: 'instance of', zh: 'instance of' },
  Interval: { en: 'ranges', zh: '区间' },
  DateTimeLiteral: { en: 'dates and times', zh: '日期和时间' },
  AtLiteral: { en: 'dates and times', zh: '日期和时间' },
  DateTimeConstructor: { en: 'dates and times', zh: '日期和时间' },
  SpecialFunctionName: { en: 'this function', zh: '此函数' },
  SimplePositiveUnaryTest: { en: 'unary tests (> 1 alone)', zh: '一元测试（单独的 > 1）' },
};
const ALLOWED_EN = 'rules may use numbers, names such as baseline.amount.mean, + - * / **, comparisons, between, and / or / not(), if … then … else, and abs, min, max, sqrt, floor, ceiling';
const ALLOWED_ZH = '规则可以使用数字、名称（如 baseline.amount.mean）、+ - * / **、比较、between、and / or / not()、if … then … else，以及 abs、min、max、sqrt、floor、ceiling';

function kindWords(kinds: number): Localized {
  const en: string[] = [];
  const zh: string[] = [];
  if (kinds & NUMBER) (en.push('a number'), zh.push('数字'));
  if (kinds & STRING) (en.push('text'), zh.push('文本'));
  if (kinds & BOOLEAN) (en.push('a condition (true/false)'), zh.push('条件（真/假）'));
  return { en: en.join(' or '), zh: zh.join('或') };
}

class Compiler {
  readonly paths = new Set<string>();
  readonly unknown: { path: string; index: number }[] = [];

  constructor(private readonly source: string, private readonly scope: FeelScope) {}

  compile(node: SyntaxNode): Part {
    const parts = children(node);
    switch (node.name) {
      case 'Expression':
      case 'ParenthesizedExpression':
        return this.compile(parts.find((p) => p.name !== '(' && p.name !== ')')!);
      case 'NumericLiteral':
        return constant(this.number(node), NUMBER);
      case 'StringLiteral':
        // feelin decodes the escapes; a literal alone is a whole expression
        return constant(evaluate(this.text(node)).value as string, STRING);
      case 'BooleanLiteral':
        return constant(this.text(node) === 'true', BOOLEAN);
      case 'null':
        return constant(null, 0);
      case 'VariableName':
      case 'PathExpression':
        return this.name(node);
      case 'ArithmeticExpression':
        return parts.length === 2 ? this.negate(parts[1]!) : this.arithmetic(parts[0]!, this.text(parts[1]!), parts[2]!);
      case 'Comparison':
        return this.comparison(node, parts);
      case 'Conjunction':
      case 'Disjunction':
        return this.logic(node.name, parts[0]!, parts[2]!);
      case 'IfExpression':
        return this.conditional(parts[1]!, parts[3]!, parts[5]!);
      case 'FunctionInvocation':
        return this.call(node, parts);
    }
    const what = UNSUPPORTED[node.name] ?? { en: 'this construct', zh: '这种写法' };
    throw new Refusal(node, `${what.en} cannot be used in a rule expression; ${ALLOWED_EN}`, `规则表达式不能使用${what.zh}；${ALLOWED_ZH}`);
  }

  private text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  /** A literal as feelin reads it; refused where that differs from its plain reading (`1e3` is 1 to feelin). */
  private number(node: SyntaxNode): number {
    const text = this.text(node);
    const feelin = text.includes('.') ? parseFloat(text) : parseInt(text);
    if (Object.is(feelin, Number(text.replace(/\s+/g, '')))) return feelin;
    throw new Refusal(node, 'write the number in plain digits, a minus sign directly before it (1000, -0.5)', '请用普通数字书写，负号紧贴数字（如 1000、-0.5）');
  }

  private name(node: SyntaxNode): Part {
    const path: string[] = [];
    for (let at: SyntaxNode = node; ; ) {
      if (at.name === 'VariableName') {
        path.unshift(this.text(at).replace(/\s+/g, ' '));
        break;
      }
      const [target, , member] = children(at);
      if (at.name !== 'PathExpression' || !target || !member) throw new Refusal(at, `only names can be followed by '.'; ${ALLOWED_EN}`, `只有名称后面可以跟「.」；${ALLOWED_ZH}`);
      path.unshift(this.text(member).replace(/\s+/g, ' '));
      at = target;
    }
    let entry: FeelScope | 'number' | undefined = this.scope;
    for (const segment of path) entry = typeof entry === 'object' && Object.hasOwn(entry, segment) ? entry[segment] : undefined;
    const dotted = path.join('.');
    if (entry === 'number') {
      this.paths.add(dotted);
      return { run: reader(path), kinds: NUMBER };
    }
    if (entry !== undefined) {
      const members = Object.keys(entry).slice(0, 4).join(', ');
      throw new Refusal(node, `'${dotted}' is a group of values (${members}…), not a number; name one of them`, `「${dotted}」是一组值（${members}…），不是数字；请写出其中一项`);
    }
    const first = path[0]!;
    if (!Object.hasOwn(this.scope, first) && isFeelFunction(first)) {
      throw new Refusal(node, `'${first}' is a FEEL function, not a value`, `「${first}」是 FEEL 函数，不是值`);
    }
    this.unknown.push({ path: dotted, index: node.from });
    return constant(null, 0);
  }

  private operand(node: SyntaxNode, allowed: number, role: Localized): Part {
    const part = this.compile(node);
    if ((part.kinds & ~allowed) !== 0) {
      const is = kindWords(part.kinds);
      const needs = kindWords(allowed);
      throw new Refusal(node, `this is ${is.en}, but ${role.en} needs ${needs.en}`, `此处是${is.zh}，但${role.zh}需要${needs.zh}`);
    }
    return part;
  }

  private negate(node: SyntaxNode): Part {
    const value = this.operand(node, NUMBER, { en: 'a minus sign', zh: '负号' }).run;
    return fold([value], NUMBER, (c) => {
      const v = value(c);
      // 0 - v, not -v, as feelin computes it: the two differ in the sign of zero
      return typeof v === 'number' ? 0 - v : null;
    });
  }

  private arithmetic(leftNode: SyntaxNode, op: string, rightNode: SyntaxNode): Part {
    const role = { en: `'${op}'`, zh: `「${op}」` };
    const left = this.operand(leftNode, NUMBER, role).run;
    const right = this.operand(rightNode, NUMBER, role).run;
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

  private comparison(node: SyntaxNode, parts: SyntaxNode[]): Part {
    const operator = parts[1]!;
    if (operator.name === 'between') {
      const role = { en: 'between', zh: 'between' };
      const value = this.operand(parts[0]!, NUMBER, role).run;
      const low = this.operand(parts[2]!, NUMBER, role).run;
      const high = this.operand(parts[4]!, NUMBER, role).run;
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
    if (operator.name !== 'CompareOp') throw new Refusal(operator, `'${this.text(operator)}' cannot be used in a rule expression; ${ALLOWED_EN}`, `规则表达式不能使用「${this.text(operator)}」；${ALLOWED_ZH}`);
    const op = this.text(operator);
    if (op === '=' || op === '!=') return this.equality(node, op, parts[0]!, parts[2]!);
    const role = { en: `'${op}'`, zh: `「${op}」` };
    const left = this.operand(parts[0]!, NUMBER, role).run;
    const right = this.operand(parts[2]!, NUMBER, role).run;
    const both = (f: (a: number, b: number) => boolean): Run => (c) => {
      const a = left(c);
      const b = right(c);
      return typeof a === 'number' && typeof b === 'number' ? f(a, b) : null;
    };
    // feelin compares through a range's bounds, where NaN compares as equal: hence !(a > b) for <=
    const run = op === '<' ? both((a, b) => a < b) : op === '>' ? both((a, b) => a > b) : op === '<=' ? both((a, b) => !(a > b)) : both((a, b) => !(a < b));
    return fold([left, right], BOOLEAN, run);
  }

  private equality(node: SyntaxNode, op: string, leftNode: SyntaxNode, rightNode: SyntaxNode): Part {
    const leftPart = this.compile(leftNode);
    const rightPart = this.compile(rightNode);
    if (leftPart.kinds !== 0 && rightPart.kinds !== 0 && (leftPart.kinds & rightPart.kinds) === 0) {
      const a = kindWords(leftPart.kinds);
      const b = kindWords(rightPart.kinds);
      throw new Refusal(node, `compares ${a.en} with ${b.en}, which is never equal`, `比较的是${a.zh}与${b.zh}，两者永远不会相等`);
    }
    const left = leftPart.run;
    const right = rightPart.run;
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

  private logic(name: 'Conjunction' | 'Disjunction', leftNode: SyntaxNode, rightNode: SyntaxNode): Part {
    const role = name === 'Conjunction' ? { en: "'and'", zh: '「and」' } : { en: "'or'", zh: '「or」' };
    const left = this.operand(leftNode, BOOLEAN, role).run;
    const right = this.operand(rightNode, BOOLEAN, role).run;
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

  private conditional(conditionNode: SyntaxNode, thenNode: SyntaxNode, elseNode: SyntaxNode): Part {
    // feelin takes any value but false and null as true (`if 0 then`), FEEL only true: allowing
    // only conditions keeps both readings the same
    const condition = this.operand(conditionNode, BOOLEAN, { en: "an 'if'", zh: '「if」' }).run;
    const whenTrue = this.compile(thenNode);
    const whenFalse = this.compile(elseNode);
    const a = whenTrue.run;
    const b = whenFalse.run;
    return fold([condition, a, b], whenTrue.kinds | whenFalse.kinds, (c) => (condition(c) === true ? a(c) : b(c)));
  }

  private call(node: SyntaxNode, parts: SyntaxNode[]): Part {
    const [callee, , parameters] = parts;
    const name = callee && callee.name === 'VariableName' ? this.text(callee) : '';
    const arity = FUNCTIONS[name];
    if (!arity || Object.hasOwn(this.scope, name)) {
      throw new Refusal(callee ?? node, `'${this.text(callee ?? node)}' is not a function rules can call; they can call not, abs, min, max, sqrt, floor and ceiling`, `「${this.text(callee ?? node)}」不是规则可调用的函数；可调用 not、abs、min、max、sqrt、floor、ceiling`);
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
      const value = this.operand(argumentNodes[0]!, BOOLEAN, role).run;
      return fold([value], BOOLEAN, (c) => {
        const v = value(c);
        return v === true ? false : v === false ? true : null;
      });
    }
    const values = argumentNodes.map((a) => this.operand(a, NUMBER, role).run);
    return fold(values, NUMBER, numeric(name, values));
  }
}

/** The functions rules may call: fewest and most values each takes. */
const FUNCTIONS: Record<string, readonly [number, number]> = {
  not: [1, 1], abs: [1, 1], sqrt: [1, 1], floor: [1, 2], ceiling: [1, 2], min: [1, Infinity], max: [1, Infinity],
};

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
  const fold = (f: (a: number, b: number) => number): Run => (c) => {
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
    case 'min': return fold(Math.min);
    default: return fold(Math.max);
  }
}

/** Whether feelin reads a bare name as one of its built-in functions (`mean`, `sum`, `date`). */
function isFeelFunction(name: string): boolean {
  try {
    return typeof evaluate(name).value === 'function';
  } catch {
    return false;
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment' && child.name !== 'BlockComment') found.push(child);
  }
  return found;
}

function constant(value: FeelValue, kinds: number): Part {
  if (value === null) return { run: NONE, kinds };
  const run: Run = () => value;
  CONSTANTS.add(run);
  return { run, kinds };
}

/** A node whose operands are all constant is evaluated once, here. */
function fold(operands: Run[], kinds: number, run: Run): Part {
  return operands.every((o) => CONSTANTS.has(o)) ? constant(run({}), kinds) : { run, kinds };
}

/** A closure reading one path of the context: a number, or null for anything else. */
function reader(path: string[]): Run {
  const [a, b, c] = path;
  if (path.length === 1) return (context) => asNumber(context[a!]);
  if (path.length === 2) return (context) => asNumber(group(context[a!])?.[b!]);
  if (path.length === 3) return (context) => asNumber(group(group(context[a!])?.[b!])?.[c!]);
  return (context) => {
    let at: FeelContext | undefined = context;
    for (let i = 0; i < path.length - 1; i++) at = group(at?.[path[i]!]);
    return asNumber(at?.[path[path.length - 1]!]);
  };
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function group(value: FeelContext[string] | undefined): FeelContext | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}
