/**
 * The AST of the safe JUEL subset: plain objects only, so a compiled expression can be stored as
 * JSON inside the compiled process model and evaluated again after loading.
 */

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';

/** The only functions an expression may call. */
export const BUILTIN_FUNCTIONS = ['now', 'dateTime', 'currentUser', 'currentUserGroups'] as const;
export type BuiltinFunction = (typeof BUILTIN_FUNCTIONS)[number];

/** The only methods, and only on the object `dateTime()` returns (Joda-Time's names). */
export const DATE_TIME_METHODS = ['plusMinutes', 'plusHours', 'plusDays', 'plusWeeks', 'plusMonths', 'toDate'] as const;
export type DateTimeMethod = (typeof DATE_TIME_METHODS)[number];

/** Property names that would reach an object's prototype; refused at compile time and at run time. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);

export type JuelNode =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'variable'; name: string }
  /** `a.b` (property is a string literal), `a["b"]`, `a[0]`, `a[i]`. */
  | { type: 'member'; object: JuelNode; property: JuelNode }
  | { type: 'unary'; op: '-' | '!' | 'empty'; operand: JuelNode }
  | { type: 'binary'; op: BinaryOp; left: JuelNode; right: JuelNode }
  | { type: 'conditional'; test: JuelNode; then: JuelNode; else: JuelNode }
  | { type: 'call'; name: BuiltinFunction }
  | { type: 'method'; object: JuelNode; name: DateTimeMethod; args: JuelNode[] }
  /** `execution.getVariable(name)`: the variable, or null when there is none. */
  | { type: 'getVariable'; name: JuelNode }
  /** Text with embedded expressions: `Dear ${name}`; text parts are string literals. */
  | { type: 'composite'; parts: JuelNode[] };

export function isBuiltinFunction(name: string): name is BuiltinFunction {
  return (BUILTIN_FUNCTIONS as readonly string[]).includes(name);
}

export function isDateTimeMethod(name: string): name is DateTimeMethod {
  return (DATE_TIME_METHODS as readonly string[]).includes(name);
}
