import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { analyse } from '../core/analysis/analyse.js';
import type { CurrentVoteRow, ReviewRow, StatementRow, Store } from '../store/store.js';
import { buildAnalysisInput, ReviewIndex } from '../worker/analysis-input.js';

/** The four files of a Pol.is export, by name, as CSV text. */
export interface PolisExportFiles {
  readonly 'comments.csv': string;
  readonly 'votes.csv': string;
  readonly 'participants-votes.csv': string;
  readonly 'summary.csv': string;
}

export interface PolisExportOptions {
  /** The instance's public address; summary.csv's url is the review's page under it. */
  readonly publicUrl?: string;
}

export interface PolisExportResult {
  readonly files: PolisExportFiles;
  readonly statements: number;
  readonly voters: number;
  readonly voteEvents: number;
  /** Groups of the latest analysis, or null when the review has none. */
  readonly groups: number | null;
}

/** The part of a stored analysis summary the export reads (the worker owns the full shape). */
const storedAnalysis = z.object({
  seed: z.number().int(),
  groups: z.array(z.object({ label: z.number().int() })),
  statements: z.array(
    z.object({
      statementId: z.number().int(),
      active: z.boolean(),
      groupAwareConsensus: z.number(),
      groups: z.array(z.object({ label: z.number().int(), agreeRate: z.number() })),
    }),
  ),
});
type StoredAnalysis = z.infer<typeof storedAnalysis>;

const moderatedOf: Record<StatementRow['moderation'], string> = { accepted: '1', pending: '0', rejected: '-1' };

/**
 * Builds a review's Pol.is export, in the columns, order and conventions of Pol.is's own exports (the
 * current format, with is-meta and is-seed; see docs/ARCHITECTURE.md):
 * - ids are the export's own: comments 0…m−1 in statement order, participants 0…n−1 in order of first
 *   vote (then authors who never voted, by first statement), never a database id, so two exports
 *   cannot be joined on them with anything else;
 * - votes.csv is the whole event log, agree = 1, disagree = −1, pass = 0, times in milliseconds (UTC),
 *   sorted by comment then voter then time as Pol.is does;
 * - group-id and group-informed-consensus come from the review's latest analysis, blank without one.
 * Identity answers are never read.
 */
