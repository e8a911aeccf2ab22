import type { Generated } from 'kysely';

/** Kysely table types of migration 0012 (account security); see schema.ts for why columns are typed as they are. */

export interface LoginFailuresTable {
  id: Generated<number>;
  subject_hash: string;
  failed_at: string;
}

export interface PasswordResetTokensTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
