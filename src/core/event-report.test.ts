import { describe, expect, it } from 'vitest';
import { buildEventReport, reportEditable, reportLocksAt, reportPhase, reportPublic } from './event-report.js';

describe('event report phase', () => {
  const finishedAt = '2026-12-03T20:30:00.000Z';

  it('is a draft until the event is finished', () => {
    expect(reportPhase(null, '2030-01-01T00:00:00.000Z')).toBe('draft');
    expect(reportLocksAt(null)).toBeNull();
  });

  it('is open for suggestions for 72 hours after finishing, then locked and public', () => {
    expect(reportLocksAt(finishedAt)).toBe('2026-12-06T20:30:00.000Z');
    expect(reportPhase(finishedAt, finishedAt)).toBe('open');
    expect(reportPhase(finishedAt, '2026-12-06T20:29:59.999Z')).toBe('open');
    expect(reportPhase(finishedAt, '2026-12-06T20:30:00.000Z')).toBe('locked');
    expect(reportEditable('open')).toBe(true);
    expect(reportEditable('locked')).toBe(false);
    expect(reportPublic('open')).toBe(false);
    expect(reportPublic('locked')).toBe(true);
  });
});

describe('buildEventReport', () => {
  it('groups outcomes by kind in a fixed order and leaves empty kinds out', () => {
    const report = buildEventReport(
      'We met.',
      [
        { id: 3, kind: 'action', text: 'Write to the council' },
        { id: 1, kind: 'agreement', text: 'Buses matter' },
        { id: 2, kind: 'agreement', text: 'Libraries matter' },
      ],
      [{ text: 'Rural buses should run hourly' }],
    );
    expect(report).toEqual({
      summary: 'We met.',
      sections: [
        {
          kind: 'agreement',
          items: [
            { id: 1, text: 'Buses matter' },
            { id: 2, text: 'Libraries matter' },
          ],
        },
        { kind: 'action', items: [{ id: 3, text: 'Write to the council' }] },
      ],
      statements: ['Rural buses should run hourly'],
    });
  });
});
