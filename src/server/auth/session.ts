import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRow } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { hashToken, newToken, sameSecret } from './tokens.js';

export const sessionCookie = 'cg_session';
export const csrfCookie = 'cg_csrf';
/** One pseudonymous participant cookie per review, so taking part in one review reveals nothing of another. */
export const participantCookie = (reviewId: number): string => `cg_participant_${reviewId}`;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in organiser, or null for participants and visitors. */
    account: AccountRow | null;
  }
}

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieOptions(context: AppContext, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    secure: context.config.secureCookies,
    sameSite: 'lax' as const,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * Double-submit CSRF protection: every visitor gets a random httpOnly `cg_csrf` cookie; the page
 * reads the same value from GET /api/session (same-origin only) and sends it back as the
 * `x-csrf-token` header on every state-changing request. A cross-site form can send the cookie but
 * can neither read the token nor set the header.
 */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, context: AppContext): string {
  const existing = request.cookies[csrfCookie];
  if (existing && existing.length >= 32) return existing;
  const token = newToken();
  reply.setCookie(csrfCookie, token, cookieOptions(context, 60 * 60 * 24 * 365));
  request.cookies[csrfCookie] = token;
  return token;
}

export function checkCsrf(request: FastifyRequest): void {
  if (!stateChangingMethods.has(request.method)) return;
  const cookie = request.cookies[csrfCookie];
  const header = request.headers['x-csrf-token'];
  if (!cookie || typeof header !== 'string' || !sameSecret(cookie, header)) {
    throw new AppError(
      'csrf_failed',
      'State-changing requests need the x-csrf-token header with the token from GET /api/session.',
    );
  }
}

/** Resolves the session cookie to an account; an expired or unknown session is simply no account. */
export async function loadAccount(request: FastifyRequest, context: AppContext): Promise<AccountRow | null> {
  const token = request.cookies[sessionCookie];
  if (!token) return null;
  const session = await context.store.findSession(hashToken(token), context.now().toISOString());
  if (!session) return null;
  return (await context.store.findAccountById(session.accountId)) ?? null;
}

/** Starts a session for the account: a new session cookie and a new CSRF token (rotated on sign-in). */
export async function startSession(
  reply: FastifyReply,
  request: FastifyRequest,
  context: AppContext,
  accountId: number,
): Promise<string> {
  const token = newToken();
  const csrfToken = newToken();
  const now = context.now();
  const maxAgeSeconds = context.config.sessionDays * 24 * 60 * 60;
  await context.store.createSession({
    tokenHash: hashToken(token),
    accountId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000).toISOString(),
  });
  reply.setCookie(sessionCookie, token, cookieOptions(context, maxAgeSeconds));
  reply.setCookie(csrfCookie, csrfToken, cookieOptions(context, 60 * 60 * 24 * 365));
  request.cookies[csrfCookie] = csrfToken;
  return csrfToken;
}

export async function endSession(request: FastifyRequest, reply: FastifyReply, context: AppContext): Promise<void> {
  const token = request.cookies[sessionCookie];
  if (token) await context.store.deleteSession(hashToken(token));
  reply.clearCookie(sessionCookie, { path: '/' });
}

export function requireAccount(request: FastifyRequest): AccountRow {
  if (!request.account) throw new AppError('unauthenticated', 'Sign in as an organiser to do this.');
  return request.account;
}
