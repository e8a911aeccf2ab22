import type { Account } from '../../contract/accounts.js';
import type { IdentityQuestion } from '../../contract/identity.js';
import type { ManagedReview, Review, ReviewRole } from '../../contract/reviews.js';
import type { ManagedStatement, Statement } from '../../contract/statements.js';
import type { AccountRow, IdentityQuestionRow, ReviewRow, StatementRow } from '../../store/store.js';

/**
 * Presenters are the only way rows become JSON. Each lists the fields it sends, so a column added to
 * a table (a password hash, an author id, a token hash) cannot leak by accident.
 */

export function presentAccount(account: AccountRow): Account {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    isInstanceOwner: account.isInstanceOwner,
  };
}

export function presentReview(review: ReviewRow): Review {
  return {
    id: review.id,
    slug: review.slug,
    title: review.title,
    introduction: review.introduction,
    status: review.status,
    visibility: review.visibility,
    moderationMode: review.moderationMode,
    participantsCanAddStatements: review.participantsCanAddStatements,
    resultsVisibility: review.resultsVisibility,
    votesOnErasure: review.votesOnErasure,
    retentionDays: review.retentionDays,
    privacyContact: review.privacyContact,
    closedAt: review.closedAt,
    createdAt: review.createdAt,
    archivedAt: review.archivedAt,
  };
}

export function presentManagedReview(
  review: ReviewRow,
  role: ReviewRole,
  counts: { statementCount: number; participantCount: number; voteCount: number },
): ManagedReview {
  return { ...presentReview(review), role, ...counts };
}

/** Participants never see who wrote a statement: authorship stays with the organisers' tools. */
export function presentStatement(statement: StatementRow): Statement {
  return {
    id: statement.id,
    text: statement.text,
    origin: statement.origin,
    moderation: statement.moderation,
    isMeta: statement.isMeta,
    createdAt: statement.createdAt,
  };
}

export function presentManagedStatement(
  statement: StatementRow,
  tally: { agree: number; disagree: number; pass: number } | undefined,
): ManagedStatement {
  return {
    ...presentStatement(statement),
    agreeCount: tally?.agree ?? 0,
    disagreeCount: tally?.disagree ?? 0,
    passCount: tally?.pass ?? 0,
  };
}

export function presentIdentityQuestion(question: IdentityQuestionRow): IdentityQuestion {
  return {
    id: question.id,
    prompt: question.prompt,
    kind: question.kind,
    position: question.position,
    required: question.required,
    explanation: question.explanation,
    usesPlaceList: question.usesPlaceList,
    options: question.options.map((option) => ({ id: option.id, label: option.label })),
  };
}

/**
 * A question as participants get it: a place question without its options, which can run to
 * thousands and would otherwise ride along with every vote (the seat picker fetches them once).
 */
export function presentParticipantIdentityQuestion(question: IdentityQuestionRow): IdentityQuestion {
  const presented = presentIdentityQuestion(question);
  return question.usesPlaceList ? { ...presented, options: [] } : presented;
}
