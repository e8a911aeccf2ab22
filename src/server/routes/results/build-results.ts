import { analysisSummarySchema, type Results } from '../../../contract/index.js';
import { buildReport, type ReportAnalysis } from '../../../core/report/report.js';
import { isStatementShown } from '../../../core/review-rules.js';
import type { ParticipantRow, ReviewRow, Store } from '../../../store/store.js';
import { AppError } from '../../errors.js';

const storedSummarySchema = analysisSummarySchema.omit({ version: true, createdAt: true, voteEventCount: true });

/**
 * Parsed analyses by review, one version each: a large review's summary is megabytes of JSON, and
 * every open results page refetches it after each new version, so it is parsed once per version.
 */
const parsedAnalyses = new WeakMap<Store, Map<number, ReportAnalysis>>();

async function latestReportAnalysis(store: Store, review: ReviewRow): Promise<ReportAnalysis> {
  const latest = await store.latestAnalysis(review.id);
  if (!latest) {
    throw new AppError(
      'analysis_not_ready',
      'This review has no results yet; they appear a few seconds after votes arrive.',
    );
  }
  let byReview = parsedAnalyses.get(store);
  if (!byReview) {
    byReview = new Map();
    parsedAnalyses.set(store, byReview);
  }
  const cached = byReview.get(review.id);
  if (cached && cached.version === latest.version) return cached;
  const analysis = {
    ...storedSummarySchema.parse(JSON.parse(latest.result)),
    version: latest.version,
    createdAt: latest.createdAt,
  };
  byReview.set(review.id, analysis);
  return analysis;
}

/**
 * The review's results from its latest analysis, with the viewer's own map position when they are a
 * participant who voted. Only statements anyone may read (shown, not meta) appear.
 */
export async function buildResults(
  store: Store,
  review: ReviewRow,
  viewer: ParticipantRow | undefined,
): Promise<Results> {
  const analysis = await latestReportAnalysis(store, review);
  const [statements, questions, counts, tallies, viewerVotes] = await Promise.all([
    store.listStatements(review.id),
    store.listIdentityQuestions(review.id),
    store.reviewCounts(review.id),
    store.statementTallies(review.id),
    viewer ? store.listParticipantVotes(review.id, viewer.id) : Promise.resolve(undefined),
  ]);
  const readable = new Map(
    statements
      .filter((statement) => !statement.isMeta && isStatementShown(review.moderationMode, statement.moderation))
      .map((statement) => [statement.id, statement.text]),
  );
  const statementVoters = new Map(
    [...tallies].map(([statementId, tally]) => [statementId, tally.agree + tally.disagree + tally.pass]),
  );
  const report = buildReport({
    analysis,
    statements: readable,
    questions,
    counts: { participants: counts.participantCount, votes: counts.voteCount },
    statementVoters,
    ...(viewerVotes ? { viewerVotes: new Map(viewerVotes.map((vote) => [vote.statementId, vote.value])) } : {}),
  });
  return {
    review: { slug: review.slug, title: review.title, status: review.status },
    ...report,
    method: { ...report.method },
  };
}
