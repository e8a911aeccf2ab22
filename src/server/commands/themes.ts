import type { ThemeBreakdown, ThemesView, ThemeViewItem } from '../../contract/themes.js';
import { smallCellThreshold } from '../../core/small-cells.js';
import type { ThemeEdit } from '../../core/themes/edits.js';
import type { ThemeRun } from '../../core/themes/extract.js';
import { countPerTheme, countThemesByGroup } from '../../core/themes/theme-counts.js';
import type { AccountRow, ReviewRow } from '../../store/store.js';
import type { StoredThemeRunRow } from '../../store/themes-queries.js';
import { ThemesRunner, type ThemesScheduler, themeAnswerId, themeVoiceId } from '../../worker/themes-runner.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { completeChat, LlmError } from '../llm/chat-completions.js';
import { themeSummaryMessages } from '../llm/theme-summary-prompt.js';

/**
 * Themes of a review's answers and voices: the organiser's view of the latest run, and the actions on
 * it. Runs never happen on the request: "run" and every edit ask the runner (src/worker/themes-runner.ts)
 * for a run and answer at once; the page polls until it is done. Edits are stored apart from runs
 * (`theme_edits`) and every run re-applies all of them, so they survive re-runs with new answers.
 */

/** The context's runner, or an inline one made on first use (CLI and test contexts have none). */
export function themesScheduler(context: AppContext): ThemesScheduler {
  context.themes ??= new ThemesRunner(context.store, {
    inline: true,
    debounceMs: context.config.analysisDebounceSeconds * 1000,
    everyNAnswers: context.config.themesEveryNAnswers,
    now: context.now,
  });
  return context.themes;
}

export async function themesView(context: AppContext, review: ReviewRow): Promise<ThemesView> {
  const store = context.store;
  const [latest, edits, inputs, summaries] = await Promise.all([
    store.themes.latestRun(review.id),
    store.themes.listEdits(review.id),
    store.themes.countInputs(review.id),
    store.themes.latestSummaries(review.id),
  ]);
  const pending = edits.filter((edit) => latest === undefined || edit.id > (latest.lastEditId ?? 0));
  return {
    run: latest ? await presentRun(context, review, latest, pending.map(parseEdit), summaries) : null,
    running: themesScheduler(context).isBusy(review.id),
    pendingEdits: latest ? pending.length : 0,
    newAnswers: Math.max(0, inputs - (latest?.answerCount ?? 0)),
    everyNAnswers: context.config.themesEveryNAnswers,
    summariesAvailable: context.config.llm !== null,
  };
}

/** Asks for a run now; the answer comes back before the run ends. */
export async function requestThemesRun(context: AppContext, review: ReviewRow): Promise<ThemesView> {
  themesScheduler(context).requestRun(review.id);
  return themesView(context, review);
}

export async function renameTheme(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  themeId: string,
  label: string,
): Promise<Outcome<ThemesView>> {
  const found = await latestWithTheme(context, review, [themeId]);
  if (!found.ok) return found;
  return addEdit(context, review, account, { kind: 'rename', themeId, label });
}

export async function mergeThemes(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  themeIds: readonly string[],
): Promise<Outcome<ThemesView>> {
  const found = await latestWithTheme(context, review, themeIds);
  if (!found.ok) return found;
  return addEdit(context, review, account, { kind: 'merge', themeIds: [...themeIds] });
}

/** Splits a theme in two by the engine's proposal (seed answers per part), computed off the request thread. */
export async function splitTheme(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  themeId: string,
): Promise<Outcome<ThemesView>> {
  const found = await latestWithTheme(context, review, [themeId]);
  if (!found.ok) return found;
  const edits = (await context.store.themes.listEdits(review.id)).map(parseEdit);
  const edit = await themesScheduler(context).proposeSplit(review.id, found.value, edits, themeId);
  if (!edit) {
    return refuse('theme_too_small', `Theme ${themeId} has too few answers with words of their own to split.`);
  }
  return addEdit(context, review, account, edit);
}

/**
 * Drafts a theme's summary with the configured OpenAI-compatible endpoint. Only the theme's label,
 * words and example answers are sent; without configuration nothing is sent and this refuses.
 */
