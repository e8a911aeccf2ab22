import type { ColumnType, Generated } from 'kysely';
import type {
  EventAgendaItemsTable,
  EventOutcomesTable,
  EventReportSuggestionsTable,
  EventReportsTable,
  EventRunSheetsTable,
  EventStatementsTable,
  VolunteerAssignmentsTable,
  VolunteerOffersTable,
} from './event-outcome-schema.js';
import type { EventHostsTable, EventRegistrationsTable, EventsTable, EventTablePlansTable } from './event-schema.js';
import type { LoginFailuresTable, PasswordResetTokensTable } from './security-schema.js';
import type { ThemeEditsTable, ThemeSummariesTable } from './themes-schema.js';

/**
 * Kysely table types: the columns exactly as both databases hold them (snake_case). The store maps
 * them to the camelCase rows of `store.ts`; nothing outside `src/store/` should import these.
 *
 * Why the column types are what they are:
 * - Times are ISO-8601 UTC text in BOTH databases, not `timestamptz`: the store never reads the clock
 *   (callers pass the time, so tests control it), one row type serves both drivers (pg would return
 *   `Date` objects, better-sqlite3 strings), and ISO strings of one format sort and compare correctly
 *   as text (`expires_at > now`).
 * - Booleans are integer 0/1 in both, because SQLite has no boolean type and one column type keeps one
 *   row type; the store turns them into real booleans.
 * - Ids are 32-bit `integer`, never `bigint`, because pg returns int8 as a string.
 */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  reviews: ReviewsTable;
  review_roles: ReviewRolesTable;
  identity_questions: IdentityQuestionsTable;
  identity_options: IdentityOptionsTable;
  identity_answers: IdentityAnswersTable;
  participants: ParticipantsTable;
  invites: InvitesTable;
  invite_answers: InviteAnswersTable;
  statements: StatementsTable;
  statement_versions: StatementVersionsTable;
  vote_events: VoteEventsTable;
  votes: VotesTable;
  analyses: AnalysesTable;
  team_invitations: TeamInvitationsTable;
  audit_events: AuditEventsTable;
  moderation_events: ModerationEventsTable;
  places: PlacesTable;
  prompts: PromptsTable;
  prompt_answers: PromptAnswersTable;
  feedback: FeedbackTable;
  voice_options: VoiceOptionsTable;
  voter_voices: VoterVoicesTable;
  theme_runs: ThemeRunsTable;
  theme_edits: ThemeEditsTable;
  theme_summaries: ThemeSummariesTable;
  events: EventsTable;
  event_hosts: EventHostsTable;
  event_registrations: EventRegistrationsTable;
  event_table_plans: EventTablePlansTable;
  event_run_sheets: EventRunSheetsTable;
  event_agenda_items: EventAgendaItemsTable;
  event_outcomes: EventOutcomesTable;
  event_statements: EventStatementsTable;
  event_reports: EventReportsTable;
  event_report_suggestions: EventReportSuggestionsTable;
  volunteer_offers: VolunteerOffersTable;
  volunteer_assignments: VolunteerAssignmentsTable;
  login_failures: LoginFailuresTable;
  password_reset_tokens: PasswordResetTokensTable;
}

/** 0 or 1: how both databases hold a boolean. */
export type IntegerBoolean = 0 | 1;

export interface AccountsTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  is_instance_owner: IntegerBoolean;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: 'owner_setup';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ReviewsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  introduction: string;
  status: 'draft' | 'open' | 'closed';
  visibility: 'public' | 'invite';
  moderation_mode: 'strict' | 'permissive';
  participants_can_add_statements: IntegerBoolean;
  created_by_account_id: number;
  created_at: string;
  updated_at: string;
  /** Set while the review is archived (0003); null otherwise. */
  archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'public' or 'team' (0007); defaults to 'team'. */
  results_visibility: ColumnType<'public' | 'team', 'public' | 'team' | undefined, 'public' | 'team'>;
  /** Privacy settings and the retention clock (0011); see the migration. */
  votes_on_erasure: ColumnType<'remove' | 'anonymise', 'remove' | 'anonymise' | undefined, 'remove' | 'anonymise'>;
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  privacy_contact: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<string | null, string | null | undefined, string | null>;
  identifying_data_deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReviewRolesTable {
  review_id: number;
  account_id: number;
  role: 'owner' | 'organiser' | 'moderator' | 'facilitator' | 'analyst';
  created_at: string;
}

