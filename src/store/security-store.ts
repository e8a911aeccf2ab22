/**
 * The account-security part of the Store (migration 0012): sign-in failures counted across app
 * instances, and password reset tokens. Same conventions as store.ts: ISO UTC times passed in,
 * undefined when nothing is found.
 */
export interface SecurityStore {
  /** Records one failed sign-in against each subject (hashed email, hashed client address). */
  recordLoginFailure(subjectHashes: readonly string[], failedAt: string): Promise<void>;
  /** Failure times of one subject after `since`, oldest first. */
  listLoginFailures(subjectHash: string, since: string): Promise<string[]>;
  /** Forgets a subject's failures (after a successful sign-in). */
  clearLoginFailures(subjectHash: string): Promise<void>;
  /** Deletes failures at or before `before`; returns how many went. */
  pruneLoginFailures(before: string): Promise<number>;

  createPasswordResetToken(input: {
    accountId: number;
    tokenHash: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** Reset links made for the account after `since` (used or not), to cap how many are mailed. */
  countPasswordResetTokens(accountId: number, since: string): Promise<number>;
  /**
   * Marks an unused, unexpired token used and returns its account id; undefined when the token is
   * unknown, used or expired. Only one of two concurrent calls with the same token gets the id.
   */
  consumePasswordResetToken(tokenHash: string, now: string): Promise<number | undefined>;
  /** Marks every other open reset token of the account used, so an older link cannot be replayed. */
  retirePasswordResetTokens(accountId: number, now: string): Promise<void>;
  updatePasswordHash(accountId: number, passwordHash: string): Promise<void>;
  /** Ends every session of the account (signed out everywhere). */
  deleteSessionsOfAccount(accountId: number): Promise<void>;
}
