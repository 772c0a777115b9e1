import type { FeelContext, FeelScope, FeelType } from './feel-compile.ts';
import { isFeelFunction } from './feel-functions.ts';
import type { Run } from './feel-operators.ts';
import { ALLOWED_EN, ALLOWED_ZH, Refusal } from './feel-refusals.ts';
import { children, type SyntaxNode } from './feel-syntax.ts';

/*
 * Names (`amount`, `baseline.amount.mean`) resolved against the scope at compile time: a value
 * of the scope becomes a closure reading that path of the context (a value not of the name's type
 * reads as null); a name the scope does not know reads as null, as FEEL says.
 */

/** A name, resolved: a value of the scope, of `type`, read by `run`, or a name the scope does not know. */
export type ResolvedName = { known: true; path: string; type: FeelType; run: Run } | { known: false; path: string };

/**
 * Resolves a `VariableName` or `PathExpression` node of `source`. Refuses a member of anything
 * but a name (`(a).b`), a name standing for a group of values (`baseline.amount`), and a FEEL
 * function named as a value.
 */
export function resolveName(node: SyntaxNode, source: string, scope: FeelScope): ResolvedName {
  const text = (n: SyntaxNode) => source.slice(n.from, n.to);
  const path: string[] = [];
  for (let at: SyntaxNode = node; ; ) {
    if (at.name === 'VariableName') {
      path.unshift(text(at).replace(/\s+/g, ' '));
      break;
    }
    const [target, , member] = children(at);
    if (at.name !== 'PathExpression' || !target || !member) throw new Refusal(at, `only names can be followed by '.'; ${ALLOWED_EN}`, `只有名称后面可以跟「.」；${ALLOWED_ZH}`);
    path.unshift(text(member).replace(/\s+/g, ' '));
    at = target;
  }
  let entry: FeelScope | FeelType | undefined = scope;
  for (const segment of path) entry = typeof entry === 'object' && Object.hasOwn(entry, segment) ? entry[segment] : undefined;
  const dotted = path.join('.');
  if (typeof entry === 'string') return { known: true, path: dotted, type: entry, run: reader(path, entry) };
  if (entry !== undefined) {
    const members = Object.keys(entry).slice(0, 4).join(', ');
    throw new Refusal(node, `'${dotted}' is a group of values (${members}…), not one value; name one of them`, `「${dotted}」是一组值（${members}…），不是单个值；请写出其中一项`);
  }
  const first = path[0]!;
  if (!Object.hasOwn(scope, first) && isFeelFunction(first)) {
    throw new Refusal(node, `'${first}' is a FEEL function, not a value`, `「${first}」是 FEEL 函数，不是值`);
  }
  return { known: false, path: dotted };
}

/** A closure reading one path of the context: a value of `type`, or null for anything else. */
function reader(path: string[], type: FeelType): Run {
  const as = type === 'number' ? asNumber : type === 'string' ? asString : asBoolean;
  const [a, b, c] = path;
  if (path.length === 1) return (context) => as(context[a!]);
  if (path.length === 2) return (context) => as(group(context[a!])?.[b!]);
  if (path.length === 3) return (context) => as(group(group(context[a!])?.[b!])?.[c!]);
  return (context) => {
    let at: FeelContext | undefined = context;
    for (let i = 0; i < path.length - 1; i++) at = group(at?.[path[i]!]);
    return as(at?.[path[path.length - 1]!]);
  };
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function asBoolean(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function group(value: FeelContext[string] | undefined): FeelContext | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}
