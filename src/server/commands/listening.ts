import type {
  CreatePromptBody,
  FeedbackBody,
  FeedbackSummary,
  ParticipantPrompts,
  PromoteStatementBody,
  RecordVoiceBody,
  UpdatePromptBody,
  VoiceForm,
  VoiceOptions,
} from '../../contract/listening.js';
import { listeningLimits } from '../../contract/listening-limits.js';
import { acceptsParticipation } from '../../core/review-rules.js';
import { normaliseStatementText, statementTextKey } from '../../core/statements.js';
import type { PromptAnswerRow, PromptRow, StatementSource, VoterVoiceRow } from '../../store/listening-queries.js';
import {
  type AccountRow,
  type ParticipantRow,
  type ReviewRow,
  type StatementRow,
  StoreConflictError,
} from '../../store/store.js';
import type { AppContext } from '../context.js';
import { AppError, type Outcome, ok, refuse } from '../errors.js';
import { refuseIfArchived } from './participation-gates.js';

/**
 * Prompts and answers, feedback, voter voices and promoting their sentences to statements.
 *
 * The promotion rule: a promoted statement enters **accepted**, with origin `participant` (the words
 * are a participant's or a voter's, not the organisers') and no participant as its author. The
 * moderator choosing and trimming the sentence is its moderation, recorded as an accept by them in
 * the moderation history, so it goes straight to voting in either moderation mode. It has no author
 * participant so nobody gets the author's automatic agree vote and authorship links no one to it;
 * the link to where it came from is `source_kind` / `source_id`.
 */

const nowIso = (context: AppContext) => context.now().toISOString();

// Prompts (organisers)

export async function createPrompt(
  context: AppContext,
  review: ReviewRow,
  body: Required<Pick<CreatePromptBody, 'text'>> & { maxLength: number },
): Promise<Outcome<PromptRow>> {
  const existing = await context.store.listening.listPrompts(review.id);
  if (existing.length >= listeningLimits.promptsMax) {
    return refuse('validation_failed', `A review has at most ${listeningLimits.promptsMax} prompts.`, [
      { field: 'text', message: `A review has at most ${listeningLimits.promptsMax} prompts.` },
    ]);
  }
  return ok(
    await context.store.listening.createPrompt({
      reviewId: review.id,
      text: body.text,
      maxLength: body.maxLength,
      createdAt: nowIso(context),
    }),
  );
}

export async function updatePrompt(
  context: AppContext,
  review: ReviewRow,
  promptId: number,
  body: UpdatePromptBody,
): Promise<Outcome<PromptRow>> {
  const updated = await context.store.listening.updatePrompt(review.id, promptId, {
    text: body.text,
    maxLength: body.maxLength,
    updatedAt: nowIso(context),
  });
  return updated ? ok(updated) : promptNotFound(promptId);
}

/** Answers are participants' words: a prompt that has any stays, so nothing they wrote is thrown away. */
export async function deletePrompt(context: AppContext, review: ReviewRow, promptId: number): Promise<Outcome<null>> {
  const prompt = await context.store.listening.findPrompt(review.id, promptId);
  if (!prompt) return promptNotFound(promptId);
  if (prompt.answerCount > 0) {
    return refuse('prompt_answered', `"${prompt.text}" has ${prompt.answerCount} answer(s), so it stays.`);
  }
  await context.store.listening.deletePrompt(review.id, promptId);
  return ok(null);
}

function promptNotFound<T>(promptId: number): Outcome<T> {
  return refuse('prompt_not_found', `This review has no prompt ${promptId}.`);
}

// Answers (participants)

/** Answers can change while the review takes part: open, and not archived. */
function answersEditable(review: ReviewRow): boolean {
  return acceptsParticipation(review.status) && review.archivedAt === null;
}

export async function participantPrompts(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow | undefined,
): Promise<ParticipantPrompts> {
  const prompts = await context.store.listening.listPrompts(review.id);
  const answers = participant ? await context.store.listening.listOwnPromptAnswers(review.id, participant.id) : [];
  const byPrompt = new Map(answers.map((answer) => [answer.promptId, answer]));
  return {
    editable: answersEditable(review),
    prompts: prompts.map((prompt) => {
      const answer = byPrompt.get(prompt.id);
      return {
        id: prompt.id,
        text: prompt.text,
        maxLength: prompt.maxLength,
        position: prompt.position,
        answer: answer ? { text: answer.text, createdAt: answer.createdAt, updatedAt: answer.updatedAt } : null,
      };
    }),
  };
}