export async function buildPolisExport(
  store: Store,
  review: ReviewRow,
  options: PolisExportOptions = {},
): Promise<PolisExportResult> {
  const [statements, events, current, counts, latest] = await Promise.all([
    store.listStatements(review.id),
    store.listVoteEvents(review.id),
    store.listCurrentVotes(review.id),
    store.reviewCounts(review.id),
    store.latestAnalysis(review.id),
  ]);
  // An analysis stored in a shape this code does not know is treated as none: blank groups, not a failed export.
  const analysis = latest === undefined ? undefined : storedAnalysis.safeParse(JSON.parse(latest.result)).data;

  const commentIdOf = new Map(statements.map((statement, index) => [statement.id, index]));
  const pseudonyms = new Pseudonyms();
  for (const event of events) pseudonyms.ofParticipant(event.participantId);
  const voterCount = pseudonyms.size;
  const authorOf = (statement: StatementRow): number | '' =>
    statement.authorParticipantId !== null
      ? pseudonyms.ofParticipant(statement.authorParticipantId)
      : statement.authorAccountId !== null
        ? pseudonyms.ofAccount(statement.authorAccountId)
        : '';
  const authors = statements.map(authorOf);

  const tallies = new Map<number, { agree: number; disagree: number }>();
  const votedStatements = new Set<number>();
  for (const vote of current) {
    votedStatements.add(vote.statementId);
    const tally = tallies.get(vote.statementId) ?? { agree: 0, disagree: 0 };
    if (vote.value === 1) tally.agree++;
    if (vote.value === -1) tally.disagree++;
    tallies.set(vote.statementId, tally);
  }
  const consensusOf = new Map(
    (analysis?.statements ?? [])
      .filter((statement) => statement.active)
      .map((statement) => [statement.statementId, statement.groupAwareConsensus]),
  );

  const comments = stringify(
    statements.map((statement, index) => [
      timestampOf(statement.createdAt),
      index,
      authors[index],
      tallies.get(statement.id)?.agree ?? 0,
      tallies.get(statement.id)?.disagree ?? 0,
      moderatedOf[statement.moderation],
      String(statement.isMeta),
      String(statement.origin === 'seed'),
      consensusOf.get(statement.id) ?? '',
      statement.text,
    ]),
    {
      header: true,
      columns: [
        'timestamp',
        'comment-id',
        'author-id',
        'agrees',
        'disagrees',
        'moderated',
        'is-meta',
        'is-seed',
        'group-informed-consensus',
        'comment-body',
      ],
    },
  );

  // Every field of votes.csv is a number or a datetime without commas, so lines are written directly:
  // csv-stringify spent most of a 300k-vote export quoting nothing.
  const order = events.map((_, index) => index);
  const commentOfEvent = Int32Array.from(events, (event) => commentIdOf.get(event.statementId) as number);
  const voterOfEvent = Int32Array.from(events, (event) => pseudonyms.ofParticipant(event.participantId));
  // Array.prototype.sort is stable, so a pair's events stay in the order they were cast.
  order.sort(
    (left, right) =>
      (commentOfEvent[left] as number) - (commentOfEvent[right] as number) ||
      (voterOfEvent[left] as number) - (voterOfEvent[right] as number),
  );
  const voteLines = ['timestamp,datetime,comment-id,voter-id,vote'];
  for (const index of order) {
    const time = timestampOf((events[index] as CurrentVoteRow).votedAt);
    voteLines.push(
      `${time},${polisDatetime(time)},${commentOfEvent[index]},${voterOfEvent[index]},${events[index]?.value}`,
    );
  }
  const votes = `${voteLines.join('\n')}\n`;

  const groupOf =
    analysis === undefined ? new Map<number, number>() : participantGroups(review, statements, current, analysis);
  const participantsVotes = participantsVotesCsv(statements, current, authors, votedStatements, {
    commentIdOf,
    pseudonyms,
    groupOf,
  });

  const commenters = new Set(authors.filter((author) => author !== '')).size;
  const summary = stringify(
    [
      ['topic', review.title],
      ['url', options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/r/${review.slug}` : ''],
      ['views', counts.participantCount],
      ['voters', voterCount],
      // Every Pol.is export we know of repeats voters here, whatever its grouping left out.
      ['voters-in-conv', voterCount],
      ['commenters', commenters],
      // Pol.is counts the comments that have votes.
      ['comments', votedStatements.size],
      ['groups', analysis === undefined ? '' : analysis.groups.length],
      ['conversation-description', review.introduction],
    ],
    { header: false },
  );

  return {
    files: {
      'comments.csv': comments,
      'votes.csv': votes,
      'participants-votes.csv': participantsVotes,
      'summary.csv': summary,
    },
    statements: statements.length,
    voters: voterCount,
    voteEvents: events.length,
    groups: analysis === undefined ? null : analysis.groups.length,
  };
}

/** Writes {@link buildPolisExport}'s four files into `directory` (created if missing; the files are replaced). */
export async function writePolisExport(
  store: Store,
  review: ReviewRow,
  directory: string,
  options: PolisExportOptions = {},
): Promise<PolisExportResult> {
  const result = await buildPolisExport(store, review, options);
  mkdirSync(directory, { recursive: true });
  for (const [name, text] of Object.entries(result.files)) writeFileSync(join(directory, name), text);
  return result;
}

/** Hands out 0, 1, 2… to participants and organiser accounts in the order they are first asked for. */
class Pseudonyms {
  // Numeric keys, one map per kind: an export asks hundreds of thousands of times.
  readonly #participants = new Map<number, number>();
  readonly #accounts = new Map<number, number>();
  get size(): number {
    return this.#participants.size + this.#accounts.size;
  }
  ofParticipant(participantId: number): number {
    return this.#of(this.#participants, participantId);
  }
  ofAccount(accountId: number): number {
    return this.#of(this.#accounts, accountId);
  }
  #of(ids: Map<number, number>, key: number): number {
    let id = ids.get(key);
    if (id === undefined) {
      id = this.size;
      ids.set(key, id);
    }
    return id;
  }
}

/**
 * One row per voter, one column per comment that has votes (Pol.is's layout). The grid is mostly blank
 * (20k voters × 1k comments is 20M cells), so each row is written from its votes alone, runs of
 * blank cells as runs of commas, never as a full array.
 */
function participantsVotesCsv(
  statements: readonly StatementRow[],
  current: readonly CurrentVoteRow[],
  authors: readonly (number | '')[],
  votedStatements: ReadonlySet<number>,
  ids: { commentIdOf: Map<number, number>; pseudonyms: Pseudonyms; groupOf: Map<number, number> },
): string {
  // Pol.is gives a column to each comment that has votes, in comment-id order.
  const columns = statements.filter((statement) => votedStatements.has(statement.id)).map((statement) => statement.id);
  const columnOf = new Map(columns.map((statementId, index) => [statementId, index]));
  const commentsBy = new Map<number, number>();
  for (const author of authors) if (author !== '') commentsBy.set(author, (commentsBy.get(author) ?? 0) + 1);

  const votesOf = new Map<number, { participantId: number; cells: Array<[column: number, value: number]> }>();
  for (const vote of current) {
    const pseudonym = ids.pseudonyms.ofParticipant(vote.participantId);
    let row = votesOf.get(pseudonym);
    if (row === undefined) {
      row = { participantId: vote.participantId, cells: [] };
      votesOf.set(pseudonym, row);
    }
    row.cells.push([columnOf.get(vote.statementId) as number, vote.value]);
  }
  const lines = [
    [
      'participant',
      'xid',
      'group-id',
      'n-comments',
      'n-votes',
      'n-agree',
      'n-disagree',
      ...columns.map((statementId) => String(ids.commentIdOf.get(statementId))),
    ].join(','),
  ];
  for (const [pseudonym, row] of [...votesOf.entries()].sort(([left], [right]) => left - right)) {
    row.cells.sort(([left], [right]) => left - right);
    let agree = 0;
    let disagree = 0;
    let grid = '';
    let nextColumn = 0;
    for (const [column, value] of row.cells) {
      if (value === 1) agree++;
      if (value === -1) disagree++;
      grid += `${','.repeat(column - nextColumn + 1)}${value}`;
      nextColumn = column + 1;
    }
    grid += ','.repeat(columns.length - nextColumn);
    const group = ids.groupOf.get(row.participantId) ?? '';
    const authored = commentsBy.get(pseudonym) ?? 0;
    lines.push(`${pseudonym},,${group},${authored},${row.cells.length},${agree},${disagree}${grid}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Each participant's opinion group, from the latest analysis. The stored analysis keeps participants
 * only as anonymous points, so the groups are found again: the same maths on the current votes with
 * the stored seed and number of groups, each group then given the stored label whose per-statement
 * agree rates it matches best. With the votes unchanged since that analysis from a cold start (as
 * after an import) this is that analysis exactly; after warm-started updates it is its closest match.
 */
function participantGroups(
  review: ReviewRow,
  statements: StatementRow[],
  current: CurrentVoteRow[],
  stored: StoredAnalysis,
): Map<number, number> {
  const groups = new Map<number, number>();
  if (stored.groups.length === 0 || current.length === 0) return groups;
  const index = new ReviewIndex();
  const input = buildAnalysisInput(
    { moderationMode: review.moderationMode, statements, votes: current, questions: [], answers: [] },
    index,
  );
  const analysis = analyse(input, { seed: stored.seed, groupCount: stored.groups.length });
  const labelOf = matchLabels(
    analysis.groups.labels,
    (label, statementIndex) => {
      const group = analysis.groups.labels.indexOf(label);
      return analysis.groupAgreeRates.rate[group * analysis.statementCount + statementIndex];
    },
    index.statementIds,
    stored,
  );
  analysis.groupOfParticipant.forEach((label, participantIndex) => {
    const mapped = labelOf.get(label);
    if (label >= 0 && mapped !== undefined) groups.set(index.participantIds[participantIndex] as number, mapped);
  });
  return groups;
}

/** The one-to-one map from fresh labels to stored labels with the least squared difference in agree rates. */
function matchLabels(
  freshLabels: readonly number[],
  rateOf: (label: number, statementIndex: number) => number | undefined,
  statementIds: readonly number[],
  stored: StoredAnalysis,
): Map<number, number> {
  const storedLabels = stored.groups.map((group) => group.label);
  const statementIndexOf = new Map(statementIds.map((statementId, statementIndex) => [statementId, statementIndex]));
  const cost = freshLabels.map((fresh) =>
    storedLabels.map((label) => {
      let sum = 0;
      for (const statement of stored.statements) {
        const statementIndex = statementIndexOf.get(statement.statementId);
        const storedRate = statement.groups.find((group) => group.label === label)?.agreeRate;
        const freshRate = statementIndex === undefined ? undefined : rateOf(fresh, statementIndex);
        if (!statement.active || storedRate === undefined || freshRate === undefined || !Number.isFinite(freshRate))
          continue;
        sum += (freshRate - storedRate) ** 2;
      }
      return sum;
    }),
  );
  // At most 8 groups: trying every assignment (8! = 40,320) is instant and exact.
  let best: { total: number; assignment: number[] } = { total: Number.POSITIVE_INFINITY, assignment: [] };
  const visit = (assignment: number[], used: Set<number>, total: number) => {
    if (total >= best.total) return;
    if (assignment.length === freshLabels.length) {
      best = { total, assignment: [...assignment] };
      return;
    }
    const fresh = assignment.length;
    if (used.size === storedLabels.length) {
      // More groups now than stored (fewer people to split): the extra ones get no label.
      assignment.push(-1);
      visit(assignment, used, total);
      assignment.pop();
      return;
    }
    for (let target = 0; target < storedLabels.length; target++) {
      if (used.has(target)) continue;
      used.add(target);
      assignment.push(target);
      visit(assignment, used, total + (cost[fresh]?.[target] ?? 0));
      assignment.pop();
      used.delete(target);
    }
  };
  visit([], new Set(), 0);
  const labelOf = new Map<number, number>();
  best.assignment.forEach((target, fresh) => {
    if (target >= 0) labelOf.set(freshLabels[fresh] as number, storedLabels[target] as number);
  });
  return labelOf;
}

function timestampOf(iso: string): number {
  return Date.parse(iso);
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Pol.is's `datetime` column is Java's Date.toString(), "Wed Jun 18 01:16:54 UTC 2014"; we write UTC. */
export function polisDatetime(milliseconds: number): string {
  const date = new Date(milliseconds);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${weekdays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}
