import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AnalysisStatement } from '../core/analysis/analyse.js';
import type { SparseVotes } from '../core/analysis/sparse-votes.js';
import { SparseVotesBuilder } from '../core/analysis/sparse-votes-builder.js';

/** A Pol.is conversation export read into the analysis's dense indices. */
export interface PolisConversation {
  /** Statements by dense index, ordered by comment id; `id` is Pol.is's comment-id. */
  readonly statements: readonly AnalysisStatement[];
  /** Pol.is voter-id of each dense participant index, ordered by voter id. */
  readonly participantIds: readonly string[];
  /** Latest vote per participant × statement (votes on comments missing from comments.csv are dropped). */
  readonly votes: SparseVotes;
  /** Vote events read from votes.csv (before keeping only the latest). */
  readonly voteEventCount: number;
}

/** A problem with an export: which file and, for a bad row, which line (1-based, header is line 1). */
export class PolisImportError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'PolisImportError';
  }
}

/** One parsed CSV record with its 1-based line in the file (the header is line 1). */
export interface CsvRow {
  readonly record: Record<string, string>;
  readonly line: number;
}

/** Parses a CSV text with a header row; throws {@link PolisImportError} naming the file (and line) at fault. */
export function parseCsv(text: string, file: string, required: readonly string[]): CsvRow[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const line = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new PolisImportError(`malformed CSV: ${message}`, file, Number.isFinite(line) ? line : undefined);
  }
  const header = rows[0] ? Object.keys(rows[0].record) : parseHeader(text);
  for (const column of required) {
    if (!header.includes(column)) throw new PolisImportError(`missing column "${column}"`, file, 1);
  }
  return rows.map((row) => ({ record: row.record, line: row.info.lines }));
}

function parseHeader(text: string): string[] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((column) => column.trim());
}

export function integerField(row: CsvRow, column: string, file: string): number {
  const text = (row.record[column] ?? '').trim();
  const value = Number(text);
  if (text === '' || !Number.isInteger(value)) {
    throw new PolisImportError(`column "${column}" must be an integer, got "${text}"`, file, row.line);
  }
  return value;
}

/** Sorts ids numerically when all are integers (Pol.is ids are), else as strings. */
function sortIds(ids: Iterable<string>): string[] {
  const list = [...ids];
  const numeric = list.every((id) => /^-?\d+$/.test(id));
  return numeric ? list.sort((left, right) => Number(left) - Number(right)) : list.sort();
}

function isTruthy(text: string | undefined): boolean {
  const value = (text ?? '').trim().toLowerCase();
  return value === '1' || value === 'true' || value === 't';
}

/**
 * Parses the texts of a Pol.is export's comments.csv and votes.csv. Comments moderated −1 (rejected)
 * and, when the column exists, `is-meta` ones are marked excluded. votes.csv is an event log: events
 * are ordered by timestamp (file order on ties) and the latest per voter × comment wins. Votes must be
 * −1, 0 or 1 (agree = +1 in exports). Throws {@link PolisImportError} naming file and line.
 */
export function parsePolisExport(
  commentsCsv: string,
  votesCsv: string,
  fileNames: { comments: string; votes: string } = { comments: 'comments.csv', votes: 'votes.csv' },
): PolisConversation {
  const comments = parseCsv(commentsCsv, fileNames.comments, ['comment-id', 'moderated']);
  const statementsById = new Map<string, AnalysisStatement>();
  for (const row of comments) {
    const id = String(integerField(row, 'comment-id', fileNames.comments));
    const moderated = integerField(row, 'moderated', fileNames.comments);
    if (statementsById.has(id)) throw new PolisImportError(`duplicate comment-id ${id}`, fileNames.comments, row.line);
    const isMeta = isTruthy(row.record['is-meta']);
    statementsById.set(id, { id, excluded: moderated === -1 || isMeta, ...(isMeta ? { isMeta: true } : {}) });
  }
  const statementIds = sortIds(statementsById.keys());
  const statements = statementIds.map((id) => statementsById.get(id) as AnalysisStatement);
  const statementIndexById = new Map(statementIds.map((id, index) => [id, index]));

  const voteRows = parseCsv(votesCsv, fileNames.votes, ['timestamp', 'comment-id', 'voter-id', 'vote']);
  const events = voteRows.map((row, order) => {
    const vote = integerField(row, 'vote', fileNames.votes);
    if (vote < -1 || vote > 1)
      throw new PolisImportError(`vote must be -1, 0 or 1, got ${vote}`, fileNames.votes, row.line);
    const timestamp = Number((row.record.timestamp ?? '').trim());
    if (!Number.isFinite(timestamp)) {
      throw new PolisImportError(
        `timestamp must be a number, got "${row.record.timestamp}"`,
        fileNames.votes,
        row.line,
      );
    }
    return {
      timestamp,
      order,
      statementId: String(integerField(row, 'comment-id', fileNames.votes)),
      participantId: String(integerField(row, 'voter-id', fileNames.votes)),
      vote,
    };
  });
  events.sort((left, right) => left.timestamp - right.timestamp || left.order - right.order);
  const participantIds = sortIds(new Set(events.map((event) => event.participantId)));
  const participantIndexById = new Map(participantIds.map((id, index) => [id, index]));
  const builder = new SparseVotesBuilder(participantIds.length, statements.length, events.length);
  for (const event of events) {
    const statementIndex = statementIndexById.get(event.statementId);
    if (statementIndex === undefined) continue;
    builder.add(participantIndexById.get(event.participantId) as number, statementIndex, event.vote);
  }
  return { statements, participantIds, votes: builder.build(), voteEventCount: events.length };
}

function readRequired(directory: string, name: string): string {
  const path = join(directory, name);
  if (!existsSync(path)) throw new PolisImportError('file not found', path);
  return readFileSync(path, 'utf8');
}

/** Reads comments.csv and votes.csv from a Pol.is export folder; see {@link parsePolisExport}. */
export function readPolisExport(directory: string): PolisConversation {
  const comments = readRequired(directory, 'comments.csv');
  const votes = readRequired(directory, 'votes.csv');
  return parsePolisExport(comments, votes, {
    comments: join(directory, 'comments.csv'),
    votes: join(directory, 'votes.csv'),
  });
}

/**
 * Reads Pol.is's own grouping from participants-votes.csv: participant id → group-id, or null for
 * participants Pol.is left out (blank group-id). Used to validate our groups against Pol.is's.
 */
export function readPolisGroups(directory: string): Map<string, number | null> {
  const file = join(directory, 'participants-votes.csv');
  const rows = parseCsv(readRequired(directory, 'participants-votes.csv'), file, ['participant', 'group-id']);
  const groups = new Map<string, number | null>();
  for (const row of rows) {
    const participant = String(integerField(row, 'participant', file));
    const group = (row.record['group-id'] ?? '').trim();
    groups.set(participant, group === '' ? null : integerField(row, 'group-id', file));
  }
  return groups;
}
