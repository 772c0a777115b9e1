/*
 * Text sizes for the SVG map, measured on a canvas with the app's font, so that boxes fit their
 * labels in both languages (a Chinese character is about twice a Latin letter's width).
 */

export const MAP_FONT_FAMILY = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

let context: CanvasRenderingContext2D | null | undefined;

/** The width in pixels of `text` at `size` px (and `weight`); estimated where there is no canvas. */
export function textWidth(text: string, size: number, weight = 400): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.58), 0);
  context.font = `${weight} ${size}px ${MAP_FONT_FAMILY}`;
  return context.measureText(text).width;
}

const CJK = '\u2e80-\u9fff\uff00-\uffef';
const TOKENS = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'g');

/**
 * `text` broken into at most `maxLines` lines of at most `maxWidth` px: between words, or between
 * any two Chinese characters; a word longer than a line is cut. The last line ends in `…` when
 * the text does not fit.
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number, weight = 400): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line) line += ' ';
      continue;
    }
    if (textWidth(line + token, size, weight) <= maxWidth) {
      line += token;
      continue;
    }
    if (line.trim()) push();
    // a token wider than a line on its own is cut letter by letter
    for (const ch of token) {
      if (textWidth(line + ch, size, weight) > maxWidth && line) push();
      line += ch;
    }
  }
  push();
  if (lines.length <= maxLines) return lines;
  const shown = lines.slice(0, maxLines);
  let last = shown[maxLines - 1]!;
  while (last.length > 1 && textWidth(`${last}…`, size, weight) > maxWidth) last = last.slice(0, -1);
  shown[maxLines - 1] = `${last.trimEnd()}…`;
  return shown;
}
