import { describe, expect, it } from 'vitest';
import {
  agendaFromTemplate,
  agendaMinutes,
  checkAgenda,
  eventMinutes,
  millisecondsLeft,
  neighbourItem,
  runSheetTemplates,
} from './index.js';

describe('run sheet templates', () => {
  it('has the roundtable guide in English and Welsh with the same items and minutes', () => {
    const english = agendaFromTemplate('roundtable', 'en');
    const welsh = agendaFromTemplate('roundtable', 'cy');
    expect(english.map((item) => item.title)).toEqual([
      'Welcome',
      'Ground rules',
      'The world a child born today will see',
      'Open discussion',
      'What we agree on',
      'Close',
    ]);
    expect(welsh.map((item) => item.minutes)).toEqual(english.map((item) => item.minutes));
    expect(welsh[0]?.title).toBe('Croeso');
  });

  it('gives every item of every template prompts in both languages, and fits a two-hour event', () => {
    for (const template of Object.values(runSheetTemplates)) {
      for (const item of template.items) {
        expect(item.prompts.en.length).toBeGreaterThan(0);
        expect(item.prompts.cy.length).toBe(item.prompts.en.length);
      }
      expect(checkAgenda(agendaFromTemplate(template.id, 'en'), 120)).toEqual([]);
    }
  });

  it('copies, so editing the copy leaves the template alone', () => {
    const copy = agendaFromTemplate('workshop', 'en');
    copy[0]?.prompts.push('Extra');
    expect(agendaFromTemplate('workshop', 'en')[0]?.prompts).not.toContain('Extra');
  });
});

describe('checkAgenda', () => {
  const item = (minutes: number, title = 'Talk') => ({ title, minutes, prompts: [] });

  it('refuses an agenda that overruns the event, naming the total', () => {
    expect(checkAgenda([item(60), item(61)], 120)).toEqual([
      { field: 'items', message: 'The agenda takes 121 minutes but the event lasts 120.' },
    ]);
    expect(checkAgenda([item(60), item(60)], 120)).toEqual([]);
  });

  it('names each item with minutes outside 1–240 or no title, and an empty agenda', () => {
    expect(checkAgenda([item(0), item(241), item(5, ' ')], 1000).map((problem) => problem.field)).toEqual([
      'items.0.minutes',
      'items.1.minutes',
      'items.2.title',
    ]);
    expect(checkAgenda([], 60)[0]?.field).toBe('items');
  });

  it('measures the event and the agenda in whole minutes', () => {
    expect(eventMinutes('2026-12-03T18:30:00.000Z', '2026-12-03T20:30:00.000Z')).toBe(120);
    expect(agendaMinutes([item(10), item(15)])).toBe(25);
  });
});

describe('the live timer', () => {
  it('counts down from the stored start and goes negative on overrun', () => {
    const startedAt = '2026-12-03T18:30:00.000Z';
    expect(millisecondsLeft(10, startedAt, Date.parse('2026-12-03T18:35:00.000Z'))).toBe(300_000);
    expect(millisecondsLeft(10, startedAt, Date.parse('2026-12-03T18:41:00.000Z'))).toBe(-60_000);
  });

  it('steps to the next and previous items and stops at either end', () => {
    expect(neighbourItem([4, 5, 6], null, 'next')).toBe(4);
    expect(neighbourItem([4, 5, 6], 5, 'next')).toBe(6);
    expect(neighbourItem([4, 5, 6], 5, 'previous')).toBe(4);
    expect(neighbourItem([4, 5, 6], 6, 'next')).toBeUndefined();
    expect(neighbourItem([4, 5, 6], 4, 'previous')).toBeUndefined();
  });
});
