import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { limits } from '../contract/limits.js';
import { statementTextKey } from '../core/statements.js';
import type { StatementRow, Store } from '../store/store.js';
import { type CsvRow, integerField, PolisImportError, parseCsv } from './polis.js';

/** A comment of comments.csv as the import needs it. */
export interface PolisComment {
  readonly commentId: number;
  /** Pol.is author-id, or null when the column is missing or blank. */
  readonly authorId: number | null;
  readonly createdAt: string;
  readonly text: string;
  readonly moderation: StatementRow['moderation'];
  readonly isMeta: boolean;
  readonly isSeed: boolean;
}

/** A row of votes.csv. */
export interface PolisVoteEvent {
  readonly commentId: number;
  readonly voterId: number;
  readonly value: -1 | 0 | 1;
  readonly votedAt: string;
}

/** A whole Pol.is export folder, checked and ready to store. */
export interface PolisExportData {
  readonly topic: string;
  readonly description: string;
  /** Ordered by comment-id. */
  readonly comments: readonly PolisComment[];
  /** Ordered by timestamp, file order on ties: the order the votes were cast. */
  readonly voteEvents: readonly PolisVoteEvent[];
}

export interface PolisImportOptions {
  /** The account that owns the new review. */
  readonly ownerAccountId: number;
  /** When the import happens (the review's creation time). */
  readonly now: Date;
  /** Called with one line of progress at a time, without a newline. */
  readonly onProgress?: (message: string) => void;
}

export interface PolisImportResult {
  readonly reviewId: number;
  readonly slug: string;
  readonly statements: number;
  readonly participants: number;
  readonly voteEvents: number;
  readonly votes: number;
}

const moderationOfPolis: Record<string, StatementRow['moderation']> = {
  '1': 'accepted',
  '0': 'pending',
  '-1': 'rejected',
};

/**
 * Reads a Pol.is export folder (comments.csv and votes.csv required, summary.csv optional) and checks
 * every row before anything is stored, so a bad file is reported with its name and line. Votes must be
 * on comments of comments.csv (an import keeps every vote, so it cannot silently drop one).
 */
export function readPolisExportData(directory: string): PolisExportData {
  const commentsFile = join(directory, 'comments.csv');
  const votesFile = join(directory, 'votes.csv');
  const comments = parseComments(readRequired(commentsFile), commentsFile);
  const commentIds = new Set(comments.map((comment) => comment.commentId));
  const voteEvents = parseVotes(readRequired(votesFile), votesFile, commentIds);
  const summaryFile = join(directory, 'summary.csv');
  const summary = existsSync(summaryFile) ? parseSummary(readFileSync(summaryFile, 'utf8'), summaryFile) : new Map();
  return {
    topic: summary.get('topic') ?? '',
    description: summary.get('conversation-description') ?? '',
    comments,
    voteEvents,
  };
}

/**
 * Imports a Pol.is export folder as a new review in one transaction (all of it or nothing): comments
 * become statements (moderated 1/0/-1 → accepted/pending/rejected; is-meta and is-seed kept), authors
 * and voters become pseudonymous participants, every row of votes.csv becomes a vote event and each
 * participant's latest vote on a comment the current one. The review is closed and invite-only, so an
 * imported conversation is a record nobody outside the team sees until an organiser decides.
 */
