import { describe, expect, it } from 'vitest';
import { countPerTheme, countThemesByGroup } from './theme-counts.js';

const ids = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

const run = {
  themes: [
    { id: 'theme-1', label: 'leader, trust', answerIds: ids('a', 40) },
    { id: 'theme-2', label: 'bills, prices', answerIds: ids('b', 25) },
    { id: 'theme-3', label: 'brexit', answerIds: ids('c', 4) },
  ],
  unclassifiedAnswerIds: ids('u', 12),
};

describe('countPerTheme', () => {
  it('counts answers per theme and unclassified, hiding a small count so it cannot be subtracted out', () => {
    const counts = countPerTheme(run);
    expect(counts.rows.map((row) => row.themeId)).toEqual(['theme-1', 'theme-2', 'theme-3', null]);
    expect(counts.rows[0]?.count).toEqual({ state: 'shown', value: 40 });
    expect(counts.rows[2]?.count).toEqual({ state: 'small' });
    // With the total shown, the 4 could be worked out from the rest, so the smallest large count
    // (the 12 unclassified) is hidden as its complement.
    expect(counts.total).toBe(81);
    expect(counts.rows[3]?.count).toEqual({ state: 'complement' });
    expect(counts.rows[1]?.count).toEqual({ state: 'shown', value: 25 });
  });

  it('shows every count when none is small', () => {
    const counts = countPerTheme({ themes: run.themes.slice(0, 2), unclassifiedAnswerIds: [] });
    expect(counts.rows.map((row) => row.count)).toEqual([
      { state: 'shown', value: 40 },
      { state: 'shown', value: 25 },
      { state: 'shown', value: 0 },
    ]);
    expect(counts.total).toBe(65);
  });
});

describe('countThemesByGroup', () => {
  // theme-1: 30 in Seat A, 10 in Seat B; theme-2: 20 in Seat A, 3 in Seat B, 2 with no seat.
  const seatOf = (answerId: string): string | undefined => {
    const [prefix, number] = answerId.split('-') as [string, string];
    const index = Number(number);
    if (prefix === 'a') return index < 30 ? 'Seat A' : 'Seat B';
    if (prefix === 'b') return index < 20 ? 'Seat A' : index < 23 ? 'Seat B' : undefined;
    return 'Seat C';
  };

  it('cross-tabulates themes by group, with a column for answers whose group is not known', () => {
    const table = countThemesByGroup(run, seatOf);
    expect(table.groups).toEqual(['Seat A', 'Seat B', 'Seat C', null]);
    expect(table.rows[0]).toEqual({
      themeId: 'theme-1',
      label: 'leader, trust',
      cells: [
        { state: 'shown', value: 30 },
        { state: 'shown', value: 10 },
        { state: 'shown', value: 0 },
        { state: 'shown', value: 0 },
      ],
      total: 40,
    });
  });

  it('suppresses small cells in each theme so none can be read off or worked out', () => {
    const table = countThemesByGroup(run, seatOf);
    // Economy: 20, 3, 0, 2 (total 25). The two small cells add up to 5, so either could be 1 to 4:
    // neither is pinned, and the 20 and the total can be shown.
    expect(table.rows[1]?.cells).toEqual([
      { state: 'shown', value: 20 },
      { state: 'small' },
      { state: 'shown', value: 0 },
      { state: 'small' },
    ]);
    expect(table.rows[1]?.total).toBe(25);
    // Brexit: 4 answers, all in Seat C: with the total shown the hidden 4 would be known, and there is
    // no other count to hide with it, so the total is withheld.
    expect(table.rows[2]?.cells).toEqual([
      { state: 'shown', value: 0 },
      { state: 'shown', value: 0 },
      { state: 'small' },
      { state: 'shown', value: 0 },
    ]);
    expect(table.rows[2]?.total).toBeNull();
  });
});
