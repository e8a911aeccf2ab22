import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type AnalysisEvents, type AnalysisSaved, InProcessAnalysisEvents } from './analysis-events.js';

/** The channel on which a saved analysis is announced to every app instance. */
export const analysisChannel = 'common_ground_analysis';
/** The channel on which a vote or statement change is announced, so every instance schedules analysis. */
export const reviewChangedChannel = 'common_ground_review_changed';

/** A message system several app instances share (PostgreSQL LISTEN/NOTIFY, Redis pub/sub). */
export interface LiveTransport {
  /** Starts listening on the channels; `onMessage` is called for every message, including our own. */
  start(channels: readonly string[], onMessage: (channel: string, payload: string) => void): Promise<void>;
  publish(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Changes to a review that should lead to a fresh analysis, announced to the other app instances. */
export interface ReviewChanges {
  /** Tells the other instances (not this one) that the review changed. */
  publish(reviewId: number): void;
  subscribe(listener: (reviewId: number) => void): () => void;
}

/** Everything that crosses app instances: analysis announcements and review changes. */
export interface LiveBus {
  analysisEvents: AnalysisEvents;
  reviewChanges: ReviewChanges;
  close(): Promise<void>;
}

/** One process: nothing to tell anyone else. */
export function inProcessLiveBus(): LiveBus {
  return {
    analysisEvents: new InProcessAnalysisEvents(),
    reviewChanges: { publish: () => {}, subscribe: () => () => {} },
    close: async () => {},
  };
}

const messageSchema = z.object({
  reviewId: z.number().int(),
  version: z.number().int().optional(),
  /** Which database the review lives in (two deployments may share a server or a Redis). */
  scope: z.string(),
  /** The instance that sent it, so it can ignore its own message (it delivered that locally). */
  origin: z.string(),
});

export interface SharedLiveBusOptions {
  /** Names the database the reviews live in; messages from another scope are ignored. */
  scope: string;
  /** At most one review-changed message per review in this window (plus one at its end). */
  reviewChangedThrottleMs?: number;
  /** Told when a message cannot be sent or read; live updates degrade, nothing else fails. */
  onError?: (error: unknown) => void;
}

/**
 * Fans analysis announcements and review changes out through a shared transport. Listeners in this
 * process hear an announcement at once; other instances hear it from the transport. Review changes
 * are throttled per review because a burst of votes needs only a handful of messages: each receiver
 * debounces its own analysis run anyway.
 */
export class SharedLiveBus implements LiveBus {
  readonly analysisEvents: AnalysisEvents;
  readonly reviewChanges: ReviewChanges;
  readonly #transport: LiveTransport;
  readonly #options: SharedLiveBusOptions;
  readonly #origin = randomUUID();
  readonly #local = new InProcessAnalysisEvents();
  readonly #reviewChangeListeners = new Set<(reviewId: number) => void>();
  readonly #lastReviewChangeSent = new Map<number, number>();
  readonly #trailingReviewChange = new Map<number, NodeJS.Timeout>();
  #closed = false;

  private constructor(transport: LiveTransport, options: SharedLiveBusOptions) {
    this.#transport = transport;
    this.#options = options;
    this.analysisEvents = {
      publish: (event) => this.#publishAnalysis(event),
      subscribe: (reviewId, listener) => this.#local.subscribe(reviewId, listener),
      subscribeAll: (listener) => this.#local.subscribeAll(listener),
    };
    this.reviewChanges = {
      publish: (reviewId) => this.#publishReviewChange(reviewId),
      subscribe: (listener) => {
        this.#reviewChangeListeners.add(listener);
        return () => {
          this.#reviewChangeListeners.delete(listener);
        };
      },
    };
  }

  /** Starts listening before returning, so no announcement made after start-up is missed. */
  static async start(transport: LiveTransport, options: SharedLiveBusOptions): Promise<SharedLiveBus> {
    const bus = new SharedLiveBus(transport, options);
    await transport.start([analysisChannel, reviewChangedChannel], (channel, payload) =>
      bus.#receive(channel, payload),
    );
    return bus;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#trailingReviewChange.values()) clearTimeout(timer);
    this.#trailingReviewChange.clear();
    await this.#transport.close();
  }

  #publishAnalysis(event: AnalysisSaved): void {
    this.#local.publish(event);
    this.#send(analysisChannel, { reviewId: event.reviewId, version: event.version });
  }

  #publishReviewChange(reviewId: number): void {
    if (this.#closed || this.#trailingReviewChange.has(reviewId)) return;
    const throttleMs = this.#options.reviewChangedThrottleMs ?? 250;
    const now = Date.now();
    const last = this.#lastReviewChangeSent.get(reviewId);
    const send = () => {
      this.#lastReviewChangeSent.set(reviewId, Date.now());
      this.#send(reviewChangedChannel, { reviewId });
    };
    if (last === undefined || now - last >= throttleMs) {
      send();
      return;
    }
    // A change inside the window still gets announced once the window ends, so the last vote of a
    // burst is never left unanalysed elsewhere.
    const timer = setTimeout(
      () => {
        this.#trailingReviewChange.delete(reviewId);
        send();
      },
      throttleMs - (now - last),
    );
    timer.unref();
    this.#trailingReviewChange.set(reviewId, timer);
  }

  #send(channel: string, message: { reviewId: number; version?: number }): void {
    if (this.#closed) return;
    const payload = JSON.stringify({ ...message, scope: this.#options.scope, origin: this.#origin });
    this.#transport.publish(channel, payload).catch((error: unknown) => this.#options.onError?.(error));
  }

  #receive(channel: string, payload: string): void {
    let message: z.infer<typeof messageSchema>;
    try {
      message = messageSchema.parse(JSON.parse(payload));
    } catch (error) {
      this.#options.onError?.(error);
      return;
    }
    if (message.scope !== this.#options.scope || message.origin === this.#origin) return;
    if (channel === analysisChannel && message.version !== undefined) {
      this.#local.publish({ reviewId: message.reviewId, version: message.version });
    } else if (channel === reviewChangedChannel) {
      for (const listener of [...this.#reviewChangeListeners]) {
        try {
          listener(message.reviewId);
        } catch (error) {
          this.#options.onError?.(error);
        }
      }
    }
  }
}
