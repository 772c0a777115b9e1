// Where a streamed XML text can be cut so the SAX parser only ever sees whole tokens. saxen's own
// chunk buffering can end a tag at a `>` inside a quoted attribute value that a chunk boundary split
// (`value="A->B"`), and it counts lines from its buffer rather than the document; feeding it whole
// tokens avoids both, and leaves it nothing buffered, so our line count stays exact.

/**
 * The index just past the last complete token (tag, comment, CDATA, processing instruction,
 * declaration) in `text`, or 0 when there is none. Text after it stays for the next chunk.
 */
export function lastTokenEnd(text: string): number {
  let end = 0;
  for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', end)) {
    const next = tokenEnd(text, start);
    if (next === -1) break;
    end = next;
  }
  return end;
}

/** The end of the token that starts at `start` (a `<`), or -1 when it continues past the text. */
function tokenEnd(text: string, start: number): number {
  const head = text.slice(start, start + 9);
  if (head.startsWith('<!--')) return after(text, '-->', start + 4);
  if (head.startsWith('<![CDATA[')) return after(text, ']]>', start + 9);
  if (head.startsWith('<?')) return after(text, '?>', start + 2);
  if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head)) return -1; // may yet become one
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = text.indexOf(text[i]!, i + 1);
      if (close === -1) return -1;
      i = close;
    } else if (c === 62) {
      return i + 1;
    }
  }
  return -1;
}

function after(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

/** Line breaks in `text` (`\n` and `\r\n`; old Mac `\r`-only files would be counted as one line). */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
