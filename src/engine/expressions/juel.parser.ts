import { FORBIDDEN_PROPERTIES, isBuiltinFunction, isDateTimeMethod } from './juel.ast.ts';
import type { BinaryOp, JuelNode } from './juel.ast.ts';
import { JuelSyntaxError, tokenize } from './juel.lexer.ts';
import type { Token } from './juel.lexer.ts';

/** Binary operators and their binding power (EL's precedence, `?:` below all of them). */
const BINARY: ReadonlyMap<string, readonly [BinaryOp, number]> = new Map([
  ['||', ['||', 1]], ['or', ['||', 1]],
  ['&&', ['&&', 2]], ['and', ['&&', 2]],
  ['==', ['==', 3]], ['eq', ['==', 3]], ['!=', ['!=', 3]], ['ne', ['!=', 3]],
  ['<', ['<', 4]], ['lt', ['<', 4]], ['>', ['>', 4]], ['gt', ['>', 4]],
  ['<=', ['<=', 4]], ['le', ['<=', 4]], ['>=', ['>=', 4]], ['ge', ['>=', 4]],
  ['+', ['+', 5]], ['-', ['-', 5]],
  ['*', ['*', 6]], ['/', ['/', 6]], ['div', ['/', 6]], ['%', ['%', 6]], ['mod', ['%', 6]],
]);

/** Prefix operators: `-`, `!`/`not`, `empty`. */
const UNARY: ReadonlyMap<string, '-' | '!' | 'empty'> = new Map([['-', '-'], ['!', '!'], ['not', '!'], ['empty', 'empty']]);

const RESERVED = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'true', 'false', 'null', 'empty', 'div', 'mod', 'instanceof']);

/**
 * Parses text holding `${…}` / `#{…}` expressions. A text that is exactly one expression (give or
 * take surrounding whitespace) keeps its value's type; anything else is composite text. `\${`
 * writes a literal `${`. Throws JuelSyntaxError naming the construct and its index.
 */
export function parseJuel(text: string): { ast: JuelNode; composite: boolean } {
  const parts: JuelNode[] = [];
  let literal = '';
  let surrounding = '';
  let last: JuelNode | null = null;
  let expressions = 0;
  let i = 0;
  const flush = () => {
    if (literal !== '') parts.push({ type: 'literal', value: literal });
    surrounding += literal;
    literal = '';
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '#') && text[i + 2] === '{') {
      literal += text.slice(i + 1, i + 3);
      i += 3;
    } else if ((c === '$' || c === '#') && text[i + 1] === '{') {
      flush();
      const tokens = tokenize(text, i + 2, i);
      last = new Parser(text, tokens).body();
      parts.push(last);
      expressions += 1;
      i = (tokens[tokens.length - 1]?.index ?? text.length) + 1;
    } else {
      literal += c;
      i += 1;
    }
  }
  flush();
  if (expressions === 1 && last && surrounding.trim() === '') return { ast: last, composite: false };
  return { ast: { type: 'composite', parts }, composite: true };
}

