import type { FastifyRequest } from 'fastify';
import type { Lang, Localized } from '../errors.ts';

/** The language to answer in: `?lang=`, then Accept-Language; English when neither says Chinese. */
export function requestLang(request: FastifyRequest): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const explicit = typeof query?.lang === 'string' ? query.lang : undefined;
  const header = explicit ?? request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

export function localize(text: Localized, lang: Lang): string {
  return lang === 'zh-CN' ? text.zh : text.en;
}
