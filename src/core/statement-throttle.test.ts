import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideStatementPosting, postingWindowStart, statementPostingLimits } from './statement-throttle.js';

const now = '2026-11-25T10:00:00.000Z';
const minutesBefore = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString();

describe('decideStatementPosting', () => {
  it('allows a participant under both limits', () => {
    expect(decideStatementPosting({ total: 0, recentCreatedAt: [] }, now)).toEqual({ allowed: true });
    expect(decideStatementPosting({ total: 2, recentCreatedAt: [minutesBefore(1), minutesBefore(2)] }, now)).toEqual({
      allowed: true,
    });
  });

  it('refuses a fourth statement within ten minutes until the oldest leaves the window', () => {
    const recent = [minutesBefore(1), minutesBefore(7), minutesBefore(4)];
    expect(decideStatementPosting({ total: 3, recentCreatedAt: recent }, now)).toEqual({
      allowed: false,
      reason: 'too_fast',
      retryAt: '2026-11-25T10:03:00.000Z',
      recentCount: 3,
    });
  });

  it('ignores statements older than the window', () => {
    const recent = [minutesBefore(1), minutesBefore(2), minutesBefore(10), minutesBefore(11)];
    expect(decideStatementPosting({ total: 4, recentCreatedAt: recent }, now)).toEqual({ allowed: true });
    expect(postingWindowStart(now)).toBe(minutesBefore(statementPostingLimits.windowMinutes));
  });

  it('refuses for good once the review ceiling is reached', () => {
    expect(decideStatementPosting({ total: statementPostingLimits.perReview, recentCreatedAt: [] }, now)).toEqual({
      allowed: false,
      reason: 'too_many',
      total: statementPostingLimits.perReview,
    });
  });

  it('allows again exactly at retryAt and not a millisecond before', () => {
    const limits = fc.record({
      perWindow: fc.integer({ min: 1, max: 5 }),
      windowMinutes: fc.integer({ min: 1, max: 60 }),
      perReview: fc.constant(1000),
    });
    fc.assert(
      fc.property(limits, fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 12 }), (limit, agesMs) => {
        const recentCreatedAt = agesMs.map((age) => new Date(Date.parse(now) - age).toISOString());
        const decision = decideStatementPosting({ total: agesMs.length, recentCreatedAt }, now, limit);
        if (decision.allowed) return true;
        if (decision.reason !== 'too_fast') return false;
        const later = (offset: number) => new Date(Date.parse(decision.retryAt) + offset).toISOString();
        // Nothing new is posted meanwhile, so the same history is judged at the later moments.
        return (
          Date.parse(decision.retryAt) > Date.parse(now) &&
          decideStatementPosting({ total: agesMs.length, recentCreatedAt }, later(0), limit).allowed &&
          !decideStatementPosting({ total: agesMs.length, recentCreatedAt }, later(-1), limit).allowed
        );
      }),
    );
  });
});
