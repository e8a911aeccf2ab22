import type { AnalysisInput } from '../core/analysis/analyse.js';
import { isStatementShown, type ModerationMode } from '../core/review-rules.js';
import type { CurrentVoteRow, IdentityQuestionRow, StatementRow } from '../store/store.js';

/**
 * Dense indices for one review's participants and statements. Indices only ever grow (new ids are
 * appended), because `analyse(…, previous)` needs an index to mean the same person or statement from
 * one update to the next.
 */
export class ReviewIndex {
  readonly participantIds: number[] = [];
  readonly statementIds: number[] = [];
  readonly #participantIndex = new Map<number, number>();
  readonly #statementIndex = new Map<number, number>();

  participant(participantId: number): number {
    return lookupOrAppend(this.#participantIndex, this.participantIds, participantId);
  }

  statement(statementId: number): number {
    return lookupOrAppend(this.#statementIndex, this.statementIds, statementId);
  }

  statementIndexOf(statementId: number): number | undefined {
    return this.#statementIndex.get(statementId);
  }
}

function lookupOrAppend(indexOf: Map<number, number>, ids: number[], id: number): number {
  const existing = indexOf.get(id);
  if (existing !== undefined) return existing;
  indexOf.set(id, ids.length);
  ids.push(id);
  return ids.length - 1;
}

export interface ReviewSnapshot {
  moderationMode: ModerationMode;
  statements: StatementRow[];
  votes: CurrentVoteRow[];
  questions: IdentityQuestionRow[];
  answers: Array<{ participantId: number; questionId: number; optionId: number }>;
}

/**
 * Builds the analysis input from a review's rows. Statements participants cannot see (rejected, or
 * pending under strict moderation) are excluded from the maths; meta statements are marked.
 */
export function buildAnalysisInput(snapshot: ReviewSnapshot, index: ReviewIndex): AnalysisInput {
  const statementById = new Map(snapshot.statements.map((statement) => [statement.id, statement]));
  for (const statement of [...snapshot.statements].sort((a, b) => a.id - b.id)) index.statement(statement.id);
  for (const vote of snapshot.votes) index.participant(vote.participantId);
  // People who answered questions but have not voted yet still get an index, so arrays cover them.
  for (const answer of snapshot.answers) index.participant(answer.participantId);

  const voteCount = snapshot.votes.length;
  const participantIndex = new Int32Array(voteCount);
  const statementIndex = new Int32Array(voteCount);
  const values = new Int8Array(voteCount);
  let kept = 0;
  for (const vote of snapshot.votes) {
    const statement = index.statementIndexOf(vote.statementId);
    if (statement === undefined) continue;
    participantIndex[kept] = index.participant(vote.participantId);
    statementIndex[kept] = statement;
    values[kept] = vote.value;
    kept++;
  }

  const participantCount = index.participantIds.length;
  const statements = index.statementIds.map((statementId) => {
    const row = statementById.get(statementId);
    return {
      id: String(statementId),
      excluded: !row || !isStatementShown(snapshot.moderationMode, row.moderation),
      isMeta: row?.isMeta ?? false,
    };
  });

  const identityQuestions = snapshot.questions.map((question) => {
    const optionIndex = new Map(question.options.map((option, position) => [option.id, position]));
    const answers = new Int32Array(participantCount).fill(-1);
    for (const answer of snapshot.answers) {
      if (answer.questionId !== question.id) continue;
      const option = optionIndex.get(answer.optionId);
      const participant = index.participant(answer.participantId);
      if (option !== undefined) answers[participant] = option;
    }
    return { id: String(question.id), optionLabels: question.options.map((option) => option.label), answers };
  });
  return {
    statements,
    votes: {
      participantCount,
      statementCount: statements.length,
      participantIndex: participantIndex.subarray(0, kept),
      statementIndex: statementIndex.subarray(0, kept),
      values: values.subarray(0, kept),
    },
    identityQuestions,
  };
}
