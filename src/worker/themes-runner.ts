import Piscina from 'piscina';
import { deriveSeed } from '../core/analysis/random.js';
import type { ThemeEdit } from '../core/themes/edits.js';
import type { ThemeRun } from '../core/themes/extract.js';
import { type AnalysisLock, noAnalysisLock } from '../server/live/analysis-lock.js';
import type { Store } from '../store/store.js';
import type { ThemeAnswer } from '../themes/text.js';
import runThemesTask, { type ThemesTask, type ThemesTaskResult } from './themes-thread.js';

export interface ThemesRunnerOptions {
  /** Wait this long after the last new answer before counting, so a burst of answers costs one check. */
  debounceMs: number;
  /** Re-run automatically once this many answers and voices have arrived since the last run. */
  everyNAnswers: number;
  /** Run the engine on this thread instead of a worker (tests and the CLI, where nothing else waits). */
  inline?: boolean;
  /** Keeps other app instances from running the same review's themes at once (PostgreSQL advisory lock). */
  lock?: AnalysisLock;
  /** The clock for stored run times. */
  now?: () => Date;
}

/** What commands need from the runner (the app context holds one). */
export interface ThemesScheduler {
  /** Runs the review's themes as soon as possible, off the request. */
  requestRun(reviewId: number): void;
  /** Notes new or changed answers/voices; a run follows once enough have arrived. */
  answersChanged(reviewId: number): void;
  /** The engine's split of one theme in two (null when the theme is too small), computed off the request. */
  proposeSplit(
    reviewId: number,
    run: ThemeRun,
    edits: readonly ThemeEdit[],
    themeId: string,
  ): Promise<ThemeEdit | null>;
  /** True while a run of the review is under way or asked for on this instance. */
  isBusy(reviewId: number): boolean;
}

interface ReviewState {
  timer?: NodeJS.Timeout;
  /** Resolves true when an edit arrived during the run. */
  running?: Promise<boolean>;
  /** A run was asked for while one was under way: run once more afterwards. */
  rerun: boolean;
}

/** Engine ids of a review's texts: answers and voices share one run, so their ids carry their kind. */
export const themeAnswerId = (answerId: number) => `a${answerId}`;
export const themeVoiceId = (voiceId: number) => `v${voiceId}`;

/** The fixed seed of a review's theme runs: the same answers and edits always give the same themes. */
export const themeSeedOfReview = (reviewId: number) => deriveSeed(0, `themes:review:${reviewId}`);

/**
 * Runs the offline theme engine for reviews, one run per review at a time, in a worker thread, and
 * stores each result as a new `theme_runs` row. Runs come on demand (`requestRun`) and automatically
 * once `everyNAnswers` new answers and voices have arrived since the last run (`answersChanged`,
 * debounced). Each run warm-starts from the previous one, so theme ids persist, and re-applies every
 * organiser edit; an edit made during a run causes one more run.
 */
export class ThemesRunner implements ThemesScheduler {
  readonly #store: Store;
  readonly #options: ThemesRunnerOptions;
  readonly #reviews = new Map<number, ReviewState>();
  readonly #pool: Piscina<ThemesTask, ThemesTaskResult> | undefined;
  #closed = false;
  /** Called when a run fails; the runner keeps going. */
  onError: (error: unknown, reviewId: number) => void = () => {};

  constructor(store: Store, options: ThemesRunnerOptions) {
    this.#store = store;
    this.#options = options;
    this.#pool = options.inline
      ? undefined
      : new Piscina({
          filename: new URL('./themes-thread-entry.js', import.meta.url).href,
          maxThreads: 1,
          minThreads: 0,
          idleTimeout: 60_000,
          execArgv: ['--import', 'tsx'],
        });
  }

