import { isDatabaseUnavailable } from '@challenge/db';
import { AppError, type ErrorCode, type FieldIssue } from '@challenge/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from './locale';
import { FIELD_MESSAGES, FIELD_PARAM_WORDS, PROBLEM_MESSAGES } from './problem-messages';

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  unauthenticated: 401,
  token_invalid: 401,
  token_expired: 401,
  forbidden: 403,
  invalid_credentials: 401,
  account_disabled: 401,
  refresh_token_reused: 401,
  rate_limited: 429,
  origin_mismatch: 403,
  email_taken: 409,
  uscc_invalid: 422,
  uscc_required: 422,
  foreign_identity_required: 422,
  email_domain_mismatch: 422,
  role_not_allowed: 422,
  organization_kind_not_allowed: 422,
  join_request_pending: 409,
  illegal_transition: 409,
  cannot_disable_self: 409,
  conflict: 409,
  organization_not_verified: 403,
  deadline_passed: 409,
  deadline_not_reached: 409,
  confidentiality_required: 403,
  confidentiality_not_required: 409,
  attachment_limit_reached: 409,
  file_type_not_allowed: 422,
  payload_too_large: 413,
  application_exists: 409,
  conflict_declaration_required: 403,
  review_started: 409,
  notice_period_running: 409,
  notice_period_over: 409,
  objections_open: 409,
  already_answered: 409,
  question_limit_reached: 422,
  saved_search_limit_reached: 422,
  link_invalid: 400,
  insufficient_budget: 409,
  insufficient_funds: 409,
  already_paid: 409,
  enterprise_share_unconfirmed: 409,
  // api.md: the same Idempotency-Key with a different body gets 422.
  transfer_id_reused: 422,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  // A malformed transfer is a bug, never the caller's input.
  transfer_invalid: 500,
  // The database could not be reached (a restart, a failover): worth retrying, unlike a 500.
  service_unavailable: 503,
  internal: 500,
};

export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** The values the message names, for clients that act on them (e.g. which application conflicts). */
  params?: Record<string, string | number>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** 5xx only: the request's id (also X-Request-Id), for the user to quote and the operator to find in the logs. */
  requestId?: string;
}

const fill = (template: string, params: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));

export function problemFor(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}, errors?: FieldError[]): Problem {
  const m = PROBLEM_MESSAGES[code][locale];
  return {
    type: `urn:challenge:problem:${code}`,
    title: m.title,
    status: STATUS_BY_CODE[code] ?? 500,
    detail: fill(m.detail, params),
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function fieldMessage(keyword: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const messages = FIELD_MESSAGES[keyword] ?? FIELD_MESSAGES.invalid;
  // A param that is a code (a conflict's reason) is put in words; others are filled in as they are.
  const words = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? (FIELD_PARAM_WORDS[k]?.[v]?.[locale] ?? v) : v]));
  return fill(messages ? messages[locale] : keyword, words);
}

/** A domain issue's params go out as they are: codes, ids and amounts a client may act on. */
const paramsOf = (params: Record<string, string | number> | undefined) => (params && Object.keys(params).length > 0 ? { params } : {});

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

function validationErrors(error: FastifyError, locale: Locale): FieldError[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return ((error.validation ?? []) as unknown as AjvError[]).map((v) => {
    let path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (v.keyword === 'required') path = [path, v.params.missingProperty].filter(Boolean).join('.');
    if (v.keyword === 'additionalProperties') path = [path, v.params.additionalProperty].filter(Boolean).join('.');
    return { field: path ? `${context}.${path}` : context, code: v.keyword, message: fieldMessage(v.keyword, locale, v.params) };
  });
}

/** A database restart takes seconds; a client told to come back sooner would only find it down again. */
const RETRY_AFTER_UNAVAILABLE_S = 5;

/** Maps every error to RFC 9457 problem details; 5xx details never reach the client. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const locale = negotiateLocale(request.headers['accept-language']);
  if (error instanceof AppError) {
    if (error.fieldErrors.length > 0) {
      const errors = error.fieldErrors.map((f) => ({ field: f.field, code: f.code, message: fieldMessage(f.code, locale, f.params), ...paramsOf(f.params) }));
      return problemFor(error.code, locale, error.params, errors);
    }
    const field = typeof error.params.field === 'string' ? error.params.field : undefined;
    const errors = field ? [{ field, code: error.code, message: PROBLEM_MESSAGES[error.code][locale].title }] : undefined;
    return problemFor(error.code, locale, error.params, errors);
  }
  if (isDatabaseUnavailable(error)) return problemFor('service_unavailable', locale, { retryAfter: RETRY_AFTER_UNAVAILABLE_S });
  const e = error as FastifyError;
  if (e.validation) return problemFor('validation_failed', locale, {}, validationErrors(e, locale));
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 404) return problemFor('not_found', locale);
  if (status === 429) return problemFor('rate_limited', locale, { retryAfter: 60 });
  if (status === 413) return problemFor('payload_too_large', locale);
  if (status === 401) return problemFor('unauthenticated', locale);
  if (status >= 400 && status < 500) {
    // Malformed JSON, wrong content type, body too large: the client's input, not our failure.
    return { ...problemFor('validation_failed', locale, {}, [{ field: 'body', code: e.code ?? 'invalid', message: fieldMessage('invalid', locale) }]), status };
  }
  return problemFor('internal', locale);
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot take apart (invalid percent-encoding, a path
 * parameter over 100 characters) is answered before any handler, as plain JSON unless given this.
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, { ...toProblem(error, request), instance: request.url });
}

/** Half of a UTF-16 surrogate pair: UTF-8 has no encoding for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text the database cannot hold as sent: a NUL (PostgreSQL's text and jsonb have none) or a lone surrogate. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * What the schemas let through but the database cannot take, refused as the schema would refuse it
 * (each found by fuzzing every route, each a 500): a NUL in any text or key (`{"body":"a\u0000b"}`);
 * a lone surrogate — jsonb refuses it (a saved search's query), text columns would quietly store
 * U+FFFD instead; and a non-finite number: Ajv coerces "Infinity" or "1e400" in a path or query
 * string into a number and then skips the range checks, which it applies to finite numbers only
 * (`?page=Infinity`).
 */
async function refuseUnstorableInput(request: FastifyRequest) {
  const issues: FieldIssue[] = [];
  // A stack, not recursion: a route without a body schema takes JSON nested 50,000 deep.
  const stack: [string, unknown][] = [['params', request.params], ['querystring', request.query], ['body', request.body]];
  while (stack.length > 0) {
    const [field, value] = stack.pop()!;
    if (typeof value === 'string' && unstorable(value)) issues.push({ field, code: 'invalid' });
    else if (typeof value === 'number' && !Number.isFinite(value)) issues.push({ field, code: 'type' });
    else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (unstorable(key)) issues.push({ field: `${field}.${key}`, code: 'invalid' });
        else stack.push([`${field}.${key}`, item]);
      }
    }
  }
  if (issues.length > 0) throw AppError.invalid(issues);
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.addHook('preHandler', refuseUnstorableInput);
  app.setErrorHandler((error: unknown, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof AppError && error.code === 'rate_limited' && error.params.retryAfter) {
      reply.header('retry-after', String(error.params.retryAfter));
    }
    if (problem.code === 'service_unavailable') reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_S));
    return sendProblem(reply, { ...problem, instance: request.url, ...(problem.status >= 500 ? { requestId: request.id } : {}) });
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, { ...problemFor('not_found', negotiateLocale(request.headers['accept-language'])), instance: request.url }));
}
