import { type CellDisplay, smallCellThreshold, suppressSmallCells } from '../small-cells.js';
import { compareText } from './term-matrix.js';

/** The parts of a run the counts need. */
export interface CountableThemes {
  readonly themes: readonly { readonly id: string; readonly label: string; readonly answerIds: readonly string[] }[];
  readonly unclassifiedAnswerIds: readonly string[];
}

/** Answers per theme, with small counts suppressed across the themes and the unclassified bucket. */
export interface ThemeCounts {
  /** One row per theme in the run's order, then the unclassified answers (themeId null). */
  readonly rows: readonly {
    readonly themeId: string | null;
    readonly label: string | null;
    readonly count: CellDisplay;
  }[];
  /** All answers, or null when showing it would give a hidden count away. */
  readonly total: number | null;
  readonly threshold: number;
}

/**
 * Counts answers per theme. Counts of 1 to threshold − 1 are hidden, with complementary suppression so
 * that none can be worked out from the total (`core/small-cells.ts`).
 */
export function countPerTheme(run: CountableThemes, threshold: number = smallCellThreshold): ThemeCounts {
  const counts = [...run.themes.map((theme) => theme.answerIds.length), run.unclassifiedAnswerIds.length];
  const suppressed = suppressSmallCells(counts, threshold);
  return {
    rows: [
      ...run.themes.map((theme, index) => ({
        themeId: theme.id,
        label: theme.label,
        count: suppressed.cells[index] as CellDisplay,
      })),
      { themeId: null, label: null, count: suppressed.cells[run.themes.length] as CellDisplay },
    ],
    total: suppressed.total,
    threshold,
  };
}

/** Answers per theme and group (seat, or an identity question's answer), small counts suppressed. */
export interface ThemeCrossTabulation {
  /** The groups, sorted, then null for answers whose group is not known (only when there are some). */
  readonly groups: readonly (string | null)[];
  /** One row per theme (run order); `cells` parallel to `groups`; `total` the theme's answers with a row's suppression. */
  readonly rows: readonly {
    readonly themeId: string;
    readonly label: string;
    readonly cells: readonly CellDisplay[];
    readonly total: number | null;
  }[];
  readonly threshold: number;
}

/**
 * Cross-tabulates themes by a grouping of answers, e.g. the seat a voter voice was recorded in, or
 * the identity answer (tradition, referendum vote…) of the participant who wrote an answer. Each
 * theme's row is suppressed with its total, so no small count can be read off or subtracted out.
 * Unclassified answers are left out. Column totals are not given: a caller that shows a group's
 * total elsewhere should suppress that table too.
 */
export function countThemesByGroup(
  run: CountableThemes,
  groupOfAnswer: (answerId: string) => string | null | undefined,
  threshold: number = smallCellThreshold,
): ThemeCrossTabulation {
  const named = new Set<string>();
  let anyUnknown = false;
  const groupsOfTheme = run.themes.map((theme) =>
    theme.answerIds.map((answerId) => {
      const group = groupOfAnswer(answerId) ?? null;
      if (group === null) anyUnknown = true;
      else named.add(group);
      return group;
    }),
  );
  const groups: (string | null)[] = [...named].sort(compareText);
  if (anyUnknown) groups.push(null);
  const columnOf = new Map(groups.map((group, column) => [group, column]));
  const rows = run.themes.map((theme, index) => {
    const counts = new Array<number>(groups.length).fill(0);
    for (const group of groupsOfTheme[index] as (string | null)[]) {
      const column = columnOf.get(group) as number;
      counts[column] = (counts[column] as number) + 1;
    }
    const suppressed = suppressSmallCells(counts, threshold);
    return { themeId: theme.id, label: theme.label, cells: suppressed.cells, total: suppressed.total };
  });
  return { groups, rows, threshold };
}
