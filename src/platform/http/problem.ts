import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError, type ErrorCode, type Lang, type Localized } from '../errors.ts';
import { fieldErrorsFromAjv } from './validation.ts';
import { localize, requestLang } from './language.ts';

export const PROBLEM_TYPE_BASE = 'urn:banklane:problem:';

/** RFC 9457 problem details, as every error response of Banklane carries them. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  /** Extension members a refusal adds (RFC 9457 §3.2), e.g. a refused sale's `refusalId` and reason codes. */
  [extension: string]: unknown;
};

/** The single mapping from a refusal to its HTTP status. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'not_authenticated':
    case 'login_failed':
      return 401;
    case 'csrf_failed':
    case 'maker_checker':
    case 'recused':
    case 'not_qualified':
    case 'forbidden':
    case 'out_of_scope':
      return 403;
    case 'not_found':
      return 404;
    case 'already_exists':
    case 'version_conflict':
    case 'invalid_state':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'precondition_failed':
      return 422;
    case 'unsupported_media_type':
      return 415;
    case 'login_locked':
    case 'rate_limited':
      return 429;
  }
}

const TITLES: Record<ErrorCode | 'internal', Localized> = {
  validation: { en: 'Invalid request', zh: '请求参数有误' },
  not_authenticated: { en: 'Authentication required', zh: '需要登录' },
  login_failed: { en: 'Login failed', zh: '登录失败' },
  not_qualified: { en: 'Qualification required', zh: '缺少所需资质' },
  precondition_failed: { en: 'Step cannot be completed yet', zh: '尚不满足办理条件' },
  login_locked: { en: 'Too many failed logins', zh: '登录失败次数过多' },
  csrf_failed: { en: 'Request not verified', zh: '请求校验失败' },
  forbidden: { en: 'Not permitted', zh: '无权操作' },
  maker_checker: { en: 'Maker-checker rule', zh: '双人复核规则' },
  recused: { en: 'Recusal rule', zh: '回避规则' },
  out_of_scope: { en: 'Outside your organisation scope', zh: '超出机构权限范围' },
  not_found: { en: 'Not found', zh: '未找到' },
  already_exists: { en: 'Already exists', zh: '已存在' },
  version_conflict: { en: 'Changed meanwhile', zh: '数据已被修改' },
  invalid_state: { en: 'Not possible in the current state', zh: '当前状态下不能执行此操作' },
  unsupported_media_type: { en: 'Unsupported content type', zh: '不支持的内容类型' },
  payload_too_large: { en: 'Request too large', zh: '请求内容过大' },
  rate_limited: { en: 'Too many requests', zh: '请求过于频繁' },
  internal: { en: 'Internal error', zh: '系统内部错误' },
};

export function problemOf(error: DomainError, lang: Lang, instance?: string): Problem {
  const problem: Problem = {
    type: PROBLEM_TYPE_BASE + error.code,
    title: localize(TITLES[error.code], lang),
    status: statusOf(error.code),
    detail: localize(error.detail, lang),
  };
  if (instance) problem.instance = instance;
  // extensions never overwrite the standard members
  for (const [name, value] of Object.entries(error.options.extensions ?? {})) if (!(name in problem) && name !== 'errors') problem[name] = value;
  if (error.options.errors) {
    problem.errors = error.options.errors.map((e) => ({ field: e.field, message: localize(e.message, lang) }));
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: DomainError): FastifyReply {
  const problem = problemOf(error, requestLang(request), request.url.split('?')[0]);
  if (error.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.options.retryAfterSeconds));
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Installs the error and not-found handlers: every 4xx and 5xx leaves as problem+json. */
export function installProblemHandlers(
  app: FastifyInstance,
  pageFallback: (request: FastifyRequest, reply: FastifyReply) => boolean = () => false,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const domain = toDomainError(error);
    if (domain) return sendProblem(reply, request, domain);
    request.log.error({ err: error }, 'unhandled error');
    const lang = requestLang(request);
    // 5xx bodies never carry internals; the request id lets an operator find the log line.
    return reply
      .status(500)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: PROBLEM_TYPE_BASE + 'internal',
        title: localize(TITLES.internal, lang),
        status: 500,
        detail: localize(
          {
            en: `Something went wrong on our side. Try again; if it persists, give the operator this reference: ${request.id}.`,
            zh: `系统处理出错。请重试；如仍有问题，请将此编号告知运维人员：${request.id}。`,
          },
          lang,
        ),
        instance: request.url.split('?')[0],
      } satisfies Problem);
  });

  app.setNotFoundHandler((request, reply) => {
    if (pageFallback(request, reply)) return reply;
    return sendProblem(
      reply,
      request,
      new DomainError('not_found', {
        en: `There is no ${request.method} ${request.url.split('?')[0]} endpoint.`,
        zh: `不存在接口 ${request.method} ${request.url.split('?')[0]}。`,
      }),
    );
  });
}

/** Maps Fastify's own errors (schema validation, body parsing, limits) to domain refusals. */
function toDomainError(error: FastifyError): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error.validation) {
    return new ValidationError(fieldErrorsFromAjv(error.validation as never, error.validationContext ?? 'body'));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError('unsupported_media_type', {
        en: 'This endpoint accepts application/json; send the body as JSON with that Content-Type.',
        zh: '此接口只接受 application/json，请以该内容类型发送 JSON 请求体。',
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload_too_large', {
        en: 'The request body is larger than this server accepts.',
        zh: '请求体超过了服务器允许的大小。',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ValidationError([{ field: '/', message: { en: 'is not valid JSON', zh: '不是有效的 JSON' } }], {
        en: 'The request body is not valid JSON.',
        zh: '请求体不是有效的 JSON。',
      });
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new ValidationError([{ field: '/', message: { en: 'is not valid', zh: '格式不正确' } }], {
      en: `The request could not be read: ${error.message}`,
      zh: '无法解析该请求，请检查其格式。',
    });
  }
  if (error.statusCode === 413) {
    return new DomainError('payload_too_large', { en: 'The request is too large.', zh: '请求内容过大。' });
  }
  if (error.statusCode === 415) {
    return new DomainError('unsupported_media_type', {
      en: 'The content type of this request is not accepted here.',
      zh: '不接受此请求的内容类型。',
    });
  }
  return null;
}
