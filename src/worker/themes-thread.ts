import type { ThemeEdit } from '../core/themes/edits.js';
import type { PreviousThemes, ThemeRun } from '../core/themes/extract.js';
import type { ThemeAnswer } from '../themes/text.js';
import { findThemes, proposeThemeSplit } from '../themes/themes.js';

/** Work for the theme thread: a full run, or the engine's proposal for splitting one theme in two. */
export type ThemesTask =
  | {
      kind: 'run';
      answers: ThemeAnswer[];
      seed: number;
      previous?: PreviousThemes;
      edits: ThemeEdit[];
    }
  | { kind: 'split'; answers: ThemeAnswer[]; run: ThemeRun; edits: ThemeEdit[]; themeId: string };

export type ThemesTaskResult = { kind: 'run'; run: ThemeRun } | { kind: 'split'; edit: ThemeEdit | null };

/**
 * Runs in a worker thread (piscina): reading 100,000 answers with wink-nlp and clustering them takes
 * about 5 s, which must never hold up requests. The thread loads wink's model once and keeps it.
 */
export default function runThemesTask(task: ThemesTask): ThemesTaskResult {
  if (task.kind === 'run') {
    return { kind: 'run', run: findThemes(task.answers, { seed: task.seed }, task.previous, task.edits) };
  }
  return { kind: 'split', edit: proposeThemeSplit(task.answers, task.run, task.edits, task.themeId) };
}
