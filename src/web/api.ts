/**
 * The browser's only door to the server. Every request is same-origin JSON; state-changing requests
 * carry the CSRF token from `GET /api/session`; failures become an `ApiError` parsed from the
 * server's problem+json, so forms can show the field messages next to the fields.
 *
 * Only types come from src/contract (erased at build time), so zod never reaches the bundle.
 */
import type { Account, Session } from '../contract/accounts.js';
import type { Dashboard, PublishedCount } from '../contract/dashboard.js';
import type {
  CreateIdentityQuestionInput,
  IdentityAnswersBody,
  IdentityQuestion,
  ManagedIdentityQuestion,
  UpdateIdentityQuestionBody,
} from '../contract/identity.js';
import type {
  ImportInvitationsResult,
  Invitation,
  InvitationList,
  MemberListProblemDetails,
} from '../contract/invitations.js';
import type { VoteValue } from '../contract/limits.js';
import type {
  BulkModerationResult,
  LikelyDuplicate,
  ModerationItem,
  ModerationQueue,
  ModerationQueueQuery,
} from '../contract/moderation.js';
import type { MyVote, Participation } from '../contract/participation.js';
import type { PlaceList, PlaceListPreset, PlaceListPresetInfo, PlaceOption } from '../contract/places.js';
import type { ErasureResult, PrivacyNotice } from '../contract/privacy.js';
import type { Problem } from '../contract/problem.js';
import type { Results } from '../contract/results.js';
import type { CreateReviewBody, ManagedReview, Review, ReviewRole, UpdateReviewBody } from '../contract/reviews.js';
import type { ManagedStatement, Statement } from '../contract/statements.js';
import type {
  AcceptedTeamInvitation,
  AuditEvent,
  AuditPage,
  InviteTeamMemberBody,
  PendingTeamInvitation,
  Team,
  TeamInvitationPreview,
  TeamMember,
} from '../contract/team.js';

export type {
  Account,
  AuditEvent,
  AuditPage,
  Dashboard,
  IdentityQuestion,
  ImportInvitationsResult,
  Invitation,
  InvitationList,
  LikelyDuplicate,
  ManagedIdentityQuestion,
  ManagedReview,
  ManagedStatement,
  MemberListProblemDetails,
  ModerationItem,
  ModerationQueue,
  MyVote,
  Participation,
  PendingTeamInvitation,
  PlaceList,
  PlaceListPresetInfo,
  PlaceOption,
  PublishedCount,
  Review,
  Session,
  Statement,
  Team,
  TeamInvitationPreview,
  TeamMember,
};

