import { type Dashboard, resultsPagePath } from '../../../contract/dashboard.js';
import { smallCellThreshold, suppressSmallCells } from '../../../core/small-cells.js';
import type { ReviewRow } from '../../../store/store.js';
import type { AppContext } from '../../context.js';

/** The start of the UTC day `now` falls in: "active today" counts votes from then. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * The console's headline figures. Identity answers are counts about small groups of real people, so
 * every question's counts go through small-cell suppression; the other figures describe the whole
 * review and are shown as they are.
 */
export async function buildDashboard(context: AppContext, review: ReviewRow): Promise<Dashboard> {
  const activeSince = startOfUtcDay(context.now()).toISOString();
  const [counts, questions, answerCounts] = await Promise.all([
    context.store.dashboardCounts(review.id, activeSince),
    context.store.listIdentityQuestions(review.id),
    context.store.identityAnswerCounts(review.id),
  ]);
  const countOf = new Map(answerCounts.map((row) => [`${row.questionId}:${row.optionId}`, row.count] as const));
  return {
    participants: {
      total: counts.participants,
      verified: counts.verifiedParticipants,
      activeToday: counts.activeParticipants,
    },
    votes: counts.votes,
    statements: counts.statements,
    identity: questions.map((question) => {
      const published = suppressSmallCells(
        question.options.map((option) => countOf.get(`${question.id}:${option.id}`) ?? 0),
        smallCellThreshold,
      );
      return {
        questionId: question.id,
        prompt: question.prompt,
        kind: question.kind,
        answered: published.total,
        options: question.options.map((option, index) => ({
          optionId: option.id,
          label: option.label,
          count: published.cells[index] ?? { state: 'small' as const },
        })),
      };
    }),
    smallCellThreshold,
    resultsPath: resultsPagePath(review.slug),
    activeSince,
  };
}
