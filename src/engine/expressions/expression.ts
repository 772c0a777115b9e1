import { DEFAULT_UTC_OFFSET_MINUTES } from '../timers/calendar.ts';
import { checkFeelSyntax, evaluateFeel } from './feel.ts';
import type { JuelNode } from './juel.ast.ts';
import { JuelEvalError, evaluateJuel } from './juel.interpreter.ts';
import { JuelSyntaxError } from './juel.lexer.ts';
import { parseJuel } from './juel.parser.ts';

/** A compiled expression; plain JSON, stored inside the compiled process model. */
export type Expression =
  | { kind: 'literal'; text: string } // no ${} and no leading '=': a plain string
  | { kind: 'feel'; source: string } // the text after '='
  | { kind: 'juel'; source: string; ast: JuelNode; composite: boolean };

export type CompileResult = { ok: true; expression: Expression } | { ok: false; error: string };

export type EvalContext = {
  variables: Record<string, unknown>;
  /** The evaluation instant: `now()`, `dateTime()`, FEEL's `now()` and `today()`. */
  now: Date;
  currentUser?: string | null;
  currentUserGroups?: string[];
  /** The clock for `dateTime().plusMonths(…)` and FEEL's `now()`/`today()`; default +480 (China). */
  utcOffsetMinutes?: number;
};

export type EvalResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Compiles an expression at deploy time. `=…` is FEEL (syntax-checked with feelin); text with
 * `${…}` or `#{…}` is the safe JUEL subset; anything else is a literal string. A refusal names
 * the problem, its 1-based position and the whole text, e.g.
 * `unsupported construct 'obj.method()' at 7 in ${obj.method()}`.
 */
export function compileExpression(text: string): CompileResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('=')) {
    const source = trimmed.slice(1);
    const problem = checkFeelSyntax(source);
    if (problem) {
      const position = text.length - trimmed.length + 1 + problem.index + 1;
      return { ok: false, error: `${problem.message} at ${position} in ${text}` };
    }
    return { ok: true, expression: { kind: 'feel', source } };
  }
  if (!/[$#]\{/.test(text)) return { ok: true, expression: { kind: 'literal', text } };
  try {
    const { ast, composite } = parseJuel(text);
    return { ok: true, expression: { kind: 'juel', source: text, ast, composite } };
  } catch (error) {
    if (!(error instanceof JuelSyntaxError)) throw error;
    return { ok: false, error: `${error.message} at ${error.index + 1} in ${text}` };
  }
}

/**
 * Evaluates a compiled expression. Pure: time comes from `context.now`. An unknown JUEL variable
 * is an error ("unknown variable x"), as in Camunda 7; in FEEL it is null, as in Camunda 8.
 * A failure will fail again with the same variables: retrying helps only after they change.
 */
export function evaluateExpression(expression: Expression, context: EvalContext): EvalResult {
  const result = evaluateWithWarnings(expression, context);
  return result.ok ? { ok: true, value: result.value } : result;
}

/** Evaluates a condition (sequence flow, completion condition); anything but true/false is an error. */
export function evaluateCondition(
  expression: Expression,
  context: EvalContext,
): { ok: true; value: boolean } | { ok: false; error: string } {
  const result = evaluateWithWarnings(expression, context);
  if (!result.ok) return result;
  if (typeof result.value === 'boolean') return { ok: true, value: result.value };
  const warnings = result.warnings.length > 0 ? `; ${result.warnings.join('; ')}` : '';
  return { ok: false, error: `condition ${expressionText(expression)} did not yield a boolean but ${describeValue(result.value)}${warnings}` };
}

/** The expression as the modeler wrote it. */
export function expressionText(expression: Expression): string {
  switch (expression.kind) {
    case 'literal':
      return expression.text;
    case 'feel':
      return `=${expression.source}`;
    case 'juel':
      return expression.source;
  }
}

function evaluateWithWarnings(
  expression: Expression,
  context: EvalContext,
): { ok: true; value: unknown; warnings: string[] } | { ok: false; error: string } {
  const utcOffsetMinutes = context.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  switch (expression.kind) {
    case 'literal':
      return { ok: true, value: expression.text, warnings: [] };
    case 'feel': {
      const result = evaluateFeel(expression.source, context.variables, context.now, utcOffsetMinutes);
      return result.ok ? result : { ok: false, error: `${result.error} in ${expressionText(expression)}` };
    }
    case 'juel':
      try {
        const value = evaluateJuel(expression.ast, {
          variables: context.variables,
          now: context.now,
          currentUser: context.currentUser ?? null,
          currentUserGroups: context.currentUserGroups ?? [],
          utcOffsetMinutes,
        });
        return { ok: true, value, warnings: [] };
      } catch (error) {
        if (!(error instanceof JuelEvalError)) throw error;
        return { ok: false, error: `${error.message} in ${expression.source}` };
      }
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the text "${value}"`;
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
