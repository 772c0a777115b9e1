/** A refusal found while reading an expression; `index` is 0-based in the whole text. */
export class JuelSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'JuelSyntaxError';
  }
}

export type Token =
  | { kind: 'number'; value: number; index: number; text: string }
  | { kind: 'string'; value: string; index: number; text: string }
  | { kind: 'ident'; value: string; index: number; text: string }
  | { kind: 'punct'; value: string; index: number; text: string }
  /** The `}` that closes the expression. */
  | { kind: 'end'; value: '}'; index: number; text: string };

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']'];

/** Constructs of full EL that the safe subset refuses, with what to say about them. */
const REFUSED: readonly (readonly [string, string])[] = [
  ['+=', "string concatenation '+=' (write composite text such as \"${a}${b}\" instead)"],
  ['->', "lambda '->'"],
  [';', "statement separator ';'"],
  ['=', "assignment '=' (use '==' to compare)"],
  ['{', "set or map literal '{'"],
  ['&', "single '&' (use '&&' or 'and')"],
  ['|', "single '|' (use '||' or 'or')"],
];

const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;

/**
 * Reads the tokens of one `${…}` body starting at `from` (just after the `{`) up to and
 * including its closing `}`. Strings may contain `}`; an unclosed body is refused.
 */
export function tokenize(text: string, from: number, opening: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '}') {
      tokens.push({ kind: 'end', value: '}', index: i, text: '}' });
      return tokens;
    }
    if (c === '"' || c === "'") {
      const token = readString(text, i, c);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    const number = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (number) {
      if (!Number.isFinite(Number(number[0]))) throw new JuelSyntaxError(`number ${number[0]} is too large`, i);
      tokens.push({ kind: 'number', value: Number(number[0]), index: i, text: number[0] });
      i += number[0].length;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j] ?? '')) j++;
      const word = text.slice(i, j);
      tokens.push({ kind: 'ident', value: word, index: i, text: word });
      i = j;
      continue;
    }
    const refused = REFUSED.find(([p]) => text.startsWith(p, i) && !(p === '=' && text[i + 1] === '='));
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct && !(refused && refused[0].length > punct.length)) {
      tokens.push({ kind: 'punct', value: punct, index: i, text: punct });
      i += punct.length;
      continue;
    }
    if (refused) throw new JuelSyntaxError(`unsupported construct ${refused[1]}`, i);
    throw new JuelSyntaxError(`unexpected character '${c}'`, i);
  }
  throw new JuelSyntaxError("unterminated expression: '}' is missing", opening);
}

/** A single- or double-quoted string with EL's escapes `\\`, `\'` and `\"`. */
function readString(text: string, start: number, quote: string): Token {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === quote) {
      return { kind: 'string', value, index: start, text: text.slice(start, i + 1) };
    }
    if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === "'" || text[i + 1] === '"')) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new JuelSyntaxError(`unterminated string starting with ${quote}`, start);
}
