import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRetentionDue, retentionDueAt, reviewsDueForRetention } from './retention.js';

const closedAt = '2026-03-01T12:00:00.000Z';

describe('retention rule', () => {
  it('falls due the given number of whole days after closing', () => {
    expect(retentionDueAt({ closedAt, retentionDays: 30 })).toBe('2026-03-31T12:00:00.000Z');
    expect(retentionDueAt({ closedAt, retentionDays: 0 })).toBe(closedAt);
  });

  it('never falls due without a retention period or before the review closes', () => {
    expect(retentionDueAt({ closedAt, retentionDays: null })).toBeNull();
    expect(retentionDueAt({ closedAt: null, retentionDays: 30 })).toBeNull();
    expect(
      isRetentionDue({ closedAt: null, retentionDays: 1, identifyingDataDeletedAt: null }, '2030-01-01T00:00:00.000Z'),
    ).toBe(false);
  });

  it('is due from the due moment on, not a millisecond before', () => {
    const facts = { closedAt, retentionDays: 30, identifyingDataDeletedAt: null };
    expect(isRetentionDue(facts, '2026-03-31T11:59:59.999Z')).toBe(false);
    expect(isRetentionDue(facts, '2026-03-31T12:00:00.000Z')).toBe(true);
  });

  it('runs once per close: done after closing means not due; a later close makes it due again', () => {
    const done = { closedAt, retentionDays: 1, identifyingDataDeletedAt: '2026-03-02T13:00:00.000Z' };
    expect(isRetentionDue(done, '2026-04-01T00:00:00.000Z')).toBe(false);
    const closedAgain = { ...done, closedAt: '2026-05-01T00:00:00.000Z' };
    expect(isRetentionDue(closedAgain, '2026-05-01T23:59:59.999Z')).toBe(false);
    expect(isRetentionDue(closedAgain, '2026-05-02T00:00:00.000Z')).toBe(true);
  });

  it('picks exactly the due reviews, keeping their order', () => {
    const now = '2026-06-01T00:00:00.000Z';
    const candidates = [
      { id: 1, closedAt: '2026-05-01T00:00:00.000Z', retentionDays: 10, identifyingDataDeletedAt: null },
      { id: 2, closedAt: '2026-05-30T00:00:00.000Z', retentionDays: 10, identifyingDataDeletedAt: null },
      {
        id: 3,
        closedAt: '2026-01-01T00:00:00.000Z',
        retentionDays: 10,
        identifyingDataDeletedAt: '2026-01-11T00:00:00.000Z',
      },
      { id: 4, closedAt: '2026-01-01T00:00:00.000Z', retentionDays: null, identifyingDataDeletedAt: null },
    ];
    expect(reviewsDueForRetention(candidates, now).map((review) => review.id)).toEqual([1]);
  });

  it('once due, stays due until done, for any closing time and period', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 10 ** 10 }),
        (closed, days, later) => {
          const facts = { closedAt: closed.toISOString(), retentionDays: days, identifyingDataDeletedAt: null };
          const dueAt = retentionDueAt(facts);
          if (dueAt === null) return false;
          const after = new Date(Date.parse(dueAt) + later).toISOString();
          return (
            isRetentionDue(facts, dueAt) &&
            isRetentionDue(facts, after) &&
            !isRetentionDue({ ...facts, identifyingDataDeletedAt: after }, after)
          );
        },
      ),
    );
  });
});
