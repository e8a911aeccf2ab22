import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, utcToWallTime, wallTimeToUtc } from './time.js';

describe('event times', () => {
  it('turns wall-clock times into UTC across summer time and back', () => {
    expect(wallTimeToUtc('2026-12-03T18:30', 'Europe/London')).toBe('2026-12-03T18:30:00.000Z');
    expect(wallTimeToUtc('2026-07-03T18:30', 'Europe/London')).toBe('2026-07-03T17:30:00.000Z');
    expect(wallTimeToUtc('2026-07-03T18:30', 'America/New_York')).toBe('2026-07-03T22:30:00.000Z');
    expect(wallTimeToUtc('2026-12-03T09:00', 'Asia/Kolkata')).toBe('2026-12-03T03:30:00.000Z');
    for (const [wall, zone] of [
      ['2026-03-29T03:15', 'Europe/London'],
      ['2026-10-25T00:30', 'Europe/Paris'],
      ['2026-01-01T00:00', 'Pacific/Auckland'],
    ] as const) {
      expect(utcToWallTime(wallTimeToUtc(wall, zone)!, zone)).toBe(wall);
    }
  });

  it('refuses dates that do not exist and zones that are unknown', () => {
    expect(wallTimeToUtc('2026-02-31T10:00', 'Europe/London')).toBeUndefined();
    expect(wallTimeToUtc('2026-02-01T25:00', 'Europe/London')).toBeUndefined();
    expect(isKnownTimeZone('Europe/Cardiff')).toBe(false);
    expect(isKnownTimeZone('Europe/London')).toBe(true);
  });
});
