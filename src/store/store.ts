import type { ReviewRole } from '../contract/reviews.js';
import type { EventOutcomeStore, VolunteerStore } from './event-outcome-store.js';
import type { EventStore } from './event-store.js';
import type { ListeningStore } from './listening-queries.js';
import type { PrivacyStore } from './privacy-queries.js';
import type { SecurityStore } from './security-store.js';
import type { ThemesStore } from './themes-queries.js';

/**
 * The one persistence interface. SQLite (embedded default) and PostgreSQL (production) implement it
 * through Kysely and must pass the same contract suite (`store-contract.ts`).
 *
 * Conventions: ids are database-generated integers; times are ISO-8601 UTC strings passed in by the
 * caller (the store never reads the clock, so tests control time); booleans are real booleans here
 * whatever the column type underneath. Methods that find nothing return `undefined`, not throw.
 * Uniqueness clashes are reported as `StoreConflictError` so commands can turn them into 409s.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** Runs `work` in one transaction: all of its writes land, or none do. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Prompts, answers, feedback and voter voices (0008); inside `transaction`, part of it. */
  readonly listening: ListeningStore;
  /** Events, registrations, check-in and table plans (0009). */
  readonly events: EventStore;
  /** Run sheets, event outcomes and the event report (0013). */
  readonly eventOutcomes: EventOutcomeStore;
  /** Volunteer offers and their assignments to events (0013). */
  readonly volunteers: VolunteerStore;
  /** A participant's data export and erasure, and retention (0011); inside `transaction`, part of it. */
  readonly privacy: PrivacyStore;
  /** Sign-in failures and password reset tokens (0012). */
  readonly security: SecurityStore;
  /** Theme runs, organiser edits and drafted summaries (themes-queries.ts). */
  readonly themes: ThemesStore;

  /** Applies every pending migration; safe to call at every start. Returns the names applied now. */
  migrate(): Promise<string[]>;
  /** Answers once the database accepts queries (for /api/health). */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Accounts and sessions
  countAccounts(): Promise<number>;
  createAccount(input: NewAccount): Promise<AccountRow>;
  findAccountByEmail(email: string): Promise<AccountRow | undefined>;
  findAccountById(id: number): Promise<AccountRow | undefined>;
  createSession(input: NewSession): Promise<void>;
  /** Finds a session that has not expired at `now`. */
  findSession(tokenHash: string, now: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** One-time tokens (owner set-up link). `consumeOneTimeToken` marks it used and says whether it was valid. */
  createOneTimeToken(input: {
    tokenHash: string;
    purpose: 'owner_setup';
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  hasUnusedOneTimeToken(purpose: 'owner_setup', now: string): Promise<boolean>;
  consumeOneTimeToken(tokenHash: string, purpose: 'owner_setup', now: string): Promise<boolean>;

  // Reviews and roles
  createReview(input: NewReview): Promise<ReviewRow>;
  updateReview(id: number, changes: ReviewChanges): Promise<ReviewRow>;
  findReviewBySlug(slug: string): Promise<ReviewRow | undefined>;
  findReviewById(id: number): Promise<ReviewRow | undefined>;
  /** Reviews anyone may find: public and open. */
  listPublicOpenReviews(): Promise<ReviewRow[]>;
  /**
   * Reviews on which the account has a role, with that role. `archived: false` leaves archived reviews
   * out, `true` lists only them; without a filter, all.
   */
  listReviewsForAccount(
    accountId: number,
    filter?: { archived?: boolean },
  ): Promise<Array<ReviewRow & { role: ReviewRole }>>;
  setReviewRole(input: { reviewId: number; accountId: number; role: ReviewRole; createdAt: string }): Promise<void>;
  findReviewRole(reviewId: number, accountId: number): Promise<ReviewRole | undefined>;
  reviewCounts(reviewId: number): Promise<{ statementCount: number; participantCount: number; voteCount: number }>;

  // Identity questions
  createIdentityQuestion(input: NewIdentityQuestion): Promise<IdentityQuestionRow>;
  /** Questions of a review in `position` order, each with its options in order. */
  listIdentityQuestions(reviewId: number): Promise<IdentityQuestionRow[]>;
  /**
   * Sets (optionId) or clears (null) one answer. Returns false, changing nothing, when the question is
   * not one of the participant's review or the option does not belong to the question (an expected
   * refusal, so a returned value rather than an exception); true otherwise, also when clearing an
   * answer that was never given.
   */
  setIdentityAnswer(input: {
    participantId: number;
    questionId: number;
    optionId: number | null;
    answeredAt: string;
  }): Promise<boolean>;
  /** questionId → optionId for one participant. */
  listIdentityAnswers(participantId: number): Promise<Map<number, number>>;
  /** Every answer given in a review (for the analysis), ordered by participantId then questionId. */
  listReviewIdentityAnswers(
    reviewId: number,
  ): Promise<Array<{ participantId: number; questionId: number; optionId: number }>>;
  /**
   * Changes a question's wording, kind, `required`, explanation, and (when `options` is given)
   * replaces its options. Callers check it has no answers first: replaced options take any answers
   * with them. Undefined when the review has no such question.
   */
  updateIdentityQuestion(
    reviewId: number,
    questionId: number,
    changes: IdentityQuestionChanges,
  ): Promise<IdentityQuestionRow | undefined>;
  /** Deletes the question with its options (and any answers); false when the review has no such question. */
  deleteIdentityQuestion(reviewId: number, questionId: number): Promise<boolean>;
  /**
   * Puts the review's questions in the order given. `questionIds` must be exactly the review's
   * question ids; otherwise nothing changes and false is returned.
   */
  reorderIdentityQuestions(reviewId: number, questionIds: number[]): Promise<boolean>;
  /** Ids of the review's questions that at least one participant has answered. */
  answeredIdentityQuestionIds(reviewId: number): Promise<Set<number>>;
  /** The review's required questions the participant has not answered, in question order. */
  listUnansweredRequiredQuestions(
    reviewId: number,
    participantId: number,
  ): Promise<Array<{ id: number; prompt: string }>>;

  // Place lists
  /**
   * Replaces the review's place list with `places` (in that order) and rebuilds the options of its
   * place questions from it, in one transaction. Answers to place questions go with their options,
   * so callers refuse first when any place question has answers.
   */
  replacePlaces(reviewId: number, places: NewPlace[]): Promise<PlaceRow[]>;
  /** The review's places in list order. */
  listPlaces(reviewId: number): Promise<PlaceRow[]>;
  countPlaces(reviewId: number): Promise<number>;

  /** The first instance owner; the set-up link is offered until one exists. */
  findInstanceOwner(): Promise<AccountRow | undefined>;

  // Participants and invites
  createParticipant(input: NewParticipant): Promise<ParticipantRow>;
  findParticipantByTokenHash(reviewId: number, tokenHash: string): Promise<ParticipantRow | undefined>;
  findParticipantById(id: number): Promise<ParticipantRow | undefined>;
  createInvite(input: {
    reviewId: number;
    tokenHash: string;
    createdAt: string;
    createdByAccountId: number;
  }): Promise<InviteRow>;
  findInviteByTokenHash(tokenHash: string): Promise<InviteRow | undefined>;
  /**
   * Marks the invite used at `usedAt`; false when it was already used or has been revoked. Deliberately
   * records no participant: an invite must not link an email address to a pseudonymous participant.
   */
  redeemInvite(inviteId: number, usedAt: string): Promise<boolean>;

  // Invitations from a member list (invites with an email address)
  /**
   * An invite for one member, with the identity answers the organiser pre-filled. Two writes: call it
   * inside `transaction`. Throws StoreConflictError (`storeConstraints.inviteEmail`) when the review
   * already invited that email, or (`inviteTokenHash`) on a token clash.
   */
  createInvitation(input: NewInvitation): Promise<InviteRow>;
  /** The review's member invitations (one-off links left out), oldest first. */
  listInvitations(reviewId: number): Promise<InviteRow[]>;
  findInvitation(reviewId: number, inviteId: number): Promise<InviteRow | undefined>;
  /**
   * Gives an unused invite a new token, so the old link stops working, and reinstates it if it was
   * revoked; its send status goes back to pending. False when it has been used.
   */
  renewInviteToken(inviteId: number, tokenHash: string): Promise<boolean>;
  /** Revokes an unused invite; false when it was used or already revoked. */
  revokeInvite(inviteId: number, now: string): Promise<boolean>;
  /** Records how sending the invitation email went. */
  recordInviteSent(inviteId: number, status: 'sent' | 'send_failed', at: string): Promise<void>;
  /** The answers pre-filled on an invite, by question id. */
  listInviteAnswers(inviteId: number): Promise<Array<{ questionId: number; optionId: number }>>;
  deleteInviteAnswers(inviteId: number): Promise<void>;

  // Statements
  /** Throws StoreConflictError when the review already has a statement with the same `textKey`. */
  createStatement(input: NewStatement): Promise<StatementRow>;
  findStatement(reviewId: number, statementId: number): Promise<StatementRow | undefined>;
  listStatements(reviewId: number, filter?: { moderation?: StatementRow['moderation'][] }): Promise<StatementRow[]>;
  /**
   * A number that changes whenever any statement of the review is created, changed or deleted, by any
   * writer or app instance (kept by database triggers); 0 before the first. Lets callers cache the list.
   */
  statementsVersion(reviewId: number): Promise<number>;
  updateStatementModeration(input: {
    reviewId: number;
    statementId: number;
    moderation: StatementRow['moderation'];
    isMeta?: boolean;
    moderatedAt: string;
  }): Promise<StatementRow | undefined>;
  /** Agree / disagree / pass counts of current votes per statement of a review. */
  statementTallies(reviewId: number): Promise<Map<number, { agree: number; disagree: number; pass: number }>>;

  // Moderation (queries in moderation-queries.ts)
  /** A page of the moderation queue: pending statements first, each group oldest first (by id). */
  listModerationQueue(reviewId: number, filter: ModerationQueueFilter): Promise<ModeratedStatementRow[]>;
  /** Statements of the review per moderation state × origin; combinations with none are left out. */
  moderationCounts(reviewId: number): Promise<Array<ModerationCount>>;
  /** The review's statements among `statementIds`, in id order; ids of no statement of the review are left out. */
  findModeratedStatements(reviewId: number, statementIds: number[]): Promise<ModeratedStatementRow[]>;
  /**
   * Accepts or rejects statements of the review, noting on each who, when and (rejections only) why,
   * and appending one moderation event each, in one transaction. Accepting clears an earlier reason.
   * Ids of no statement of the review are skipped; returns the changed rows in id order.
   */
  setStatementsModeration(input: {
    reviewId: number;
    statementIds: number[];
    moderation: 'accepted' | 'rejected';
    reason: string | null;
    accountId: number;
    at: string;
  }): Promise<ModeratedStatementRow[]>;
  /**
   * Replaces a statement's text (and duplicate key) unless someone other than its author has ever
   * voted on it, checked in the same UPDATE so a vote arriving meanwhile wins. The text as first
   * written stays in `originalText`; an event keeps the text before this edit. Throws
   * StoreConflictError when another statement of the review has the new key.
   */
  editStatementText(input: {
    reviewId: number;
    statementId: number;
    text: string;
    textKey: string;
    accountId: number;
    at: string;
  }): Promise<{ status: 'edited'; statement: ModeratedStatementRow } | { status: 'voted' } | { status: 'not_found' }>;
  /** Marks or unmarks a statement as meta (about the review itself), with an event; undefined when not in the review. */
  setStatementMeta(input: {
    reviewId: number;
    statementId: number;
    isMeta: boolean;
    accountId: number;
    at: string;
  }): Promise<ModeratedStatementRow | undefined>;
  /** A statement's moderation history, oldest first. */
  listModerationEvents(reviewId: number, statementId: number): Promise<ModerationEventRow[]>;
  /**
   * What the posting throttle needs: how many statements the participant has added to the review,
   * and when they added those created after `since` (oldest first). Inside a transaction on
   * PostgreSQL it also locks the participant's row, so two app instances cannot both let a burst through.
   */
  participantStatementActivity(
    reviewId: number,
    participantId: number,
    since: string,
  ): Promise<{ total: number; recentCreatedAt: string[] }>;

  // Votes
  /** Appends a vote event and upserts the current vote, in one transaction. */
  recordVote(input: NewVote): Promise<void>;
  /**
   * Group commit: records each vote as `recordVote` would, in the order given, all in one transaction
   * (joined if already in one), so a burst costs one durable commit. A vote whose participant already
   * has an event with the same `idempotencyKey` appends nothing and comes back `replayed` with that
   * event's statement and value. A value outside -1/0/1 throws a RangeError before anything is written.
   */
  recordVotes(inputs: readonly NewVote[]): Promise<RecordedVote[]>;
  /** The participant's vote event sent with this idempotency key, if any. */
  findVoteEventByIdempotencyKey(
    participantId: number,
    idempotencyKey: string,
  ): Promise<{ statementId: number; value: -1 | 0 | 1; votedAt: string } | undefined>;
  /** The participant's current votes in the review, newest first. */
  listParticipantVotes(reviewId: number, participantId: number): Promise<CurrentVoteRow[]>;
  /** Every current vote of a review (for analysis), ordered by participantId then statementId. */
  listCurrentVotes(reviewId: number): Promise<CurrentVoteRow[]>;
  /** Number of vote events ever recorded for a review (the analysis uses it to tell if anything changed). */
  countVoteEvents(reviewId: number): Promise<number>;
  /** Number of current votes per statement of a review (for fewest-votes-first ordering). */
  currentVoteCounts(reviewId: number): Promise<Map<number, number>>;
  /** Every vote event of a review, in the order recorded (for exports of the full log). */
  listVoteEvents(reviewId: number): Promise<CurrentVoteRow[]>;
  /**
   * Bulk version of `createParticipant` for imports: a few multi-row inserts instead of one round trip
   * per participant. Returns the rows in the order given.
   */
  createParticipants(inputs: readonly NewParticipant[]): Promise<ParticipantRow[]>;
  /**
   * Bulk version of `recordVote` for imports: appends the events in the order given and leaves each
   * participant × statement's current vote at its last event in that order, exactly as calling
   * `recordVote` for each would, but in batched multi-row inserts kept under the database's limit on
   * bound parameters. All or nothing (one transaction, joined if already in one). A value outside
   * -1/0/1 throws a RangeError before anything is written.
   */
  importVotes(reviewId: number, votes: readonly Omit<NewVote, 'reviewId'>[]): Promise<void>;

  // Analyses
  /**
   * Stores one analysis result as the review's next version (1, 2, 3…) and returns that version.
   * `voteEventCount` is `countVoteEvents` at the time the analysis read the votes, so the worker can
   * tell whether anything changed since.
   */
  saveAnalysis(input: NewAnalysis): Promise<{ version: number }>;
  /** The review's highest-version analysis, or undefined before the first one. */
  latestAnalysis(reviewId: number): Promise<AnalysisRow | undefined>;

  // Team (0006)
  /** Throws StoreConflictError on a token hash clash (never in practice: tokens are 256-bit random). */
  createTeamInvitation(input: NewTeamInvitation): Promise<TeamInvitationRow>;
  findTeamInvitationByTokenHash(tokenHash: string): Promise<TeamInvitationRow | undefined>;
  /** Invitations of the review not accepted, revoked or expired at `now`, newest first. */
  listPendingTeamInvitations(reviewId: number, now: string): Promise<TeamInvitationRow[]>;
  /**
   * Marks the invitation accepted by the account, in one conditional write; false, changing nothing,
   * when it was accepted or revoked already or has expired at `now`.
   */
  acceptTeamInvitation(invitationId: number, accountId: number, now: string): Promise<boolean>;
  /** Revokes the review's pending invitations, one by id or every one for an email; returns how many. */
  revokeTeamInvitations(
    reviewId: number,
    which: { invitationId: number } | { email: string },
    now: string,
  ): Promise<number>;
  /** Everyone with a role on the review with their account's name and email, in order of joining. */
  listReviewTeam(reviewId: number): Promise<TeamMemberRow[]>;
  /** Takes the account's role on the review away; false when it had none. */
  removeReviewRole(reviewId: number, accountId: number): Promise<boolean>;
  countReviewRole(reviewId: number, role: ReviewRole): Promise<number>;

  // Audit log (0006)
  recordAuditEvent(input: NewAuditEvent): Promise<AuditEventRow>;
  /** Newest first, at most `limit`; `beforeId` continues from an earlier page. */
  listAuditEvents(reviewId: number, page: { limit: number; beforeId?: number }): Promise<AuditEventRow[]>;

  // Dashboard
  /**
   * Headline counts: participants (all, verified, and those who voted at or after `activeSince`),
   * current votes, and statements per moderation state.
   */
  dashboardCounts(reviewId: number, activeSince: string): Promise<DashboardCounts>;
  /** How many participants chose each option of each identity question; unchosen options count 0. */
  identityAnswerCounts(reviewId: number): Promise<Array<{ questionId: number; optionId: number; count: number }>>;
}

/**
 * Names of the uniqueness constraints a caller may meet in `StoreConflictError.constraint`, the same
 * on both databases.
 */
export const storeConstraints = {
  accountEmail: 'accounts_email_unique',
  reviewSlug: 'reviews_slug_unique',
  statementTextKey: 'statements_review_id_text_key_unique',
  participantTokenHash: 'participants_review_id_token_hash_unique',
  inviteTokenHash: 'invites_token_hash_unique',
  inviteEmail: 'invites_review_id_email_unique',
  sessionTokenHash: 'sessions_pkey',
  placeCode: 'places_review_id_code_unique',
  oneTimeTokenHash: 'one_time_tokens_pkey',
  analysisVersion: 'analyses_review_id_version_unique',
} as const;

export class StoreConflictError extends Error {
  constructor(
    readonly constraint: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface AccountRow {
  id: number;
  email: string;
  displayName: string;
  passwordHash: string;
  isInstanceOwner: boolean;
  createdAt: string;
}
export type NewAccount = Omit<AccountRow, 'id'>;

export interface SessionRow {
  tokenHash: string;
  accountId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}
export type NewSession = SessionRow;

export interface ReviewRow {
  id: number;
  slug: string;
  title: string;
  introduction: string;
  status: 'draft' | 'open' | 'closed';
  visibility: 'public' | 'invite';
  moderationMode: 'strict' | 'permissive';
  participantsCanAddStatements: boolean;
  createdByAccountId: number;
  createdAt: string;
  updatedAt: string;
  /** When the review was archived; null unless archived. Archived reviews take no part and are listed apart. */
  archivedAt: string | null;
  /** Who may read the results page: the review's team only (the default), or anyone who may see the review (0007). */
  resultsVisibility: 'public' | 'team';
  /** What erasing a participant does to their votes: delete them, or keep them unlinked (0011). */
  votesOnErasure: 'remove' | 'anonymise';
  /** Days after closing until identifying data is deleted; null keeps it (0011). */
  retentionDays: number | null;
  /** Who to write to about the review's data, shown on its privacy notice (0011). */
  privacyContact: string | null;
  /** When the review last closed (set by the store when the status becomes closed); null while not closed. */
  closedAt: string | null;
  /** When the retention job last deleted the review's identifying data; null if never. */
  identifyingDataDeletedAt: string | null;
}
export type NewReview = Omit<ReviewRow, ReviewStoreManagedField | PrivacySettingField | 'resultsVisibility'> &
  Partial<Pick<ReviewRow, 'resultsVisibility' | PrivacySettingField>>;
type ReviewStoreManagedField = 'id' | 'archivedAt' | 'closedAt' | 'identifyingDataDeletedAt';
type PrivacySettingField = 'votesOnErasure' | 'retentionDays' | 'privacyContact';
export type ReviewChanges = Partial<
  Pick<
    ReviewRow,
    | 'title'
    | 'introduction'
    | 'status'
    | 'visibility'
    | 'moderationMode'
    | 'participantsCanAddStatements'
    | 'archivedAt'
    | 'resultsVisibility'
    | PrivacySettingField
  >
> & { updatedAt: string };

export interface IdentityQuestionRow {
  id: number;
  reviewId: number;
  prompt: string;
  kind: 'tradition' | 'referendum' | 'role' | 'seat' | 'region' | 'other';
  position: number;
  /** Participants must answer it before they vote. */
  required: boolean;
  /** Why it is asked and who sees what, shown beside the question. */
  explanation: string;
  /** The options are the review's place list, one per place (`placeId` set on each). */
  usesPlaceList: boolean;
  options: Array<{ id: number; label: string; position: number; placeId: number | null }>;
}
export interface NewIdentityQuestion {
  reviewId: number;
  prompt: string;
  kind: IdentityQuestionRow['kind'];
  /** Ignored when `usesPlaceList`: the options are then made from the review's places. */
  options: string[];
  required?: boolean;
  explanation?: string;
  usesPlaceList?: boolean;
  createdAt: string;
}
export interface IdentityQuestionChanges {
  prompt?: string;
  kind?: IdentityQuestionRow['kind'];
  required?: boolean;
  explanation?: string;
  /** New option labels, replacing the old options (ignored on a place question). */
  options?: string[];
}

export interface PlaceRow {
  id: number;
  reviewId: number;
  /** The list's own code (e.g. an ONS code), unique in the review. */
  code: string;
  name: string;
  /** Welsh name, when the list has one. */
  nameCy: string | null;
  region: string;
  /** The CSV's extra columns, e.g. { held: 'yes', 'lost in 2019': 'no' }. */
  attributes: Record<string, string>;
  position: number;
}
export type NewPlace = Pick<PlaceRow, 'code' | 'name' | 'nameCy' | 'region' | 'attributes'>;

export interface ParticipantRow {
  id: number;
  reviewId: number;
  /** SHA-256 of the participant cookie's token; the token itself is never stored. */
  tokenHash: string;
  /** Per-participant seed for statement ordering, so each sees a stable but different order. */
  seed: number;
  createdAt: string;
  /** Joined through an invite ("one person one voice"). */
  verified: boolean;
}
export type NewParticipant = Omit<ParticipantRow, 'id' | 'verified'> & { verified?: boolean };

export interface InviteRow {
  id: number;
  reviewId: number;
  tokenHash: string;
  createdAt: string;
  usedAt: string | null;
  /** The invitee's address, lower-cased, for an invitation from a member list; null for a one-off link. */
  email: string | null;
  name: string | null;
  revokedAt: string | null;
  /** How the last invitation email went; null for a one-off link, which is never emailed. */
  sendStatus: 'pending' | 'sent' | 'send_failed' | null;
  sentAt: string | null;
}

export interface NewInvitation {
  reviewId: number;
  tokenHash: string;
  email: string;
  name: string | null;
  createdAt: string;
  createdByAccountId: number;
  answers: Array<{ questionId: number; optionId: number }>;
}

export interface StatementRow {
  id: number;
  reviewId: number;
  text: string;
  /** Normalised text for duplicate detection (case, spacing and punctuation folded). */
  textKey: string;
  origin: 'seed' | 'participant' | 'event';
  moderation: 'pending' | 'accepted' | 'rejected';
  isMeta: boolean;
  authorParticipantId: number | null;
  authorAccountId: number | null;
  createdAt: string;
}
export type NewStatement = Omit<StatementRow, 'id'>;

/** A statement with its moderation record, as the moderation queue shows it. */
export interface ModeratedStatementRow extends StatementRow {
  moderatedAt: string | null;
  moderatedByAccountId: number | null;
  moderatedByDisplayName: string | null;
  rejectionReason: string | null;
  /** The text as first written, when a moderator has edited it; null otherwise. */
  originalText: string | null;
  editedAt: string | null;
  editedByDisplayName: string | null;
  /** Whether anyone other than its author has ever voted on it (its text is then fixed). */
  votedByOthers: boolean;
}

export interface ModerationQueueFilter {
  moderation?: StatementRow['moderation'];
  origin?: StatementRow['origin'];
  limit: number;
  offset: number;
}

export interface ModerationCount {
  moderation: StatementRow['moderation'];
  origin: StatementRow['origin'];
  count: number;
}

export interface ModerationEventRow {
  id: number;
  statementId: number;
  accountId: number | null;
  accountDisplayName: string | null;
  action: 'accept' | 'reject' | 'edit' | 'mark_meta' | 'unmark_meta';
  reason: string | null;
  previousText: string | null;
  createdAt: string;
}

/** What `recordVotes` did with one vote: appended it, or found the earlier event sent with its key. */
export type RecordedVote =
  /** `firstOnStatement`: the participant had no current vote on that statement before (counts grow). */
  | { status: 'recorded'; firstOnStatement: boolean }
  | { status: 'replayed'; statementId: number; value: -1 | 0 | 1; votedAt: string };

export interface NewVote {
  reviewId: number;
  participantId: number;
  statementId: number;
  value: -1 | 0 | 1;
  votedAt: string;
  /** The client's Idempotency-Key, unique per participant (recordVotes only); absent or null for none. */
  idempotencyKey?: string | null;
}

export interface CurrentVoteRow {
  participantId: number;
  statementId: number;
  value: -1 | 0 | 1;
  votedAt: string;
}

export interface AnalysisRow {
  version: number;
  createdAt: string;
  /** Vote events of the review when the analysis read the votes. */
  voteEventCount: number;
  /** The analysis as JSON text; the worker owns its shape. */
  result: string;
}
export interface NewAnalysis {
  reviewId: number;
  createdAt: string;
  voteEventCount: number;
  result: string;
}

export interface TeamInvitationRow {
  id: number;
  reviewId: number;
  email: string;
  role: ReviewRole;
  /** SHA-256 of the link's token; the token itself is only ever in the email. */
  tokenHash: string;
  invitedByAccountId: number | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedByAccountId: number | null;
  revokedAt: string | null;
}
export type NewTeamInvitation = Pick<
  TeamInvitationRow,
  'reviewId' | 'email' | 'role' | 'tokenHash' | 'invitedByAccountId' | 'createdAt' | 'expiresAt'
>;

export interface TeamMemberRow {
  accountId: number;
  email: string;
  displayName: string;
  role: ReviewRole;
  since: string;
}

export interface AuditEventRow {
  id: number;
  reviewId: number;
  accountId: number | null;
  /** The actor's display name now; null when the account no longer exists. */
  accountName: string | null;
  action: string;
  params: Record<string, number>;
  summary: string;
  createdAt: string;
}
export type NewAuditEvent = Omit<AuditEventRow, 'id' | 'accountName'>;

export interface DashboardCounts {
  participants: number;
  verifiedParticipants: number;
  activeParticipants: number;
  votes: number;
  statements: Record<StatementRow['moderation'], number>;
}
