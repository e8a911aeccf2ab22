import type { ModerationItem, ModerationQueue, ModerationQueueQuery } from '../../contract/moderation.js';
import { NearDuplicateIndex, nearDuplicateDefaults } from '../../core/near-duplicates.js';
import { decideStatementPosting, postingWindowStart, statementPostingLimits } from '../../core/statement-throttle.js';
import { normaliseStatementText, statementTextKey } from '../../core/statements.js';
import {
  type AccountRow,
  type ModeratedStatementRow,
  type ModerationEventRow,
  type ReviewRow,
  type Store,
  StoreConflictError,
} from '../../store/store.js';
import type { AppContext } from '../context.js';
import { AppError, type FieldError, type Outcome, ok, refuse } from '../errors.js';
import { presentModerationItem } from '../presenters/moderation.js';

/** One page of the moderation queue, with per-filter counts and likely duplicates beside pending statements. */
export async function buildModerationQueue(
  context: AppContext,
  review: ReviewRow,
  query: ModerationQueueQuery,
): Promise<ModerationQueue> {
  const { store } = context;
  const [counts, rows, tallies] = await Promise.all([
    store.moderationCounts(review.id),
    store.listModerationQueue(review.id, {
      ...(query.state ? { moderation: query.state } : {}),
      ...(query.origin ? { origin: query.origin } : {}),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    store.statementTallies(review.id),
  ]);

  const state = { pending: 0, accepted: 0, rejected: 0 };
  const origin = { participant: 0, seed: 0, event: 0 };
  let all = 0;
  let totalItems = 0;
  for (const count of counts) {
    all += count.count;
    if (query.origin === undefined || count.origin === query.origin) state[count.moderation] += count.count;
    if (query.state === undefined || count.moderation === query.state) origin[count.origin] += count.count;
    if (
      (query.origin === undefined || count.origin === query.origin) &&
      (query.state === undefined || count.moderation === query.state)
    ) {
      totalItems += count.count;
    }
  }

  return {
    items: await describeForModeration(context, review, rows, tallies),
    page: query.page,
    pageSize: query.pageSize,
    totalItems,
    counts: { all, state, origin },
    nearDuplicates: { threshold: nearDuplicateDefaults.threshold, topK: nearDuplicateDefaults.topK },
  };
}

/**
 * Statements as the moderation queue shows them: tallies, and beside each pending one the most similar
 * other statements of the review. The trigram index over the whole review is built once per call
 * (milliseconds for thousands of statements; `npm run bench` measures it) and only pending rows are
 * looked up, so a page costs one index build and at most a page of lookups.
 */
export async function describeForModeration(
  context: AppContext,
  review: ReviewRow,
  rows: ModeratedStatementRow[],
  knownTallies?: Map<number, { agree: number; disagree: number; pass: number }>,
): Promise<ModerationItem[]> {
  const tallies = knownTallies ?? (await context.store.statementTallies(review.id));
  const fromEvents = await context.store.eventOutcomes.findStatementEvents(
    rows.filter((row) => row.origin === 'event').map((row) => row.id),
  );
  const pending = rows.filter((row) => row.moderation === 'pending');
  if (pending.length === 0) {
    return rows.map((row) => presentModerationItem(row, tallies.get(row.id), [], fromEvents.get(row.id)));
  }
  const statements = await context.store.listStatements(review.id);
  const byId = new Map(statements.map((statement) => [statement.id, statement]));
  const index = new NearDuplicateIndex(statements);
  return rows.map((row) => {
    const matches = row.moderation === 'pending' ? index.similarTo(row.text, { excludeId: row.id }) : [];
    const likelyDuplicates = matches.flatMap((match) => {
      const statement = byId.get(match.id);
      return statement
        ? [{ id: match.id, text: statement.text, moderation: statement.moderation, similarity: match.similarity }]
        : [];
    });
    return presentModerationItem(row, tallies.get(row.id), likelyDuplicates, fromEvents.get(row.id));
  });
}

/**
 * Accepts or rejects the listed statements in one transaction: all of them, or none when any is not a
 * statement of this review (each such one is named). Rejecting needs a reason, kept for the record.
 */
export async function moderateStatements(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  change: { statementIds: number[]; moderation: 'accepted' | 'rejected'; reason: string | null },
): Promise<Outcome<ModeratedStatementRow[]>> {
  const outcome = await context.store.transaction(async (tx): Promise<Outcome<ModeratedStatementRow[]>> => {
    const found = new Set(
      (await tx.findModeratedStatements(review.id, change.statementIds)).map((statement) => statement.id),
    );
    const problems: FieldError[] = change.statementIds.flatMap((statementId, index) =>
      found.has(statementId)
        ? []
        : [{ field: `statementIds.${index}`, message: `Statement ${statementId} is not part of this review.` }],
    );
    if (problems.length > 0) {
      const missing = change.statementIds.filter((statementId) => !found.has(statementId));
      return refuse(
        'statement_not_found',
        `Nothing was changed: ${missing.length === 1 ? 'statement' : 'statements'} ${missing.join(', ')} ${
          missing.length === 1 ? 'is' : 'are'
        } not part of this review.`,
        problems,
      );
    }
    const changed = await tx.setStatementsModeration({
      reviewId: review.id,
      statementIds: change.statementIds,
      moderation: change.moderation,
      reason: change.reason,
      accountId: account.id,
      at: context.now().toISOString(),
    });
    // Only if a statement vanished between the check and the update; throwing undoes the others too.
    if (changed.length !== change.statementIds.length) {
      throw new AppError('statement_not_found', 'A statement was removed meanwhile; nothing was changed.');
    }
    return ok(changed);
  });
  if (outcome.ok) context.onReviewChanged(review.id);
  return outcome;
}

/**
 * Fixes a typo in a statement's text. Allowed only while nobody but its author has voted on it:
 * voters agreed or disagreed with the words as they were, so changing them afterwards would change
 * what their votes mean. The author's own agree vote, recorded when they wrote it, does not block a
 * fix. The new text must not duplicate another statement (the same normalised key as when adding).
 */
export async function editStatementText(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  statementId: number,
  rawText: string,
): Promise<Outcome<ModeratedStatementRow>> {
  const text = normaliseStatementText(rawText);
  const textKey = statementTextKey(text);
  if (textKey === '') {
    return refuse('validation_failed', 'text: A statement needs words, not only punctuation.', [
      { field: 'text', message: 'A statement needs words, not only punctuation.' },
    ]);
  }
  const [current] = await context.store.findModeratedStatements(review.id, [statementId]);
  if (!current) return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`);
  if (current.text === text) return ok(current);
  try {
    const result = await context.store.editStatementText({
      reviewId: review.id,
      statementId,
      text,
      textKey,
      accountId: account.id,
      at: context.now().toISOString(),
    });
    if (result.status === 'not_found') {
      return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`);
    }
    if (result.status === 'voted') {
      return refuse(
        'statement_has_votes',
        `Statement ${statementId} already has votes, so its text can no longer change: people voted on the words as they were. Reject it with a reason instead if it must go.`,
      );
    }
    context.onReviewChanged(review.id);
    return ok(result.statement);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const same = (await context.store.listStatements(review.id)).find(
      (statement) => statement.textKey === textKey && statement.id !== statementId,
    );
    const which = same ? `statement ${same.id} ("${same.text}")` : 'another statement';
    return refuse('duplicate_statement', `That text is the same as ${which}; nothing was changed.`, [
      { field: 'text', message: `The same as ${which}.` },
    ]);
  }
}

