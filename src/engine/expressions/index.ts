export { compileExpression, evaluateExpression, evaluateCondition, expressionText } from './expression.ts';
export type { Expression, CompileResult, EvalContext, EvalResult } from './expression.ts';
export type { JuelNode, BinaryOp, BuiltinFunction, DateTimeMethod } from './juel.ast.ts';
