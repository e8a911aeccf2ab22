import type { z } from 'zod';
import type { setupOwnerBody, signInBody } from '../../contract/accounts.js';
import { type AccountRow, StoreConflictError } from '../../store/store.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';

const setupLinkHours = 24;

/**
 * While no instance owner exists, makes a fresh one-time set-up link for the owner. Only its hash is
 * stored, so the link is printed once (at start-up) and cannot be recovered from the database.
 */
export async function issueOwnerSetupLink(context: AppContext): Promise<string | null> {
  if (await context.store.findInstanceOwner()) return null;
  const token = newToken();
  const now = context.now();
  await context.store.createOneTimeToken({
    tokenHash: hashToken(token),
    purpose: 'owner_setup',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + setupLinkHours * 3_600_000).toISOString(),
  });
  return `${context.config.publicUrl}/setup?token=${encodeURIComponent(token)}`;
}

/** Creates the instance owner from the set-up link; the token is consumed in the same transaction. */
export async function setupOwner(
  context: AppContext,
  body: z.infer<typeof setupOwnerBody>,
): Promise<Outcome<AccountRow>> {
  if (await context.store.findInstanceOwner()) {
    return refuse('setup_done', 'This instance already has its owner; sign in instead.');
  }
  const passwordHash = await hashPassword(body.password);
  const now = context.now().toISOString();
  try {
    const account = await context.store.transaction(async (tx) => {
      if (!(await tx.consumeOneTimeToken(hashToken(body.token), 'owner_setup', now))) return undefined;
      return tx.createAccount({
        email: body.email,
        displayName: body.displayName,
        passwordHash,
        isInstanceOwner: true,
        createdAt: now,
      });
    });
    if (!account) {
      return refuse(
        'setup_token_invalid',
        'This set-up link is not valid, was used already or has expired. Restart the server for a new one.',
      );
    }
    return ok(account);
  } catch (error) {
    if (error instanceof StoreConflictError) return refuse('email_taken', 'That email already has an account.');
    throw error;
  }
}

/** Checks an email and password; unknown emails take as long as wrong passwords. */
export async function signIn(context: AppContext, body: z.infer<typeof signInBody>): Promise<Outcome<AccountRow>> {
  const account = await context.store.findAccountByEmail(body.email);
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), body.password);
  if (!account || !valid) return refuse('invalid_credentials', 'That email and password do not match an account.');
  return ok(account);
}