export async function draftThemeSummary(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  themeId: string,
): Promise<Outcome<ThemesView>> {
  const llm = context.config.llm;
  if (!llm) {
    return refuse(
      'llm_not_configured',
      'Set OPENAI_BASE_URL and OPENAI_API_KEY to draft summaries; until then nothing is sent anywhere.',
    );
  }
  const latest = await context.store.themes.latestRun(review.id);
  if (!latest) return refuse('themes_not_run', 'Run themes first.');
  const run = JSON.parse(latest.result) as ThemeRun;
  const theme = run.themes.find((candidate) => candidate.id === themeId);
  if (!theme) return refuse('theme_not_found', `The latest run has no theme ${themeId}.`);
  const examples = await exampleTexts(context, review, theme.representativeAnswerIds.slice(0, 3));
  const messages = themeSummaryMessages({
    label: theme.label,
    terms: theme.terms.slice(0, 8).map((term) => term.word),
    examples: examples.map((example) => example.text),
  });
  let summary: string;
  try {
    summary = await completeChat(llm, messages);
  } catch (error) {
    if (error instanceof LlmError) return refuse('llm_failed', error.message);
    throw error;
  }
  await context.store.themes.saveSummary({
    reviewId: review.id,
    themeId,
    runId: latest.id,
    summary,
    prompt: JSON.stringify(messages),
    model: llm.model,
    createdByAccountId: account.id,
    createdAt: context.now().toISOString(),
  });
  return ok(await themesView(context, review));
}

async function latestWithTheme(
  context: AppContext,
  review: ReviewRow,
  themeIds: readonly string[],
): Promise<Outcome<ThemeRun>> {
  const latest = await context.store.themes.latestRun(review.id);
  if (!latest) return refuse('themes_not_run', 'Run themes first.');
  const run = JSON.parse(latest.result) as ThemeRun;
  const known = new Set(run.themes.map((theme) => theme.id));
  const missing = themeIds.find((id) => !known.has(id));
  if (missing !== undefined) return refuse('theme_not_found', `The latest run has no theme ${missing}.`);
  return ok(run);
}

async function addEdit(
  context: AppContext,
  review: ReviewRow,
  account: AccountRow,
  edit: ThemeEdit,
): Promise<Outcome<ThemesView>> {
  await context.store.themes.addEdit({
    reviewId: review.id,
    edit: JSON.stringify(edit),
    createdByAccountId: account.id,
    createdAt: context.now().toISOString(),
  });
  themesScheduler(context).requestRun(review.id);
  return ok(await themesView(context, review));
}

function parseEdit(row: { edit: string }): ThemeEdit {
  return JSON.parse(row.edit) as ThemeEdit;
}

async function presentRun(
  context: AppContext,
  review: ReviewRow,
  row: StoredThemeRunRow,
  pendingEdits: readonly ThemeEdit[],
  summaries: ReadonlyArray<{ themeId: string; summary: string; model: string; prompt: string; createdAt: string }>,
): Promise<NonNullable<ThemesView['run']>> {
  const run = JSON.parse(row.result) as ThemeRun;
  // A rename made since the run shows at once; merges and splits need the run that follows.
  const pendingNames = new Map<string, string>();
  for (const edit of pendingEdits) if (edit.kind === 'rename') pendingNames.set(edit.themeId, edit.label.trim());
  const themes = run.themes.map((theme) => {
    const pendingName = pendingNames.get(theme.id);
    const customLabel = pendingName === undefined ? theme.customLabel : pendingName === '' ? null : pendingName;
    return { ...theme, customLabel, label: customLabel ?? theme.automaticLabel };
  });
  const counts = countPerTheme({ themes, unclassifiedAnswerIds: run.unclassifiedAnswerIds });
  const summaryOf = new Map(summaries.map((summary) => [summary.themeId, summary]));
  const items: ThemeViewItem[] = await Promise.all(
    themes.map(async (theme, index) => {
      const summary = summaryOf.get(theme.id);
      return {
        id: theme.id,
        label: theme.label,
        automaticLabel: theme.automaticLabel,
        customLabel: theme.customLabel,
        terms: theme.terms.slice(0, 8).map((term) => term.word),
        count: counts.rows[index]?.count ?? { state: 'small' as const },
        examples: await exampleTexts(context, review, theme.representativeAnswerIds.slice(0, 3)),
        summary: summary
          ? { text: summary.summary, model: summary.model, prompt: summary.prompt, createdAt: summary.createdAt }
          : null,
      };
    }),
  );
  return {
    id: row.id,
    createdAt: row.createdAt,
    answerCount: row.answerCount,
    total: counts.total,
    threshold: counts.threshold,
    unclassified: counts.rows[themes.length]?.count ?? { state: 'small' },
    themes: items,
    breakdowns: await breakdowns(context, review, { themes, unclassifiedAnswerIds: run.unclassifiedAnswerIds }),
  };
}

