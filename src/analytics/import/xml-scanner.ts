// A streaming XML tokenizer made for event logs: text arrives in chunks, each element's start and
// end go to a handler, and nothing but an unfinished tag is kept between chunks. It accepts and
// refuses what saxen (the tokenizer of bpmn-moddle and dmn-moddle) accepts and refuses, with
// saxen's messages, and adds what a stream needs: a tag cut by a chunk boundary waits for its end (even
// inside a quoted `>`), and lines are counted over the whole document.
import { LogFormatError } from './log-event.ts';
import { XmlAttributes } from './xml-attributes.ts';

/** What the scanner reports. `at()` is the line (1-based) of the tag being reported. */
export interface XmlHandler {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean, at: () => number): void;
  close(at: () => number): void;
}

/** The longest tag, comment or CDATA section a file may hold: what waits for its end stays bounded. */
const MAX_TOKEN = 4 * 1024 * 1024;

/** A refusal, worded as the reader reports every XML fault. */
const malformed = (message: string, line: number) => new LogFormatError(`Malformed XML: ${message}`, `XML 格式有误：${inChinese(message)}`, line);

/** saxen's messages, in Chinese. */
const ZH: Record<string, string> = {
  'unexpected end of file': '文件意外结束',
  'missing start tag': '缺少根元素',
  'non-whitespace outside of root node': '根元素之外有文字',
  'unclosed tag': '标签未闭合',
  'unclosed question': '处理指令未闭合',
  'unclosed cdata': 'CDATA 段未闭合',
  'unclosed comment': '注释未闭合',
  'illegal first char nodeName': '元素名的首字符不合法',
  'invalid nodeName': '元素名不合法',
  'missing open tag': '结束标签没有对应的开始标签',
  'closing tag mismatch': '结束标签与开始标签不一致',
  'close tag': '结束标签不合法',
  'illegal first char attribute name': '属性名的首字符不合法',
  'missing attribute value': '属性缺少值',
  'illegal attribute name char': '属性名含不合法的字符',
  'illegal declaration of xmlns': 'xmlns 声明不合法',
  'missing attribute value quotes': '属性值缺少引号',
  'illegal value of xmlns:xml': 'xmlns:xml 的值不合法',
  'illegal character after attribute end': '属性之后有不合法的字符',
  'missing closing quotes': '属性值缺少结束引号',
  'attribute value quote missmatch': '属性值的引号不配对',
};

function inChinese(message: string): string {
  const twice = /^attribute <(.+)> already defined$/.exec(message);
  return twice ? `属性 ${twice[1]} 重复` : (ZH[message] ?? message);
}

export class XmlScanner {
  /** Text not yet scanned: it starts at a token, or in text between tokens. */
  private text = '';
  /** Line breaks before `text`. */
  private linesBefore = 0;
  /** Where the token being handled starts in `text`. */
  private tokenStart = 0;
  /** Where the name of the start tag just read ends. */
  private nameEnd = 0;
  /** The names of the open elements, innermost last. */
  private readonly open: string[] = [];
  /** Whether any `<` was seen (saxen's "root tag found"). */
  private started = false;
  /** Line of text before the first tag: refused once a tag shows this is XML at all. */
  private junkLine = 0;
  private readonly attributes = new XmlAttributes();
  private readonly at = () => this.lineAt(this.tokenStart);

  constructor(private readonly handler: XmlHandler) {}

  /** Scans every complete token of `chunk` (with what was left over). */
  write(chunk: string): void {
    this.text = this.text.length ? this.text + chunk : chunk;
    this.scan(false);
  }

  /** The document ends: an unfinished token or an element still open is refused. */
  end(): void {
    this.scan(true);
    if (this.open.length) throw malformed('unexpected end of file', this.lineAt(this.text.length));
    if (!this.started) throw malformed('missing start tag', this.lineAt(this.text.length));
  }

  private scan(final: boolean): void {
    const s = this.text;
    let j = 0;
    for (;;) {
      const i = s.indexOf('<', j);
      if (j !== (i === -1 ? s.length : i)) this.between(s, j, i === -1 ? s.length : i);
      if (i === -1) {
        j = s.length;
        break;
      }
      if (this.junkLine) throw malformed('non-whitespace outside of root node', this.junkLine);
      this.started = true;
      this.tokenStart = i;
      const next = this.token(s, i, final);
      if (next === -1) {
        j = i;
        break;
      }
      j = next;
    }
    if (s.length - j > MAX_TOKEN) throw new LogFormatError(`A tag longer than ${MAX_TOKEN} characters`, `标签超过 ${MAX_TOKEN} 个字符`, this.lineAt(j));
    this.linesBefore += lineBreaks(s, 0, j);
    this.text = j === s.length ? '' : s.slice(j);
    this.tokenStart = 0;
  }

