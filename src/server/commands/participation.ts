import type { IdentityAnswersBody, Participation } from '../../contract/index.js';
import { orderFewestVotesFirst } from '../../core/ordering.js';
import { acceptsParticipation, initialModeration, isStatementShown } from '../../core/review-rules.js';
import { normaliseStatementText, statementTextKey } from '../../core/statements.js';
import {
  type IdentityQuestionRow,
  type ParticipantRow,
  type ReviewRow,
  type StatementRow,
  type Store,
  StoreConflictError,
} from '../../store/store.js';
import { hashToken, newParticipantSeed, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { presentParticipantIdentityQuestion, presentReview, presentStatement } from '../presenters/presenters.js';
import { statementCacheFor } from '../votes/statement-cache.js';
import { voteCountsFor } from '../votes/vote-counts.js';
import { voteWriterFor } from '../votes/vote-writer.js';
import { checkStatementPosting } from './moderation.js';
import { refuseIfArchived, refuseUntilRequiredAnswered, refuseUntilRequiredAnsweredIn } from './participation-gates.js';

/**
 * Picks the next statement for a participant among those they have not voted on. The default is
 * fewest-votes-first with the participant's seed; the analysis worker replaces it with Pol.is's
 * priority once a review has an analysis.
 */
export type NextStatementPicker = (input: {
  review: ReviewRow;
  participant: ParticipantRow;
  candidates: StatementRow[];
  voteCounts: Map<number, number>;
}) => Promise<StatementRow | undefined>;

export const pickFewestVotesFirst: NextStatementPicker = async ({ participant, candidates, voteCounts }) => {
  const order = orderFewestVotesFirst(
    candidates.map((statement) => ({ statementId: statement.id, voteCount: voteCounts.get(statement.id) ?? 0 })),
    participant.seed,
  );
  const firstId = order[0];
  return candidates.find((statement) => statement.id === firstId);
};

/**
 * What both a vote's checks and the participation answer read: read once per vote request rather
 * than once by each (votes are the hottest path). None of it changes by voting.
 */
export interface ParticipantView {
  questions: IdentityQuestionRow[];
  statements: StatementRow[];
  answers: Map<number, number>;
}

export async function loadParticipantView(
  store: Store,
  review: ReviewRow,
  participant: ParticipantRow | undefined,
): Promise<ParticipantView> {
  const [questions, statements] = await Promise.all([
    store.listIdentityQuestions(review.id),
    statementCacheFor(store).list(review.id),
  ]);
  const answers = participant ? await store.listIdentityAnswers(participant.id) : new Map<number, number>();
  return { questions, statements, answers };
}

/** Everything the participant page shows, computed fresh from the store (or from `view`, read just now). */
export async function buildParticipation(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow | undefined,
  pickNext: NextStatementPicker = pickFewestVotesFirst,
  view?: ParticipantView,
): Promise<Participation> {
  const { store } = context;
  const { questions, statements, answers } = view ?? (await loadParticipantView(store, review, participant));
  const shown = statements.filter((statement) => isStatementShown(review.moderationMode, statement.moderation));
  const votes = participant ? await store.listParticipantVotes(review.id, participant.id) : [];
  const votedIds = new Set(votes.map((vote) => vote.statementId));
  const candidates = shown.filter((statement) => !votedIds.has(statement.id));
  const voted = shown.length - candidates.length;

  let nextStatement: StatementRow | undefined;
  if (participant && candidates.length > 0) {
    const voteCounts = await voteCountsFor(store).get(review.id);
    nextStatement = await pickNext({ review, participant, candidates, voteCounts });
  }
  return {
    review: presentReview(review),
    participant: {
      joined: participant !== undefined,
      answers: Object.fromEntries([...answers].map(([questionId, optionId]) => [String(questionId), optionId])),
    },
    identityQuestions: questions.map(presentParticipantIdentityQuestion),
    progress: { voted, remaining: candidates.length, total: shown.length },
    nextStatement: nextStatement ? presentStatement(nextStatement) : null,
  };
}

/**
 * Creates a pseudonymous participant: a random cookie token (only its hash is stored) and a random
 * ordering seed. No name, email or address is asked for or kept. `verified` marks one who joined
 * through an invite.
 */
export async function createParticipant(
  store: Store,
  review: ReviewRow,
  now: Date,
  options: { verified?: boolean } = {},
): Promise<{ participant: ParticipantRow; token: string }> {
  const token = newToken();
  const participant = await store.createParticipant({
    reviewId: review.id,
    tokenHash: hashToken(token),
    seed: newParticipantSeed(),
    createdAt: now.toISOString(),
    verified: options.verified ?? false,
  });
  return { participant, token };
}

/**
 * Records (or changes) a vote; refuses closed reviews and statements participants cannot see.
 * Resolves only once the vote is durable (group-committed by the store's VoteWriter). With an
 * `idempotencyKey`, a retry of a vote already recorded records nothing and succeeds as the first
 * time did (even if the review closed since); the same key with another statement or value is refused.
 */
export async function castVote(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  statementId: number,
  value: -1 | 0 | 1,
  idempotencyKey?: string,
  view?: ParticipantView,
): Promise<Outcome<void>> {
  const refusal = await refuseVote(context, review, participant, statementId, view);
  if (refusal) {
    if (idempotencyKey === undefined) return refusal;
    // Only on this rare path is the key looked up first: the usual retry is caught by the store itself.
    const earlier = await context.store.findVoteEventByIdempotencyKey(participant.id, idempotencyKey);
    return earlier === undefined ? refusal : sameVoteOrRefuse(earlier, statementId, value);
  }
  const result = await voteWriterFor(context.store).write({
    reviewId: review.id,
    participantId: participant.id,
    statementId,
    value,
    votedAt: context.now().toISOString(),
    idempotencyKey: idempotencyKey ?? null,
  });
  if (result.status === 'replayed') return sameVoteOrRefuse(result, statementId, value);
  voteCountsFor(context.store).recorded(review.id, statementId, result.firstOnStatement);
  context.onReviewChanged(review.id);
  return ok(undefined);
}

async function refuseVote(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  statementId: number,
  view: ParticipantView | undefined,
): Promise<Outcome<never> | undefined> {
  if (!acceptsParticipation(review.status)) {
    return refuse('review_closed', `The review "${review.title}" is ${review.status}; it takes no votes now.`);
  }
  const gate =
    refuseIfArchived(review, 'votes') ??
    (view
      ? refuseUntilRequiredAnsweredIn(view.questions, view.answers)
      : await refuseUntilRequiredAnswered(context.store, review, participant.id));
  if (gate) return gate;
  const statement = view
    ? view.statements.find((candidate) => candidate.id === statementId)
    : await context.store.findStatement(review.id, statementId);
  if (!statement) {
    return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`, [
      { field: 'statementId', message: 'No such statement in this review.' },
    ]);
  }
  if (!isStatementShown(review.moderationMode, statement.moderation)) {
    return refuse(
      'statement_not_votable',
      statement.moderation === 'rejected'
        ? `Statement ${statementId} was removed by the moderators and takes no votes.`
        : `Statement ${statementId} is waiting for moderation and takes no votes yet.`,
    );
  }
  return undefined;
}

/** A replayed key must carry the same vote; anything else is a client reusing a key by mistake. */
function sameVoteOrRefuse(
  earlier: { statementId: number; value: -1 | 0 | 1 },
  statementId: number,
  value: -1 | 0 | 1,
): Outcome<void> {
  if (earlier.statementId === statementId && earlier.value === value) return ok(undefined);
  return refuse(
    'idempotency_key_reused',
    'A different vote was already recorded with this Idempotency-Key; send a new key for a new vote.',
    [{ field: 'idempotencyKey', message: 'Already used for a different vote.' }],
  );
}

/**
 * Adds a participant's statement. The author's own agree vote is recorded with it, as Pol.is does:
 * they wrote it, so they agree, and it does not come back to them to vote on.
 */
export async function addParticipantStatement(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  rawText: string,
): Promise<Outcome<StatementRow>> {
  if (!acceptsParticipation(review.status)) {
    return refuse('review_closed', `The review "${review.title}" is ${review.status}; it takes no statements now.`);
  }
  const gate =
    refuseIfArchived(review, 'statements') ??
    (await refuseUntilRequiredAnswered(context.store, review, participant.id));
  if (gate) return gate;
  if (!review.participantsCanAddStatements) {
    return refuse(
      'statements_closed',
      'The organisers of this review are not taking new statements from participants.',
    );
  }
  const text = normaliseStatementText(rawText);
  const textKey = statementTextKey(text);
  if (textKey === '') {
    return refuse('validation_failed', 'text: A statement needs words, not only punctuation.', [
      { field: 'text', message: 'A statement needs words, not only punctuation.' },
    ]);
  }
  try {
    const outcome = await context.store.transaction(async (tx): Promise<Outcome<StatementRow>> => {
      const now = context.now().toISOString();
      // Counted in the database within this transaction, so the limit holds across app instances.
      const posting = await checkStatementPosting(tx, review, participant.id, context.now());
      if (!posting.ok) return posting;
      const created = await tx.createStatement({
        reviewId: review.id,
        text,
        textKey,
        origin: 'participant',
        moderation: initialModeration('participant'),
        isMeta: false,
        authorParticipantId: participant.id,
        authorAccountId: null,
        createdAt: now,
      });
      await tx.recordVote({
        reviewId: review.id,
        participantId: participant.id,
        statementId: created.id,
        value: 1,
        votedAt: now,
      });
      return ok(created);
    });
    if (outcome.ok) {
      // The author's own vote went in with the statement, not through the VoteWriter.
      voteCountsFor(context.store).forget(review.id);
      context.onReviewChanged(review.id);
    }
    return outcome;
  } catch (error) {
    if (error instanceof StoreConflictError) {
      return refuse('duplicate_statement', 'This review already has that statement; find it and vote on it instead.', [
        { field: 'text', message: 'The same statement is already in this review.' },
      ]);
    }
    throw error;
  }
}

/** Saves a participant's answers; each may be skipped (left out) or withdrawn (null). */
export async function answerIdentityQuestions(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  body: IdentityAnswersBody,
): Promise<Outcome<void>> {
  if (!acceptsParticipation(review.status)) {
    return refuse('review_closed', `The review "${review.title}" is ${review.status}; answers cannot change now.`);
  }
  const archived = refuseIfArchived(review, 'answers');
  if (archived) return archived;
  const questions = await context.store.listIdentityQuestions(review.id);
  const byId = new Map(questions.map((question) => [question.id, question]));
  for (const [index, answer] of body.answers.entries()) {
    const question = byId.get(answer.questionId);
    if (!question) {
      return refuse('validation_failed', `answers.${index}.questionId: no such question in this review.`, [
        { field: `answers.${index}.questionId`, message: 'No such question in this review.' },
      ]);
    }
    if (answer.optionId !== null && !question.options.some((option) => option.id === answer.optionId)) {
      return refuse('validation_failed', `answers.${index}.optionId: not an option of "${question.prompt}".`, [
        { field: `answers.${index}.optionId`, message: 'Not an option of this question.' },
      ]);
    }
  }
  await context.store.transaction(async (tx) => {
    const answeredAt = context.now().toISOString();
    for (const answer of body.answers) {
      await tx.setIdentityAnswer({
        participantId: participant.id,
        questionId: answer.questionId,
        optionId: answer.optionId,
        answeredAt,
      });
    }
  });
  context.onReviewChanged(review.id);
  return ok(undefined);
}
