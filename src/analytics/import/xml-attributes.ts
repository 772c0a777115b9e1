// The attributes of the start tag the scanner has just read, kept as offsets into its text: a
// value becomes a string only when asked for, and nothing is allocated per tag.

/**
 * Valid while the handler runs (the next tag reuses it). `get` decodes the predefined and numeric
 * entity references; an unknown named one stays as written.
 */
export class XmlAttributes {
  private source = '';
  /** nameStart, nameEnd, valueStart, valueEnd of each attribute, in order. */
  private readonly bounds: number[] = [];
  private size = 0;

  /** Starts the attributes of a new tag whose text is `source`. */
  reset(source: string): void {
    this.source = source;
    this.size = 0;
  }

  /** Adds one; false when the tag already has an attribute of that name. */
  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): boolean {
    const b = this.bounds;
    for (let k = 0; k < this.size; k += 4) if (sameText(this.source, b[k]!, b[k + 1]!, nameStart, nameEnd)) return false;
    b[this.size] = nameStart;
    b[this.size + 1] = nameEnd;
    b[this.size + 2] = valueStart;
    b[this.size + 3] = valueEnd;
    this.size += 4;
    return true;
  }

  get(name: string): string | undefined {
    const b = this.bounds;
    for (let k = 0; k < this.size; k += 4) {
      if (b[k + 1]! - b[k]! === name.length && this.source.startsWith(name, b[k]!)) return decodeEntities(this.source.slice(b[k + 2]!, b[k + 3]!));
    }
    return undefined;
  }

  /**
   * Reads the attributes in `body` (a tag without its `<`, `/` and `>`) from `from` the way saxen
   * does, where each of its warnings is a refusal: the first fault's message, or null.
   */
  readStrictly(body: string, from: number): string | null {
    this.reset(body);
    const l = body.length;
    for (let i = from; i < l; i++) {
      let w = body.charCodeAt(i);
      if (isSpace(w)) continue;
      if (!isNameStart(w)) return 'illegal first char attribute name';
      let j = i + 1;
      for (; j < l; j++) {
        w = body.charCodeAt(j);
        if (isNameChar(w)) continue;
        if (isSpace(w)) return 'missing attribute value';
        if (w === 61) break;
        return 'illegal attribute name char';
      }
      const name = body.slice(i, j);
      if (name === 'xmlns:xmlns') return 'illegal declaration of xmlns';
      const quote = body.charCodeAt(j + 1);
      if (quote !== 34 && quote !== 39) return 'missing attribute value quotes';
      const valueStart = j + 2;
      const close = body.indexOf(quote === 34 ? '"' : "'", valueStart);
      if (close === -1) return body.indexOf(quote === 34 ? "'" : '"', valueStart) === -1 ? 'missing closing quotes' : 'attribute value quote missmatch';
      if (name === 'xmlns:xml' && body.slice(valueStart, close) !== 'http://www.w3.org/XML/1998/namespace') return 'illegal value of xmlns:xml';
      if (close + 1 < l && !isSpace(body.charCodeAt(close + 1))) return 'illegal character after attribute end';
      if (!this.add(i, j, valueStart, close)) return `attribute <${name}> already defined`;
      i = close + 1;
    }
    return null;
  }
}

function sameText(s: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (s.charCodeAt(a0 + k) !== s.charCodeAt(b0 + k)) return false;
  return true;
}

const ENTITY = /&#(\d+);|&#x([0-9a-f]+);|&(\w+);/gi;
const NAMED: Record<string, string> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"', AMP: '&', APOS: "'", GT: '>', LT: '<', QUOT: '"' };

/**
 * `&amp;`, `&#65;`, `&#x41;` and the like, as saxen decodes them (a character reference becomes
 * one UTF-16 unit, as String.fromCharCode makes it).
 */
export function decodeEntities(text: string): string {
  if (text.length <= 3 || !text.includes('&')) return text;
  return text.replace(ENTITY, (_match, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return Object.hasOwn(NAMED, name) ? NAMED[name]! : `&${name};`;
    return String.fromCharCode(decimal ? Number(decimal) : parseInt(hex!, 16));
  });
}

const isSpace = (c: number) => c === 32 || (c > 8 && c < 14);
const isLetter = (c: number) => (c > 96 && c < 123) || (c > 64 && c < 91);
const isNameStart = (c: number) => isLetter(c) || c === 95 || c === 58;
const isNameChar = (c: number) => isLetter(c) || (c > 47 && c < 59) || c === 45 || c === 95 || c === 46;
