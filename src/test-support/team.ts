import type { ReviewRole } from '../core/review-rules.js';
import { hashPassword } from '../server/auth/passwords.js';
import type { AccountRow } from '../store/store.js';
import type { TestApi, TestClient } from './api.js';

export const testPassword = 'correct horse battery staple';

let sharedHash: Promise<string> | undefined;

/**
 * A signed-in client for a new account. The account is written straight to the store (one argon2
 * hash shared by every test account, to keep suites fast); signing in goes through the API.
 */
export async function signedInAccount(
  api: TestApi,
  email: string,
  displayName = email.split('@')[0] ?? email,
): Promise<{ client: TestClient; account: AccountRow }> {
  sharedHash ??= hashPassword(testPassword);
  const account = await api.store.createAccount({
    // As the API stores them: sign-in compares lower-cased addresses.
    email: email.toLowerCase(),
    displayName,
    passwordHash: await sharedHash,
    isInstanceOwner: false,
    createdAt: api.clock.now.toISOString(),
  });
  const client = api.client();
  const response = await client.post('/api/sessions', { email, password: testPassword });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { client, account };
}

/** Gives an account a role on the review named by `slug`, straight in the store. */
export async function grantRole(api: TestApi, slug: string, accountId: number, role: ReviewRole): Promise<void> {
  const review = await api.store.findReviewBySlug(slug);
  if (!review) throw new Error(`no review ${slug}`);
  await api.store.setReviewRole({ reviewId: review.id, accountId, role, createdAt: api.clock.now.toISOString() });
}

/** The token from the last email's /team-invitation/<token> link to `to`. */
export function invitationToken(api: TestApi, to: string): string {
  const mail = api.outbox.findLast((message) => message.to === to);
  const token = mail && /\/team-invitation\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no team invitation mailed to ${to}`);
  return token;
}