  /** Text between tags: ignored inside the root element, refused outside it unless blank. */
  private between(s: string, from: number, to: number): void {
    if (this.open.length || this.junkLine) return;
    const text = s.slice(from, to);
    if (!text.trim()) return;
    const line = this.lineAt(from + text.indexOf(text.trim()[0]!));
    if (this.started) throw malformed('non-whitespace outside of root node', line);
    this.junkLine = line; // before any tag: "missing start tag" if none ever comes
  }

  /** Handles the token at `i`; the index past it, or -1 when it continues past the text so far. */
  private token(s: string, i: number, final: boolean): number {
    if (i + 1 === s.length) return final ? this.fail('unclosed tag', this.lineAt(s.length)) : -1;
    const c = s.charCodeAt(i + 1);
    if (c === 33) return this.declaration(s, i, final); // <!
    if (c === 63) return this.skipTo(s, i, '?>', final, 'unclosed question'); // <?
    if (c === 47) return this.closeTag(s, i, final); // </
    return this.openTag(s, i, final);
  }

  /** `<!--` and `<![CDATA[` are skipped; anything else (DOCTYPE, ENTITY) is refused at once. */
  private declaration(s: string, i: number, final: boolean): number {
    if (s.startsWith('<![CDATA[', i)) return this.skipTo(s, i, ']]>', final, 'unclosed cdata');
    if (s.startsWith('<!--', i)) return this.skipTo(s, i, '-->', final, 'unclosed comment');
    const head = s.slice(i, i + 9);
    if (!final && ('<![CDATA['.startsWith(head) || '<!--'.startsWith(head))) return -1; // may yet become one
    throw new LogFormatError('DOCTYPE and entities are not accepted', '不接受 DOCTYPE 和实体声明', this.lineAt(i));
  }

  /** Past `terminator`, searched from the token's `<` as saxen does (so `<!-->` is a comment). */
  private skipTo(s: string, i: number, terminator: string, final: boolean, unclosed: string): number {
    const at = s.indexOf(terminator, i);
    if (at !== -1) return at + terminator.length;
    return final ? this.fail(unclosed, this.lineAt(s.length)) : -1;
  }

  private fail(message: string, line: number): never {
    throw malformed(message, line);
  }

  private openTag(s: string, i: number, final: boolean): number {
    const fast = this.readTag(s, i);
    if (fast === -2 || (fast === -1 && final)) return this.openTagStrictly(s, i, final);
    if (fast === -1) return -1;
    const selfClosing = s.charCodeAt(fast - 2) === 47;
    const name = nameAt(s, i + 1, this.nameEnd);
    if (!selfClosing) this.open.push(name);
    this.handler.open(name, this.attributes, selfClosing, this.at);
    return fast;
  }

  /**
   * A well-formed start tag read in one pass: its name, then `name="value"` pairs separated by
   * white space, then `>` or `/>`. The index past it; -1 when the text ends first; -2 when it is
   * anything else, left to openTagStrictly to read saxen's way and name the fault.
   */
  private readTag(s: string, i: number): number {
    // Characters are read through `code`, -1 past the end: charCodeAt's NaN there would make V8
    // recompile this loop for floating-point values, at twice the cost for every tag after.
    const a = this.attributes;
    a.reset(s);
    let p = i + 1;
    if (!isNameStart(code(s, p))) return -2;
    while (isNameChar(code(s, ++p)));
    this.nameEnd = p;
    for (;;) {
      let c = code(s, p);
      if (c === 62) return p + 1;
      if (c === 47) return code(s, p + 1) === 62 ? p + 2 : p + 1 === s.length ? -1 : -2;
      if (!isSpace(c)) return c === -1 ? -1 : -2;
      while (isSpace((c = code(s, ++p))));
      if (c === 62 || c === 47) continue;
      if (!isNameStart(c)) return c === -1 ? -1 : -2;
      const nameStart = p;
      while (isNameChar((c = code(s, ++p))));
      if (c !== 61) return c === -1 ? -1 : -2;
      const quote = code(s, p + 1);
      if (quote !== 34 && quote !== 39) return quote === -1 ? -1 : -2;
      const close = s.indexOf(quote === 34 ? '"' : "'", p + 2);
      if (close === -1) return -1;
      if ((code(s, nameStart) === 120 && s.startsWith('xmlns:', nameStart)) || !a.add(nameStart, p, p + 2, close)) return -2;
      p = close + 1;
      c = code(s, p);
      if (c === 47) {
        const next = code(s, p + 1);
        if (next !== 62) return next === -1 ? -1 : -2;
      } else if (!isSpace(c) && c !== 62) return c === -1 ? -1 : -2;
    }
  }

