import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SecurityStore } from './security-store.js';

/**
 * The account-security queries of `KyselyStore` (migration 0012), written once for both databases.
 * The connection may be a transaction, so commands compose these inside `store.transaction`.
 */
export class KyselySecurityStore implements SecurityStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async recordLoginFailure(subjectHashes: readonly string[], failedAt: string): Promise<void> {
    if (subjectHashes.length === 0) return;
    await this.#db
      .insertInto('login_failures')
      .values(subjectHashes.map((subjectHash) => ({ subject_hash: subjectHash, failed_at: failedAt })))
      .execute();
  }

  async listLoginFailures(subjectHash: string, since: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('login_failures')
      .select('failed_at')
      .where('subject_hash', '=', subjectHash)
      .where('failed_at', '>', since)
      .orderBy('failed_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => row.failed_at);
  }

  async clearLoginFailures(subjectHash: string): Promise<void> {
    await this.#db.deleteFrom('login_failures').where('subject_hash', '=', subjectHash).execute();
  }

  async pruneLoginFailures(before: string): Promise<number> {
    const result = await this.#db.deleteFrom('login_failures').where('failed_at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async createPasswordResetToken(input: {
    accountId: number;
    tokenHash: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.#db
      .insertInto('password_reset_tokens')
      .values({
        account_id: input.accountId,
        token_hash: input.tokenHash,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async countPasswordResetTokens(accountId: number, since: string): Promise<number> {
    const row = await this.#db
      .selectFrom('password_reset_tokens')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
      .where('account_id', '=', accountId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async consumePasswordResetToken(tokenHash: string, now: string): Promise<number | undefined> {
    // One conditional UPDATE: of two concurrent uses, only one sees a row change.
    const row = await this.#db
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id;
  }

  async retirePasswordResetTokens(accountId: number, now: string): Promise<void> {
    await this.#db
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
  }

  async updatePasswordHash(accountId: number, passwordHash: string): Promise<void> {
    await this.#db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
  }

  async deleteSessionsOfAccount(accountId: number): Promise<void> {
    await this.#db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  }
}
