/**
 * The one error type thrown by domain rules and services. A `code` is stable (clients branch on it);
 * `params` fill the localised message. The API maps codes to HTTP status and problem details in one
 * table (apps/api/src/http/problems.ts); nothing below the API knows about HTTP.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'token_invalid'
  | 'token_expired'
  | 'forbidden'
  | 'invalid_credentials'
  | 'account_disabled'
  | 'refresh_token_reused'
  | 'rate_limited'
  | 'origin_mismatch'
  | 'email_taken'
  | 'uscc_invalid'
  | 'uscc_required'
  | 'foreign_identity_required'
  | 'email_domain_mismatch'
  | 'role_not_allowed'
  | 'organization_kind_not_allowed'
  | 'join_request_pending'
  | 'illegal_transition'
  | 'cannot_disable_self'
  | 'conflict'
  | 'organization_not_verified'
  | 'deadline_passed'
  | 'deadline_not_reached'
  | 'confidentiality_required'
  | 'confidentiality_not_required'
  | 'attachment_limit_reached'
  | 'file_type_not_allowed'
  | 'payload_too_large'
  | 'application_exists'
  | 'conflict_declaration_required'
  | 'review_started'
  | 'notice_period_running'
  | 'notice_period_over'
  | 'objections_open'
  | 'already_answered'
  | 'question_limit_reached'
  | 'insufficient_budget'
  | 'insufficient_funds'
  | 'already_paid'
  | 'enterprise_share_unconfirmed'
  | 'transfer_id_reused'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'transfer_invalid'
  | 'saved_search_limit_reached'
  | 'link_invalid'
  | 'service_unavailable'
  | 'internal';

/**
 * One failing field of an input: `field` is a dotted path (`indicators.0.unit`), `code` a stable
 * field-level code (`required`, `not_future`, …) whose localised message the API looks up, `params`
 * fill that message.
 */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  /** Every failing field at once (validation rules report all problems, not the first). */
  readonly fieldErrors: readonly FieldIssue[];

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, message?: string, fieldErrors: readonly FieldIssue[] = []) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
  }

  /** `validation_failed` carrying every issue; `params.field` names the first, for single-field readers. */
  static invalid(issues: readonly FieldIssue[]): AppError {
    return new AppError('validation_failed', issues[0] ? { field: issues[0].field } : {}, undefined, issues);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