class Parser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** One whole `${…}` body, up to its closing brace. */
  body(): JuelNode {
    if (this.peek().kind === 'end') throw new JuelSyntaxError('empty expression', this.peek().index);
    const node = this.expression();
    if (this.peek().kind !== 'end') throw this.unexpected(this.peek());
    return node;
  }

  private peek(): Token {
    const token = this.tokens[this.at] ?? this.tokens[this.tokens.length - 1];
    if (!token) throw new JuelSyntaxError('empty expression', 0);
    return token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.at += 1;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expect(value: string): void {
    if (!this.isPunct(value)) throw this.unexpected(this.peek(), `'${value}' expected`);
    this.next();
  }

  private unexpected(token: Token, expected?: string): JuelSyntaxError {
    const what = token.kind === 'end' ? `'}'` : `'${token.text}'`;
    if (token.kind === 'ident' && token.value === 'instanceof') return new JuelSyntaxError("unsupported construct 'instanceof'", token.index);
    return new JuelSyntaxError(`unexpected ${what}${expected ? `, ${expected}` : ''}`, token.index);
  }

  /** `test ? then : else`, right-associative, below every binary operator. */
  private expression(): JuelNode {
    const test = this.binary(1);
    if (!this.isPunct('?')) return test;
    this.next();
    const then = this.expression();
    this.expect(':');
    return { type: 'conditional', test, then, else: this.expression() };
  }

  private binary(minPower: number): JuelNode {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const op = token.kind === 'punct' || token.kind === 'ident' ? BINARY.get(token.value) : undefined;
      if (!op || op[1] < minPower) return left;
      this.next();
      left = { type: 'binary', op: op[0], left, right: this.binary(op[1] + 1) };
    }
  }

  private unary(): JuelNode {
    const token = this.peek();
    const op = token.kind === 'punct' || token.kind === 'ident' ? UNARY.get(token.value) : undefined;
    if (op === undefined) return this.postfix();
    this.next();
    return { type: 'unary', op, operand: this.unary() };
  }

  private postfix(): JuelNode {
    const start = this.peek().index;
    let node = this.primary();
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw this.unexpected(name, 'a property name expected');
        if (this.isPunct('(')) {
          node = this.methodCall(node, start, name);
        } else {
          node = this.member(node, name.value, this.source(start, name), name.index);
        }
      } else if (this.isPunct('[')) {
        const open = this.next();
        const property = this.expression();
        const close = this.peek();
        this.expect(']');
        if (property.type === 'literal' && typeof property.value === 'string') {
          node = this.member(node, property.value, this.source(start, close), open.index);
        } else {
          node = { type: 'member', object: node, property };
        }
      } else if (this.isPunct('(')) {
        throw new JuelSyntaxError(`unsupported construct '${this.text.slice(start, this.peek().index)}()'`, this.peek().index);
      } else {
        return node;
      }
    }
  }

  private member(object: JuelNode, name: string, construct: string, index: number): JuelNode {
    if (FORBIDDEN_PROPERTIES.has(name)) throw new JuelSyntaxError(`unsupported construct '${construct}' (prototype access)`, index);
    return { type: 'member', object, property: { type: 'literal', value: name } };
  }

  /** Only `execution.getVariable(x)` and the whitelisted methods on `dateTime()`. */
  private methodCall(object: JuelNode, start: number, name: Extract<Token, { kind: 'ident' }>): JuelNode {
    const construct = `${this.source(start, name)}()`;
    const args = this.arguments();
    if (object.type === 'variable' && object.name === 'execution' && name.value === 'getVariable') {
      if (args.length !== 1 || !args[0]) throw new JuelSyntaxError('execution.getVariable() takes exactly one argument', name.index);
      return { type: 'getVariable', name: args[0] };
    }
    const onDateTime = (object.type === 'call' && object.name === 'dateTime') || (object.type === 'method' && object.name !== 'toDate');
    if (!onDateTime || !isDateTimeMethod(name.value)) throw new JuelSyntaxError(`unsupported construct '${construct}'`, name.index);
    const arity = name.value === 'toDate' ? 0 : 1;
    if (args.length !== arity) {
      throw new JuelSyntaxError(`${name.value}() takes ${arity === 0 ? 'no arguments' : 'one argument'}`, name.index);
    }
    return { type: 'method', object, name: name.value, args };
  }

  private arguments(): JuelNode[] {
    this.expect('(');
    const args: JuelNode[] = [];
    if (this.isPunct(')')) {
      this.next();
      return args;
    }
    for (;;) {
      args.push(this.expression());
      if (this.isPunct(')')) {
        this.next();
        return args;
      }
      this.expect(',');
    }
  }

  private primary(): JuelNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: token.value };
      case 'string':
        return { type: 'literal', value: token.value };
      case 'ident': {
        if (token.value === 'true' || token.value === 'false') return { type: 'literal', value: token.value === 'true' };
        if (token.value === 'null') return { type: 'literal', value: null };
        if (RESERVED.has(token.value)) throw this.unexpected(token);
        if (!this.isPunct('(')) return { type: 'variable', name: token.value };
        const args = this.arguments();
        if (!isBuiltinFunction(token.value)) throw new JuelSyntaxError(`unsupported construct '${token.value}()'`, token.index);
        if (args.length > 0) throw new JuelSyntaxError(`${token.value}() takes no arguments`, token.index);
        return { type: 'call', name: token.value };
      }
      case 'punct':
        if (token.value === '(') {
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        if (token.value === '[') throw new JuelSyntaxError("unsupported construct list literal '['", token.index);
        throw this.unexpected(token);
      case 'end':
        throw new JuelSyntaxError('unexpected end of expression', token.index);
    }
  }

  /** The source text from `start` to the end of `last`, for error messages. */
  private source(start: number, last: Token): string {
    return this.text.slice(start, last.index + last.text.length);
  }
}
