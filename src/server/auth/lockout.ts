import type { z } from 'zod';
import type { signInBody } from '../../contract/accounts.js';
import type { AccountRow } from '../../store/store.js';
import { signIn } from '../commands/accounts.js';
import type { AppContext } from '../context.js';
import { type Outcome, refuse } from '../errors.js';
import { accountLockoutPolicy, addressLockoutPolicy, type LockoutPolicy, lockEnd } from './lockout-policy.js';
import { hashToken } from './tokens.js';

interface LoginSubject {
  hash: string;
  policy: LockoutPolicy;
}

/**
 * The two things a guesser is counted by: the email tried (whether or not it has an account, so a
 * lock says nothing about which emails exist) and the client address. Hashed, so the failure table
 * holds neither in readable form.
 */
function loginSubjects(email: string, clientAddress: string): { account: LoginSubject; address: LoginSubject } {
  return {
    account: { hash: hashToken(`account:${email}`), policy: accountLockoutPolicy },
    address: { hash: hashToken(`address:${clientAddress}`), policy: addressLockoutPolicy },
  };
}

async function lockedUntil(context: AppContext, subject: LoginSubject, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - subject.policy.memoryMs).toISOString();
  const failures = await context.store.security.listLoginFailures(subject.hash, since);
  const end = lockEnd(
    failures.map((failedAt) => Date.parse(failedAt)),
    subject.policy,
  );
  return end !== null && end > now.getTime() ? end : null;
}

/**
 * Sign-in with lockout: refuses (429, with `retryAt`) while the email or the address is locked,
 * without checking the password; counts a failure against both; a success clears the email's
 * failures. The address's failures stay on success, or a guesser holding one real account could
 * wipe its own count between guesses.
 */
export async function signInWithLockout(
  context: AppContext,
  body: z.infer<typeof signInBody>,
  clientAddress: string,
): Promise<Outcome<AccountRow>> {
  const now = context.now();
  const subjects = loginSubjects(body.email, clientAddress);
  const ends = await Promise.all(
    [subjects.account, subjects.address].map((subject) => lockedUntil(context, subject, now)),
  );
  const until = Math.max(...ends.map((end) => end ?? 0));
  if (until > 0) {
    const retryAt = new Date(until).toISOString();
    return refuse(
      'login_locked',
      `Too many failed sign-ins for this email or from this network; try again after ${retryAt}.`,
      undefined,
      { retryAt },
    );
  }
  const outcome = await signIn(context, body);
  const security = context.store.security;
  if (outcome.ok) {
    await security.clearLoginFailures(subjects.account.hash);
  } else {
    await security.recordLoginFailure([subjects.account.hash, subjects.address.hash], now.toISOString());
    // Pruning on the failure path keeps the table to a day of failures without a scheduled job.
    await security.pruneLoginFailures(new Date(now.getTime() - accountLockoutPolicy.memoryMs).toISOString());
  }
  return outcome;
}
