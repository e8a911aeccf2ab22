import Piscina from 'piscina';
import { z } from 'zod';
import type { Analysis } from '../core/analysis/analyse.js';
import { pickNextStatement, statementPriorities } from '../core/analysis/priority.js';
import { deriveSeed } from '../core/analysis/random.js';
import type { NextStatementPicker } from '../server/commands/participation.js';
import { pickFewestVotesFirst } from '../server/commands/participation.js';
import { type AnalysisLock, noAnalysisLock } from '../server/live/analysis-lock.js';
import type { Store } from '../store/store.js';
import runAnalyseTask, { type AnalyseTask, type AnalyseTaskResult } from './analyse-thread.js';
import { buildAnalysisInput, ReviewIndex } from './analysis-input.js';

export interface AnalysisRunnerOptions {
  /** Wait this long after the last change before analysing, so a burst of votes costs one run. */
  debounceMs: number;
  /** Run the maths on this thread instead of a worker (tests and the CLI, where nothing else waits). */
  inline?: boolean;
  /** Told after each analysis is stored, e.g. to push the new version to open results pages. */
  onAnalysisSaved?: (event: { reviewId: number; version: number }) => void;
  /** Keeps other app instances from analysing the same review at once (PostgreSQL advisory lock). */
  lock?: AnalysisLock;
}

/** Routing weights by statement id from one stored analysis version. */
interface Routing {
  version: number;
  priorityByStatementId: Map<number, number>;
}

/** The part of a stored summary routing needs; analyses stored before `priority` existed have none. */
const storedRoutingSchema = z.object({
  statements: z.array(z.object({ statementId: z.number().int(), priority: z.number().optional() })),
});

interface ReviewState {
  index: ReviewIndex;
  /** This instance's own latest analysis: the starting point of its next run. */
  analysis?: Analysis;
  /** The newest analysis's routing weights, whichever instance made it. */
  routing?: Routing;
  /** Vote events counted when the latest analysis was made; an unchanged count means nothing to do. */
  analysedVoteEvents: number;
  analysedStatementCount: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  rerun: boolean;
}

/** Pol.is's priority for a statement nobody has seen yet (novelty boost at its highest). */
const unseenStatementPriority =
  statementPriorities({ agree: [0], pass: [0], seen: [0], extremity: [0], activeStatements: [1] })[0] ?? 1;

/**
 * Re-analyses reviews after votes, debounced, in a worker thread, and stores each result as a new
 * analysis version. It also holds each review's latest analysis in memory to route participants to
 * statements by Pol.is's priority.
 */
export class AnalysisRunner {
  readonly #store: Store;
  readonly #options: AnalysisRunnerOptions;
  readonly #reviews = new Map<number, ReviewState>();
  readonly #pool: Piscina<AnalyseTask, AnalyseTaskResult> | undefined;
  #closed = false;
  /** Called when a scheduled run fails; the runner keeps going. */
  onError: (error: unknown, reviewId: number) => void = () => {};

  constructor(store: Store, options: AnalysisRunnerOptions) {
    this.#store = store;
    this.#options = options;
    this.#pool = options.inline
      ? undefined
      : new Piscina({
          filename: new URL('./analyse-thread-entry.js', import.meta.url).href,
          maxThreads: 1,
          minThreads: 0,
          idleTimeout: 60_000,
          // The worker loads TypeScript through tsx, as the main process does.
          execArgv: ['--import', 'tsx'],
        });
  }

  /** Asks for a fresh analysis of the review after the debounce delay. */
  schedule(reviewId: number): void {
    if (this.#closed) return;
    const state = this.#state(reviewId);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.runNow(reviewId).catch((error: unknown) => this.onError(error, reviewId));
    }, this.#options.debounceMs);
    state.timer.unref();
  }

