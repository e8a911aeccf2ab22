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
  no_participant_data: { status: 404, title: 'This browser has not taken part in this review' },
  review_not_found: { status: 404, title: 'Review not found' },
  statement_not_found: { status: 404, title: 'Statement not found' },
  invite_not_found: { status: 404, title: 'Invite not found' },
  question_not_found: { status: 404, title: 'Identity question not found' },
  prompt_not_found: { status: 404, title: 'Prompt not found' },
  source_not_found: { status: 404, title: 'That answer or voice was not found' },
  prompt_answered: { status: 409, title: 'This prompt has answers, so it cannot be deleted' },
  idempotency_key_reused: { status: 409, title: 'This idempotency key was used for something else' },
  analysis_not_ready: { status: 404, title: 'No analysis yet' },
  results_not_public: { status: 403, title: 'The results of this review are for its team only' },
  review_closed: { status: 409, title: 'This review is not open' },
  statement_not_votable: { status: 409, title: 'This statement cannot be voted on' },
  duplicate_statement: { status: 409, title: 'That statement is already in the review' },
  statement_has_votes: { status: 409, title: 'This statement has votes, so its text cannot change' },
  slug_taken: { status: 409, title: 'That address is taken' },
  email_taken: { status: 409, title: 'That email already has an account' },
  invite_used: { status: 409, title: 'This invite has been used' },
  team_invitation_not_found: { status: 404, title: 'Team invitation not found' },
  team_invitation_expired: { status: 410, title: 'This team invitation has expired or was withdrawn' },
  team_invitation_used: { status: 409, title: 'This team invitation has been used' },
  team_invitation_wrong_account: { status: 403, title: 'This team invitation is for another email address' },
  member_not_found: { status: 404, title: 'Not a member of this review' },
  already_in_team: { status: 409, title: 'Already in the team' },
  last_owner: { status: 409, title: 'A review keeps at least one owner' },
  mail_not_sent: { status: 502, title: 'The email could not be sent' },
  invite_revoked: { status: 410, title: 'This invite has been withdrawn' },
  invitation_not_found: { status: 404, title: 'Invitation not found' },
  member_list_invalid: { status: 422, title: 'The member list has bad lines' },
  place_list_invalid: { status: 422, title: 'The place list has bad lines' },
  place_list_missing: { status: 409, title: 'This review has no place list yet' },
  place_list_in_use: { status: 409, title: 'Participants have answered a place question' },
  question_answered: { status: 409, title: 'This question has answers, so it cannot change' },
  identity_answers_required: { status: 409, title: 'Answer the required questions first' },
  review_archived: { status: 409, title: 'This review is archived' },
  setup_done: { status: 409, title: 'The owner account already exists' },
  setup_token_invalid: { status: 403, title: 'The set-up link is not valid or has expired' },
  payload_too_large: { status: 413, title: 'The request is too large' },
  rate_limited: { status: 429, title: 'Too many requests' },
  login_locked: { status: 429, title: 'Too many failed sign-ins' },
  reset_token_invalid: { status: 403, title: 'The password reset link is not valid or has expired' },
  statement_posting_too_fast: { status: 429, title: 'Statements are coming too fast' },
  statement_posting_limit: { status: 429, title: 'No more statements from you in this review' },
  event_not_found: { status: 404, title: 'Event not found' },
  event_not_open: { status: 409, title: 'This event does not take registrations' },
  event_status: { status: 409, title: 'The event is not in a state that allows this' },
  already_registered: { status: 409, title: 'That email is already registered for this event' },
  registration_not_found: { status: 404, title: 'Registration not found' },
  table_plan_missing: { status: 404, title: 'No table plan yet' },
  table_plan_invalid: { status: 422, title: 'No table plan can be made like this' },
  run_sheet_missing: { status: 404, title: 'This event has no run sheet yet' },
  agenda_item_not_found: { status: 404, title: 'Agenda item not found' },
  event_has_no_review: { status: 409, title: 'This event is not linked to a review' },
  outcome_not_found: { status: 404, title: 'Outcome not found' },
  report_not_open: { status: 409, title: 'The event report is not open for suggestions yet' },
  report_locked: { status: 409, title: 'The event report is locked' },
  report_not_published: { status: 404, title: 'The event report is not published yet' },
  not_checked_in: { status: 403, title: 'Only people who came to the event can do this' },
  suggestion_not_found: { status: 404, title: 'Suggestion not found' },
  suggestion_decided: { status: 409, title: 'This suggestion has been decided already' },
  volunteer_not_found: { status: 404, title: 'Volunteer offer not found' },
  already_assigned: { status: 409, title: 'This volunteer is already assigned to that event' },
  themes_not_run: { status: 409, title: 'Themes have not been found yet: run them first' },
  theme_not_found: { status: 404, title: 'Theme not found' },
  theme_too_small: { status: 409, title: 'This theme is too small to split' },
  llm_not_configured: { status: 409, title: 'Machine-written summaries are not set up on this server' },
  llm_failed: { status: 502, title: 'The summary service did not answer usefully' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'Not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type ProblemExtensions = Pick<Problem, 'retryAt' | 'lines'>;

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
    /** RFC 9457 extension members, e.g. `retryAt` on a throttled request. */
    readonly extensions?: ProblemExtensions,
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
      ...this.extensions,
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
export const refuse = <T = never>(
  code: ErrorCode,
  detail: string,
  fieldErrors?: FieldError[],
  extensions?: ProblemExtensions,
): Outcome<T> => ({
  ok: false,
  error: new AppError(code, detail, fieldErrors, extensions),
});

export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
