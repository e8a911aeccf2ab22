import type { Generated } from 'kysely';

/** Kysely table types of migration 0015 (theme edits and drafted summaries). */

export interface ThemeEditsTable {
  id: Generated<number>;
  review_id: number;
  /** The engine's `ThemeEdit` as JSON. */
  edit: string;
  created_by_account_id: number | null;
  created_at: string;
}

export interface ThemeSummariesTable {
  id: Generated<number>;
  review_id: number;
  theme_id: string;
  run_id: number | null;
  summary: string;
  prompt: string;
  model: string;
  created_by_account_id: number | null;
  created_at: string;
}
