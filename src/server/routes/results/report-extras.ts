import type { Results } from '../../../contract/index.js';
import {
  eventOutcomesSection,
  feedbackSection,
  type ThemeDigest,
  themeDigest,
  themesSection,
} from '../../../core/report/report-extras.js';
import type { ThemeEdit } from '../../../core/themes/edits.js';
import type { ThemeRun } from '../../../core/themes/extract.js';
import type { ReviewRow, Store } from '../../../store/store.js';

type Extras = Pick<Results, 'feedback' | 'themes' | 'eventOutcomes'>;

/**
 * Digests of theme runs by review, one run each. A stored run holds every answer id (megabytes for a
 * large review), so it is read and reduced to labels, sizes and words once per run and instance; each
 * request then reads only the latest run's id and the edits made since.
 */
const themeDigests = new WeakMap<Store, Map<number, { runId: number; digest: ThemeDigest }>>();

async function latestThemeDigest(
  store: Store,
  reviewId: number,
): Promise<{ digest: ThemeDigest; renames: Map<string, string> } | undefined> {
  const [header, edits] = await Promise.all([store.themes.latestRunHeader(reviewId), store.themes.listEdits(reviewId)]);
  if (!header) return undefined;
  let byReview = themeDigests.get(store);
  if (!byReview) {
    byReview = new Map();
    themeDigests.set(store, byReview);
  }
  let cached = byReview.get(reviewId);
  if (cached?.runId !== header.id) {
    const result = await store.themes.findRunResult(header.id);
    if (result === undefined) return undefined;
    cached = { runId: header.id, digest: themeDigest(header.createdAt, JSON.parse(result) as ThemeRun) };
    byReview.set(reviewId, cached);
  }
  // Renames made since the run show at once; merges and splits wait for the run that follows.
  const renames = new Map<string, string>();
  for (const row of edits) {
    if (row.id <= (header.lastEditId ?? 0)) continue;
    const edit = JSON.parse(row.edit) as ThemeEdit;
    if (edit.kind === 'rename') renames.set(edit.themeId, edit.label.trim());
  }
  return { digest: cached.digest, renames };
}

/**
 * The report's optional sections: feedback counts, themes of the open answers and published event
 * outcomes. Each is left out when the review has none; nothing here names a participant or attendee.
 */
export async function buildReportExtras(store: Store, review: ReviewRow, now: string): Promise<Extras> {
  const [feedbackCounts, themes, eventReports] = await Promise.all([
    store.listening.countFeedbackRatings(review.id),
    latestThemeDigest(store, review.id),
    store.eventOutcomes.listFinishedReportsOfReview(review.id),
  ]);
  const feedback = feedbackSection(feedbackCounts);
  const themesPart = themes && themesSection(themes.digest, themes.renames);
  const eventOutcomes = eventOutcomesSection(eventReports, now);
  return {
    ...(feedback ? { feedback: { ...feedback, ratings: [...feedback.ratings] } } : {}),
    ...(themesPart
      ? {
          themes: {
            ...themesPart,
            themes: themesPart.themes.map((theme) => ({ ...theme, terms: [...theme.terms] })),
          },
        }
      : {}),
    ...(eventOutcomes
      ? {
          eventOutcomes: eventOutcomes.map((report) => ({
            ...report,
            sections: report.sections.map((section) => ({ kind: section.kind, items: [...section.items] })),
          })),
        }
      : {}),
  };
}
