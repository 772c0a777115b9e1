import { isDeepStrictEqual } from 'node:util';
import { JodaDateTime } from './joda-date-time.ts';
import { FORBIDDEN_PROPERTIES, isBuiltinFunction, isDateTimeMethod } from './juel.ast.ts';
import type { BinaryOp, JuelNode } from './juel.ast.ts';

/** What an expression can see while it runs. */
export type JuelScope = {
  variables: Record<string, unknown>;
  now: Date;
  currentUser: string | null;
  currentUserGroups: readonly string[];
  utcOffsetMinutes: number;
};

/** A failure while evaluating: an unknown variable, a type mismatch, division by zero. */
export class JuelEvalError extends Error {
  override name = 'JuelEvalError';
}

/**
 * Evaluates a parsed expression by walking its AST; nothing is looked up on prototypes and only
 * whitelisted methods run. A `dateTime()` result is returned as a Date. Throws JuelEvalError.
 */
export function evaluateJuel(ast: JuelNode, scope: JuelScope): unknown {
  const value = evaluate(ast, scope);
  return value instanceof JodaDateTime ? value.toDate() : value;
}

function evaluate(node: JuelNode, scope: JuelScope): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'variable':
      if (!Object.hasOwn(scope.variables, node.name)) throw new JuelEvalError(`unknown variable ${node.name}`);
      return scope.variables[node.name] ?? null;
    case 'getVariable': {
      const name = evaluate(node.name, scope);
      if (typeof name !== 'string') throw new JuelEvalError(`execution.getVariable() needs a variable name, got ${describe(name)}`);
      return Object.hasOwn(scope.variables, name) ? (scope.variables[name] ?? null) : null;
    }
    case 'member':
      return member(evaluate(node.object, scope), evaluate(node.property, scope));
    case 'unary':
      return unary(node.op, evaluate(node.operand, scope));
    case 'binary':
      if (node.op === '&&') return toBoolean(evaluate(node.left, scope), '&&') && toBoolean(evaluate(node.right, scope), '&&');
      if (node.op === '||') return toBoolean(evaluate(node.left, scope), '||') || toBoolean(evaluate(node.right, scope), '||');
      return binary(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'conditional':
      return toBoolean(evaluate(node.test, scope), '?:') ? evaluate(node.then, scope) : evaluate(node.else, scope);
    case 'call':
      return callBuiltin(node.name, scope);
    case 'method':
      return callMethod(node.name, evaluate(node.object, scope), node.args.map((a) => evaluate(a, scope)));
    case 'composite':
      return node.parts.map((part) => toText(evaluate(part, scope))).join('');
  }
}

function callBuiltin(name: string, scope: JuelScope): unknown {
  if (!isBuiltinFunction(name)) throw new JuelEvalError(`function calls are not supported: ${name}()`);
  switch (name) {
    case 'now':
      return new Date(scope.now.getTime());
    case 'dateTime':
      return new JodaDateTime(scope.now.getTime(), scope.utcOffsetMinutes);
    case 'currentUser':
      return scope.currentUser;
    case 'currentUserGroups':
      return [...scope.currentUserGroups];
  }
}

function callMethod(name: string, target: unknown, args: unknown[]): unknown {
  // The parser allows only these; a stored AST is checked again in case it was not made by it.
  if (!(target instanceof JodaDateTime) || !isDateTimeMethod(name)) throw new JuelEvalError(`method calls are not supported: ${name}()`);
  if (name === 'toDate') return target.toDate();
  const amount = toNumber(args[0] ?? null, name);
  if (!Number.isInteger(amount)) throw new JuelEvalError(`${name}() needs a whole number, got ${describe(args[0])}`);
  return target.call(name, amount);
}

function member(object: unknown, key: unknown): unknown {
  if (object === null || object === undefined) return null; // EL: a property of null is null
  if (Array.isArray(object)) {
    const index = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new JuelEvalError(`a list index must be a whole number, got ${describe(key)}`);
    return (object as unknown[])[index] ?? null;
  }
  if (!isPlainObject(object)) throw new JuelEvalError(`cannot read property ${describe(key)} of ${describe(object)}`);
  const name = typeof key === 'number' ? String(key) : key;
  if (typeof name !== 'string') throw new JuelEvalError(`a property name must be text, got ${describe(key)}`);
  if (FORBIDDEN_PROPERTIES.has(name)) throw new JuelEvalError(`property '${name}' is not accessible`);
  return Object.hasOwn(object, name) ? (object[name] ?? null) : null;
}

function unary(op: '-' | '!' | 'empty', value: unknown): unknown {
  switch (op) {
    case '-':
      return -toNumber(value, '-');
    case '!':
      return !toBoolean(value, '!');
    case 'empty':
      if (value === null || value === undefined || value === '') return true;
      if (Array.isArray(value)) return value.length === 0;
      return isPlainObject(value) && Object.keys(value).length === 0;
  }
}

function binary(op: Exclude<BinaryOp, '&&' | '||'>, left: unknown, right: unknown): unknown {
  switch (op) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, left, right);
    default:
      return arithmetic(op, toNumber(left, op), toNumber(right, op));
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  if ((op === '/' || op === '%') && b === 0) throw new JuelEvalError('division by zero');
  const result = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (!Number.isFinite(result)) throw new JuelEvalError(`'${op}' overflowed`);
  return result;
}

/** EL equality: null equals only null; numbers and numeric text compare as numbers; dates by instant. */
function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return a == b;
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a, '==') === toNumber(b, '==');
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a, '==') === toBoolean(b, '==');
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && typeof b === 'object') return isDeepStrictEqual(a, b);
  return false;
}

/** EL ordering: false when either side is null; numbers, text and dates, each among their own kind. */
function compare(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') [x, y] = [a, b];
  else if (a instanceof Date && b instanceof Date) [x, y] = [a.getTime(), b.getTime()];
  else [x, y] = [toNumber(a, op), toNumber(b, op)];
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

/** EL coercion to a number: null is 0, numeric text is its number, anything else is refused. */
function toNumber(value: unknown, op: string): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  const hint = op === '+' && typeof value === 'string' ? ' (join text with composite text such as "${a}${b}")' : '';
  throw new JuelEvalError(`'${op}' needs numbers, got ${describe(value)}${hint}`);
}

/** EL coercion to a boolean: null and '' are false, 'true'/'false' text is read, anything else is refused. */
function toBoolean(value: unknown, op: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new JuelEvalError(`'${op}' needs true or false, got ${describe(value)}`);
}

/** How a value appears inside composite text. */
function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof JodaDateTime) return value.toDate().toISOString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `text '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value instanceof Date) return `date ${value.toISOString()}`;
  if (value instanceof JodaDateTime) return 'a dateTime()';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
