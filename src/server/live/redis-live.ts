import { Redis } from 'ioredis';
import type { LiveTransport } from './shared-live-bus.js';

export interface RedisTransportOptions {
  /** Told when a Redis connection fails; ioredis reconnects (and resubscribes) by itself. */
  onError?: (error: unknown) => void;
}

/**
 * Redis pub/sub. A connection in subscriber mode can issue no other command, so publishing uses a
 * second connection. Both reconnect by themselves; messages published while the subscriber is away
 * are lost, as with LISTEN/NOTIFY.
 */
export class RedisTransport implements LiveTransport {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;

  constructor(redisUrl: string, options: RedisTransportOptions = {}) {
    this.#publisher = new Redis(redisUrl, { lazyConnect: true });
    this.#subscriber = new Redis(redisUrl, { lazyConnect: true });
    // Without 'error' listeners ioredis logs every failed reconnection attempt to the console.
    this.#publisher.on('error', (error) => options.onError?.(error));
    this.#subscriber.on('error', (error) => options.onError?.(error));
  }

  async start(channels: readonly string[], onMessage: (channel: string, payload: string) => void): Promise<void> {
    this.#subscriber.on('message', onMessage);
    await Promise.all([this.#publisher.connect(), this.#subscriber.connect()]);
    await this.#subscriber.subscribe(...channels);
  }

  async publish(channel: string, payload: string): Promise<void> {
    await this.#publisher.publish(channel, payload);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber.quit(), this.#publisher.quit()]);
  }
}
