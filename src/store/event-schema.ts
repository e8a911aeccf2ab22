import type { Generated } from 'kysely';

/** Kysely table types of migration 0009 (events); see schema.ts for why columns are typed as they are. */

export interface EventsTable {
  id: Generated<number>;
  review_id: number | null;
  type: string;
  title: string;
  description: string;
  format: 'in_person' | 'online' | 'hybrid';
  venue: string | null;
  address: string | null;
  region: string | null;
  accessibility_notes: string | null;
  meeting_link: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  capacity: number;
  status: 'draft' | 'proposed' | 'published' | 'cancelled' | 'finished';
  sequence: Generated<number>;
  proposed_by_account_id: number | null;
  approved_by_account_id: number | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventHostsTable {
  event_id: number;
  account_id: number;
  role: 'host' | 'facilitator';
  created_at: string;
}

export interface EventRegistrationsTable {
  id: Generated<number>;
  event_id: number;
  name: string;
  email: string;
  /** JSON `[{ questionId, optionId }]`. */
  answers: string;
  opinion_group: string | null;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  position: number | null;
  manage_token_hash: string;
  check_in_token_hash: string;
  checked_in_at: string | null;
  /** JSON arrays of registration ids. */
  together_with: string;
  apart_from: string;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventTablePlansTable {
  event_id: number;
  seed: number;
  table_size: number;
  /** JSON `string[][]`: registration ids per table, table 1 first. */
  plan: string;
  updated_by_account_id: number | null;
  updated_at: string;
}