/** A refusal when answers can no longer change, else undefined. */
export function refuseUnlessAnswersEditable(review: ReviewRow): Outcome<never> | undefined {
  const archived = refuseIfArchived(review, 'answers');
  if (archived) return archived;
  if (!acceptsParticipation(review.status)) {
    return refuse('review_closed', `The review "${review.title}" is ${review.status}; answers can no longer change.`);
  }
  return undefined;
}

export async function answerPrompt(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  promptId: number,
  text: string,
): Promise<Outcome<PromptAnswerRow>> {
  const closed = refuseUnlessAnswersEditable(review);
  if (closed) return closed;
  const prompt = await context.store.listening.findPrompt(review.id, promptId);
  if (!prompt) return promptNotFound(promptId);
  if (text.length > prompt.maxLength) {
    const message = `An answer to this prompt has at most ${prompt.maxLength} characters (this one has ${text.length}).`;
    return refuse('validation_failed', `text: ${message}`, [{ field: 'text', message }]);
  }
  return ok(
    await context.store.listening.savePromptAnswer({
      reviewId: review.id,
      promptId,
      participantId: participant.id,
      text,
      at: nowIso(context),
    }),
  );
}

export async function deleteAnswer(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow,
  promptId: number,
): Promise<Outcome<null>> {
  const closed = refuseUnlessAnswersEditable(review);
  if (closed) return closed;
  const prompt = await context.store.listening.findPrompt(review.id, promptId);
  if (!prompt) return promptNotFound(promptId);
  await context.store.listening.deletePromptAnswer(promptId, participant.id);
  return ok(null);
}

// Feedback

export async function submitFeedback(
  context: AppContext,
  review: ReviewRow,
  participant: ParticipantRow | undefined,
  body: FeedbackBody,
): Promise<Outcome<null>> {
  const archived = refuseIfArchived(review, 'feedback');
  if (archived) return archived;
  const text = body.text?.trim() ?? '';
  await context.store.listening.recordFeedback({
    reviewId: review.id,
    participantId: participant?.id ?? null,
    rating: body.rating ?? null,
    text: text === '' ? null : text,
    createdAt: nowIso(context),
  });
  return ok(null);
}

export async function feedbackSummary(context: AppContext, review: ReviewRow): Promise<FeedbackSummary> {
  const rows = await context.store.listening.listFeedback(review.id);
  const ratings = [0, 0, 0, 0, 0];
  let total = 0;
  let rated = 0;
  for (const row of rows) {
    if (row.rating === null) continue;
    ratings[row.rating - 1] = (ratings[row.rating - 1] ?? 0) + 1;
    total += row.rating;
    rated += 1;
  }
  return {
    count: rows.length,
    ratings,
    averageRating: rated === 0 ? null : Math.round((total / rated) * 10) / 10,
    comments: rows.flatMap((row) =>
      row.text === null ? [] : [{ id: row.id, rating: row.rating, text: row.text, createdAt: row.createdAt }],
    ),
  };
}

// Voter voices

export async function setVoiceOptions(
  context: AppContext,
  review: ReviewRow,
  options: VoiceOptions,
): Promise<VoiceOptions> {
  return context.store.listening.replaceVoiceOptions(review.id, options);
}

export async function voiceForm(context: AppContext, review: ReviewRow): Promise<VoiceForm> {
  const [places, options] = await Promise.all([
    context.store.listPlaces(review.id),
    context.store.listening.listVoiceOptions(review.id),
  ]);
  return {
    places: places.map((place) => ({
      id: place.id,
      code: place.code,
      name: place.name,
      nameCy: place.nameCy,
      region: place.region,
    })),
    options,
  };
}

/**
 * Records a voice once per idempotency key. A replay with the same content answers with the voice
 * first stored (`created: false`), so a phone retrying a sync never duplicates it; the same key with
 * other content is a client bug and is refused rather than silently dropping the new words.
 */