export async function importPolisExport(
  store: Store,
  directory: string,
  options: PolisImportOptions,
): Promise<PolisImportResult> {
  const progress = options.onProgress ?? (() => {});
  const data = readPolisExportData(directory);
  progress(
    `Read ${data.comments.length} comments and ${data.voteEvents.length} vote events from ${resolve(directory)}`,
  );
  const now = options.now.toISOString();
  const folderName = basename(resolve(directory));
  const title = tidyTitle(data.topic) || tidyTitle(folderName) || 'Imported Pol.is conversation';

  return store.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, slugCandidate(data.topic) ?? slugCandidate(folderName) ?? 'polis-import');
    const review = await tx.createReview({
      slug,
      title,
      introduction: data.description.slice(0, limits.reviewIntroductionMaxLength),
      status: 'closed',
      visibility: 'invite',
      // Pol.is counts unmoderated comments in its maths, as our permissive mode does.
      moderationMode: 'permissive',
      participantsCanAddStatements: false,
      createdByAccountId: options.ownerAccountId,
      createdAt: now,
      updatedAt: now,
    });
    await tx.setReviewRole({ reviewId: review.id, accountId: options.ownerAccountId, role: 'owner', createdAt: now });

    const participantIdOf = await createParticipants(tx, review.id, data);
    progress(`Created review "${slug}" with ${participantIdOf.size} participants`);

    const statementIdOf = new Map<number, number>();
    const seenKeys = new Set<string>();
    for (const comment of data.comments) {
      let textKey = statementTextKey(comment.text);
      // Pol.is keeps duplicate comments apart, each with its own votes. A key never contains '#'
      // (punctuation is folded away), so the suffix cannot clash with any real statement's key.
      if (seenKeys.has(textKey)) textKey = `${textKey}#${comment.commentId}`;
      seenKeys.add(textKey);
      const statement = await tx.createStatement({
        reviewId: review.id,
        text: comment.text,
        textKey,
        origin: comment.isSeed ? 'seed' : 'participant',
        moderation: comment.moderation,
        isMeta: comment.isMeta,
        authorParticipantId: comment.authorId === null ? null : (participantIdOf.get(comment.authorId) ?? null),
        authorAccountId: null,
        createdAt: comment.createdAt,
      });
      statementIdOf.set(comment.commentId, statement.id);
    }
    progress(`Stored ${statementIdOf.size} statements`);

    await tx.importVotes(
      review.id,
      data.voteEvents.map((event) => ({
        participantId: participantIdOf.get(event.voterId) as number,
        statementId: statementIdOf.get(event.commentId) as number,
        value: event.value,
        votedAt: event.votedAt,
      })),
    );
    const counts = await tx.reviewCounts(review.id);
    progress(`Stored ${data.voteEvents.length} vote events (${counts.voteCount} current votes)`);
    return {
      reviewId: review.id,
      slug,
      statements: counts.statementCount,
      participants: counts.participantCount,
      voteEvents: data.voteEvents.length,
      votes: counts.voteCount,
    };
  });
}

/**
 * One participant per Pol.is voter or author, in Pol.is id order, joined at their first activity. Each
 * gets a random token whose hash nobody can ever present (the token is thrown away), so an imported
 * participant can never be signed in as.
 */
async function createParticipants(tx: Store, reviewId: number, data: PolisExportData): Promise<Map<number, number>> {
  const firstSeen = new Map<number, string>();
  const see = (polisId: number, at: string) => {
    const known = firstSeen.get(polisId);
    if (known === undefined || at < known) firstSeen.set(polisId, at);
  };
  for (const event of data.voteEvents) see(event.voterId, event.votedAt);
  for (const comment of data.comments) if (comment.authorId !== null) see(comment.authorId, comment.createdAt);
  const polisIds = [...firstSeen.keys()].sort((left, right) => left - right);
  const rows = await tx.createParticipants(
    polisIds.map((polisId) => ({
      reviewId,
      tokenHash: randomBytes(32).toString('hex'),
      seed: randomInt(-(2 ** 31), 2 ** 31 - 1),
      createdAt: firstSeen.get(polisId) as string,
    })),
  );
  return new Map(polisIds.map((polisId, index) => [polisId, (rows[index] as { id: number }).id]));
}

function readRequired(path: string): string {
  if (!existsSync(path)) throw new PolisImportError('file not found', path);
  return readFileSync(path, 'utf8');
}

function parseComments(text: string, file: string): PolisComment[] {
  const rows = parseCsv(text, file, ['timestamp', 'comment-id', 'moderated', 'comment-body']);
  const seen = new Set<number>();
  const comments = rows.map((row) => {
    const commentId = integerField(row, 'comment-id', file);
    if (seen.has(commentId)) throw new PolisImportError(`duplicate comment-id ${commentId}`, file, row.line);
    seen.add(commentId);
    const moderated = (row.record.moderated ?? '').trim();
    const moderation = moderationOfPolis[moderated];
    if (moderation === undefined) {
      throw new PolisImportError(`column "moderated" must be -1, 0 or 1, got "${moderated}"`, file, row.line);
    }
    const author = (row.record['author-id'] ?? '').trim();
    return {
      commentId,
      authorId: author === '' ? null : integerField(row, 'author-id', file),
      createdAt: timestampField(row, file),
      text: row.record['comment-body'] ?? '',
      moderation,
      isMeta: booleanField(row, 'is-meta', file),
      isSeed: booleanField(row, 'is-seed', file),
    };
  });
  return comments.sort((left, right) => left.commentId - right.commentId);
}

/**
 * votes.csv may hold hundreds of thousands of rows, so it is parsed as plain arrays (about three times
 * faster than records with line numbers); a row's line is worked out only when that row is at fault.
 */
