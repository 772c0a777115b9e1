import type { parseExpression } from 'feelin';
import type { Localized } from '../errors.ts';
import type { FeelCompileError } from './feel-compile.ts';
import { failure } from './feel-refusals.ts';

/* Reading feelin's syntax tree: a node's children, and the first syntax error its parser marked. */

/** A node of feelin's syntax tree. */
export type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** A node's children, comments left out. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment' && child.name !== 'BlockComment') found.push(child);
  }
  return found;
}

/** The first syntax error feelin's parser marks in the tree, if any. */
export function syntaxError(source: string, top: SyntaxNode): FeelCompileError | null {
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
