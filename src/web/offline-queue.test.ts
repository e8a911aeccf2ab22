import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { isTransient, newIdempotencyKey, OfflineQueue, type QueueStorage } from './offline-queue.js';

function memory(): QueueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const problem = (status: number, code: string) =>
  new ApiError({ type: 'about:blank', title: code, status, code, detail: `${code} detail` });

const voice = (text: string) => ({ placeId: 1, text, consent: true as const });
const at = new Date('2026-11-25T10:00:00.000Z');

describe('the offline voice queue', () => {
  it('keeps entries on the device with a fresh key each, until the server has them', async () => {
    const storage = memory();
    const queue = new OfflineQueue(storage, 'q');
    const first = queue.add(voice('one'), at);
    const second = queue.add(voice('two'), at);
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    // A second queue on the same storage (a reloaded page) sees them.
    expect(new OfflineQueue(storage, 'q').list().map((entry) => entry.body.text)).toEqual(['one', 'two']);

    const sent: string[] = [];
    const result = await queue.sync(async (entry) => void sent.push(entry.idempotencyKey), String);
    expect(result).toEqual({ sent: 2, refused: 0, interrupted: false });
    expect(sent).toEqual([first.idempotencyKey, second.idempotencyKey]);
    expect(queue.list()).toEqual([]);
  });

  it('stops at a network failure and keeps that entry and the rest, with the same keys, for the next run', async () => {
    const queue = new OfflineQueue(memory(), 'q');
    const entries = [queue.add(voice('one'), at), queue.add(voice('two'), at), queue.add(voice('three'), at)];
    let calls = 0;
    const result = await queue.sync(async () => {
      calls += 1;
      if (calls === 2) throw problem(0, 'network_error');
    }, String);
    expect(result).toEqual({ sent: 1, refused: 0, interrupted: true });
    expect(queue.list().map((entry) => entry.idempotencyKey)).toEqual([
      entries[1]!.idempotencyKey,
      entries[2]!.idempotencyKey,
    ]);

    const retried: string[] = [];
    await queue.sync(async (entry) => void retried.push(entry.idempotencyKey), String);
    expect(retried).toEqual([entries[1]!.idempotencyKey, entries[2]!.idempotencyKey]);
  });

  it('sets aside an entry the server refuses, with the reason, and goes on with the others', async () => {
    const queue = new OfflineQueue(memory(), 'q');
    queue.add(voice('bad'), at);
    queue.add(voice('good'), at);
    const result = await queue.sync(
      async (entry) => {
        if (entry.body.text === 'bad') throw problem(400, 'validation_failed');
      },
      (error) => (error instanceof ApiError ? error.detail : 'unknown'),
    );
    expect(result).toEqual({ sent: 1, refused: 1, interrupted: false });
    expect(queue.list()).toMatchObject([{ body: { text: 'bad' }, error: 'validation_failed detail' }]);
    // Refused entries are not sent again on their own.
    let calls = 0;
    await queue.sync(async () => {
      calls += 1;
    }, String);
    expect(calls).toBe(0);
  });

  it('runs one sync at a time: a second call joins the first', async () => {
    const queue = new OfflineQueue(memory(), 'q');
    queue.add(voice('one'), at);
    let release: () => void = () => {};
    let calls = 0;
    const send = () => {
      calls += 1;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const first = queue.sync(send, String);
    const second = queue.sync(send, String);
    await Promise.resolve();
    release();
    expect(await first).toBe(await second);
    expect(calls).toBe(1);
  });

  it('treats no connection, server errors and throttling as worth retrying, other refusals not', () => {
    expect(isTransient(problem(0, 'network_error'))).toBe(true);
    expect(isTransient(problem(503, 'unavailable'))).toBe(true);
    expect(isTransient(problem(429, 'rate_limited'))).toBe(true);
    expect(isTransient(new TypeError('fetch failed'))).toBe(true);
    expect(isTransient(problem(400, 'validation_failed'))).toBe(false);
    expect(isTransient(problem(409, 'idempotency_key_reused'))).toBe(false);
  });

  it('makes keys the server accepts', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
  });
});
