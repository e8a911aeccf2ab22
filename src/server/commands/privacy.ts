import type { ErasureResult, MyData } from '../../contract/index.js';
import type { ParticipantRow, ReviewRow } from '../../store/store.js';
import { hashToken, newParticipantSeed, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';

const voteNames = { 1: 'agree', [-1]: 'disagree', 0: 'pass' } as const;

/**
 * Everything the review holds about this participant (the right of access and to portability).
 * Read in one transaction so the parts agree with each other.
 */
export async function exportParticipantData(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
): Promise<Outcome<MyData>> {
  const rows = await context.store.transaction((tx) => tx.privacy.participantData(review.id, participant.id));
  if (!rows) return refuse('no_participant_data', 'This browser has not taken part in this review.');
  return ok({
    format: 'common-ground/my-data@1',
    exportedAt: context.now().toISOString(),
    review: { slug: review.slug, title: review.title },
    participant: { joinedAt: rows.participant.createdAt, verified: rows.participant.verified },
    identityAnswers: rows.identityAnswers.map((answer) => ({
      question: answer.question,
      answer: answer.option,
      answeredAt: answer.answeredAt,
    })),
    votes: rows.votes.map((vote) => ({
      statementId: vote.statementId,
      statement: vote.statement,
      vote: voteNames[vote.value],
      votedAt: vote.votedAt,
    })),
    voteHistory: rows.voteHistory,
    statements: rows.statements,
    promptAnswers: rows.promptAnswers.map((answer) => ({
      prompt: answer.prompt,
      answer: answer.text,
      createdAt: answer.createdAt,
      updatedAt: answer.updatedAt,
    })),
    feedback: rows.feedback,
  });
}

/**
 * Erases the participant (the right to erasure) in one transaction, their votes removed or kept
 * anonymously as the review's setting says. The anonymous stand-in gets the hash of a token that is
 * thrown away at once, so no cookie can ever find it, and a fresh seed, so nothing carries over.
 */
export async function eraseParticipantData(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
): Promise<Outcome<ErasureResult>> {
  const counts = await context.store.transaction((tx) =>
    tx.privacy.eraseParticipant({
      reviewId: review.id,
      participantId: participant.id,
      votes: review.votesOnErasure,
      at: context.now().toISOString(),
      anonymous: { tokenHash: hashToken(newToken()), seed: newParticipantSeed() },
    }),
  );
  // The votes behind the analysis changed (removed, or moved to the stand-in): refresh it.
  context.onReviewChanged(review.id);
  return ok({ erased: true, votes: review.votesOnErasure, ...counts });
}
