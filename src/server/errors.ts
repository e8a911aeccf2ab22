import type { Problem } from '../contract/problem.js';

/**
 * Every error the API can answer with: a stable snake_case code (clients switch on it), an HTTP
 * status, and a title. The one error handler in app.ts turns these into application/problem+json.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  unsupported_media_type: { status: 415, title: 'Send JSON' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  invalid_credentials: { status: 401, title: 'Email or password not recognised' },
  csrf_failed: { status: 403, title: 'Missing or wrong CSRF token' },
  forbidden: { status: 403, title: 'Not allowed' },
  statements_closed: { status: 403, title: 'This review does not take new statements' },
  invite_required: { status: 403, title: 'This review is by invitation' },
  not_joined: { status: 403, title: 'Join the review first' },
  not_found: { status: 404, title: 'Not found' },
  review_not_found: { status: 404, title: 'Review not found' },
  statement_not_found: { status: 404, title: 'Statement not found' },
  invite_not_found: { status: 404, title: 'Invite not found' },
  question_not_found: { status: 404, title: 'Identity question not found' },
  analysis_not_ready: { status: 404, title: 'No analysis yet' },
  review_closed: { status: 409, title: 'This review is not open' },
  statement_not_votable: { status: 409, title: 'This statement cannot be voted on' },
  duplicate_statement: { status: 409, title: 'That statement is already in the review' },
  slug_taken: { status: 409, title: 'That address is taken' },
  email_taken: { status: 409, title: 'That email already has an account' },
  invite_used: { status: 409, title: 'This invite has been used' },
  setup_done: { status: 409, title: 'The owner account already exists' },
  setup_token_invalid: { status: 403, title: 'The set-up link is not valid or has expired' },
  payload_too_large: { status: 413, title: 'The request is too large' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'Not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  field: string;
  message: string;
}

/** An expected failure with a code from the catalogue and a specific, human message. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(detail);
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  toProblem(): Problem {
    const entry = errorCatalogue[this.code];
    return {
      type: `https://common-ground.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: entry.title,
      status: entry.status,
      code: this.code,
      detail: this.detail,
      ...(this.fieldErrors ? { errors: this.fieldErrors } : {}),
    };
  }
}

/** Shorthand for a validation failure on one field. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

/**
 * Commands return expected refusals as values rather than throwing (decidim's broadcast style);
 * routes unwrap them with `unwrap`, which throws the AppError for the one error handler.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = <T = never>(code: ErrorCode, detail: string, fieldErrors?: FieldError[]): Outcome<T> => ({
  ok: false,
  error: new AppError(code, detail, fieldErrors),
});

export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
