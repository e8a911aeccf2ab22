import type { ReviewRole } from '../contract/reviews.js';

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
  /** Reviews on which the account has a role, with that role. */
  listReviewsForAccount(accountId: number): Promise<Array<ReviewRow & { role: ReviewRole }>>;
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
  /** Marks the invite used by this participant; false when it was already used. */
  redeemInvite(inviteId: number, participantId: number, now: string): Promise<boolean>;

  // Statements
  /** Throws StoreConflictError when the review already has a statement with the same `textKey`. */
  createStatement(input: NewStatement): Promise<StatementRow>;
  findStatement(reviewId: number, statementId: number): Promise<StatementRow | undefined>;
  listStatements(reviewId: number, filter?: { moderation?: StatementRow['moderation'][] }): Promise<StatementRow[]>;
  updateStatementModeration(input: {
    reviewId: number;
    statementId: number;
    moderation: StatementRow['moderation'];
    isMeta?: boolean;
    moderatedAt: string;
  }): Promise<StatementRow | undefined>;
  /** Agree / disagree / pass counts of current votes per statement of a review. */
  statementTallies(reviewId: number): Promise<Map<number, { agree: number; disagree: number; pass: number }>>;

  // Votes
  /** Appends a vote event and upserts the current vote, in one transaction. */
  recordVote(input: NewVote): Promise<void>;
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
  sessionTokenHash: 'sessions_pkey',
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
}
export type NewReview = Omit<ReviewRow, 'id'>;
export type ReviewChanges = Partial<
  Pick<
    ReviewRow,
    'title' | 'introduction' | 'status' | 'visibility' | 'moderationMode' | 'participantsCanAddStatements'
  >
> & { updatedAt: string };

export interface IdentityQuestionRow {
  id: number;
  reviewId: number;
  prompt: string;
  kind: 'tradition' | 'referendum' | 'role' | 'seat' | 'region' | 'other';
  position: number;
  options: Array<{ id: number; label: string; position: number }>;
}
export interface NewIdentityQuestion {
  reviewId: number;
  prompt: string;
  kind: IdentityQuestionRow['kind'];
  options: string[];
  createdAt: string;
}

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
  participantId: number | null;
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

export interface NewVote {
  reviewId: number;
  participantId: number;
  statementId: number;
  value: -1 | 0 | 1;
  votedAt: string;
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