export async function recordVoice(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  body: Omit<RecordVoiceBody, 'idempotencyKey' | 'consent'>,
  idempotencyKey: string,
): Promise<Outcome<{ created: boolean; voice: VoterVoiceRow }>> {
  const archived = refuseIfArchived(review, 'voices');
  if (archived) return archived;
  const places = await context.store.listPlaces(review.id);
  const place = places.find((candidate) => candidate.id === body.placeId);
  if (!place) {
    const message =
      places.length === 0
        ? 'This review has no place list yet: an organiser adds one first.'
        : `Seat ${body.placeId} is not on this review’s place list.`;
    return refuse('validation_failed', `placeId: ${message}`, [{ field: 'placeId', message }]);
  }
  const options = await context.store.listening.listVoiceOptions(review.id);
  const pastVote = body.pastVote ?? null;
  const intention = body.intention ?? null;
  const unknown = [
    pastVote !== null && !options.pastVote.includes(pastVote)
      ? { field: 'pastVote', message: `"${pastVote}" is not one of this review’s past-vote options.` }
      : undefined,
    intention !== null && !options.intention.includes(intention)
      ? { field: 'intention', message: `"${intention}" is not one of this review’s intention options.` }
      : undefined,
  ].filter((error) => error !== undefined);
  if (unknown.length > 0) {
    return refuse('validation_failed', unknown.map((error) => `${error.field}: ${error.message}`).join(' '), unknown);
  }
  const text = body.text.trim();
  const result = await context.store.listening.recordVoterVoice({
    reviewId: review.id,
    placeId: place.id,
    placeCode: place.code,
    placeName: place.name,
    pastVote,
    intention,
    text,
    recordedByAccountId: account.id,
    idempotencyKey,
    createdAt: nowIso(context),
  });
  if (!result.created) {
    const same =
      result.voice.placeCode === place.code &&
      result.voice.pastVote === pastVote &&
      result.voice.intention === intention &&
      result.voice.text === text;
    if (!same) {
      return refuse(
        'idempotency_key_reused',
        'A different voice was already recorded with this idempotency key; send a new key for a new voice.',
        [{ field: 'idempotencyKey', message: 'Already used for a different voice.' }],
      );
    }
  }
  return ok(result);
}

// Moderators: reading and promoting

export async function sourcesByKind(
  context: AppContext,
  review: ReviewRow,
): Promise<Record<StatementSource['sourceKind'], Map<number, number[]>>> {
  const links = await context.store.listening.listStatementSources(review.id);
  const result = { prompt_answer: new Map<number, number[]>(), voter_voice: new Map<number, number[]>() };
  for (const link of links) {
    const map = result[link.sourceKind];
    map.set(link.sourceId, [...(map.get(link.sourceId) ?? []), link.statementId]);
  }
  return result;
}

export async function promoteToStatement(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  body: PromoteStatementBody,
): Promise<Outcome<{ statement: StatementRow; source: StatementSource }>> {
  const text = normaliseStatementText(body.text);
  const textKey = statementTextKey(text);
  const source: StatementSource = { sourceKind: body.sourceKind, sourceId: body.sourceId };
  try {
    const statement = await context.store.transaction(async (tx) => {
      const found =
        body.sourceKind === 'prompt_answer'
          ? await tx.listening.findPromptAnswer(review.id, body.sourceId)
          : await tx.listening.findVoterVoice(review.id, body.sourceId);
      if (!found) {
        throw new AppError(
          'source_not_found',
          `This review has no ${body.sourceKind === 'prompt_answer' ? 'answer' : 'voice'} ${body.sourceId}.`,
          [{ field: 'sourceId', message: 'Not found in this review.' }],
        );
      }
      const at = nowIso(context);
      const created = await tx.createStatement({
        reviewId: review.id,
        text,
        textKey,
        origin: 'participant',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: account.id,
        createdAt: at,
      });
      await tx.setStatementsModeration({
        reviewId: review.id,
        statementIds: [created.id],
        moderation: 'accepted',
        reason: null,
        accountId: account.id,
        at,
      });
      await tx.listening.setStatementSource(review.id, created.id, source);
      return { ...created, moderation: 'accepted' as const };
    });
    context.onReviewChanged(review.id);
    return ok({ statement, source });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    if (error instanceof StoreConflictError) {
      return refuse('duplicate_statement', 'That statement is already in the review.', [
        { field: 'text', message: 'The review already has this statement.' },
      ]);
    }
    throw error;
  }
}

export type { PromptAnswerRow, VoterVoiceRow };
