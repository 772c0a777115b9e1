import type { Localized } from '../errors.ts';
import type { FeelCompileError } from './feel-compile.ts';
import { BOOLEAN, NUMBER, STRING } from './feel-operators.ts';
import type { SyntaxNode } from './feel-syntax.ts';

/*
 * What the compiler refuses, in words: a construct rules do not need, an operand of the wrong
 * type (a syntax error: feel-syntax.ts). Each refusal names the offending text and its index, in
 * English and Chinese.
 */

/** Thrown while compiling: the node at fault and why, turned into a `FeelCompileError` by `compileFeel`. */
export class Refusal extends Error {
  constructor(readonly node: SyntaxNode, readonly en: string, readonly zh: string) {
    super(en);
  }
}

/** The refusal of `text` at `index` (long text cut at 40 characters). */
export function failure(index: number, text: string, en: string, zh: string): FeelCompileError {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { en: `'${shown}' (index ${index}): ${en}`, zh: `「${shown}」（位置 ${index}）：${zh}`, index, text };
}

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

/** What rules may use, said after each refusal of something else. */
export const ALLOWED_EN = 'rules may use numbers, "text", the names they are given (a.b for a name in a group), + - * / **, comparisons, between, and / or / not(), if … then … else, and abs, min, max, sqrt, floor, ceiling';
export const ALLOWED_ZH = '规则可以使用数字、"文本"、给定的名称（组内名称写作 a.b）、+ - * / **、比较、between、and / or / not()、if … then … else，以及 abs、min、max、sqrt、floor、ceiling';

/** The refusal of a construct the compiler does not take. */
export function unsupported(node: SyntaxNode): Refusal {
  const what = UNSUPPORTED[node.name] ?? { en: 'this construct', zh: '这种写法' };
  return new Refusal(node, `${what.en} cannot be used in a rule expression; ${ALLOWED_EN}`, `规则表达式不能使用${what.zh}；${ALLOWED_ZH}`);
}

/** The types of a kind bit set, as words: `a number or text`. */
export function kindWords(kinds: number): Localized {
  const en: string[] = [];
  const zh: string[] = [];
  if (kinds & NUMBER) (en.push('a number'), zh.push('数字'));
  if (kinds & STRING) (en.push('text'), zh.push('文本'));
  if (kinds & BOOLEAN) (en.push('a condition (true/false)'), zh.push('条件（真/假）'));
  return { en: en.join(' or '), zh: zh.join('或') };
}
