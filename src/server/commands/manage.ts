import type { CreateIdentityQuestionBody, CreateReviewBody, UpdateReviewBody } from '../../contract/index.js';
import { initialModeration } from '../../core/review-rules.js';
import { normaliseStatementText, statementTextKey } from '../../core/statements.js';
import {
  type AccountRow,
  type IdentityQuestionRow,
  type ReviewRow,
  type StatementRow,
  StoreConflictError,
} from '../../store/store.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type FieldError, type Outcome, ok, refuse } from '../errors.js';

/** Creates a review with its creator as owner, in one transaction. */
export async function createReview(
  context: AppContext,
  account: AccountRow,
  body: CreateReviewBody,
): Promise<Outcome<ReviewRow>> {
  const now = context.now().toISOString();
  try {
    const review = await context.store.transaction(async (tx) => {
      const created = await tx.createReview({
        ...body,
        createdByAccountId: account.id,
        createdAt: now,
        updatedAt: now,
      });
      await tx.setReviewRole({ reviewId: created.id, accountId: account.id, role: 'owner', createdAt: now });
      return created;
    });
    return ok(review);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      return refuse('slug_taken', `The address "${body.slug}" is taken by another review; choose another slug.`, [
        { field: 'slug', message: 'Another review uses this address.' },
      ]);
    }
    throw error;
  }
}

export async function updateReview(context: AppContext, review: ReviewRow, body: UpdateReviewBody): Promise<ReviewRow> {
  return context.store.updateReview(review.id, { ...body, updatedAt: context.now().toISOString() });
}

/**
 * Adds organiser-written statements. The whole list is refused if any is a duplicate (of another
 * in the list or of one already in the review), naming each, so nothing is half-added.
 */
export async function addSeedStatements(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  texts: string[],
): Promise<Outcome<StatementRow[]>> {
  const existing = new Set((await context.store.listStatements(review.id)).map((statement) => statement.textKey));
  const seen = new Map<string, number>();
  const problems: FieldError[] = [];
  const prepared = texts.map((raw, index) => {
    const text = normaliseStatementText(raw);
    const textKey = statementTextKey(text);
    if (textKey === '')
      problems.push({ field: `statements.${index}`, message: 'A statement needs words, not only punctuation.' });
    else if (existing.has(textKey))
      problems.push({ field: `statements.${index}`, message: `Already in the review: "${text}".` });
    else if (seen.has(textKey)) {
      problems.push({
        field: `statements.${index}`,
        message: `Same as statement ${(seen.get(textKey) ?? 0) + 1} in this list.`,
      });
    }
    seen.set(textKey, seen.get(textKey) ?? index);
    return { text, textKey };
  });
  if (problems.length > 0) {
    return refuse(
      'duplicate_statement',
      problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '),
      problems,
    );
  }
  const now = context.now().toISOString();
  const created = await context.store.transaction(async (tx) => {
    const rows: StatementRow[] = [];
    for (const { text, textKey } of prepared) {
      rows.push(
        await tx.createStatement({
          reviewId: review.id,
          text,
          textKey,
          origin: 'seed',
          moderation: initialModeration('seed'),
          isMeta: false,
          authorParticipantId: null,
          authorAccountId: account.id,
          createdAt: now,
        }),
      );
    }
    return rows;
  });
  context.onReviewChanged(review.id);
  return ok(created);
}

export async function moderateStatement(
  context: AppContext,
  review: ReviewRow,
  statementId: number,
  change: { moderation: StatementRow['moderation']; isMeta?: boolean },
): Promise<Outcome<StatementRow>> {
  const updated = await context.store.updateStatementModeration({
    reviewId: review.id,
    statementId,
    moderation: change.moderation,
    ...(change.isMeta === undefined ? {} : { isMeta: change.isMeta }),
    moderatedAt: context.now().toISOString(),
  });
  if (!updated) return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`);
  context.onReviewChanged(review.id);
  return ok(updated);
}

/** A question with its own options, or a place question offering the review's place list. */
export async function createIdentityQuestion(
  context: AppContext,
  review: ReviewRow,
  body: CreateIdentityQuestionBody,
): Promise<Outcome<IdentityQuestionRow>> {
  if (body.usesPlaceList && (await context.store.countPlaces(review.id)) === 0) {
    return refuse(
      'place_list_missing',
      'Import a place list, or load a ready-made one, before adding a place question.',
      [{ field: 'usesPlaceList', message: 'This review has no place list yet.' }],
    );
  }
  const question = await context.store.createIdentityQuestion({
    reviewId: review.id,
    prompt: body.prompt,
    kind: body.kind,
    options: body.options ?? [],
    required: body.required,
    explanation: body.explanation,
    usesPlaceList: body.usesPlaceList,
    createdAt: context.now().toISOString(),
  });
  return ok(question);
}

/**
 * Archives a review (closed to participation, out of the public list and the organisers' default
 * list) or brings it back. Its status is kept, so it comes back as it was.
 */
export async function setReviewArchived(context: AppContext, review: ReviewRow, archived: boolean): Promise<ReviewRow> {
  const now = context.now().toISOString();
  return context.store.updateReview(review.id, {
    archivedAt: archived ? (review.archivedAt ?? now) : null,
    updatedAt: now,
  });
}

/** A one-off invite link; the token is shown once and only its hash is kept. */
export async function createInvite(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
): Promise<{ url: string; token: string }> {
  const token = newToken();
  await context.store.createInvite({
    reviewId: review.id,
    tokenHash: hashToken(token),
    createdAt: context.now().toISOString(),
    createdByAccountId: account.id,
  });
  return { url: `${context.config.publicUrl}/invite/${token}`, token };
}