export interface IdentityQuestionsTable {
  id: Generated<number>;
  review_id: number;
  prompt: string;
  kind: 'tradition' | 'referendum' | 'role' | 'seat' | 'region' | 'other';
  position: number;
  created_at: string;
  required: ColumnType<IntegerBoolean, IntegerBoolean | undefined, IntegerBoolean>;
  explanation: ColumnType<string, string | undefined, string>;
  /** 1 when the options are the review's place list (one option per place). */
  uses_place_list: ColumnType<IntegerBoolean, IntegerBoolean | undefined, IntegerBoolean>;
}

export interface IdentityOptionsTable {
  id: Generated<number>;
  question_id: number;
  label: string;
  position: number;
  /** The place this option stands for, on a place question (0003). */
  place_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface IdentityAnswersTable {
  participant_id: number;
  question_id: number;
  option_id: number;
  answered_at: string;
}

export interface ParticipantsTable {
  id: Generated<number>;
  review_id: number;
  token_hash: string;
  seed: number;
  created_at: string;
  /** 1 when the participant joined through an invite ("one person one voice"). */
  verified: Generated<IntegerBoolean>;
}

export interface InvitesTable {
  id: Generated<number>;
  review_id: number;
  token_hash: string;
  created_at: string;
  created_by_account_id: number;
  used_at: string | null;
  /** No longer written (migration 0005): an invite must not link an email to a participant. */
  participant_id: number | null;
  /** The invitee's address, lower-cased; null for a one-off link. */
  email: string | null;
  name: string | null;
  revoked_at: string | null;
  /** How the last invitation email went; null for a one-off link (never emailed). */
  send_status: 'pending' | 'sent' | 'send_failed' | null;
  sent_at: string | null;
}

/** Identity answers pre-filled by the organiser, kept only until the invite is redeemed. */
export interface InviteAnswersTable {
  invite_id: number;
  question_id: number;
  option_id: number;
}

/** Kept by triggers (0016): moves whenever any statement of the review changes. */
export interface StatementVersionsTable {
  review_id: number;
  version: number;
}

export interface StatementsTable {
  id: Generated<number>;
  review_id: number;
  text: string;
  text_key: string;
  origin: 'seed' | 'participant' | 'event';
  moderation: 'pending' | 'accepted' | 'rejected';
  is_meta: IntegerBoolean;
  author_participant_id: number | null;
  author_account_id: number | null;
  created_at: string;
  moderated_at: string | null;
  /** Moderation record (0004): who last accepted or rejected it, and why it was rejected. */
  moderated_by_account_id: ColumnType<number | null, number | null | undefined, number | null>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The text as first written, kept when a moderator fixes a typo (0004); null while never edited. */
  original_text: ColumnType<string | null, string | null | undefined, string | null>;
  edited_at: ColumnType<string | null, string | null | undefined, string | null>;
  edited_by_account_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** What the statement was promoted from (0008): a prompt answer or a voter voice, by id; null otherwise. */
  source_kind: ColumnType<'prompt_answer' | 'voter_voice' | null, 'prompt_answer' | 'voter_voice' | null | undefined>;
  source_id: ColumnType<number | null, number | null | undefined>;
}

/** Append-only: every vote ever cast, in order of `id`. */
export interface VoteEventsTable {
  id: Generated<number>;
  review_id: number;
  participant_id: number;
  statement_id: number;
  value: -1 | 0 | 1;
  voted_at: string;
  /** The client's Idempotency-Key (0010), unique per participant; null when none was sent. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The current vote per participant × statement (the latest event wins). */
export interface VotesTable {
  participant_id: number;
  statement_id: number;
  review_id: number;
  value: -1 | 0 | 1;
  voted_at: string;
}

export interface AnalysesTable {
  id: Generated<number>;
  review_id: number;
  version: number;
  created_at: string;
  vote_event_count: number;
  /** The analysis as JSON text; the worker owns its shape. */
  result: string;
}

/** A review's place list (0003): seats, wards, branches… imported from CSV. */
export interface PlacesTable {
  id: Generated<number>;
  review_id: number;
  code: string;
  name: string;
  name_cy: string | null;
  region: string;
  /** JSON object of the CSV's extra columns, text → text. */
  attributes: string;
  position: number;
}

/** Append-only record of moderation (0004): accept, reject (with its reason), edit (with the text before), meta. */
export interface ModerationEventsTable {
  id: Generated<number>;
  review_id: number;
  statement_id: number;
  /** The moderator; null once their account is deleted. */
  account_id: number | null;
  action: 'accept' | 'reject' | 'edit' | 'mark_meta' | 'unmark_meta';
  reason: string | null;
  previous_text: string | null;
  created_at: string;
}

/** Emailed single-use links that give an account a role on a review (0006). */
export interface TeamInvitationsTable {
  id: Generated<number>;
  review_id: number;
  email: string;
  role: ReviewRolesTable['role'];
  token_hash: string;
  invited_by_account_id: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by_account_id: number | null;
  revoked_at: string | null;
}

/** Append-only record of organiser and moderator actions (0006). */
export interface AuditEventsTable {
  id: Generated<number>;
  review_id: number;
  /** Who acted; null once their account is deleted. */
  account_id: number | null;
  action: string;
  /** JSON object of the route's numeric ids, e.g. {"statementId":12}. */
  params: string;
  summary: string;
  created_at: string;
}

/** Open questions of a review (0008). */
export interface PromptsTable {
  id: Generated<number>;
  review_id: number;
  text: string;
  max_length: number;
  position: number;
  created_at: string;
  updated_at: string;
}

/** One answer per participant per prompt (0008), edited in place. */
export interface PromptAnswersTable {
  id: Generated<number>;
  review_id: number;
  prompt_id: number;
  participant_id: number;
  text: string;
  created_at: string;
  updated_at: string;
}

/** The "how was this for you?" form (0008); counted, not attributed. */
export interface FeedbackTable {
  id: Generated<number>;
  review_id: number;
  participant_id: number | null;
  rating: number | null;
  text: string | null;
  created_at: string;
}

/** The review's option lists for voter voices (0008). */
export interface VoiceOptionsTable {
  id: Generated<number>;
  review_id: number;
  list: 'past_vote' | 'intention';
  label: string;
  position: number;
}

/** What a voter said to a canvasser (0008): no name, email or address, ever. */
export interface VoterVoicesTable {
  id: Generated<number>;
  review_id: number;
  place_id: number | null;
  place_code: string;
  place_name: string;
  past_vote: string | null;
  intention: string | null;
  text: string;
  consent: 1;
  recorded_by_account_id: number | null;
  idempotency_key: string;
  created_at: string;
}

/** Runs of the offline theme engine over a review's answers and voices (0008). */
export interface ThemeRunsTable {
  id: Generated<number>;
  review_id: number;
  answer_count: number;
  /** The engine's run as JSON text; src/core/themes owns its shape. */
  result: string;
  created_at: string;
  /** The newest theme edit the run applied (0015); null before any edit or on older runs. */
  last_edit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The seed the run used (0015). */
  seed: ColumnType<number | null, number | null | undefined, number | null>;
}