  /**
   * Analyses the review now unless nothing changed since the last run; a call during a run makes one
   * more run afterwards. Resolves when the result is stored.
   */
  async runNow(reviewId: number): Promise<void> {
    const state = this.#state(reviewId);
    if (state.running) {
      state.rerun = true;
      return state.running;
    }
    state.running = this.#run(reviewId, state).finally(() => {
      state.running = undefined;
    });
    await state.running;
    if (state.rerun && !this.#closed) {
      state.rerun = false;
      await this.runNow(reviewId);
    }
  }

  /**
   * Adopts a newer analysis another instance saved, so participants routed here follow it too.
   * Resolves when the routing is up to date with the stored analysis (or nothing newer exists).
   */
  async refresh(reviewId: number, version: number): Promise<void> {
    if (this.#closed) return;
    const state = this.#state(reviewId);
    if ((state.routing?.version ?? 0) >= version) return;
    await this.#adoptStored(reviewId, state);
  }

  /** The review's latest analysis held in memory, if any. */
  latest(reviewId: number): Analysis | undefined {
    return this.#reviews.get(reviewId)?.analysis;
  }

  /**
   * Routes participants by Pol.is's priority once a review has an analysis (a draw weighted by
   * priority, seeded by the participant and how many statements remain, so a reload shows the same
   * statement). Statements newer than the analysis get the top novelty priority. Before any analysis:
   * fewest votes first.
   */
  readonly pickNextStatement: NextStatementPicker = async (input) => {
    const routing = this.#reviews.get(input.review.id)?.routing;
    if (!routing) return pickFewestVotesFirst(input);
    const weights = input.candidates.map(
      (statement) => routing.priorityByStatementId.get(statement.id) ?? unseenStatementPriority,
    );
    const seed = deriveSeed(input.participant.seed, `next:${input.candidates.length}`);
    const picked = pickNextStatement(weights, new Set<number>(), seed);
    return picked === null ? pickFewestVotesFirst(input) : input.candidates[picked];
  };

  async close(): Promise<void> {
    this.#closed = true;
    for (const state of this.#reviews.values()) {
      if (state.timer) clearTimeout(state.timer);
    }
    await Promise.allSettled([...this.#reviews.values()].map((state) => state.running));
    await this.#pool?.destroy();
  }

  #state(reviewId: number): ReviewState {
    let state = this.#reviews.get(reviewId);
    if (!state) {
      state = { index: new ReviewIndex(), analysedVoteEvents: -1, analysedStatementCount: -1, rerun: false };
      this.#reviews.set(reviewId, state);
    }
    return state;
  }

  async #run(reviewId: number, state: ReviewState): Promise<void> {
    // Another instance holding the review is analysing it now; it heard of the same change (every
    // instance does) and announces its result, which `refresh` then adopts here.
    await (this.#options.lock ?? noAnalysisLock).runExclusive(reviewId, () => this.#analyse(reviewId, state));
  }

  async #analyse(reviewId: number, state: ReviewState): Promise<void> {
    const review = await this.#store.findReviewById(reviewId);
    if (!review) return;
    const [voteEvents, statements] = await Promise.all([
      this.#store.countVoteEvents(reviewId),
      this.#store.listStatements(reviewId),
    ]);
    if (voteEvents === state.analysedVoteEvents && statements.length === state.analysedStatementCount) return;
    // Another instance may have analysed these very votes already (it held the lock last time).
    await this.#adoptStored(reviewId, state);
    if (voteEvents === state.analysedVoteEvents && statements.length === state.analysedStatementCount) return;
    const [votes, questions, answers] = await Promise.all([
      this.#store.listCurrentVotes(reviewId),
      this.#store.listIdentityQuestions(reviewId),
      this.#store.listReviewIdentityAnswers(reviewId),
    ]);
    const input = buildAnalysisInput(
      { moderationMode: review.moderationMode, statements, votes, questions, answers },
      state.index,
    );
    const task: AnalyseTask = {
      input,
      // A fixed seed per review: the same votes always give the same groups.
      options: { seed: deriveSeed(0, `review:${reviewId}`), bridging: true },
      ...(state.analysis ? { previous: state.analysis } : {}),
      ids: { statementIds: [...state.index.statementIds], questionIds: questions.map((question) => question.id) },
    };
    const result = this.#pool ? await this.#pool.run(task) : runAnalyseTask(task);
    const { version } = await this.#store.saveAnalysis({
      reviewId,
      createdAt: new Date().toISOString(),
      voteEventCount: voteEvents,
      result: JSON.stringify(result.summary),
    });
    state.analysis = result.analysis;
    state.analysedVoteEvents = voteEvents;
    state.analysedStatementCount = statements.length;
    const priorityByStatementId = new Map<number, number>();
    for (let index = 0; index < result.analysis.statementCount; index++) {
      const statementId = state.index.statementIds[index];
      if (statementId !== undefined) {
        priorityByStatementId.set(statementId, result.analysis.statements.priority[index] ?? 0);
      }
    }
    state.routing = { version, priorityByStatementId };
    this.#options.onAnalysisSaved?.({ reviewId, version });
  }

  /** Reads the newest stored analysis into the routing state; false when there is none to adopt. */
  async #adoptStored(reviewId: number, state: ReviewState): Promise<boolean> {
    const latest = await this.#store.latestAnalysis(reviewId);
    if (!latest || (state.routing?.version ?? 0) >= latest.version) return latest !== undefined;
    const parsed = storedRoutingSchema.safeParse(JSON.parse(latest.result));
    if (!parsed.success) return false;
    const priorityByStatementId = new Map<number, number>();
    for (const statement of parsed.data.statements) {
      if (statement.priority !== undefined) priorityByStatementId.set(statement.statementId, statement.priority);
    }
    // Without stored weights (an analysis from before they were stored) fewest-votes-first routing stays.
    if (priorityByStatementId.size > 0) state.routing = { version: latest.version, priorityByStatementId };
    state.analysedVoteEvents = latest.voteEventCount;
    state.analysedStatementCount = parsed.data.statements.length;
    return true;
  }
}
