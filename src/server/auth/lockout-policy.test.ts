import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountLockoutPolicy, addressLockoutPolicy, lockEnd } from './lockout-policy.js';

const minute = 60_000;
const start = Date.parse('2026-11-25T10:00:00.000Z');

describe('lockEnd', () => {
  it('locks after the fifth failure inside 15 minutes, for one minute', () => {
    const four = [0, 1, 2, 3].map((index) => start + index * minute);
    expect(lockEnd(four, accountLockoutPolicy)).toBeNull();
    const five = [...four, start + 4 * minute];
    expect(lockEnd(five, accountLockoutPolicy)).toBe(start + 5 * minute);
  });

  it('does not lock when the failures are spread wider than the window', () => {
    const spread = [0, 4, 8, 12, 16, 20].map((index) => start + index * minute);
    expect(lockEnd(spread, accountLockoutPolicy)).toBeNull();
  });

  it('doubles the wait for each failure after a lock, up to an hour', () => {
    const failures = [0, 1, 2, 3, 4].map((index) => start + index * 1000);
    let end = lockEnd(failures, accountLockoutPolicy) ?? 0;
    const waits: number[] = [end - (failures.at(-1) ?? 0)];
    for (let round = 0; round < 8; round += 1) {
      failures.push(end);
      const next = lockEnd(failures, accountLockoutPolicy) ?? 0;
      waits.push(next - end);
      end = next;
    }
    expect(waits.map((wait) => wait / minute)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('ignores failures that land during a lock', () => {
    const five = [0, 1, 2, 3, 4].map((index) => start + index * 1000);
    const during = [...five, start + 30_000, start + 40_000];
    expect(lockEnd(during, accountLockoutPolicy)).toBe(lockEnd(five, accountLockoutPolicy));
  });

  it('is looser per address than per email', () => {
    const nineteen = Array.from({ length: 19 }, (_, index) => start + index * 1000);
    expect(lockEnd(nineteen, addressLockoutPolicy)).toBeNull();
    expect(lockEnd([...nineteen, start + 19_000], addressLockoutPolicy)).not.toBeNull();
  });

  it('never locks fewer than the threshold, and a lock always ends after its last failure', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 24 * 60 * minute }), { maxLength: 40 }), (offsets) => {
        const times = offsets.map((offset) => start + offset).sort((a, b) => a - b);
        const end = lockEnd(times, accountLockoutPolicy);
        if (times.length < accountLockoutPolicy.threshold) expect(end).toBeNull();
        if (end !== null) {
          const last = times.filter((time) => time < end).at(-1) ?? 0;
          expect(end - last).toBeGreaterThanOrEqual(accountLockoutPolicy.baseDelayMs);
          expect(end - last).toBeLessThanOrEqual(accountLockoutPolicy.maxDelayMs);
        }
      }),
    );
  });
});
