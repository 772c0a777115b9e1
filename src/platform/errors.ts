/** Text a person reads, in both of Banklane's languages. */
export type Localized = { en: string; zh: string };

export type Lang = 'en' | 'zh-CN';

export type FieldError = {
  /** JSON pointer to the offending field of the request, e.g. `/roles/1` or `/username`. */
  field: string;
  message: Localized;
};

/** Every kind of refusal Banklane gives; each maps to one HTTP status in `http/problem.ts`. */
export type ErrorCode =
  | 'validation'
  | 'not_authenticated'
  | 'login_failed'
  | 'login_locked'
  | 'csrf_failed'
  | 'forbidden'
  | 'out_of_scope'
  | 'not_found'
  | 'already_exists'
  | 'version_conflict'
  | 'invalid_state'
  | 'maker_checker'
  | 'recused'
  | 'not_qualified'
  | 'precondition_failed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited';

export type DomainErrorOptions = {
  errors?: FieldError[];
  /** Seconds after which trying again can succeed (lock-outs, rate limits). */
  retryAfterSeconds?: number;
  /** Extension members of the problem (RFC 9457 §3.2), for a program to act on: codes, not prose. */
  extensions?: Record<string, unknown>;
};

/**
 * A broken rule: an expected refusal, not a bug. Carries what to tell the user in both languages;
 * the HTTP adapter turns it into RFC 9457 problem details.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: Localized,
    readonly options: DomainErrorOptions = {},
  ) {
    super(detail.en);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail?: Localized) {
    super(
      'validation',
      detail ?? {
        en: `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}; correct them and send it again.`,
        zh: `请求中有 ${errors.length} 个字段不符合要求，请更正后重新提交。`,
      },
      { errors },
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: Localized, id: string) {
    super('not_found', {
      en: `No ${entity.en} with id "${id}" exists, or it has been removed.`,
      zh: `${entity.zh}“${id}”不存在或已被删除。`,
    });
  }
}

export class VersionConflictError extends DomainError {
  constructor(entity: Localized) {
    super('version_conflict', {
      en: `The ${entity.en} was changed by someone else meanwhile; reload it and apply your change again.`,
      zh: `该${entity.zh}已被他人修改，请刷新后重新操作。`,
    });
  }
}

export class AlreadyExistsError extends DomainError {
  constructor(entity: Localized, field: string, value: string) {
    super(
      'already_exists',
      {
        en: `A ${entity.en} with ${field} "${value}" already exists; choose another.`,
        zh: `${entity.zh}的“${value}”已被使用，请换一个。`,
      },
      { errors: [{ field: `/${field}`, message: { en: 'already in use', zh: '已被使用' } }] },
    );
  }
}

/** Builds a single-field validation error. */
export function fieldError(field: string, en: string, zh: string): ValidationError {
  return new ValidationError([{ field: field.startsWith('/') ? field : `/${field}`, message: { en, zh } }]);
}
