/**
 * The browser's only door to the server. Every request is same-origin JSON; state-changing requests
 * carry the CSRF token from `GET /api/session`; failures become an `ApiError` parsed from the
 * server's problem+json, so forms can show the field messages next to the fields.
 *
 * Only types come from src/contract (erased at build time), so zod never reaches the bundle.
 */
import type { Account, Session } from '../contract/accounts.js';
import type { CreateIdentityQuestionBody, IdentityAnswersBody, IdentityQuestion } from '../contract/identity.js';
import type { VoteValue } from '../contract/limits.js';
import type { MyVote, Participation } from '../contract/participation.js';
import type { Problem } from '../contract/problem.js';
import type { CreateReviewBody, ManagedReview, Review, UpdateReviewBody } from '../contract/reviews.js';
import type { ManagedStatement, Statement } from '../contract/statements.js';

export type {
  Account,
  IdentityQuestion,
  ManagedReview,
  ManagedStatement,
  MyVote,
  Participation,
  Review,
  Session,
  Statement,
};

/** A failed request: the server's problem details, or a stand-in when the network itself failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** field name → message, from the problem's `errors` list. */
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail || problem.title;
    const fieldErrors: Record<string, string> = {};
    for (const error of problem.errors ?? []) {
      // The first message per field is the most specific; later ones repeat the same fault.
      fieldErrors[error.field] ??= error.message;
    }
    this.fieldErrors = fieldErrors;
  }
}

/** True when the value looks like problem details, so a proxy's HTML error page is not mistaken for one. */
function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.status === 'number' && typeof record.code === 'string';
}

let csrfToken: string | null = null;

/** Remembers the token from the latest session response; the server rotates it on sign-in/out. */
export function rememberSession(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken === null) await getSession();
    headers['x-csrf-token'] = csrfToken ?? '';
  }
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
}

async function toError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's error page): fall through to a generic problem.
  }
  if (isProblem(payload)) return new ApiError(payload);
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: 'unexpected_response',
    detail: `The server answered ${response.status}.`,
  });
}

/** CSRF failures after a session change are fixed by fetching a fresh token and trying once more. */
function isCsrfProblem(error: ApiError): boolean {
  return error.status === 403 && error.code.includes('csrf');
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  if (!response.ok) {
    const error = await toError(response);
    if (method === 'GET' || !isCsrfProblem(error)) throw error;
    await getSession();
    response = await send(method, path, body);
    if (!response.ok) throw await toError(response);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const reviewPath = (slug: string) => `/api/reviews/${encodeURIComponent(slug)}`;
const managePath = (slug: string) => `/api/manage/reviews/${encodeURIComponent(slug)}`;

/** Typed calls, one per endpoint, named after what they do. */
export const api = {
  getSession: () => getSession(),
  signIn: async (body: { email: string; password: string }) =>
    rememberSession(await request<Session>('POST', '/api/sessions', body)),
  signOut: () => request<void>('DELETE', '/api/sessions/current'),
  setupStatus: () => request<{ needed: boolean }>('GET', '/api/setup/status'),
  setup: async (body: { token: string; email: string; password: string; displayName: string }) =>
    rememberSession(await request<Session>('POST', '/api/setup', body)),

  listReviews: () => request<Review[]>('GET', '/api/reviews'),
  participation: (slug: string) => request<Participation>('GET', `${reviewPath(slug)}/participation`),
  join: (slug: string) => request<Participation>('POST', `${reviewPath(slug)}/join`),
  answerIdentity: (slug: string, body: IdentityAnswersBody) =>
    request<Participation>('PUT', `${reviewPath(slug)}/identity-answers`, body),
  vote: (slug: string, statementId: number, value: VoteValue) =>
    request<Participation>('PUT', `${reviewPath(slug)}/votes/${statementId}`, { value }),
  myVotes: (slug: string) => request<MyVote[]>('GET', `${reviewPath(slug)}/my-votes`),
  addStatement: (slug: string, text: string) => request<Statement>('POST', `${reviewPath(slug)}/statements`, { text }),
  acceptInvite: (token: string) =>
    request<{ slug: string }>('POST', `/api/invites/${encodeURIComponent(token)}/accept`),

  managedReviews: () => request<ManagedReview[]>('GET', '/api/manage/reviews'),
  createReview: (body: Partial<CreateReviewBody> & { title: string; slug: string }) =>
    request<ManagedReview>('POST', '/api/manage/reviews', body),
  managedReview: (slug: string) => request<ManagedReview>('GET', managePath(slug)),
  updateReview: (slug: string, body: UpdateReviewBody) => request<ManagedReview>('PATCH', managePath(slug), body),
  managedStatements: (slug: string) => request<ManagedStatement[]>('GET', `${managePath(slug)}/statements`),
  seedStatements: (slug: string, statements: string[]) =>
    request<ManagedStatement[]>('POST', `${managePath(slug)}/statements`, { statements }),
  moderate: (slug: string, statementId: number, moderation: Statement['moderation']) =>
    request<ManagedStatement>('PATCH', `${managePath(slug)}/statements/${statementId}`, { moderation }),
  identityQuestions: (slug: string) => request<IdentityQuestion[]>('GET', `${managePath(slug)}/identity-questions`),
  addIdentityQuestion: (slug: string, body: CreateIdentityQuestionBody) =>
    request<IdentityQuestion>('POST', `${managePath(slug)}/identity-questions`, body),
  createInvite: (slug: string) => request<{ url: string; token: string }>('POST', `${managePath(slug)}/invites`),
};

async function getSession(): Promise<Session> {
  return rememberSession(await request<Session>('GET', '/api/session'));
}

/** Query keys in one place so invalidation after a mutation cannot miss a spelling. */
export const queryKeys = {
  session: ['session'] as const,
  reviews: ['reviews'] as const,
  participation: (slug: string) => ['participation', slug] as const,
  myVotes: (slug: string) => ['my-votes', slug] as const,
  managedReviews: ['manage', 'reviews'] as const,
  managedReview: (slug: string) => ['manage', 'review', slug] as const,
  managedStatements: (slug: string) => ['manage', 'statements', slug] as const,
  identityQuestions: (slug: string) => ['manage', 'identity-questions', slug] as const,
};