/** Representative answers with their current text; one deleted since the run is left out. */
async function exampleTexts(
  context: AppContext,
  review: ReviewRow,
  ids: readonly string[],
): Promise<ThemeViewItem['examples']> {
  const found = await Promise.all(
    ids.map(async (id) => {
      const sourceId = Number(id.slice(1));
      if (id.startsWith('v')) {
        const voice = await context.store.listening.findVoterVoice(review.id, sourceId);
        return voice && { sourceKind: 'voter_voice' as const, sourceId, text: voice.text };
      }
      const answer = await context.store.listening.findPromptAnswer(review.id, sourceId);
      return answer && { sourceKind: 'prompt_answer' as const, sourceId, text: answer.text };
    }),
  );
  return found.filter((example) => example !== undefined);
}

/**
 * Theme × seat (a voice's recorded seat, or the answer's author's answer to the seat question) and
 * theme × each other identity question, every row small-cell suppressed. Who wrote what never leaves
 * this function: only suppressed counts do.
 */
async function breakdowns(
  context: AppContext,
  review: ReviewRow,
  run: Parameters<typeof countThemesByGroup>[0],
): Promise<ThemeBreakdown[]> {
  const store = context.store;
  const [authors, voices, questions, identityAnswers] = await Promise.all([
    store.themes.listAnswerAuthors(review.id),
    store.listening.listVoterVoices(review.id),
    store.listIdentityQuestions(review.id),
    store.listReviewIdentityAnswers(review.id),
  ]);
  const authorOf = new Map(authors.map((author) => [themeAnswerId(author.answerId), author.participantId]));
  const labelOfOption = new Map(
    questions.flatMap((question) => question.options.map((option) => [option.id, option.label] as const)),
  );
  const answerOf = new Map<string, string>();
  for (const answer of identityAnswers) {
    const label = labelOfOption.get(answer.optionId);
    if (label !== undefined) answerOf.set(`${answer.participantId}:${answer.questionId}`, label);
  }
  const identityOf = (answerId: string, questionId: number): string | undefined => {
    const participantId = authorOf.get(answerId);
    return participantId === undefined ? undefined : answerOf.get(`${participantId}:${questionId}`);
  };
  const seatQuestion = questions.find((question) => question.kind === 'seat' || question.usesPlaceList);
  const seatOfVoice = new Map(voices.map((voice) => [themeVoiceId(voice.id), voice.placeName]));
  const toBreakdown = (
    kind: ThemeBreakdown['kind'],
    title: string,
    groupOf: (answerId: string) => string | undefined,
  ) => {
    const table = countThemesByGroup(run, groupOf, smallCellThreshold);
    return {
      kind,
      title,
      groups: [...table.groups],
      rows: table.rows.map((tableRow) => ({
        themeId: tableRow.themeId,
        cells: [...tableRow.cells],
        total: tableRow.total,
      })),
    };
  };
  const result: ThemeBreakdown[] = [];
  if (voices.length > 0 || seatQuestion) {
    result.push(
      toBreakdown('seat', seatQuestion?.prompt ?? 'Seat', (answerId) =>
        answerId.startsWith('v') ? seatOfVoice.get(answerId) : seatQuestion && identityOf(answerId, seatQuestion.id),
      ),
    );
  }
  for (const question of questions) {
    if (question === seatQuestion) continue;
    result.push(toBreakdown('identity', question.prompt, (answerId) => identityOf(answerId, question.id)));
  }
  return result;
}
