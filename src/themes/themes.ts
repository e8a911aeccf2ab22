import type { ThemeEdit } from '../core/themes/edits.js';
import { extractThemes, type PreviousThemes, type ThemeOptions, type ThemeRun } from '../core/themes/extract.js';
import { type ProposeSplitOptions, proposeSplit } from '../core/themes/split.js';
import { type AnswerReader, createAnswerReader, readAnswers, type ThemeAnswer } from './text.js';

let sharedReader: AnswerReader | undefined;

/** One reader per process: loading wink's model takes a moment and it is never changed. */
export function defaultAnswerReader(): AnswerReader {
  sharedReader ??= createAnswerReader();
  return sharedReader;
}

/**
 * Groups free-text answers into themes, offline: wink-nlp lemmas → the pure engine
 * (`core/themes/extract.ts`). Pass the previous run (or just its `clusters` and `nextThemeNumber`)
 * and the organiser's edits so theme ids and edits carry over. 100,000 answers took about 5 s and
 * 350 MB on one core (`npm run bench`), so callers in the server should run it off the request path.
 */
export function findThemes(
  answers: readonly ThemeAnswer[],
  options: ThemeOptions = {},
  previous?: PreviousThemes,
  edits: readonly ThemeEdit[] = [],
  reader: AnswerReader = defaultAnswerReader(),
): ThemeRun {
  return extractThemes(readAnswers(answers, reader), options, previous, edits);
}

/**
 * The split edit for "split this theme in two" (seeds chosen by the engine), or null when the theme
 * is too small; append it to the edits and re-run (or pass it to the next run) to apply it.
 */
export function proposeThemeSplit(
  answers: readonly ThemeAnswer[],
  run: ThemeRun,
  edits: readonly ThemeEdit[],
  themeId: string,
  options: ProposeSplitOptions = {},
  reader: AnswerReader = defaultAnswerReader(),
): ThemeEdit | null {
  const theme = run.themes.find((candidate) => candidate.id === themeId);
  if (!theme) return null;
  const members = new Set(theme.answerIds);
  const documents = readAnswers(
    answers.filter((answer) => members.has(answer.id)),
    reader,
  );
  return proposeSplit(documents, run, edits, themeId, { seed: run.seed, ...options });
}