  /** saxen's reading of a start tag: find its `>` past quoted values, check the name, then the attributes. */
  private openTagStrictly(s: string, i: number, final: boolean): number {
    const end = tagEnd(s, i);
    if (end === -1) return final ? this.fail('unclosed tag', this.lineAt(s.length)) : -1;
    const selfClosing = s.charCodeAt(end - 1) === 47;
    const body = s.slice(i + 1, selfClosing ? end - 1 : end);
    const first = body.charCodeAt(0);
    if (!isNameStart(first)) this.fail('illegal first char nodeName', this.lineAt(i));
    let q = 1;
    for (; q < body.length; q++) {
      const c = body.charCodeAt(q);
      if (isSpace(c)) break;
      if (!isNameChar(c)) this.fail('invalid nodeName', this.lineAt(i));
    }
    const name = body.slice(0, q);
    const problem = this.attributes.readStrictly(body, q);
    if (problem) this.fail(problem, this.lineAt(i));
    if (!selfClosing) this.open.push(name);
    this.handler.open(name, this.attributes, selfClosing, this.at);
    return end + 1;
  }

  private closeTag(s: string, i: number, final: boolean): number {
    const name = this.open.at(-1);
    if (name !== undefined && s.startsWith(name, i + 2)) {
      let p = i + 2 + name.length;
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (p < s.length && s.charCodeAt(p) === 62) {
        this.open.pop();
        this.handler.close(this.at);
        return p + 1;
      }
    }
    const end = tagEnd(s, i);
    if (end === -1) return final ? this.fail('unclosed tag', this.lineAt(s.length)) : -1;
    if (name === undefined) this.fail('missing open tag', this.lineAt(i));
    if (!s.startsWith(name, i + 2)) this.fail('closing tag mismatch', this.lineAt(i));
    return this.fail('close tag', this.lineAt(i));
  }

  /** The 1-based line of an index into `text`. */
  private lineAt(index: number): number {
    return this.linesBefore + lineBreaks(this.text, 0, index) + 1;
  }
}

/** The index of the `>` that ends the tag at `i`, skipping quoted values (as saxen does); -1 if not yet there. */
function tagEnd(s: string, i: number): number {
  for (let x = i + 1; x < s.length; x++) {
    const c = s.charCodeAt(x);
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", x + 1);
      if (close !== -1) x = close;
    } else if (c === 62) {
      return x;
    }
  }
  return -1;
}

/** The element names of XES, most frequent first: the names met are these same strings, not new ones. */
const XES_NAMES = ['string', 'date', 'event', 'trace', 'int', 'float', 'boolean', 'id', 'list', 'values', 'container', 'log', 'global', 'extension', 'classifier'];

function nameAt(s: string, start: number, end: number): string {
  const length = end - start;
  for (const name of XES_NAMES) if (name.length === length && s.startsWith(name, start)) return name;
  return s.slice(start, end);
}

/** The character code at `at`, or -1 past the end of `s`. */
function code(s: string, at: number): number {
  return at < s.length ? s.charCodeAt(at) : -1;
}

/** `\n` in a range: a line is counted at its `\n` (CRLF files count the same). */
function lineBreaks(s: string, from: number, to: number): number {
  let lines = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Character classes of ASCII codes: 1 white space, 2 first character of a name, 4 later character of a name. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c > 96 && c < 123) || (c > 64 && c < 91);
  // saxen's names: a letter, `_` or `:` first; then also digits, `.` and `-`
  CLASS[c] = (c === 32 || (c > 8 && c < 14) ? 1 : 0) | (letter || c === 95 || c === 58 ? 2 : 0) | (letter || (c > 47 && c < 59) || c === 45 || c === 95 || c === 46 ? 4 : 0);
}
const isSpace = (c: number) => c >= 0 && c < 128 && (CLASS[c]! & 1) !== 0;
const isNameStart = (c: number) => c >= 0 && c < 128 && (CLASS[c]! & 2) !== 0;
const isNameChar = (c: number) => c >= 0 && c < 128 && (CLASS[c]! & 4) !== 0;
