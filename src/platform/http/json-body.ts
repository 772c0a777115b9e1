import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../errors.ts';
import { sendProblem } from './problem.ts';

/** Deeper than any request of ours needs; deeper still only strains whoever walks the value next. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * JSON bodies as Fastify reads them (prototype poisoning refused), plus two refusals: bytes that
 * are not UTF-8 (not silently turned into U+FFFD) and nesting deeper than `MAX_JSON_DEPTH`,
 * each a 400 naming where.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new ValidationError([{ field: '/', message: { en: 'is not valid UTF-8 text', zh: '不是有效的 UTF-8 文本' } }], { en: 'The request body is not valid UTF-8.', zh: '请求体不是有效的 UTF-8 编码。' }), undefined);
      return;
    }
    parse(request, text, (error, value) => {
      const deep = error ? null : tooDeep(value);
      if (deep) {
        done(new ValidationError([{ field: deep, message: { en: `is nested deeper than ${MAX_JSON_DEPTH} levels`, zh: `嵌套超过 ${MAX_JSON_DEPTH} 层` } }]), undefined);
        return;
      }
      done(error, value);
    });
  });
}

/** The JSON pointer of the first value nested deeper than the limit, or null; without recursion. */
function tooDeep(root: unknown): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return path || '/';
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Fastify's own refusals before routing (a URL that is not valid percent-encoded UTF-8) as problem details. */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, request, new ValidationError([{ field: 'params:/', message: { en: 'is not a valid URL (percent-encoded UTF-8)', zh: '不是有效的 URL（百分号编码的 UTF-8）' } }], { en: `The address of this request cannot be read: ${error.code ?? error.message}.`, zh: '无法解析该请求的地址。' }));
}