/** Meta statements (about the review itself) stay visible but are left out of the opinion maths. */
export async function setStatementMeta(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  statementId: number,
  isMeta: boolean,
): Promise<Outcome<ModeratedStatementRow>> {
  const updated = await context.store.setStatementMeta({
    reviewId: review.id,
    statementId,
    isMeta,
    accountId: account.id,
    at: context.now().toISOString(),
  });
  if (!updated) return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`);
  context.onReviewChanged(review.id);
  return ok(updated);
}

export async function moderationHistory(
  context: AppContext,
  review: ReviewRow,
  statementId: number,
): Promise<Outcome<ModerationEventRow[]>> {
  const [statement] = await context.store.findModeratedStatements(review.id, [statementId]);
  if (!statement) return refuse('statement_not_found', `Statement ${statementId} is not part of this review.`);
  return ok(await context.store.listModerationEvents(review.id, statementId));
}

/**
 * Whether a participant may add a statement now (core/statement-throttle.ts has the limits). Counted
 * from the database, so the limits hold however many app instances serve the review; call it inside
 * the transaction that adds the statement, where PostgreSQL also locks the participant's row.
 */
export async function checkStatementPosting(
  store: Store,
  review: ReviewRow,
  participantId: number,
  now: Date,
): Promise<Outcome<void>> {
  const at = now.toISOString();
  const activity = await store.participantStatementActivity(review.id, participantId, postingWindowStart(at));
  const decision = decideStatementPosting(activity, at);
  if (decision.allowed) return ok(undefined);
  if (decision.reason === 'too_many') {
    return refuse(
      'statement_posting_limit',
      `You have added ${decision.total} statements to this review, the most one person may add. Thank you: you can still vote on everyone else's.`,
    );
  }
  const minutes = Math.max(1, Math.ceil((Date.parse(decision.retryAt) - now.getTime()) / 60_000));
  return refuse(
    'statement_posting_too_fast',
    `You have added ${decision.recentCount} statements in the last ${statementPostingLimits.windowMinutes} minutes. You can add another at ${decision.retryAt.slice(11, 16)} UTC (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}).`,
    undefined,
    { retryAt: decision.retryAt },
  );
}
