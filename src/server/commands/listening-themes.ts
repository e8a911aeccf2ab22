import type { ThemeRunResult } from '../../contract/listening.js';
import type { ThemeRun } from '../../core/themes/extract.js';
import type { ThemeRunRow } from '../../store/listening-queries.js';
import type { ReviewRow } from '../../store/store.js';
import { findThemes } from '../../themes/themes.js';
import type { AppContext } from '../context.js';

/**
 * The organiser's "run themes": the offline engine (src/themes) over every answer and voter voice of
 * the review, warm-started from the latest run so theme ids stay put, stored as a new run.
 *
 * It runs on the request, synchronously: a review's few thousand answers take well under a second,
 * while 100,000 take about 5 s (`npm run bench`), which would hold the event loop. Moving it to the
 * analysis worker thread is the next step for very large reviews. Organiser edits to themes
 * (rename, merge, split) are not stored yet, so none are passed.
 */

const answerId = (id: number) => `a${id}`;
const voiceId = (id: number) => `v${id}`;

export async function runThemes(context: AppContext, review: ReviewRow): Promise<ThemeRunResult> {
  const [answers, voices, latest] = await Promise.all([
    context.store.listening.listPromptAnswers(review.id),
    context.store.listening.listVoterVoices(review.id),
    context.store.listening.latestThemeRun(review.id),
  ]);
  const texts = [
    ...answers.map((answer) => ({ id: answerId(answer.id), text: answer.text })),
    ...voices.map((voice) => ({ id: voiceId(voice.id), text: voice.text })),
  ];
  const previous = latest ? (JSON.parse(latest.result) as ThemeRun) : undefined;
  const run = findThemes(
    texts,
    {},
    previous && { clusters: previous.clusters, nextThemeNumber: previous.nextThemeNumber },
  );
  const saved = await context.store.listening.saveThemeRun({
    reviewId: review.id,
    answerCount: texts.length,
    result: JSON.stringify(run),
    createdAt: context.now().toISOString(),
  });
  return presentThemeRun(saved, new Map(texts.map((entry) => [entry.id, entry.text])));
}

export async function latestThemes(context: AppContext, review: ReviewRow): Promise<ThemeRunResult> {
  const latest = await context.store.listening.latestThemeRun(review.id);
  if (!latest) return null;
  const [answers, voices] = await Promise.all([
    context.store.listening.listPromptAnswers(review.id),
    context.store.listening.listVoterVoices(review.id),
  ]);
  const texts = new Map<string, string>([
    ...answers.map((answer) => [answerId(answer.id), answer.text] as const),
    ...voices.map((voice) => [voiceId(voice.id), voice.text] as const),
  ]);
  return presentThemeRun(latest, texts);
}

/** Representatives are shown with their current text; an answer deleted since the run is left out. */
function presentThemeRun(row: ThemeRunRow, texts: ReadonlyMap<string, string>): ThemeRunResult {
  const run = JSON.parse(row.result) as ThemeRun;
  return {
    createdAt: row.createdAt,
    answerCount: row.answerCount,
    unclassifiedCount: run.unclassifiedAnswerIds.length,
    themes: run.themes.map((theme) => ({
      id: theme.id,
      label: theme.label,
      words: theme.terms.slice(0, 6).map((term) => term.word),
      count: theme.answerIds.length,
      representatives: theme.representativeAnswerIds.slice(0, 3).flatMap((id) => {
        const text = texts.get(id);
        if (text === undefined) return [];
        return [
          {
            sourceKind: id.startsWith('v') ? ('voter_voice' as const) : ('prompt_answer' as const),
            sourceId: Number(id.slice(1)),
            text,
          },
        ];
      }),
    })),
  };
}
