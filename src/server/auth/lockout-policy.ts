/**
 * How failed sign-ins turn into a wait, as a pure function of the failure times so every app
 * instance, reading the same rows, reaches the same answer.
 *
 * `threshold` failures inside `windowMs` lock the subject for `baseDelayMs`. While the subject is
 * remembered (failures younger than `memoryMs`, none since cleared by a success), every further
 * `thresholdAfterLock` failures lock it again for twice as long as the last time, up to `maxDelayMs`.
 * Failures that land during a lock (two instances racing) do not count.
 */
export interface LockoutPolicy {
  threshold: number;
  thresholdAfterLock: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  memoryMs: number;
}

const minute = 60_000;

/** Per email tried: 5 failures in 15 minutes lock it for 1 minute, then each failure doubles the wait (max 1 hour). */
export const accountLockoutPolicy: LockoutPolicy = {
  threshold: 5,
  thresholdAfterLock: 1,
  windowMs: 15 * minute,
  baseDelayMs: minute,
  maxDelayMs: 60 * minute,
  memoryMs: 24 * 60 * minute,
};

/**
 * Per client address: looser, because many people can share one address (an office, a mobile
 * network), but enough to stop one machine guessing across many accounts.
 */
export const addressLockoutPolicy: LockoutPolicy = {
  threshold: 20,
  thresholdAfterLock: 5,
  windowMs: 15 * minute,
  baseDelayMs: minute,
  maxDelayMs: 60 * minute,
  memoryMs: 24 * 60 * minute,
};

/** The end of the latest lock (ms since the epoch) given failure times in ascending order, or null if never locked. */
export function lockEnd(failureTimes: readonly number[], policy: LockoutPolicy): number | null {
  let level = 0;
  let end: number | null = null;
  let streak: number[] = [];
  for (const time of failureTimes) {
    if (end !== null && time < end) continue;
    streak = streak.filter((earlier) => earlier > time - policy.windowMs);
    streak.push(time);
    if (streak.length >= (level === 0 ? policy.threshold : policy.thresholdAfterLock)) {
      level += 1;
      end = time + Math.min(policy.baseDelayMs * 2 ** (level - 1), policy.maxDelayMs);
      streak = [];
    }
  }
  return end;
}
