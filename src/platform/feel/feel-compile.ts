import { evaluate, parseExpression } from 'feelin';
import type { Localized } from '../errors.ts';
import { compileCall, type Operands } from './feel-functions.ts';
import { resolveName } from './feel-names.ts';
import * as ops from './feel-operators.ts';
import { BOOLEAN, constant, NUMBER, STRING, type Part } from './feel-operators.ts';
import { ALLOWED_EN, ALLOWED_ZH, failure, kindWords, Refusal, unsupported } from './feel-refusals.ts';
import { children, syntaxError, type SyntaxNode } from './feel-syntax.ts';

/*
 * FEEL rule expressions compiled once into JavaScript closures: the merchant early-warning rules
 * (src/merchants/rules) and the customer segments (src/engagement/segments) both run on them.
 *
 * feelin parses its source on every `evaluate` and deep-copies the context (see
 * src/engine/expressions/feel.ts), about 0.3 ms a call: far too slow for every rule over a
 * million merchant-days or customers. Here feelin's own parser gives the syntax tree once,
 * and each node becomes a closure with feelin's semantics for the subset rules need — null in
 * arithmetic or a comparison gives null, division by zero gives null, `and`/`or` are
 * three-valued, an unknown name is null. Everything else is refused at compile time, as are
 * operands of the wrong type (`count > "5"`, `amount + true`): feelin gives those odd answers
 * (`"a" < 3` is false, `1 < true` throws), and a rule that compares text with a number is a
 * mistake its author should hear about. feel-compile.test.ts checks the closures against
 * feelin's `evaluate` on random contexts.
 *
 * This file walks the tree and checks each operand's type; the operators' closures are in
 * feel-operators.ts, the functions in feel-functions.ts, names in feel-names.ts, and what is
 * refused, in words, in feel-refusals.ts and feel-syntax.ts.
 *
 * One difference remains, outside what rules meet: a scope name missing from the context reads
 * as null here, where feelin falls back to its built-in function of that name (`count`). The
 * rules' contexts always hold every name.
 */

/** Why an expression was refused: the offending text and its 0-based index in the source. */
export type FeelCompileError = Localized & { index: number; text: string };

/** The type of a name's value. */
export type FeelType = 'number' | 'string' | 'boolean';

/** The names an expression may read: a value of a type, or a group of further names (`baseline.amount.mean`). */
export type FeelScope = { readonly [name: string]: FeelType | FeelScope };

/** Values for the names of a scope; a missing value, or one not of the name's type, reads as null. */
export type FeelContext = { readonly [name: string]: number | string | boolean | null | undefined | FeelContext };

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

/** The walk: each node compiled into a closure once its operands are, and checked for their types. */
class Compiler implements Operands {
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
        return compileCall(this, this.scope, node, parts);
    }
    throw unsupported(node);
  }

  text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  /** The node compiled, refused unless every type it can yield is one of `allowed`. */
  operand(node: SyntaxNode, allowed: number, role: Localized): Part {
    const part = this.compile(node);
    if ((part.kinds & ~allowed) !== 0) {
      const is = kindWords(part.kinds);
      const needs = kindWords(allowed);
      throw new Refusal(node, `this is ${is.en}, but ${role.en} needs ${needs.en}`, `此处是${is.zh}，但${role.zh}需要${needs.zh}`);
    }
    return part;
  }

  /** A literal as feelin reads it; refused where that differs from its plain reading (`1e3` is 1 to feelin). */
  private number(node: SyntaxNode): number {
    const text = this.text(node);
    const feelin = text.includes('.') ? parseFloat(text) : parseInt(text);
    if (Object.is(feelin, Number(text.replace(/\s+/g, '')))) return feelin;
    throw new Refusal(node, 'write the number in plain digits, a minus sign directly before it (1000, -0.5)', '请用普通数字书写，负号紧贴数字（如 1000、-0.5）');
  }

  private name(node: SyntaxNode): Part {
    const name = resolveName(node, this.source, this.scope);
    if (name.known) {
      this.paths.add(name.path);
      return { run: name.run, kinds: name.type === 'number' ? NUMBER : name.type === 'string' ? STRING : BOOLEAN };
    }
    this.unknown.push({ path: name.path, index: node.from });
    return constant(null, 0);
  }

  private negate(node: SyntaxNode): Part {
    return ops.negation(this.operand(node, NUMBER, { en: 'a minus sign', zh: '负号' }).run);
  }

  private arithmetic(leftNode: SyntaxNode, op: string, rightNode: SyntaxNode): Part {
    const role = { en: `'${op}'`, zh: `「${op}」` };
    const left = this.operand(leftNode, NUMBER, role).run;
    const right = this.operand(rightNode, NUMBER, role).run;
    return ops.arithmetic(op, left, right);
  }

  private comparison(node: SyntaxNode, parts: SyntaxNode[]): Part {
    const operator = parts[1]!;
    if (operator.name === 'between') {
      const role = { en: 'between', zh: 'between' };
      const value = this.operand(parts[0]!, NUMBER, role).run;
      const low = this.operand(parts[2]!, NUMBER, role).run;
      const high = this.operand(parts[4]!, NUMBER, role).run;
      return ops.between(value, low, high);
    }
    if (operator.name !== 'CompareOp') throw new Refusal(operator, `'${this.text(operator)}' cannot be used in a rule expression; ${ALLOWED_EN}`, `规则表达式不能使用「${this.text(operator)}」；${ALLOWED_ZH}`);
    const op = this.text(operator);
    if (op === '=' || op === '!=') return this.equality(node, op, parts[0]!, parts[2]!);
    const role = { en: `'${op}'`, zh: `「${op}」` };
    const left = this.operand(parts[0]!, NUMBER, role).run;
    const right = this.operand(parts[2]!, NUMBER, role).run;
    return ops.ordering(op, left, right);
  }

  /** Any two types may be compared for equality, but two that never meet are a mistake. */
  private equality(node: SyntaxNode, op: string, leftNode: SyntaxNode, rightNode: SyntaxNode): Part {
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    if (left.kinds !== 0 && right.kinds !== 0 && (left.kinds & right.kinds) === 0) {
      const a = kindWords(left.kinds);
      const b = kindWords(right.kinds);
      throw new Refusal(node, `compares ${a.en} with ${b.en}, which is never equal`, `比较的是${a.zh}与${b.zh}，两者永远不会相等`);
    }
    return ops.equality(op, left.run, right.run);
  }

  private logic(name: 'Conjunction' | 'Disjunction', leftNode: SyntaxNode, rightNode: SyntaxNode): Part {
    const role = name === 'Conjunction' ? { en: "'and'", zh: '「and」' } : { en: "'or'", zh: '「or」' };
    const left = this.operand(leftNode, BOOLEAN, role).run;
    const right = this.operand(rightNode, BOOLEAN, role).run;
    return ops.logic(name, left, right);
  }

  private conditional(conditionNode: SyntaxNode, thenNode: SyntaxNode, elseNode: SyntaxNode): Part {
    // feelin takes any value but false and null as true (`if 0 then`), FEEL only true: allowing
    // only conditions keeps both readings the same
    const condition = this.operand(conditionNode, BOOLEAN, { en: "an 'if'", zh: '「if」' }).run;
    return ops.conditional(condition, this.compile(thenNode), this.compile(elseNode));
  }
}