function parseVotes(text: string, file: string, commentIds: ReadonlySet<number>): PolisVoteEvent[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, bom: true });
  } catch (error) {
    // The slower parser reports the line of a malformed record.
    parseCsv(text, file, []);
    throw error;
  }
  const header = (records[0] ?? []).map((column) => column.trim());
  const columnOf = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new PolisImportError(`missing column "${name}"`, file, 1);
    return index;
  };
  const [timeColumn, commentColumn, voterColumn, voteColumn] = ['timestamp', 'comment-id', 'voter-id', 'vote'].map(
    columnOf,
  ) as [number, number, number, number];
  const fail = (recordIndex: number, message: string): never => {
    throw new PolisImportError(message, file, lineOfRecord(text, recordIndex));
  };
  const integer = (record: string[], recordIndex: number, column: number): number => {
    const field = (record[column] ?? '').trim();
    const value = Number(field);
    if (field === '' || !Number.isInteger(value)) {
      fail(recordIndex, `column "${header[column]}" must be an integer, got "${field}"`);
    }
    return value;
  };
  const events: Array<{ order: number; milliseconds: number; commentId: number; voterId: number; value: -1 | 0 | 1 }> =
    [];
  for (let recordIndex = 1; recordIndex < records.length; recordIndex++) {
    const record = records[recordIndex] as string[];
    const commentId = integer(record, recordIndex, commentColumn);
    if (!commentIds.has(commentId)) fail(recordIndex, `comment-id ${commentId} is not in comments.csv`);
    const value = integer(record, recordIndex, voteColumn);
    if (value !== -1 && value !== 0 && value !== 1) {
      fail(recordIndex, `vote must be -1, 0 or 1 (agree = 1), got ${value}`);
    }
    const milliseconds = integer(record, recordIndex, timeColumn);
    if (milliseconds < 0 || Number.isNaN(new Date(milliseconds).getTime())) {
      fail(recordIndex, `column "timestamp" is not a time in milliseconds: ${milliseconds}`);
    }
    events.push({
      order: recordIndex,
      milliseconds,
      commentId,
      voterId: integer(record, recordIndex, voterColumn),
      value: value as -1 | 0 | 1,
    });
  }
  // File order breaks ties in time, as Pol.is's own reading does.
  events.sort((left, right) => left.milliseconds - right.milliseconds || left.order - right.order);
  return events.map((event) => ({
    commentId: event.commentId,
    voterId: event.voterId,
    value: event.value,
    votedAt: new Date(event.milliseconds).toISOString(),
  }));
}

/** The 1-based line on which record `recordIndex` (0 = the header) ends; only called for an error. */
function lineOfRecord(text: string, recordIndex: number): number | undefined {
  const records = parse(text, {
    skip_empty_lines: true,
    bom: true,
    info: true,
    to: recordIndex + 1,
  }) as unknown as Array<{
    info: { lines: number };
  }>;
  return records.at(-1)?.info.lines;
}

/** summary.csv is key,value rows without a header. */
function parseSummary(text: string, file: string): Map<string, string> {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new PolisImportError(`malformed CSV: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  return new Map(rows.filter((row) => row.length >= 2).map((row) => [row[0] as string, row[1] as string]));
}

/** Pol.is times are milliseconds since 1970 (UTC). */
function timestampField(row: CsvRow, file: string): string {
  const milliseconds = integerField(row, 'timestamp', file);
  const date = new Date(milliseconds);
  if (milliseconds < 0 || Number.isNaN(date.getTime())) {
    throw new PolisImportError(`column "timestamp" is not a time in milliseconds: ${milliseconds}`, file, row.line);
  }
  return date.toISOString();
}

/** Newer exports write true/false; blank or a missing column means false. */
function booleanField(row: CsvRow, column: string, file: string): boolean {
  const value = (row.record[column] ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new PolisImportError(`column "${column}" must be true or false, got "${value}"`, file, row.line);
}

function tidyTitle(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().slice(0, limits.reviewTitleMaxLength).trim();
}

/** A slug (lower-case ASCII letters, digits, single hyphens, 3–80 characters) from a title, if it yields one. */
function slugCandidate(text: string): string | undefined {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, limits.slugMaxLength - 4)
    .replace(/-+$/g, '');
  return slug.length >= 3 ? slug : undefined;
}

/** The candidate, or the first of candidate-2, candidate-3, … no review has yet. */
async function uniqueSlug(store: Store, candidate: string): Promise<string> {
  if (!(await store.findReviewBySlug(candidate))) return candidate;
  for (let suffix = 2; ; suffix++) {
    const slug = `${candidate}-${suffix}`;
    if (!(await store.findReviewBySlug(slug))) return slug;
  }
}