/** A failed request: the server's problem details, or a stand-in when the network itself failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** field name → message, from the problem's `errors` list. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** The problem as the server sent it, for refusals with more to say (a member list's bad lines). */
  readonly problem: Problem;
  /** When a throttled request may be tried again (ISO time), if the server said. */
  readonly retryAt: string | undefined;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.detail = problem.detail || problem.title;
    this.retryAt = problem.retryAt;
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

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
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
  /** A plain link: the browser downloads the file the server marks as an attachment. */
  myDataUrl: (slug: string) => `${reviewPath(slug)}/my-data`,
  eraseMyData: (slug: string) => request<ErasureResult>('DELETE', `${reviewPath(slug)}/my-data`),
  privacyNotice: (slug: string, language: 'en' | 'cy') =>
    request<PrivacyNotice>('GET', `${reviewPath(slug)}/privacy?lang=${language}`),
  answerIdentity: (slug: string, body: IdentityAnswersBody) =>
    request<Participation>('PUT', `${reviewPath(slug)}/identity-answers`, body),
  vote: (slug: string, statementId: number, value: VoteValue) =>
    request<Participation>('PUT', `${reviewPath(slug)}/votes/${statementId}`, { value }),
  myVotes: (slug: string) => request<MyVote[]>('GET', `${reviewPath(slug)}/my-votes`),
  results: (slug: string) => request<Results>('GET', `${reviewPath(slug)}/results`),
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
  identityQuestions: (slug: string) =>
    request<ManagedIdentityQuestion[]>('GET', `${managePath(slug)}/identity-questions`),
  addIdentityQuestion: (slug: string, body: CreateIdentityQuestionInput) =>
    request<IdentityQuestion>('POST', `${managePath(slug)}/identity-questions`, body),
  updateIdentityQuestion: (slug: string, questionId: number, body: UpdateIdentityQuestionBody) =>
    request<IdentityQuestion>('PATCH', `${managePath(slug)}/identity-questions/${questionId}`, body),
  deleteIdentityQuestion: (slug: string, questionId: number) =>
    request<void>('DELETE', `${managePath(slug)}/identity-questions/${questionId}`),
  reorderIdentityQuestions: (slug: string, questionIds: number[]) =>
    request<IdentityQuestion[]>('PUT', `${managePath(slug)}/identity-questions/order`, { questionIds }),
  placeList: (slug: string) => request<PlaceList>('GET', `${managePath(slug)}/places`),
  importPlaces: (slug: string, csv: string) => request<PlaceList>('PUT', `${managePath(slug)}/places`, { csv }),
  loadPlacePreset: (slug: string, preset: PlaceListPreset) =>
    request<PlaceList>('POST', `${managePath(slug)}/places/preset`, { preset }),
  placePresets: () => request<PlaceListPresetInfo[]>('GET', '/api/manage/place-lists/presets'),
  placeOptions: (slug: string, questionId: number) =>
    request<PlaceOption[]>('GET', `${reviewPath(slug)}/identity-questions/${questionId}/places`),
  archivedReviews: () => request<ManagedReview[]>('GET', '/api/manage/reviews?archived=true'),
  archiveReview: (slug: string) => request<ManagedReview>('POST', `${managePath(slug)}/archive`),
  unarchiveReview: (slug: string) => request<ManagedReview>('DELETE', `${managePath(slug)}/archive`),
  createInvite: (slug: string) => request<{ url: string; token: string }>('POST', `${managePath(slug)}/invites`),

  dashboard: (slug: string) => request<Dashboard>('GET', `${managePath(slug)}/dashboard`),
  team: (slug: string) => request<Team>('GET', `${managePath(slug)}/team`),
  inviteTeamMember: (slug: string, body: InviteTeamMemberBody) =>
    request<PendingTeamInvitation>('POST', `${managePath(slug)}/team/invitations`, body),
  withdrawTeamInvitation: (slug: string, invitationId: number) =>
    request<void>('DELETE', `${managePath(slug)}/team/invitations/${invitationId}`),
  changeTeamRole: (slug: string, accountId: number, role: ReviewRole) =>
    request<TeamMember>('PATCH', `${managePath(slug)}/team/${accountId}`, { role }),
  removeTeamMember: (slug: string, accountId: number) =>
    request<void>('DELETE', `${managePath(slug)}/team/${accountId}`),
  auditLog: (slug: string, before?: number) =>
    request<AuditPage>('GET', `${managePath(slug)}/audit${before === undefined ? '' : `?before=${before}`}`),
  teamInvitation: (token: string) =>
    request<TeamInvitationPreview>('GET', `/api/team-invitations/${encodeURIComponent(token)}`),
  acceptTeamInvitation: (token: string) =>
    request<AcceptedTeamInvitation>('POST', `/api/team-invitations/${encodeURIComponent(token)}/accept`),
  signUpThroughTeamInvitation: async (token: string, body: { displayName: string; password: string }) => {
    const result = await request<Session & AcceptedTeamInvitation>(
      'POST',
      `/api/team-invitations/${encodeURIComponent(token)}/account`,
      body,
    );
    rememberSession(result);
    return result;
  },
  invitations: (slug: string) => request<InvitationList>('GET', `${managePath(slug)}/invitations`),
  importInvitations: (slug: string, csv: string) =>
    request<ImportInvitationsResult>('POST', `${managePath(slug)}/invitations/import`, { csv }),
  resendInvitation: (slug: string, invitationId: number) =>
    request<Invitation>('POST', `${managePath(slug)}/invitations/${invitationId}/resend`),
  revokeInvitation: (slug: string, invitationId: number) =>
    request<Invitation>('POST', `${managePath(slug)}/invitations/${invitationId}/revoke`),

  moderationQueue: (slug: string, query: Partial<ModerationQueueQuery>) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
    return request<ModerationQueue>('GET', `${managePath(slug)}/moderation?${search}`);
  },
  acceptStatement: (slug: string, statementId: number) =>
    request<ModerationItem>('POST', `${managePath(slug)}/moderation/statements/${statementId}/accept`),
  rejectStatement: (slug: string, statementId: number, reason: string) =>
    request<ModerationItem>('POST', `${managePath(slug)}/moderation/statements/${statementId}/reject`, { reason }),
  acceptStatements: (slug: string, statementIds: number[]) =>
    request<BulkModerationResult>('POST', `${managePath(slug)}/moderation/accept`, { statementIds }),
  rejectStatements: (slug: string, statementIds: number[], reason: string) =>
    request<BulkModerationResult>('POST', `${managePath(slug)}/moderation/reject`, { statementIds, reason }),
  editStatement: (slug: string, statementId: number, text: string) =>
    request<ModerationItem>('PATCH', `${managePath(slug)}/moderation/statements/${statementId}`, { text }),
  setStatementMeta: (slug: string, statementId: number, isMeta: boolean) =>
    request<ModerationItem>('PUT', `${managePath(slug)}/moderation/statements/${statementId}/meta`, { isMeta }),
};

async function getSession(): Promise<Session> {
  return rememberSession(await request<Session>('GET', '/api/session'));
}

/** Query keys in one place so invalidation after a mutation cannot miss a spelling. */
export const queryKeys = {
  session: ['session'] as const,
  reviews: ['reviews'] as const,
  participation: (slug: string) => ['participation', slug] as const,
  privacyNotice: (slug: string, language: string) => ['privacy-notice', slug, language] as const,
  myVotes: (slug: string) => ['my-votes', slug] as const,
  results: (slug: string) => ['results', slug] as const,
  managedReviews: ['manage', 'reviews'] as const,
  managedReview: (slug: string) => ['manage', 'review', slug] as const,
  managedStatements: (slug: string) => ['manage', 'statements', slug] as const,
  dashboard: (slug: string) => ['manage', 'dashboard', slug] as const,
  team: (slug: string) => ['manage', 'team', slug] as const,
  auditLog: (slug: string) => ['manage', 'audit', slug] as const,
  /** Every page and filter of one review's moderation queue (invalidate this prefix after a change). */
  moderationQueue: (slug: string) => ['manage', 'moderation', slug] as const,
  identityQuestions: (slug: string) => ['manage', 'identity-questions', slug] as const,
  archivedReviews: ['manage', 'reviews', 'archived'] as const,
  placeList: (slug: string) => ['manage', 'places', slug] as const,
  placePresets: ['manage', 'place-presets'] as const,
  placeOptions: (slug: string, questionId: number) => ['place-options', slug, questionId] as const,
  invitations: (slug: string) => ['manage', 'invitations', slug] as const,
};