  requestRun(reviewId: number): void {
    if (this.#closed) return;
    void this.runNow(reviewId, { force: true }).catch((error: unknown) => this.onError(error, reviewId));
  }

  answersChanged(reviewId: number): void {
    if (this.#closed) return;
    const state = this.#state(reviewId);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.runNow(reviewId, { force: false }).catch((error: unknown) => this.onError(error, reviewId));
    }, this.#options.debounceMs);
    state.timer.unref();
  }

  isBusy(reviewId: number): boolean {
    const state = this.#reviews.get(reviewId);
    return state?.running !== undefined;
  }

  /**
   * Runs now (`force`), or only when enough new answers have arrived; a call during a run makes one
   * more run afterwards. Resolves when the result is stored (or nothing was due).
   */
  async runNow(reviewId: number, { force }: { force: boolean } = { force: true }): Promise<void> {
    const state = this.#state(reviewId);
    if (state.running) {
      if (force) state.rerun = true;
      await state.running;
      return;
    }
    state.running = this.#run(reviewId, force).finally(() => {
      state.running = undefined;
    });
    const again = await state.running;
    if ((state.rerun || again) && !this.#closed) {
      state.rerun = false;
      await this.runNow(reviewId, { force: true });
    }
  }

  /** Resolves once no run of the review is under way or due on this instance (tests). */
  async whenIdle(reviewId: number): Promise<void> {
    for (let state = this.#reviews.get(reviewId); state?.running; state = this.#reviews.get(reviewId)) {
      await state.running.catch(() => {});
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async proposeSplit(
    reviewId: number,
    run: ThemeRun,
    edits: readonly ThemeEdit[],
    themeId: string,
  ): Promise<ThemeEdit | null> {
    const theme = run.themes.find((candidate) => candidate.id === themeId);
    if (!theme) return null;
    const members = new Set(theme.answerIds);
    const answers = (await this.#readAnswers(reviewId)).filter((answer) => members.has(answer.id));
    const result = await this.#execute({ kind: 'split', answers, run, edits: [...edits], themeId });
    return result.kind === 'split' ? result.edit : null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const state of this.#reviews.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.allSettled([...this.#reviews.values()].map((state) => state.running));
    await this.#pool?.destroy();
  }

  #state(reviewId: number): ReviewState {
    let state = this.#reviews.get(reviewId);
    if (!state) {
      state = { rerun: false };
      this.#reviews.set(reviewId, state);
    }
    return state;
  }

  /** Resolves true when an edit arrived during the run, so another run is due. */
  async #run(reviewId: number, force: boolean): Promise<boolean> {
    let again = false;
    const locked = await (this.#options.lock ?? noAnalysisLock).runExclusive(reviewId, async () => {
      again = await this.#runThemes(reviewId, force);
    });
    // Another instance is running this review's themes; it read the edits and answers at its start,
    // so try again shortly to pick up whatever this instance was asked to include.
    if (!locked && force && !this.#closed) {
      const timer = setTimeout(() => this.requestRun(reviewId), Math.max(this.#options.debounceMs, 100));
      timer.unref();
    }
    return again;
  }

  async #runThemes(reviewId: number, force: boolean): Promise<boolean> {
    const review = await this.#store.findReviewById(reviewId);
    if (!review) return false;
    const [latest, edits, inputs] = await Promise.all([
      this.#store.themes.latestRun(reviewId),
      this.#store.themes.listEdits(reviewId),
      this.#store.themes.countInputs(reviewId),
    ]);
    if (!force && inputs - (latest?.answerCount ?? 0) < this.#options.everyNAnswers) return false;
    const answers = await this.#readAnswers(reviewId);
    const previous = latest ? (JSON.parse(latest.result) as ThemeRun) : undefined;
    const seed = themeSeedOfReview(reviewId);
    const result = await this.#execute({
      kind: 'run',
      answers,
      seed,
      ...(previous ? { previous: { clusters: previous.clusters, nextThemeNumber: previous.nextThemeNumber } } : {}),
      edits: edits.map((row) => JSON.parse(row.edit) as ThemeEdit),
    });
    if (result.kind !== 'run') return false;
    const lastEditId = edits.at(-1)?.id ?? null;
    await this.#store.themes.saveRun({
      reviewId,
      answerCount: answers.length,
      lastEditId,
      seed,
      result: JSON.stringify(result.run),
      createdAt: (this.#options.now?.() ?? new Date()).toISOString(),
    });
    const newest = (await this.#store.themes.listEdits(reviewId)).at(-1)?.id ?? null;
    return newest !== lastEditId;
  }

  async #readAnswers(reviewId: number): Promise<ThemeAnswer[]> {
    const [answers, voices] = await Promise.all([
      this.#store.listening.listPromptAnswers(reviewId),
      this.#store.listening.listVoterVoices(reviewId),
    ]);
    return [
      ...answers.map((answer) => ({ id: themeAnswerId(answer.id), text: answer.text })),
      ...voices.map((voice) => ({ id: themeVoiceId(voice.id), text: voice.text })),
    ];
  }

  async #execute(task: ThemesTask): Promise<ThemesTaskResult> {
    return this.#pool ? this.#pool.run(task) : runThemesTask(task);
  }
}
