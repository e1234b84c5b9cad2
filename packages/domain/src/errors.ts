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
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
