import type { Generated } from 'kysely';

/** Kysely table types of migration 0013 (run sheets, event outcomes and report, volunteers). */

export interface EventRunSheetsTable {
  event_id: number;
  template: string | null;
  language: string;
  current_item_id: number | null;
  updated_at: string;
}

export interface EventAgendaItemsTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  title: string;
  minutes: number;
  /** JSON array of strings. */
  prompts: string;
  started_at: string | null;
}

export interface EventOutcomesTable {
  id: Generated<number>;
  event_id: number;
  kind: 'agreement' | 'disagreement' | 'question' | 'action';
  text: string;
  created_by_account_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface EventStatementsTable {
  statement_id: number;
  event_id: number;
  created_at: string;
}

export interface EventReportsTable {
  event_id: number;
  summary: string;
  finished_at: string | null;
  updated_at: string;
}

export interface EventReportSuggestionsTable {
  id: Generated<number>;
  event_id: number;
  registration_id: number | null;
  outcome_id: number | null;
  kind: 'agreement' | 'disagreement' | 'question' | 'action' | null;
  text: string;
  status: 'pending' | 'accepted' | 'declined';
  created_at: string;
  decided_at: string | null;
  decided_by_account_id: number | null;
}

export interface VolunteerOffersTable {
  id: Generated<number>;
  name: string;
  email: string;
  /** JSON array of capabilities. */
  capabilities: string;
  area: string;
  availability: string;
  consented_at: string;
  created_at: string;
}

export interface VolunteerAssignmentsTable {
  offer_id: number;
  event_id: number;
  assigned_by_account_id: number | null;
  assigned_at: string;
}
