import { type OutcomeKind, outcomeKinds, reportPhase, reportPublic } from '../event-report.js';
import { type CellDisplay, smallCellThreshold, suppressSmallCells } from '../small-cells.js';
import type { Theme } from '../themes/edits.js';

/**
 * The report's optional sections beyond votes: feedback, themes of open answers and event outcomes.
 * Each takes counts or published texts only, never who gave them, and is left out (undefined) when
 * there is nothing to show.
 */

export interface FeedbackSection {
  readonly responses: CellDisplay;
  readonly ratings: ReadonlyArray<{ readonly rating: number | null; readonly count: CellDisplay }>;
  readonly total: number | null;
}

const ratings = [1, 2, 3, 4, 5] as const;

/** Responses per rating (null: words only). Below the threshold in all, only "fewer than" the total shows. */
export function feedbackSection(
  counts: ReadonlyArray<{ readonly rating: number | null; readonly count: number }>,
  threshold: number = smallCellThreshold,
): FeedbackSection | undefined {
  const countOf = (rating: number | null) =>
    counts.filter((row) => row.rating === rating).reduce((sum, row) => sum + row.count, 0);
  const buckets = [...ratings, null].map((rating) => ({ rating, count: countOf(rating) }));
  const responses = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (responses === 0) return undefined;
  if (responses < threshold) return { responses: { state: 'small' }, ratings: [], total: null };
  const suppressed = suppressSmallCells(
    buckets.map((bucket) => bucket.count),
    threshold,
  );
  return {
    responses: { state: 'shown', value: responses },
    ratings: buckets.map((bucket, index) => ({ rating: bucket.rating, count: suppressed.cells[index] as CellDisplay })),
    total: suppressed.total,
  };
}

/** What the report needs of one theme run: sizes and words, no answer ids (a run holds every one). */
export interface ThemeDigest {
  readonly createdAt: string;
  readonly themes: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly automaticLabel: string;
    readonly size: number;
    readonly terms: readonly string[];
  }>;
  readonly unclassified: number;
}

/** How many of a theme's words the report shows. */
export const reportThemeTerms = 5;

export function themeDigest(
  createdAt: string,
  run: { readonly themes: readonly Theme[]; readonly unclassifiedAnswerIds: readonly string[] },
): ThemeDigest {
  return {
    createdAt,
    themes: run.themes.map((theme) => ({
      id: theme.id,
      label: theme.customLabel ?? theme.automaticLabel,
      automaticLabel: theme.automaticLabel,
      size: theme.answerIds.length,
      terms: theme.terms.slice(0, reportThemeTerms).map((term) => term.word),
    })),
    unclassified: run.unclassifiedAnswerIds.length,
  };
}

export interface ThemesSection {
  readonly createdAt: string;
  readonly themes: ReadonlyArray<{
    readonly label: string;
    readonly count: CellDisplay;
    readonly terms: readonly string[];
  }>;
  readonly unclassified: CellDisplay;
  readonly total: number | null;
}

/**
 * The digest with renames made since its run (they show at once, as on the organisers' page) and
 * counts suppressed across themes and unclassified answers. A theme of fewer than the threshold keeps
 * its name but not its words: words drawn from a handful of answers come close to quoting them.
 */
export function themesSection(
  digest: ThemeDigest,
  renamesSinceRun: ReadonlyMap<string, string>,
  threshold: number = smallCellThreshold,
): ThemesSection | undefined {
  if (digest.themes.length === 0) return undefined;
  const suppressed = suppressSmallCells([...digest.themes.map((theme) => theme.size), digest.unclassified], threshold);
  return {
    createdAt: digest.createdAt,
    themes: digest.themes.map((theme, index) => {
      const rename = renamesSinceRun.get(theme.id);
      return {
        // An empty rename gives the automatic name back.
        label: rename === undefined ? theme.label : rename === '' ? theme.automaticLabel : rename,
        count: suppressed.cells[index] as CellDisplay,
        terms: theme.size >= threshold ? [...theme.terms] : [],
      };
    }),
    unclassified: suppressed.cells[digest.themes.length] as CellDisplay,
    total: suppressed.total,
  };
}

export interface EventOutcomeReport {
  readonly eventId: number;
  readonly title: string;
  readonly startsAt: string;
  readonly timeZone: string;
  readonly summary: string;
  readonly sections: ReadonlyArray<{ readonly kind: OutcomeKind; readonly items: readonly string[] }>;
}

/** The locked (published) reports among the finished ones, their outcomes grouped by kind. */
export function eventOutcomesSection(
  reports: ReadonlyArray<{
    readonly eventId: number;
    readonly title: string;
    readonly startsAt: string;
    readonly timeZone: string;
    readonly summary: string;
    readonly finishedAt: string;
    readonly outcomes: ReadonlyArray<{ readonly kind: OutcomeKind; readonly text: string }>;
  }>,
  now: string,
): EventOutcomeReport[] | undefined {
  const published = reports
    .filter((report) => reportPublic(reportPhase(report.finishedAt, now)))
    .map((report) => ({
      eventId: report.eventId,
      title: report.title,
      startsAt: report.startsAt,
      timeZone: report.timeZone,
      summary: report.summary,
      sections: outcomeKinds
        .map((kind) => ({
          kind,
          items: report.outcomes.filter((outcome) => outcome.kind === kind).map((outcome) => outcome.text),
        }))
        .filter((section) => section.items.length > 0),
    }));
  return published.length > 0 ? published : undefined;
}
